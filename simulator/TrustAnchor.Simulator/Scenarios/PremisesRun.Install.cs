using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Devices;
using TrustAnchor.Simulator.Han;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Simulator.Scenarios;

/// <summary>
/// The Install &amp; Commission steps GBCS carries as commands, sent over the WAN as frames and processed by the
/// devices' firmware: CCS01 to the Comms Hub's Device Log, the CS03 joins, and ECS70 Set Clock on the ESME.
/// </summary>
public sealed partial class PremisesRun
{
    /// <summary>One command to send on its own (several may go to the same device, so they are not sent together).</summary>
    private sealed record SingleCommand(VirtualDevice Device, string Label, Func<ulong, byte[]> Build);

    /// <summary>
    /// Sends the commands one at a time (the DCC waits for each answer), checks each against the step, and keeps
    /// them all for replay-last.
    /// </summary>
    private async Task<(List<(string Label, Evaluated Result)> Results, List<string> Failures)> SendOneByOneAsync(
        ScenarioStep step, IReadOnlyList<SingleCommand> items, CancellationToken cancellationToken)
    {
        var results = new List<(string, Evaluated)>();
        var failures = new List<string>();
        var sent = new List<(byte[] Frame, string TargetEui, ulong Counter)>();
        foreach (var item in items)
        {
            var counter = _env.NextCounter();
            var commands = new List<(byte[] Frame, string TargetEui, ulong Counter)> { (item.Build(counter), item.Device.EuiHex, counter) };
            Func<(byte[] Frame, ulong Counter)> rebuild = () =>
            {
                var fresh = _env.NextCounter();
                return (item.Build(fresh), fresh);
            };
            var evaluated = await SendAndEvaluateAsync(step, [item.Device], commands, cancellationToken, remember: false, rebuild: [rebuild], checkOutcome: false);
            results.Add((item.Label, evaluated.Results[0]));
            failures.AddRange(evaluated.Failures);
            sent.Add(commands[0]);
        }

        _lastCommands = sent;
        CheckOutcome(step, results.Select(r => (r.Item1, r.Item2.Outcome)).ToList(), failures);
        return (results, failures);
    }

    /// <summary>The party a device takes I&amp;C commands from: the WAN Provider on the hub, the Supplier on a meter [inferred].</summary>
    private RemoteParty InstallRequester(DeviceRecord record, ScenarioStep step) => CredentialsRequester(record, step);

    /// <summary>SR 8.11: one CCS01 per meter to the Comms Hub, carrying the meter's EUI-64 and install code.</summary>
    private async Task<StepOutcome> WhitelistAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        var hub = RequireHub();
        var meters = Select(step, Meters);
        var hubRecord = Record(Hub);
        var signer = InstallRequester(hubRecord, step);
        var acb = AcbFor(hubRecord);
        if (RelyingPartyRefusal([($"{PartyNames.Display(signer.Name)}'s DS certificate", signer.DigitalSignature), ("the ACB's KA certificate", acb.KeyAgreement)]) is { } refusal)
        {
            var notSent = meters.Select(m => (DeviceKinds.DisplayName(m.Kind), refusal)).ToList();
            var refusedFailures = new List<string>();
            CheckOutcome(step, notSent.Select(n => (n.Item1, "not-sent")).ToList(), refusedFailures);
            return new StepOutcome("CCS01: the DCC refused to send it — " + DescribeNotSent(notSent), refusedFailures);
        }

        var items = new List<SingleCommand>();
        foreach (var meter in meters)
        {
            var code = (byte[])_installCodes[meter.EuiHex].Bytes.Clone();
            if (step.InstallCode == "wrong")
            {
                code[^1] ^= 0x5A; // the CRC no longer matches
            }

            hub.DeviceLog.NoteKind(meter.EuiHex, meter.Kind);
            items.Add(new SingleCommand(Hub, DeviceKinds.DisplayName(meter.Kind), counter => DccCommands.AddDeviceToDeviceLog(signer, acb, hubRecord, counter, meter.Eui64, code)));
        }

        var (results, failures) = await SendOneByOneAsync(step, items, cancellationToken);
        var added = results.Where(r => r.Result.Outcome == "accepted").Select(r => r.Label).ToList();
        var other = results.Where(r => r.Result.Outcome != "accepted").Select(r => $"{r.Label}: {Summarise(r.Result)}").ToList();
        var detail = $"CCS01 over the WAN, signed by {PartyNames.Display(signer.Name)}: {(added.Count == 0 ? "nothing added" : string.Join(", ", added) + " in the hub's Device Log")}";
        if (other.Count > 0)
        {
            detail += "; " + string.Join("; ", other);
        }

        if (added.Count > 0)
        {
            detail += $" (join window {_env.Options.HanJoinTimeout.TotalMinutes:0} min; {hub.DeviceLog.Entries.Count} of {hub.DeviceLog.Capacity} rows)";
        }

        return new StepOutcome(detail, failures);
    }

    /// <summary>CS03: each meter and the PPMID learn the device they work with (Method A: CS03A1 + CS03A2; Method B: CS03B).</summary>
    private async Task<StepOutcome> JoinDevicesAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        RequireHub();
        var chosen = Select(step, Meters);
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
                var meterRecord = Record(meter);
                var ppmidRecord = Record(ppmid);
                var toMeter = InstallRequester(meterRecord, step);
                var code = step.Method == "b" ? InstallMessageCodes.MethodBJoin : InstallMessageCodes.MethodAJoinMeter;
                items.Add(new SingleCommand(meter, $"{(step.Method == "b" ? "CS03B" : "CS03A1")} {meterRecord.Display}←{ppmidRecord.Display}",
                    counter => DccCommands.JoinDevice(toMeter, AcbFor(meterRecord), meterRecord, counter, code, ppmid.Eui64, (int)DeviceType.Ppmid)));
                if (step.Method != "b")
                {
                    var toPpmid = InstallRequester(ppmidRecord, step);
                    items.Add(new SingleCommand(ppmid, $"CS03A2 {ppmidRecord.Display}←{meterRecord.Display}",
                        counter => DccCommands.JoinDevice(toPpmid, AcbFor(ppmidRecord), ppmidRecord, counter, InstallMessageCodes.MethodAJoinNonMeter, meter.Eui64, meterRecord.DeviceType)));
                }
            }
        }

        var (results, failures) = await SendOneByOneAsync(step, items, cancellationToken);
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

        return new StepOutcome(string.Join("; ", results.Select(r => $"{r.Label} {Summarise(r.Result)}")), failures);
    }

    /// <summary>ECS70 Set Clock on each addressed ESME, signed by its Supplier; the detail says how far off its clock was.</summary>
    private async Task<(string Detail, List<string> Failures)> SetEsmeClocksAsync(ScenarioStep step, IReadOnlyList<VirtualDevice> devices, CancellationToken cancellationToken)
    {
        var esmes = devices.Where(d => d.Kind == DeviceKinds.Esme && _hanLinks.ContainsKey(d.EuiHex)).ToList();
        if (esmes.Count == 0)
        {
            return ("", []);
        }

        var before = esmes.ToDictionary(e => e.EuiHex, e => e.Clock.Error);
        var items = esmes.Select(esme =>
        {
            var record = Record(esme);
            var signer = InstallRequester(record, step);
            // DLMS date-time carries whole seconds: the DCC sends its time to the second.
            return new SingleCommand(esme, "ESME", counter => DccCommands.SetClock(signer, AcbFor(record), record, counter, TruncateToSeconds(_world.UtcNow)));
        }).ToList();
        var ecs70Step = new ScenarioStep { Action = step.Action, Name = step.Name, Signer = step.Signer };
        var (results, failures) = await SendOneByOneAsync(ecs70Step, items, cancellationToken);
        var parts = new List<string>();
        foreach (var (label, result) in results)
        {
            var esme = esmes.First(e => e.EuiHex == result.Device.EuiHex);
            if (result.Outcome != "accepted")
            {
                failures.Add($"{label} takes ECS70 Set Clock ({Summarise(result)})");
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
