using Microsoft.Extensions.Logging;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Devices;
using TrustAnchor.Simulator.Expectations;
using TrustAnchor.Simulator.Premises;
using TrustAnchor.Simulator.Scenarios;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Simulator.Steps;

/// <summary>
/// The Trust Anchor Cells: CS02b Update Security Credentials (with the DCC's reconciliation of a lost response),
/// CS02a checked cell by cell against the inventory, and the last command replayed byte for byte.
/// </summary>
public sealed class CredentialSteps(CommandExchange exchange, CredentialsDetailsRequest details, ILogger<CredentialSteps> logger)
{
    public async Task<StepOutcome> ReplaceCredentialsAsync(SmartMeteringSystem premises, ScenarioStep step, CancellationToken cancellationToken)
    {
        var dcc = premises.Dcc;
        var parties = dcc.Parties;
        premises.RequireHub();
        CredentialsModes.TryParse(step.Mode!, out var modeNumber);
        var mode = (CredentialsReplacementMode)modeNumber;
        var signer = parties.Get(step.Signer!);
        var originator = step.Originator is null ? signer : parties.Get(step.Originator);
        var newPartyName = step.NewParty ?? step.Signer!;
        var applyTimeChecks = step.TimeChecks == "apply";
        var candidates = premises.Select(step, premises.Devices);
        var onlyRoles = step.Cells?.Select(c => { ScenarioStep.TryParseRole(c, out var r); return r; }).ToHashSet();
        // [0] plaintextSymmetricKey: the contingency key in mode 9 unless the step says otherwise.
        var keyChoice = step.ContingencyKey ?? (mode == CredentialsReplacementMode.AnyByContingency ? "correct" : null);
        var contingencyKey = keyChoice switch
        {
            "correct" => dcc.ContingencyKey,
            "wrong" => System.Security.Cryptography.RandomNumberGenerator.GetBytes(dcc.ContingencyKey.Length),
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
            var record = premises.Record(device);
            var cells = DccCommands.CellsReplacedBy(mode, record.DeviceType).Where(c => onlyRoles is null || onlyRoles.Contains(c.Role)).ToList();
            if (cells.Count == 0)
            {
                continue; // e.g. a Supplier mode and the Comms Hub
            }

            var plan = new List<PlannedReplacement>();
            foreach (var cell in cells)
            {
                var party = newPartyName == PartyNames.Successors ? parties.Successor(cell.Role) : parties.Get(newPartyName);
                if (step.Certificate is "expired" or "not-yet-valid")
                {
                    party = parties.OutOfValidity(party.Name, step.Certificate);
                }

                var certificate = (cell.KeyUsage == DccCommands.KeyUsageDs ? party.DigitalSignature : party.KeyAgreement)
                    ?? throw new InvalidOperationException($"{party.Name} has no {(cell.KeyUsage == DccCommands.KeyUsageDs ? "DS" : "KA")} certificate for {cell}");
                plan.Add(new PlannedReplacement(cell, party, certificate));
            }

            // The DCC relies on the signer's certificate, the ACB's (when it MACs) and every certificate it installs.
            var macs = withMac ?? DccCommands.NeedsAcbMac(mode);
            var refusal = RelyingParty.Refusal(dcc,
                [($"{PartyNames.Display(signer.Name)}'s DS certificate", mode == CredentialsReplacementMode.AccessControlBrokerByAcb ? null : signer.DigitalSignature),
                 ("the ACB's KA certificate", macs ? CommandParties.AcbFor(parties, record).KeyAgreement : null),
                 .. plan.Select(p => ($"the {p.Cell} replacement certificate of {PartyNames.Display(p.NewParty.Name)}", (Smki.CertificateRecord?)p.Certificate))]);
            if (refusal is not null)
            {
                notSent.Add((record.Display, refusal));
                continue;
            }

            var counter = dcc.NextCounter();
            var frame = DccCommands.UpdateSecurityCredentials(mode, originator, signer, CommandParties.AcbFor(parties, record), record, counter, plan, dcc.Smki.IssuingOca.Der, applyTimeChecks, contingencyKey, withMac);
            commands.Add((frame, record.EuiHex, counter));
            rebuilders.Add(() =>
            {
                var fresh = dcc.NextCounter();
                return (DccCommands.UpdateSecurityCredentials(mode, originator, signer, CommandParties.AcbFor(parties, record), record, fresh, plan, dcc.Smki.IssuingOca.Der, applyTimeChecks, contingencyKey, withMac), fresh);
            });
            plans[record.EuiHex] = plan;
            addressed.Add(device);
        }

        if (commands.Count == 0 && notSent.Count > 0)
        {
            var refusedFailures = new List<string>();
            ExpectationJudge.Outcomes(step, notSent.Select(n => (n.Device, "not-sent")), refusedFailures);
            return new StepOutcome($"{CredentialsModes.Name(mode)}: the DCC refused to send it — {StepText.NotSent(notSent)}", refusedFailures);
        }

        if (commands.Count == 0)
        {
            return new StepOutcome("no addressed device has the cells this mode replaces", ["at least one device to send the command to"]);
        }

        var evaluated = await exchange.SendAndEvaluateAsync(premises, step, addressed, commands, cancellationToken, rebuild: rebuilders, checkOutcome: false);
        var failures = evaluated.Failures;
        await ReconcileAsync(premises, evaluated.Results, plans, cancellationToken);
        ExpectationJudge.Outcomes(step, [.. evaluated.Results.Select(r => (r.Device.Display, r.Outcome)), .. notSent.Select(n => (n.Device, "not-sent"))], failures);
        var parts = new List<string>();
        foreach (var e in evaluated.Results)
        {
            var plan = plans[e.Device.EuiHex];
            if (e.Outcome == "accepted")
            {
                // The response names each cell's new Entity Identifier and SKI: they must be the ones sent.
                foreach (var replacement in plan)
                {
                    var reported = e.Reconciled ? null : e.Update!.Outcome.Replacements.FirstOrDefault(r => r.AffectedCell.Equals((RemotePartyRole)replacement.Cell.Role, (KeyUsage)replacement.Cell.KeyUsage, (CellUsage)replacement.Cell.CellUsage));
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
                parts.Add($"{e.Device.Display} {StepText.Summarise(e)}");
            }
        }

        if (notSent.Count > 0)
        {
            parts.Add("not sent: " + StepText.NotSent(notSent));
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
    private async Task ReconcileAsync(SmartMeteringSystem premises, List<CommandOutcome> results, Dictionary<string, List<PlannedReplacement>> plans, CancellationToken cancellationToken)
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

            var device = premises.Device(e.Device.EuiHex);
            var (answers, _) = await details.AskAsync(premises, [device], cancellationToken, askAs);
            var reported = answers[0].Details;
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
                logger.LogInformation("{Premises}: {Device} had applied the command; its response was lost (confirmed by CS02a)", premises.Name, e.Device.Display);
                results[i] = e with { Outcome = "accepted", Update = null, Reconciled = true };
            }
        }
    }

    /// <summary>CS02a to each device: every cell the inventory records must be what the device reports.</summary>
    public async Task<StepOutcome> VerifyCredentialsAsync(SmartMeteringSystem premises, ScenarioStep step, CancellationToken cancellationToken)
    {
        premises.RequireHub();
        var devices = premises.Select(step, premises.Devices);
        var retired = step.DeviceKey == "retired";
        foreach (var device in devices.Where(_ => retired))
        {
            premises.Record(device).UseRetiredKeyAgreementKey = true;
        }

        List<CommandOutcome> answers;
        List<string> failures;
        try
        {
            (answers, failures) = await details.AskAsync(premises, devices, cancellationToken);
        }
        finally
        {
            foreach (var device in devices.Where(_ => retired))
            {
                premises.Record(device).UseRetiredKeyAgreementKey = false;
            }
        }

        foreach (var e in answers)
        {
            ExpectationJudge.Alerts(step, e.Device, e.Alerts, failures);
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
                    failures.Add($"{e.Device.Display} answers CS02a ({StepText.Summarise(e)})");
                }

                continue;
            }

            cellsChecked += ExpectationJudge.Cells(e.Device, e.Details, failures);
        }

        ExpectationJudge.Outcomes(step, outcomes, failures);
        // Which roles no longer hold the pack's parties, e.g. "Supplier: second Supplier".
        var changed = answers
            .SelectMany(a => a.Device.Expected)
            .Where(kv => kv.Key.Role != (int)FwRole.Root && kv.Value.Party != PackCells.PartyName(kv.Key.Role))
            .GroupBy(kv => kv.Key.Role)
            .OrderBy(g => g.Key)
            .Select(g => $"{StepText.Role(g.Key)}: {string.Join("/", g.Select(kv => PartyNames.Display(kv.Value.Party)).Distinct())}")
            .ToList();
        var roles = changed.Count == 0 ? "all still the pack's parties" : string.Join(", ", changed) + "; the rest the pack's";
        var notAnswered = answers.Where(e => e.Details is null).Select(e => $"{e.Device.Display} {StepText.Summarise(e)}").ToList();
        if (notAnswered.Count > 0)
        {
            return new StepOutcome($"CS02a: {string.Join("; ", notAnswered)}{(answers.Count > notAnswered.Count ? $"; {cellsChecked} cells on the others {(failures.Count == 0 ? "as expected" : "checked")}" : "")}", failures);
        }

        return new StepOutcome($"CS02a: {cellsChecked} cells on {answers.Count} device{(answers.Count == 1 ? "" : "s")} {(failures.Count == 0 ? "as expected" : "checked")} — {roles}", failures);
    }

    /// <summary>The last command frames sent again, byte for byte: each device must refuse the replay.</summary>
    public async Task<StepOutcome> ReplayLastAsync(SmartMeteringSystem premises, ScenarioStep step, CancellationToken cancellationToken)
    {
        premises.RequireHub();
        var last = premises.Inventory.LastCommands;
        if (last.Count == 0)
        {
            return new StepOutcome("nothing to replay", ["an earlier command to replay"]);
        }

        var addressed = last.Select(c => premises.Device(c.TargetEui)).ToList();
        (List<CommandOutcome> Results, List<string> Failures) evaluated;
        if (addressed.Distinct().Count() == addressed.Count)
        {
            evaluated = await exchange.SendAndEvaluateAsync(premises, step, addressed, last.ToList(), cancellationToken);
        }
        else
        {
            // Several frames to one device (e.g. CCS01 per meter to the hub): sent again one at a time, as they went.
            var captured = last.ToList();
            evaluated = ([], []);
            for (var i = 0; i < captured.Count; i++)
            {
                var one = await exchange.SendAndEvaluateAsync(premises, step, [addressed[i]], [captured[i]], cancellationToken, remember: false);
                evaluated.Results.AddRange(one.Results);
                evaluated.Failures.AddRange(one.Failures);
            }
        }

        var parts = evaluated.Results.Select(e => $"{e.Device.Display} {StepText.Summarise(e)}");
        return new StepOutcome($"replayed {last.Count} frame{(last.Count == 1 ? "" : "s")} (counter {last[0].Counter}): {string.Join("; ", parts)}", evaluated.Failures);
    }
}
