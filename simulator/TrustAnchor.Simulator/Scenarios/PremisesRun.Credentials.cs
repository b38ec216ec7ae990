using Microsoft.Extensions.Logging;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Devices;
using TrustAnchor.Simulator.Wan;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Simulator.Scenarios;

public sealed partial class PremisesRun
{
    /// <summary>One device's answer to a command, read by the DCC.</summary>
    private sealed record Evaluated(
        DeviceRecord Device,
        DeviceAnswer Answer,
        string Outcome,
        List<int> Alerts,
        UpdateSecurityCredentialsResponse? Update,
        ProvideSecurityCredentialsDetailsResponse? Details)
    {
        /// <summary>The first attempt got no answer at all and the DCC sent the command again.</summary>
        public bool Retried { get; init; }

        /// <summary>The response was lost but CS02a showed the change had been made.</summary>
        public bool Reconciled { get; init; }

        /// <summary>Why the DCC, as a Relying Party, did not send the command (outcome "not-sent").</summary>
        public string? NotSentReason { get; init; }
    }

    private static readonly CellKey AcbCell = new((int)FwRole.AccessControlBroker, DccCommands.KeyUsageKa, (int)CellUsage.Management);

    /// <summary>The ACB whose key the DCC believes the device holds (the MAC must be from it).</summary>
    private RemoteParty AcbFor(DeviceRecord device) =>
        _env.Parties.Get(device.Expected.TryGetValue(AcbCell, out var holder) ? holder.Party : PartyNames.Acb);

    private async Task<StepOutcome> ReplaceCredentialsAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        RequireHub();
        CredentialsModes.TryParse(step.Mode!, out var modeNumber);
        var mode = (CredentialsReplacementMode)modeNumber;
        var signer = _env.Parties.Get(step.Signer!);
        var originator = step.Originator is null ? signer : _env.Parties.Get(step.Originator);
        var newPartyName = step.NewParty ?? step.Signer!;
        var applyTimeChecks = step.TimeChecks == "apply";
        var candidates = Select(step, _devices);
        var onlyRoles = step.Cells?.Select(c => { ScenarioStep.TryParseRole(c, out var r); return r; }).ToHashSet();
        // [0] plaintextSymmetricKey: the contingency key in mode 9 unless the step says otherwise.
        var keyChoice = step.ContingencyKey ?? (mode == CredentialsReplacementMode.AnyByContingency ? "correct" : null);
        var contingencyKey = keyChoice switch
        {
            "correct" => _env.ContingencyKey,
            "wrong" => System.Security.Cryptography.RandomNumberGenerator.GetBytes(_env.ContingencyKey.Length),
            _ => null,
        };
        bool? withMac = step.Mac switch { "present" => true, "absent" => false, _ => null };
        var notSent = new List<(string Device, string Reason)>();
        var commands = new List<(byte[] Frame, string TargetEui, ulong Counter)>();
        var plans = new Dictionary<string, List<PlannedReplacement>>();
        var rebuilders = new List<Func<(byte[] Frame, ulong Counter)>>();
        var addressed = new List<VirtualDevice>();
        foreach (var device in candidates)
        {
            var record = Record(device);
            var cells = DccCommands.CellsReplacedBy(mode, record.DeviceType).Where(c => onlyRoles is null || onlyRoles.Contains(c.Role)).ToList();
            if (cells.Count == 0)
            {
                continue; // e.g. a Supplier mode and the Comms Hub
            }

            var plan = new List<PlannedReplacement>();
            foreach (var cell in cells)
            {
                var party = newPartyName == PartyNames.Successors ? _env.Parties.Successor(cell.Role) : _env.Parties.Get(newPartyName);
                if (step.Certificate is "expired" or "not-yet-valid")
                {
                    party = _env.Parties.OutOfValidity(party.Name, step.Certificate);
                }

                var certificate = (cell.KeyUsage == DccCommands.KeyUsageDs ? party.DigitalSignature : party.KeyAgreement)
                    ?? throw new InvalidOperationException($"{party.Name} has no {(cell.KeyUsage == DccCommands.KeyUsageDs ? "DS" : "KA")} certificate for {cell}");
                plan.Add(new PlannedReplacement(cell, party, certificate));
            }

            // The DCC relies on the signer's certificate, the ACB's (when it MACs) and every certificate it installs.
            var macs = withMac ?? DccCommands.NeedsAcbMac(mode);
            var refusal = RelyingPartyRefusal(
                [($"{PartyNames.Display(signer.Name)}'s DS certificate", mode == CredentialsReplacementMode.AccessControlBrokerByAcb ? null : signer.DigitalSignature),
                 ("the ACB's KA certificate", macs ? AcbFor(record).KeyAgreement : null),
                 .. plan.Select(p => ($"the {p.Cell} replacement certificate of {PartyNames.Display(p.NewParty.Name)}", (Smki.CertificateRecord?)p.Certificate))]);
            if (refusal is not null)
            {
                notSent.Add((record.Display, refusal));
                continue;
            }

            var counter = _env.NextCounter();
            var frame = DccCommands.UpdateSecurityCredentials(mode, originator, signer, AcbFor(record), record, counter, plan, _env.Smki.IssuingOca.Der, applyTimeChecks, contingencyKey, withMac);
            commands.Add((frame, record.EuiHex, counter));
            rebuilders.Add(() =>
            {
                var fresh = _env.NextCounter();
                return (DccCommands.UpdateSecurityCredentials(mode, originator, signer, AcbFor(record), record, fresh, plan, _env.Smki.IssuingOca.Der, applyTimeChecks, contingencyKey, withMac), fresh);
            });
            plans[record.EuiHex] = plan;
            addressed.Add(device);
        }

        if (commands.Count == 0 && notSent.Count > 0)
        {
            var refusedFailures = new List<string>();
            CheckOutcome(step, notSent.Select(n => (n.Device, "not-sent")).ToList(), refusedFailures);
            return new StepOutcome($"{CredentialsModes.Name(mode)}: the DCC refused to send it — {DescribeNotSent(notSent)}", refusedFailures);
        }

        if (commands.Count == 0)
        {
            return new StepOutcome("no addressed device has the cells this mode replaces", ["at least one device to send the command to"]);
        }

        var evaluated = await SendAndEvaluateAsync(step, addressed, commands, cancellationToken, rebuild: rebuilders, checkOutcome: false);
        var failures = evaluated.Failures;
        await ReconcileAsync(evaluated.Results, plans, cancellationToken);
        CheckOutcome(step, [.. evaluated.Results.Select(r => (r.Device.Display, r.Outcome)), .. notSent.Select(n => (n.Device, "not-sent"))], failures);
        var parts = new List<string>();
        foreach (var e in evaluated.Results)
        {
            var plan = plans[e.Device.EuiHex];
            if (e.Outcome == "accepted")
            {
                // The response names each cell's new Entity Identifier and SKI: they must be the ones sent.
                foreach (var replacement in plan)
                {
                    var reported = e.Reconciled ? null : e.Update!.Outcome.Replacements.FirstOrDefault(r => r.AffectedCell.Equals((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)replacement.Cell.Role, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)replacement.Cell.KeyUsage, (TrustAnchor.Firmware.TrustAnchors.CellUsage)replacement.Cell.CellUsage));
                    var ski = replacement.Certificate.SubjectKeyIdBytes();
                    if (!e.Reconciled && (reported is null || !ski.AsSpan().SequenceEqual(reported.ReplacingSubjectKeyIdentifier)))
                    {
                        failures.Add($"{e.Device.Display} reports {replacement.Cell} now holds SKI {replacement.Certificate.SubjectKeyId}");
                    }

                    e.Device.Expected[replacement.Cell] = new CellHolder(replacement.NewParty.Name, replacement.Certificate.EntityIdBytes(), ski);
                }

                parts.Add($"{e.Device.Display} {plan.Count}{(e.Reconciled ? " (response lost; confirmed by CS02a)" : "")}");
            }
            else
            {
                parts.Add($"{e.Device.Display} {Summarise(e)}");
            }
        }

        if (notSent.Count > 0)
        {
            parts.Add("not sent: " + DescribeNotSent(notSent));
        }

        var by = originator == signer ? $"signed by {PartyNames.Display(signer.Name)}" : $"as {PartyNames.Display(originator.Name)}, signed by {PartyNames.Display(signer.Name)}";
        var accepted = evaluated.Results.All(r => r.Outcome == "accepted");
        var what = accepted ? $"cells replaced: {string.Join(", ", parts)}" : string.Join("; ", parts);
        return new StepOutcome($"{CredentialsModes.Name(mode)} {by} → {PartyNames.Display(newPartyName)}; {what}", failures);
    }

    /// <summary>
    /// A command that went unanswered, was sent again and then refused may have been applied the first time with
    /// only its response lost (the retry then comes from a party that no longer holds the cell). The DCC asks the
    /// device (CS02a) and, when every cell already holds what was sent, takes the change as done.
    /// </summary>
    private async Task ReconcileAsync(List<Evaluated> results, Dictionary<string, List<PlannedReplacement>> plans, CancellationToken cancellationToken)
    {
        for (var i = 0; i < results.Count; i++)
        {
            var e = results[i];
            if (!e.Retried || e.Outcome == "accepted")
            {
                continue;
            }

            // Ask as a party the command did not touch, so the question itself cannot be refused for it.
            var touched = plans[e.Device.EuiHex].Select(p => p.Cell.Role).ToHashSet();
            var askAs = new[] { FwRole.Recovery, FwRole.TransitionalCoS, FwRole.WanProvider, FwRole.Supplier, FwRole.NetworkOperator }
                .Where(r => !touched.Contains((int)r) && e.Device.Expected.ContainsKey(new CellKey((int)r, DccCommands.KeyUsageDs, (int)CellUsage.Management)))
                .Select(r => (int?)(int)r)
                .FirstOrDefault();
            if (askAs is null)
            {
                continue;
            }

            var device = _devices.First(d => d.EuiHex == e.Device.EuiHex);
            var (details, _) = await ProvideDetailsAsync([device], cancellationToken, askAs);
            var reported = details[0].Details;
            if (reported is null)
            {
                continue;
            }

            var applied = plans[e.Device.EuiHex].All(p =>
            {
                var cell = reported.Parties.FirstOrDefault(r => (int)r.Role == p.Cell.Role)?.Cells.FirstOrDefault(c => (int)c.KeyUsage == p.Cell.KeyUsage && (int)c.CellUsage == p.Cell.CellUsage);
                return cell is not null && p.Certificate.SubjectKeyIdBytes().AsSpan().SequenceEqual(cell.SubjectKeyIdentifier);
            });
            if (applied)
            {
                _logger.LogInformation("{Premises}: {Device} had applied the command; its response was lost (confirmed by CS02a)", Name, e.Device.Display);
                results[i] = e with { Outcome = "accepted", Update = null, Reconciled = true };
            }
        }
    }

    private async Task<StepOutcome> ReplayLastAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        RequireHub();
        if (_lastCommands.Count == 0)
        {
            return new StepOutcome("nothing to replay", ["an earlier command to replay"]);
        }

        var addressed = _lastCommands.Select(c => _devices.First(d => d.EuiHex == c.TargetEui)).ToList();
        (List<Evaluated> Results, List<string> Failures) evaluated;
        if (addressed.Distinct().Count() == addressed.Count)
        {
            evaluated = await SendAndEvaluateAsync(step, addressed, _lastCommands.ToList(), cancellationToken);
        }
        else
        {
            // Several frames to one device (e.g. CCS01 per meter to the hub): sent again one at a time, as they went.
            var captured = _lastCommands.ToList();
            evaluated = ([], []);
            for (var i = 0; i < captured.Count; i++)
            {
                var one = await SendAndEvaluateAsync(step, [addressed[i]], [captured[i]], cancellationToken, remember: false);
                evaluated.Results.AddRange(one.Results);
                evaluated.Failures.AddRange(one.Failures);
            }
        }

        var parts = evaluated.Results.Select(e => $"{e.Device.Display} {Summarise(e)}");
        return new StepOutcome($"replayed {_lastCommands.Count} frame{(_lastCommands.Count == 1 ? "" : "s")} (counter {_lastCommands[0].Counter}): {string.Join("; ", parts)}", evaluated.Failures);
    }

    private async Task<StepOutcome> VerifyCredentialsAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        RequireHub();
        var devices = Select(step, _devices);
        var retired = step.DeviceKey == "retired";
        foreach (var device in devices.Where(_ => retired))
        {
            Record(device).UseRetiredKeyAgreementKey = true;
        }

        List<Evaluated> answers;
        List<string> failures;
        try
        {
            (answers, failures) = await ProvideDetailsAsync(devices, cancellationToken);
        }
        finally
        {
            foreach (var device in devices.Where(_ => retired))
            {
                Record(device).UseRetiredKeyAgreementKey = false;
            }
        }

        foreach (var e in answers)
        {
            CheckAlerts(step, e.Device, e.Alerts, failures);
        }

        var cellsChecked = 0;
        var outcomes = new List<(string Device, string Outcome)>();
        foreach (var e in answers)
        {
            outcomes.Add((e.Device.Display, e.Outcome));
            if (e.Details is null)
            {
                if (step.Expect.Outcome is null)
                {
                    failures.Add($"{e.Device.Display} answers CS02a ({Summarise(e)})");
                }

                continue;
            }

            foreach (var (cell, holder) in e.Device.Expected)
            {
                var party = e.Details.Parties.FirstOrDefault(p => (int)p.Role == cell.Role);
                var reported = party?.Cells.FirstOrDefault(c => (int)c.KeyUsage == cell.KeyUsage && (int)c.CellUsage == cell.CellUsage);
                cellsChecked++;
                if (reported is null)
                {
                    failures.Add($"{e.Device.Display} reports its {cell} cell");
                }
                else if (!holder.EntityId.AsSpan().SequenceEqual(reported.SubjectUniqueId) || !holder.SubjectKeyId.AsSpan().SequenceEqual(reported.SubjectKeyIdentifier))
                {
                    failures.Add($"{e.Device.Display} {cell} holds {holder.Describe()}, device says {Convert.ToHexString(reported.SubjectUniqueId)}/{Convert.ToHexString(reported.SubjectKeyIdentifier)}");
                }
            }
        }

        CheckOutcome(step, outcomes, failures);
        // Which roles no longer hold the pack's parties, e.g. "Supplier: second Supplier".
        var changed = answers
            .SelectMany(a => a.Device.Expected)
            .Where(kv => kv.Key.Role != (int)FwRole.Root && kv.Value.Party != PackPartyName(kv.Key.Role))
            .GroupBy(kv => kv.Key.Role)
            .OrderBy(g => g.Key)
            .Select(g => $"{RoleDisplay(g.Key)}: {string.Join("/", g.Select(kv => PartyNames.Display(kv.Value.Party)).Distinct())}")
            .ToList();
        var roles = changed.Count == 0 ? "all still the pack's parties" : string.Join(", ", changed) + "; the rest the pack's";
        var notAnswered = answers.Where(e => e.Details is null).Select(e => $"{e.Device.Display} {Summarise(e)}").ToList();
        if (notAnswered.Count > 0)
        {
            return new StepOutcome($"CS02a: {string.Join("; ", notAnswered)}{(answers.Count > notAnswered.Count ? $"; {cellsChecked} cells on the others {(failures.Count == 0 ? "as expected" : "checked")}" : "")}", failures);
        }

        return new StepOutcome($"CS02a: {cellsChecked} cells on {answers.Count} device{(answers.Count == 1 ? "" : "s")} {(failures.Count == 0 ? "as expected" : "checked")} — {roles}", failures);
    }

    /// <summary>
    /// CS02a to each device, asked by the party holding its requester cell (Supplier on meters, WAN Provider on the
    /// hub). A device whose command would rely on a revoked certificate gets none: its result is "not-sent".
    /// </summary>
    private async Task<(List<Evaluated> Results, List<string> Failures)> ProvideDetailsAsync(IReadOnlyList<VirtualDevice> devices, CancellationToken cancellationToken, int? askAs = null)
    {
        var commands = new List<(byte[] Frame, string TargetEui, ulong Counter)>();
        var rebuilders = new List<Func<(byte[] Frame, ulong Counter)>>();
        var sent = new List<VirtualDevice>();
        var refused = new Dictionary<VirtualDevice, string>();
        foreach (var device in devices)
        {
            var record = Record(device);
            var requesterRole = askAs ?? (device.Kind == DeviceKinds.CommsHub ? (int)FwRole.WanProvider : (int)FwRole.Supplier);
            var requester = _env.Parties.Get(record.Expected[new CellKey(requesterRole, DccCommands.KeyUsageDs, (int)CellUsage.Management)].Party);
            var refusal = RelyingPartyRefusal([($"{PartyNames.Display(requester.Name)}'s DS certificate", requester.DigitalSignature), ("the ACB's KA certificate", AcbFor(record).KeyAgreement)]);
            if (refusal is not null)
            {
                refused[device] = refusal;
                continue;
            }

            var roles = record.Expected.Keys.Select(k => k.Role).Distinct().Order().ToArray();
            var counter = _env.NextCounter();
            commands.Add((DccCommands.ProvideSecurityCredentialsDetails(requester, AcbFor(record), record, counter, roles), record.EuiHex, counter));
            rebuilders.Add(() =>
            {
                var fresh = _env.NextCounter();
                return (DccCommands.ProvideSecurityCredentialsDetails(requester, AcbFor(record), record, fresh, roles), fresh);
            });
            sent.Add(device);
        }

        (List<Evaluated> Results, List<string> Failures) evaluated = sent.Count == 0
            ? ([], [])
            : await SendAndEvaluateAsync(null, sent, commands, cancellationToken, remember: false, rebuild: rebuilders);
        var results = new List<Evaluated>();
        var k = 0;
        foreach (var device in devices)
        {
            results.Add(refused.TryGetValue(device, out var reason)
                ? new Evaluated(Record(device), new DeviceAnswer(device.EuiHex, 0), "not-sent", [], null, null) { NotSentReason = reason }
                : evaluated.Results[k++]);
        }

        return (results, evaluated.Failures);
    }

    /// <summary>Sends commands, gathers and authenticates what comes back, and checks the step's expectations.</summary>
    private async Task<(List<Evaluated> Results, List<string> Failures)> SendAndEvaluateAsync(
        ScenarioStep? step,
        IReadOnlyList<VirtualDevice> devices,
        List<(byte[] Frame, string TargetEui, ulong Counter)> commands,
        CancellationToken cancellationToken,
        bool remember = true,
        IReadOnlyList<Func<(byte[] Frame, ulong Counter)>>? rebuild = null,
        bool checkOutcome = true)
    {
        var retriedIndexes = new HashSet<int>();
        // Flash images to compare against only when the step claims the state stays untouched.
        var before = step?.Expect.StateUnchanged == true ? devices.Select(d => d.FlashSnapshot()).ToList() : null;
        if (step?.WanFault is { } fault)
        {
            var first = commands[0].Frame;
            var bit = -1;
            if (fault == "corrupt")
            {
                // Flip a bit in the middle of the payload: the frame still routes, its protection must catch it.
                var message = GbcsMessage.Parse(first);
                bit = (message.ContentOffset + message.ContentLength / 2) * 8 + 3;
            }

            _wan!.Near.InjectOnce(fault switch { "corrupt" => OneOffFault.Corrupt, "lose" => OneOffFault.Lose, _ => OneOffFault.Duplicate }, bit);
        }

        var answers = (await _exchange!.ExchangeAsync(commands.Select(c => ((byte[]?)c.Frame, c.TargetEui, c.Counter)).ToList(), cancellationToken)).ToList();
        _report.Counters.AddCommands(commands.Count);

        // Nothing at all came back (lost on the way there or back): the DCC tries again with a fresh counter,
        // as it must — the same frame again would be a replay. Replays and one-off faults are not retried.
        for (var attempt = 0; rebuild is not null && step?.WanFault is null && attempt < _env.Options.Retries; attempt++)
        {
            var silent = Enumerable.Range(0, answers.Count).Where(i => answers[i].Response is null && answers[i].Alerts.Count == 0).ToList();
            if (silent.Count == 0)
            {
                break;
            }

            var again = silent.Select(i => { var (frame, counter) = rebuild[i](); return (Index: i, Frame: frame, Counter: counter); }).ToList();
            _logger.LogInformation("{Premises}: no answer from {Count} device(s); retry {Attempt} with fresh counters", Name, again.Count, attempt + 1);
            var retried = await _exchange.ExchangeAsync(again.Select(a => ((byte[]?)a.Frame, commands[a.Index].TargetEui, a.Counter)).ToList(), cancellationToken);
            _report.Counters.AddCommands(again.Count);
            for (var k = 0; k < again.Count; k++)
            {
                answers[again[k].Index] = retried[k];
                retriedIndexes.Add(again[k].Index);
                commands[again[k].Index] = (again[k].Frame, commands[again[k].Index].TargetEui, again[k].Counter);
            }
        }
        if (remember)
        {
            _lastCommands = commands;
        }

        var failures = new List<string>();
        var results = new List<Evaluated>();
        for (var i = 0; i < devices.Count; i++)
        {
            var record = Record(devices[i]);
            var answer = answers[i];
            var alerts = AlertCodesOf(record, answer, failures);
            UpdateSecurityCredentialsResponse? update = null;
            ProvideSecurityCredentialsDetailsResponse? details = null;
            var outcome = "no-response";
            if (answer.Response is { } response)
            {
                if (!record.VerifyDeviceSignature(response))
                {
                    failures.Add($"{record.Display}'s response is signed with its own DS key");
                }

                if (record.SignedWithRetiredKey(response))
                {
                    failures.Add($"{record.Display} no longer signs with its retired DS key");
                }

                try
                {
                    if (GbcsMessageCodes.IsUpdateSecurityCredentials(response.MessageCode))
                    {
                        update = UpdateSecurityCredentialsResponse.Parse(response);
                        outcome = update.IsFutureDatedAcknowledgement || update.Outcome.AllSucceeded ? "accepted" : "refused";
                    }
                    else if (response.MessageCode == GbcsMessageCodes.ProvideSecurityCredentialsDetails)
                    {
                        details = ProvideSecurityCredentialsDetailsResponse.Parse(response);
                        outcome = "accepted";
                    }
                    else if (response.MessageCode == GbcsMessageCodes.UpdateDeviceCertificates)
                    {
                        outcome = UpdateDeviceCertificateResponse.Parse(response).Result == UpdateDeviceCertificateResult.Success ? "accepted" : "refused";
                    }
                    else if (response.MessageCode == GbcsMessageCodes.IssueSecurityCredentials)
                    {
                        IssueSecurityCredentialsResponse.Parse(response);
                        outcome = "accepted";
                    }
                    else if (response.MessageCode == GbcsMessageCodes.ProvideDeviceCertificates)
                    {
                        ProvideDeviceCertificateResponse.Parse(response);
                        outcome = "accepted";
                    }
                    else if (response.MessageCode is InstallMessageCodes.AddDeviceToDeviceLog or InstallMessageCodes.SetClockOnEsme || InstallMessageCodes.IsJoin(response.MessageCode))
                    {
                        outcome = InstallCommandStatus.Parse(response) == InstallCommandStatus.Success ? "accepted" : "refused";
                    }
                    else
                    {
                        failures.Add($"{record.Display} answers with the command's Message Code (got 0x{response.MessageCode:X4})");
                        outcome = "refused";
                    }
                }
                catch (TrustAnchorException ex)
                {
                    failures.Add($"{record.Display}'s response parses ({ex.Message})");
                    outcome = "refused";
                }
            }
            else if (alerts.Count > 0)
            {
                outcome = "refused";
            }

            var evaluated = new Evaluated(record, answer, outcome, alerts, update, details) { Retried = retriedIndexes.Contains(i) };
            results.Add(evaluated);
            if (step is null)
            {
                continue;
            }

            CheckAlerts(step, record, alerts, failures);
            if (before is not null && !before[i].AsSpan().SequenceEqual(devices[i].FlashSnapshot()))
            {
                failures.Add($"{record.Display}'s store is untouched, but its flash changed");
            }
        }

        if (step is not null && checkOutcome)
        {
            CheckOutcome(step, results.Select(r => (r.Device.Display, r.Outcome)).ToList(), failures);
        }

        return (results, failures);
    }

    /// <summary>The alert codes a device raised, each checked to be signed by that device.</summary>
    private List<int> AlertCodesOf(DeviceRecord record, DeviceAnswer answer, List<string> failures)
    {
        var codes = new List<int>();
        foreach (var alert in answer.Alerts)
        {
            _report.Counters.AddAlerts(1);
            if (!record.VerifyDeviceSignature(alert))
            {
                failures.Add($"{record.Display}'s alert is signed with its own DS key");
            }

            try
            {
                var parsed = GbcsAlert.Parse(alert);
                codes.Add(parsed.AlertCode);
                if (AlertForms.Problem(record.DeviceType, alert, parsed) is { } problem)
                {
                    failures.Add($"{record.Display}'s {problem}");
                }
            }
            catch (TrustAnchorException ex)
            {
                failures.Add($"{record.Display}'s alert parses ({ex.Message})");
            }
        }

        return codes;
    }

    private static void CheckAlerts(ScenarioStep step, DeviceRecord record, List<int> alerts, List<string> failures)
    {
        foreach (var expected in step.Expect.Alerts ?? [])
        {
            AlertCodes.TryParse(expected, out var code);
            if (!alerts.Contains(code))
            {
                var got = alerts.Count == 0 ? "none" : string.Join(", ", alerts.Select(AlertCodes.Format));
                failures.Add($"{record.Display} raises {AlertCodes.Format(code)} ({AlertCodes.Describe(code)}), got {got}");
            }
        }
    }

    private static void CheckOutcome(ScenarioStep step, List<(string Device, string Outcome)> outcomes, List<string> failures)
    {
        if (step.Expect.Outcome is not { } expected)
        {
            return;
        }

        foreach (var (device, outcome) in outcomes)
        {
            if (!string.Equals(outcome, expected, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{device}: outcome {expected}, got {outcome}");
            }
        }
    }

    private static string Summarise(Evaluated e)
    {
        var alerts = e.Alerts.Count == 0 ? "" : " with alert " + string.Join(", ", e.Alerts.Select(a => $"{AlertCodes.Format(a)} ({AlertCodes.Describe(a)})"));
        var statuses = e.Update is { IsFutureDatedAcknowledgement: false } u && !u.Outcome.AllSucceeded
            ? " (cell status " + string.Join("/", u.Outcome.Replacements.Select(r => r.StatusCode).Distinct()) + ")"
            : "";
        return e.Outcome switch
        {
            "accepted" => "accepted" + alerts,
            "refused" => "refused" + statuses + alerts,
            "not-sent" => "not sent by the DCC (" + e.NotSentReason + ")",
            _ => "no answer" + alerts,
        };
    }

    private static string RoleDisplay(int role) => role switch
    {
        (int)FwRole.Supplier => "Supplier",
        (int)FwRole.NetworkOperator => "Network Operator",
        (int)FwRole.Recovery => "Recovery",
        (int)FwRole.TransitionalCoS => "Transitional CoS",
        (int)FwRole.WanProvider => "WAN Provider",
        (int)FwRole.AccessControlBroker => "ACB",
        _ => Smki.RemotePartyRole.Name(role),
    };

    private static string Summarise(DeviceAnswer answer) =>
        answer.Response is null ? (answer.Alerts.Count == 0 ? "no answer" : $"{answer.Alerts.Count} alert(s), no response") : "a response";
}
