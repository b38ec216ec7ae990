using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Devices;
using TrustAnchor.Smki;
using TrustAnchor.Simulator.Expectations;
using TrustAnchor.Simulator.Han;
using TrustAnchor.Simulator.Premises;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Simulator.Tracing;
using TrustAnchor.Simulator.Wan;

namespace TrustAnchor.Simulator.Steps;

/// <summary>
/// Install &amp; Commission: pre-notification, the Comms Hub's WAN coming up, CCS01 to its Device Log, the meters
/// joining the ZigBee HAN, the CS03 joins, ECS70 Set Clock on the ESME and each device's commissioning alert.
/// </summary>
public sealed class InstallSteps(
    CommandExchange exchange,
    CredentialsDetailsRequest details,
    ILinkFactory wanLinks,
    [FromKeyedServices(LinkKeys.Han)] ILinkFactory hanLinks,
    IFrameTrace trace,
    ILogger<CommsHub> hubLogger,
    ILogger<MeterNode> meterLogger)
{
    /// <summary>SR 12.2: the DCC's inventory learns each device and what the pack puts in its cells.</summary>
    public StepOutcome PreNotify(SmartMeteringSystem premises)
    {
        var dcc = premises.Dcc;
        var pack = dcc.BuildPack;
        foreach (var device in premises.Devices)
        {
            premises.InstallCodes.TryGetValue(device.EuiHex, out var code);
            var record = new DeviceRecord(device.Kind, device.Eui64, VirtualFactory.DeviceTypeOf(device.Kind), code, device.SigningPublicKey, device.KeyAgreementPublicKey, pack.PackName());
            foreach (var cell in CellSets.For((DeviceType)record.DeviceType))
            {
                var key = new CellKey((int)cell.Role, (int)cell.KeyUsage, (int)cell.CellUsage);
                record.Expected[key] = PackCells.Holder(dcc.Smki, pack, key);
            }

            premises.Inventory.Add(record);
        }

        return new StepOutcome($"Comms Hub + {StepText.Devices(premises.Meters)} in the inventory, made with pack {pack.PackName()}");
    }

    /// <summary>SR 8.14.1: the hub's WAN link comes up and the DCC recognises its pack from CS02a.</summary>
    public async Task<StepOutcome> InstallHubAsync(SmartMeteringSystem premises, ScenarioStep step, CancellationToken cancellationToken)
    {
        var dcc = premises.Dcc;
        if (premises.CommsHub is null)
        {
            var wan = await wanLinks.CreateAsync($"wan:{premises.Name}", premises.WanFaults, premises.WanFaults, Seeds.Derive(dcc.Options.Seed, premises.Index, "wan"), premises.Report.Wan, cancellationToken);
            premises.Wan = wan;
            wan.TraceTo(trace, TraceLink.Wan, premises.Index);
            premises.Exchange = new WanExchange(wan.Near, dcc.Options.ResponseTimeout);
            // The Device Log lives in the hub's firmware (CCS01 fills it); the hub's HAN side consults the same table.
            var log = new TrustAnchor.Firmware.Han.DeviceLog(dcc.Options.DeviceLogCapacity, dcc.Options.HanJoinTimeout);
            premises.Hub.AttachDeviceLog(log);
            premises.CommsHub = new CommsHub(premises.Hub, wan.Far, new DeviceLog(log), hubLogger);
            premises.CommsHub.Start();
        }

        // The DCC asks the hub what it holds (CS02a, as the WAN Provider) and looks the answer up in its packs.
        var hub = premises.Record(premises.Hub);
        var (answers, failures) = await details.AskAsync(premises, [premises.Hub], cancellationToken);
        var answer = answers[0];
        if (answer.Details is not { } held)
        {
            return new StepOutcome($"Comms Hub did not answer CS02a ({StepText.Summarise(answer.Answer)})", [.. failures, "the Comms Hub answers CS02a"]);
        }

        var recognised = PackCells.Recognise(dcc.Smki, dcc.Parties.CurrentPack, held);
        var detail = $"Comms Hub {hub.EuiHex} on the {(wanLinks.Kind == TransportKind.Tcp ? "TCP" : "in-memory")} WAN; CS02a: holds pack {recognised ?? "(none recognised)"}";
        ExpectationJudge.Pack(step, recognised, failures);
        ExpectationJudge.Outcomes(step, [("Comms Hub", answer.Outcome)], failures);
        return new StepOutcome(detail, failures);
    }

    /// <summary>SR 8.11: one CCS01 per meter to the Comms Hub, carrying the meter's EUI-64 and install code.</summary>
    public async Task<StepOutcome> WhitelistAsync(SmartMeteringSystem premises, ScenarioStep step, CancellationToken cancellationToken)
    {
        var dcc = premises.Dcc;
        var hub = premises.RequireHub();
        var meters = premises.Select(step, premises.Meters);
        var hubRecord = premises.Record(premises.Hub);
        var signer = CommandParties.Requester(dcc.Parties, hubRecord, step.Signer);
        var acb = CommandParties.AcbFor(dcc.Parties, hubRecord);
        if (RelyingParty.Refusal(dcc, signer, acb) is { } refusal)
        {
            var notSent = meters.Select(m => (DeviceKinds.DisplayName(m.Kind), refusal)).ToList();
            var refusedFailures = new List<string>();
            ExpectationJudge.Outcomes(step, notSent.Select(n => (n.Item1, "not-sent")), refusedFailures);
            return new StepOutcome("CCS01: the DCC refused to send it — " + StepText.NotSent(notSent), refusedFailures);
        }

        var items = new List<SingleCommand>();
        foreach (var meter in meters)
        {
            var code = (byte[])premises.InstallCodes[meter.EuiHex].Bytes.Clone();
            if (step.InstallCode == "wrong")
            {
                code[^1] ^= 0x5A; // the CRC no longer matches
            }

            hub.DeviceLog.NoteKind(meter.EuiHex, meter.Kind);
            items.Add(new SingleCommand(premises.Hub, DeviceKinds.DisplayName(meter.Kind), counter => DccCommands.AddDeviceToDeviceLog(signer, acb, hubRecord, counter, meter.Eui64, code)));
        }

        var (results, failures) = await exchange.SendOneByOneAsync(premises, step, items, cancellationToken);
        var added = results.Where(r => r.Result.Outcome == "accepted").Select(r => r.Label).ToList();
        var other = results.Where(r => r.Result.Outcome != "accepted").Select(r => $"{r.Label}: {StepText.Summarise(r.Result)}").ToList();
        var detail = $"CCS01 over the WAN, signed by {PartyNames.Display(signer.Name)}: {(added.Count == 0 ? "nothing added" : string.Join(", ", added) + " in the hub's Device Log")}";
        if (other.Count > 0)
        {
            detail += "; " + string.Join("; ", other);
        }

        if (added.Count > 0)
        {
            detail += $" (join window {dcc.Options.HanJoinTimeout.TotalMinutes:0} min; {hub.DeviceLog.Entries.Count} of {hub.DeviceLog.Capacity} rows)";
        }

        return new StepOutcome(detail, failures);
    }

    /// <summary>Meters join the ZigBee HAN, each presenting the link key from its install code.</summary>
    public async Task<StepOutcome> JoinAsync(SmartMeteringSystem premises, ScenarioStep step, CancellationToken cancellationToken)
    {
        var dcc = premises.Dcc;
        var hub = premises.RequireHub();
        var meters = premises.Select(step, premises.Meters);
        var results = new List<(string Device, string Outcome)>();
        var parts = new List<string>();
        foreach (var meter in meters)
        {
            var key = step.InstallCode == "wrong" ? InstallCode.Create(premises.Random).LinkKey : premises.InstallCodes[meter.EuiHex].LinkKey;
            var link = await hanLinks.CreateAsync($"han:{premises.Name}/{meter.Kind}", premises.HanFaults, premises.HanFaults, Seeds.Derive(dcc.Options.Seed, premises.Index, "han-" + meter.Kind), premises.Report.Han, cancellationToken);
            link.TraceTo(trace, TraceLink.Han, premises.Index);
            var result = hub.Join(new MeterNode(meter, meterLogger), key, premises.World.UtcNow, link);
            if (result == JoinResult.Joined)
            {
                premises.HanLinks[meter.EuiHex] = link;
            }
            else
            {
                await link.DisposeAsync();
            }

            results.Add((DeviceKinds.DisplayName(meter.Kind), result == JoinResult.Joined ? "joined" : "not-joined"));
            parts.Add($"{DeviceKinds.DisplayName(meter.Kind)} {ScenarioNames.Kebab(result.ToString())}");
        }

        var failures = new List<string>();
        ExpectationJudge.Outcomes(step, results, failures);
        return new StepOutcome(string.Join(", ", parts) + " on the ZigBee HAN", failures);
    }

    public async Task<StepOutcome> LeaveAsync(SmartMeteringSystem premises, ScenarioStep step)
    {
        var hub = premises.RequireHub();
        var meters = premises.Select(step, premises.Meters);
        foreach (var meter in meters)
        {
            await hub.LeaveAsync(meter.EuiHex);
            premises.HanLinks.Remove(meter.EuiHex);
        }

        return new StepOutcome($"{StepText.Devices(meters)} left the HAN");
    }

    /// <summary>CS03: each meter and the PPMID learn the device they work with (Method A: CS03A1 + CS03A2; Method B: CS03B).</summary>
    public async Task<StepOutcome> JoinDevicesAsync(SmartMeteringSystem premises, ScenarioStep step, CancellationToken cancellationToken)
    {
        var parties = premises.Dcc.Parties;
        premises.RequireHub();
        var chosen = premises.Select(step, premises.Meters);
        var ppmids = chosen.Where(d => d.Kind == DeviceKinds.Ppmid).ToList();
        var meters = chosen.Where(d => d.Kind is DeviceKinds.Esme or DeviceKinds.Gsme).ToList();
        if (ppmids.Count == 0 || meters.Count == 0)
        {
            // Nothing in this premises needs a CS03 join (e.g. an ESME alone): nothing is sent.
            return new StepOutcome("no meter and PPMID to join: no CS03 needed");
        }

        var items = new List<SingleCommand>();
        foreach (var ppmid in ppmids)
        {
            foreach (var meter in meters)
            {
                var meterRecord = premises.Record(meter);
                var ppmidRecord = premises.Record(ppmid);
                var toMeter = CommandParties.Requester(parties, meterRecord, step.Signer);
                var code = step.Method == "b" ? InstallMessageCodes.MethodBJoin : InstallMessageCodes.MethodAJoinMeter;
                items.Add(new SingleCommand(meter, $"{(step.Method == "b" ? "CS03B" : "CS03A1")} {meterRecord.Display}←{ppmidRecord.Display}",
                    counter => DccCommands.JoinDevice(toMeter, CommandParties.AcbFor(parties, meterRecord), meterRecord, counter, code, ppmid.Eui64, (int)DeviceType.Ppmid)));
                if (step.Method != "b")
                {
                    var toPpmid = CommandParties.Requester(parties, ppmidRecord, step.Signer);
                    items.Add(new SingleCommand(ppmid, $"CS03A2 {ppmidRecord.Display}←{meterRecord.Display}",
                        counter => DccCommands.JoinDevice(toPpmid, CommandParties.AcbFor(parties, ppmidRecord), ppmidRecord, counter, InstallMessageCodes.MethodAJoinNonMeter, meter.Eui64, meterRecord.DeviceType)));
                }
            }
        }

        var (results, failures) = await exchange.SendOneByOneAsync(premises, step, items, cancellationToken);
        if (failures.Count == 0 && step.Expect.Outcome is null or "accepted")
        {
            // The devices' own join tables name their partners.
            foreach (var ppmid in ppmids)
            {
                foreach (var meter in meters)
                {
                    if (!meter.JoinedDevices.Any(j => j.Eui == ppmid.EuiHex) || (step.Method != "b" && !ppmid.JoinedDevices.Any(j => j.Eui == meter.EuiHex)))
                    {
                        failures.Add($"{DeviceKinds.DisplayName(meter.Kind)} and {DeviceKinds.DisplayName(ppmid.Kind)} hold each other in their join tables");
                    }
                }
            }
        }

        return new StepOutcome(string.Join("; ", results.Select(r => $"{r.Label} {StepText.Summarise(r.Result)}")), failures);
    }

    /// <summary>SR 8.1.1: ECS70 on the ESME, the other clocks synchronised; each device raises 0x8F69, sent again if it never arrives.</summary>
    public async Task<StepOutcome> CommissionAsync(SmartMeteringSystem premises, ScenarioStep step, CancellationToken cancellationToken)
    {
        var dcc = premises.Dcc;
        premises.RequireHub();
        var wanExchange = premises.RequireExchange();
        var devices = premises.Select(step, premises.Devices);
        // ECS70 Set Clock on ESME goes as a command; GBCS has none for the other devices, whose clocks the case synchronises.
        var (clockDetail, clockFailures) = await SetEsmeClocksAsync(premises, step, devices, cancellationToken);
        var acb = dcc.Parties.Get(PartyNames.Acb).EntityId;
        var answers = new DeviceAnswer[devices.Count];
        var pending = Enumerable.Range(0, devices.Count).ToList();

        // The installer commissions each device; one whose 0x8F69 never reaches the DCC is commissioned again.
        for (var attempt = 0; attempt <= dcc.Options.Retries && pending.Count > 0; attempt++)
        {
            var waiting = new List<(byte[]? Frame, string TargetEui, ulong Counter)>();
            foreach (var i in pending)
            {
                var device = devices[i];
                var alert = device.Commission(acb);
                if (device.Kind == DeviceKinds.CommsHub)
                {
                    await premises.Wan!.Far.SendAsync(alert, cancellationToken);
                }
                else if (premises.HanLinks.TryGetValue(device.EuiHex, out var link))
                {
                    await link.Far.SendAsync(alert, cancellationToken);
                }

                waiting.Add((null, device.EuiHex, 0));
            }

            var got = await wanExchange.ExchangeAsync(waiting, cancellationToken);
            for (var k = 0; k < pending.Count; k++)
            {
                answers[pending[k]] = got[k];
            }

            pending = pending.Where(i => answers[i].Alerts.Count == 0).ToList();
        }

        var failures = new List<string>();
        var outcomes = new List<(string Device, string Outcome)>();
        var raised = new List<string>();
        for (var i = 0; i < devices.Count; i++)
        {
            var record = premises.Record(devices[i]);
            var alerts = ResponseReader.ReadAlerts(record, answers[i], premises.Report.Counters, failures);
            outcomes.Add((record.Display, alerts.Contains(AlertCodes.DeviceCommissioned) ? "accepted" : "no-response"));
            if (alerts.Contains(AlertCodes.DeviceCommissioned))
            {
                raised.Add(record.Display);
            }

            ExpectationJudge.Alerts(step, record, alerts, failures);
        }

        ExpectationJudge.Outcomes(step, outcomes, failures);
        failures.InsertRange(0, clockFailures);
        return new StepOutcome($"{clockDetail}clocks synchronised; 0x8F69 (device commissioned) from {(raised.Count == 0 ? "no device" : string.Join(", ", raised))}", failures);
    }

    /// <summary>ECS70 Set Clock on each addressed ESME, signed by its Supplier; the detail says how far off its clock was.</summary>
    private async Task<(string Detail, List<string> Failures)> SetEsmeClocksAsync(SmartMeteringSystem premises, ScenarioStep step, IReadOnlyList<VirtualDevice> devices, CancellationToken cancellationToken)
    {
        var parties = premises.Dcc.Parties;
        var esmes = devices.Where(d => d.Kind == DeviceKinds.Esme && premises.HanLinks.ContainsKey(d.EuiHex)).ToList();
        if (esmes.Count == 0)
        {
            return ("", []);
        }

        var before = esmes.ToDictionary(e => e.EuiHex, e => e.Clock.Error);
        var items = esmes.Select(esme =>
        {
            var record = premises.Record(esme);
            var signer = CommandParties.Requester(parties, record, step.Signer);
            // DLMS date-time carries whole seconds: the DCC sends its time to the second.
            return new SingleCommand(esme, "ESME", counter => DccCommands.SetClock(signer, CommandParties.AcbFor(parties, record), record, counter, TruncateToSeconds(premises.World.UtcNow)));
        }).ToList();
        var ecs70Step = new ScenarioStep { Action = step.Action, Name = step.Name, Signer = step.Signer };
        var (results, failures) = await exchange.SendOneByOneAsync(premises, ecs70Step, items, cancellationToken);
        var parts = new List<string>();
        foreach (var (label, result) in results)
        {
            var esme = esmes.First(e => e.EuiHex == result.Device.EuiHex);
            if (result.Outcome != "accepted")
            {
                failures.Add($"{label} takes ECS70 Set Clock ({StepText.Summarise(result)})");
                continue;
            }

            if (esme.Clock.Error.Duration() >= TimeSpan.FromSeconds(1))
            {
                failures.Add($"{label}'s clock is set by ECS70 (still {esme.Clock.Error.TotalSeconds:0} s off)");
            }

            parts.Add($"ECS70 set the {label} clock ({before[esme.EuiHex].TotalSeconds:+0;-0} s off before); ");
        }

        return (string.Concat(parts), failures);
    }

    private static DateTime TruncateToSeconds(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
