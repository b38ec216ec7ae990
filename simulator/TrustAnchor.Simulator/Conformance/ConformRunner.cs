using System.Diagnostics;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Link;
using TrustAnchor.Smki;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Simulator.Conformance;

/// <summary>The whole run: enrolment, then every selected rule, one after another.</summary>
public sealed record ConformOutcome(string DeviceUri, string DeviceEui, string DeviceType, IReadOnlyList<RuleResult> Results, string? Aborted, DateTime Started, TimeSpan Duration)
{
    public int Passed => Results.Count(r => r.Verdict == RuleVerdict.Pass);
    public int Failed => Results.Count(r => r.Verdict == RuleVerdict.Fail);
    public int NotApplicable => Results.Count(r => r.Verdict == RuleVerdict.NotApplicable);

    /// <summary>The report's heading.</summary>
    public string Title { get; init; } = "GBCS conformance report";
}

public sealed class ConformRunner(ConformSession session, TextWriter console, bool plain)
{
    /// <summary>The device's public keys as its maker declared them (DS, KA), when the Repository may not have its certificates yet.</summary>
    public (byte[] Ds, byte[] Ka)? DeclaredKeys { get; init; }

    /// <summary>Security alerts in the last minute above which conform power-cycles the device before the next rule, so that a device's alert-flood limit (20 a minute on the reference) cannot hide the alert a rule looks for.</summary>
    public const int AlertBudget = 12;

    /// <summary>
    /// Enrolment through GBCS: the device's keys from its Device Certificates in the Repository, then CS02a as the
    /// pack's Recovery (cells, holders, counters), then CS02e for both Device Certificates — or, when the device holds
    /// none, CS02c → the SMKI's Issuing DCA → CS02d for each. Returns the enrolment as rule results.
    /// </summary>
    public async Task<RuleResult> EnrolAsync()
    {
        var rule = new ConformRule("ENROL", "GBCS 13 CS02a/CS02e (CS02c/CS02d when none); SEC L DCA", "conform learns the device: its keys, cells and counters, and its Device Certificates (enrolling it when it has none)", _ => Task.FromResult(""));
        var clock = Stopwatch.StartNew();
        session.BeginRule();
        try
        {
            session.LoadDeviceKeys(DeclaredKeys?.Ds, DeclaredKeys?.Ka);
            foreach (var (role, usage) in new[] { (FwRole.Recovery, DccCommands.KeyUsageDs), (FwRole.AccessControlBroker, DccCommands.KeyUsageKa), (FwRole.WanProvider, DccCommands.KeyUsageDs) })
            {
                var certificate = session.Smki.PackCertificate(PackKind.Mp261, (int)role, usage == DccCommands.KeyUsageDs ? SmkiKeyUsage.DigitalSignature : SmkiKeyUsage.KeyAgreement);
                var party = new RemoteParty("pack " + Smki.RemotePartyRole.Name((int)role), (int)role, usage == DccCommands.KeyUsageDs ? certificate : null, usage == DccCommands.KeyUsageDs ? session.Smki.ExportPrivateKey(certificate.Serial) : null,
                    usage == DccCommands.KeyUsageKa ? certificate : null, usage == DccCommands.KeyUsageKa ? session.Smki.ExportPrivateKey(certificate.Serial) : null);
                session.Holders[new CellKey((int)role, usage, 0)] = party;
            }

            await session.ReadCellsAsync("CS02a (enrolment)");
            var detail = new List<string> { $"{session.Cells.Count} cells" };
            foreach (var (usage, name) in new[] { (DccCommands.KeyUsageDs, "DS"), (DccCommands.KeyUsageKa, "KA") })
            {
                var requester = session.CredentialsRequester();
                var reply = await session.SendAsync(session.BuildCommand(GbcsMessageCodes.ProvideDeviceCertificates, new ProvideDeviceCertificate((TrustAnchor.Firmware.TrustAnchors.KeyUsage)usage).Encode(), requester), $"CS02e {name} (enrolment)");
                if (reply.ResponseMessage is not null)
                {
                    detail.Add($"{name} certificate held");
                    continue;
                }

                // No Device Certificate on the device: enrol it (CS02c, the DCA issues, CS02d).
                var issue = await session.SendAsync(session.BuildCommand(GbcsMessageCodes.IssueSecurityCredentials, new IssueSecurityCredentials((TrustAnchor.Firmware.TrustAnchors.KeyUsage)usage).Encode(), requester), $"CS02c {name} (enrolment)");
                if (issue.ResponseMessage is null)
                {
                    throw new RuleFailedException($"the device holds no {name} Device Certificate and does not answer CS02c: {issue.Describe()}");
                }

                var view = IssueSecurityCredentialsResponse.Parse(issue.ResponseMessage).CertificationRequest;
                var csr = view.Buffer.AsSpan(view.Offset, view.Length).ToArray();
                var issued = session.Smki.IssueDeviceCertificate(session.Eui64, usage == DccCommands.KeyUsageDs ? SmkiKeyUsage.DigitalSignature : SmkiKeyUsage.KeyAgreement, ConformSession.CsrPublicKey(csr), label: "conform/enrol-" + name.ToLowerInvariant());
                // Built (and MAC'd) with the keys the device has now; its response may be signed with the old DS key or the new one.
                var frame = session.BuildCommand(GbcsMessageCodes.UpdateDeviceCertificates, new UpdateDeviceCertificate(issued.Der).Encode(), requester);
                var before = (session.DeviceDsCertificate, session.DeviceKaCertificate);
                session.PreviousDevice = session.Device;
                session.SetDeviceKeys(usage == DccCommands.KeyUsageDs ? issued : before.DeviceDsCertificate, usage == DccCommands.KeyUsageKa ? issued : before.DeviceKaCertificate);
                Reply update;
                try
                {
                    update = await session.SendAsync(frame, $"CS02d {name} (enrolment)");
                }
                finally
                {
                    session.PreviousDevice = null;
                }

                var result = update.ResponseMessage is null ? -1 : (int)UpdateDeviceCertificateResponse.Parse(update.ResponseMessage).Result;
                if (result != (int)UpdateDeviceCertificateResult.Success)
                {
                    throw new RuleFailedException($"CS02d {name} with the DCA's certificate: {(result < 0 ? update.Describe() : "result " + result)}");
                }

                detail.Add($"{name} enrolled (CS02c/CS02d, certificate {issued.Serial})");
            }

            return new RuleResult(rule, RuleVerdict.Pass, string.Join("; ", detail), session.TakeEvidence(), clock.Elapsed);
        }
        catch (RuleFailedException ex)
        {
            return new RuleResult(rule, RuleVerdict.Fail, ex.Message, session.TakeEvidence(), clock.Elapsed);
        }
        catch (RuleNotApplicableException ex)
        {
            return new RuleResult(rule, RuleVerdict.Fail, ex.Message, session.TakeEvidence(), clock.Elapsed);
        }
    }

    public async Task<RuleResult> RunAsync(ConformRule rule)
    {
        var clock = Stopwatch.StartNew();
        session.BeginRule();
        try
        {
            if (session.RecentAlerts >= AlertBudget && session.Future is null)
            {
                await session.RestartAsync();
            }

            var detail = await rule.Check(session);
            if (session.UnsignedInRule > 0)
            {
                return new RuleResult(rule, RuleVerdict.Fail, $"{session.UnsignedInRule} frame(s) from the device not signed by its DS key", session.TakeEvidence(), clock.Elapsed);
            }

            return new RuleResult(rule, RuleVerdict.Pass, detail, session.TakeEvidence(), clock.Elapsed);
        }
        catch (RuleFailedException ex)
        {
            return new RuleResult(rule, RuleVerdict.Fail, ex.Message, session.TakeEvidence(), clock.Elapsed);
        }
        catch (RuleNotApplicableException ex)
        {
            return new RuleResult(rule, RuleVerdict.NotApplicable, ex.Message, session.TakeEvidence(), clock.Elapsed);
        }
        catch (Exception ex) when (ex is Firmware.Errors.TrustAnchorException or FormatException or InvalidOperationException or KeyNotFoundException or System.Security.Cryptography.CryptographicException)
        {
            // What the device sent could not be read as the rule needed: that is the rule's finding.
            return new RuleResult(rule, RuleVerdict.Fail, "could not read the device's answer: " + ex.Message, session.TakeEvidence(), clock.Elapsed);
        }
        catch (Exception ex) when (ex is not DeviceLinkException and not OperationCanceledException)
        {
            // A fault in the checker itself must not hide the other rules' verdicts; it is reported, not thrown.
            return new RuleResult(rule, RuleVerdict.Fail, $"the rule could not run ({ex.GetType().Name}: {ex.Message})", session.TakeEvidence(), clock.Elapsed);
        }
    }

    /// <summary>Runs enrolment and the rules; a lost link ends the run (the results so far are kept and returned with the reason).</summary>
    public async Task<ConformOutcome> RunAllAsync(string uri, IReadOnlyList<ConformRule> rules, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var results = new List<RuleResult>();
        string? aborted = null;
        try
        {
            var enrol = await EnrolAsync();
            results.Add(enrol);
            Progress(enrol, 0, rules.Count);
            if (enrol.Verdict == RuleVerdict.Fail)
            {
                aborted = "enrolment failed: " + enrol.Detail;
            }
            else
            {
                for (var i = 0; i < rules.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var result = await RunAsync(rules[i]);
                    results.Add(result);
                    Progress(result, i + 1, rules.Count);
                }
            }
        }
        catch (DeviceLinkException ex)
        {
            aborted = ex.Message;
            results.Add(new RuleResult(new ConformRule("LINK", "device link", "the device stays connected for the whole run", _ => Task.FromResult("")), RuleVerdict.Fail, ex.Message, session.TakeEvidence(), TimeSpan.Zero));
        }

        return new ConformOutcome(uri, session.EuiHex, Scenarios.DeviceKinds.DisplayName(KindOf(session.DeviceType)), results, aborted, started, clock.Elapsed);
    }

    private static string KindOf(int type) => type switch
    {
        (int)Firmware.TrustAnchors.DeviceType.CommsHub => Scenarios.DeviceKinds.CommsHub,
        (int)Firmware.TrustAnchors.DeviceType.Gsme => Scenarios.DeviceKinds.Gsme,
        (int)Firmware.TrustAnchors.DeviceType.Ppmid => Scenarios.DeviceKinds.Ppmid,
        _ => Scenarios.DeviceKinds.Esme,
    };

    private void Progress(RuleResult result, int index, int total)
    {
        var mark = result.Verdict switch { RuleVerdict.Pass => "pass", RuleVerdict.Fail => "FAIL", _ => "n/a " };
        var line = $"[{index,2}/{total}] {mark}  {result.Rule.Id,-34} {result.Detail}";
        if (!plain && result.Verdict == RuleVerdict.Fail)
        {
            line = "\u001b[31m" + line + "\u001b[0m";
        }

        console.WriteLine(line);
    }
}
