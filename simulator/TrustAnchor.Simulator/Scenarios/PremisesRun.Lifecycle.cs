using System.Security.Cryptography;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Devices;
using TrustAnchor.Smki;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Simulator.Scenarios;

/// <summary>
/// The credential lifecycle beyond CS02b: a device's own key pairs re-keyed (CS02c → the SMKI's Issuing DCA → CS02d →
/// CS02e), and revocation acted on (the SMKI revokes and publishes a CRL or ARL; the DCC, as a Relying Party, reads it
/// and sends nothing that depends on a revoked certificate).
/// </summary>
public sealed partial class PremisesRun
{
    // ---- the DCC as a Relying Party ----

    /// <summary>Why the DCC must not send a command that depends on these certificates, or null.</summary>
    private string? RelyingPartyRefusal(IEnumerable<(string What, CertificateRecord? Certificate)> dependsOn)
    {
        var issuingOca = _env.Smki.IssuingOca;
        foreach (var (what, certificate) in dependsOn)
        {
            if (certificate is not null && _env.Revocation.RefusalFor(certificate, issuingOca) is { } reason)
            {
                return $"{what} cannot be relied on: {reason}";
            }
        }

        return null;
    }

    private static string DescribeNotSent(IEnumerable<(string Device, string Reason)> notSent) =>
        string.Join("; ", notSent.GroupBy(n => n.Reason).Select(g => $"{string.Join(", ", g.Select(n => n.Device))}: {g.Key}"));

    private StepOutcome RevokeCertificate(ScenarioStep step)
    {
        var smki = _env.Smki;
        var failures = new List<string>();
        if (step.Party == PartyNames.IssuingOca)
        {
            var ca = smki.IssuingOca;
            var already = smki.IsRevoked(ca.Serial);
            if (!already)
            {
                smki.Revoke(ca.Serial, System.Security.Cryptography.X509Certificates.X509RevocationReason.CACompromise);
            }

            var arl = _env.Revocation.Accept(smki.IssueArl(), smki.RootOca, isArl: true);
            if (!arl.Serials.Contains(ca.Serial.ToUpperInvariant()))
            {
                failures.Add($"ARL #{arl.Number} lists the Issuing OCA {ca.Serial}");
            }

            return new StepOutcome($"Issuing OCA {ca.Serial} revoked{(already ? " (earlier)" : "")}; the DCC read ARL #{arl.Number} from the Repository (signed by the Root OCA, {arl.Serials.Count} entr{(arl.Serials.Count == 1 ? "y" : "ies")})", failures);
        }

        var party = _env.Parties.Get(step.Party!);
        var certificates = new List<(string Usage, CertificateRecord Certificate)>();
        if (step.KeyUsage is null or "ds" && party.DigitalSignature is { } ds)
        {
            certificates.Add(("DS", ds));
        }

        if (step.KeyUsage is null or "ka" && party.KeyAgreement is { } ka)
        {
            certificates.Add(("KA", ka));
        }

        if (certificates.Count == 0)
        {
            return new StepOutcome($"{PartyNames.Display(party.Name)} has no {step.KeyUsage?.ToUpperInvariant()} certificate", [$"a certificate of {party.Name} to revoke"]);
        }

        foreach (var (_, certificate) in certificates)
        {
            if (!smki.IsRevoked(certificate.Serial))
            {
                smki.Revoke(certificate.Serial, System.Security.Cryptography.X509Certificates.X509RevocationReason.KeyCompromise);
            }
        }

        var crl = _env.Revocation.Accept(smki.IssueCrl(), smki.IssuingOca, isArl: false);
        foreach (var (usage, certificate) in certificates)
        {
            if (!crl.Serials.Contains(certificate.Serial.ToUpperInvariant()))
            {
                failures.Add($"CRL #{crl.Number} lists {party.Name}'s {usage} certificate {certificate.Serial}");
            }
        }

        var what = string.Join(", ", certificates.Select(c => $"{c.Usage} {c.Certificate.Serial}"));
        return new StepOutcome($"{PartyNames.Display(party.Name)}'s Organisation Certificate{(certificates.Count == 1 ? "" : "s")} ({what}) revoked; the DCC read CRL #{crl.Number} from the Repository (signed by the Issuing OCA, {crl.Serials.Count} entr{(crl.Serials.Count == 1 ? "y" : "ies")})", failures);
    }

    private StepOutcome ReissueCertificates(ScenarioStep step)
    {
        var (party, _) = _env.Parties.Reissue(step.Party!);
        var failures = new List<string>();
        var parts = new List<string>();
        foreach (var (usage, certificate) in new[] { ("DS", party.DigitalSignature), ("KA", party.KeyAgreement) })
        {
            if (certificate is null)
            {
                continue;
            }

            var verdict = _env.Smki.CheckCertificate(certificate.Der);
            if (!verdict.IsTrusted)
            {
                failures.Add($"the re-issued {usage} certificate is trusted ({verdict.Reason})");
            }

            parts.Add($"{usage} {certificate.Serial} (SKI {certificate.SubjectKeyId})");
        }

        return new StepOutcome($"{PartyNames.Display(party.Name)} re-issued with new keys, same Entity Identifier {party.EntityIdHex}: {string.Join(", ", parts)}", failures);
    }

    // ---- the device's own credentials: CS02c, CS02d, CS02e ----

    private static int DeviceKeyUsage(ScenarioStep step) => step.KeyUsage == "ka" ? DccCommands.KeyUsageKa : DccCommands.KeyUsageDs;

    private static string UsageName(int usage) => usage == DccCommands.KeyUsageKa ? "KA" : "DS";

    /// <summary>The party a device takes its own-credential commands from: the Supplier on meters, the WAN Provider on the hub [inferred].</summary>
    private RemoteParty CredentialsRequester(DeviceRecord record, ScenarioStep step)
    {
        if (step.Signer is not null)
        {
            return _env.Parties.Get(step.Signer);
        }

        var role = record.Kind == DeviceKinds.CommsHub ? FwRole.WanProvider : FwRole.Supplier;
        return _env.Parties.Get(record.Expected[new CellKey((int)role, DccCommands.KeyUsageDs, (int)CellUsage.Management)].Party);
    }

    /// <summary>Builds one command per device (unless the DCC refuses), sends them, and returns what came back.</summary>
    private async Task<(List<Evaluated> Results, List<string> Failures, List<(string Device, string Reason)> NotSent)> SendOwnCredentialsCommandAsync(
        ScenarioStep step,
        IReadOnlyList<VirtualDevice> devices,
        Func<DeviceRecord, RemoteParty, RemoteParty, ulong, byte[]?> build,
        CancellationToken cancellationToken)
    {
        var commands = new List<(byte[] Frame, string TargetEui, ulong Counter)>();
        var rebuilders = new List<Func<(byte[] Frame, ulong Counter)>>();
        var sent = new List<VirtualDevice>();
        var notSent = new List<(string Device, string Reason)>();
        foreach (var device in devices)
        {
            var record = Record(device);
            var signer = CredentialsRequester(record, step);
            var acb = AcbFor(record);
            var refusal = RelyingPartyRefusal([($"{PartyNames.Display(signer.Name)}'s DS certificate", signer.DigitalSignature), ("the ACB's KA certificate", acb.KeyAgreement)]);
            if (refusal is not null)
            {
                notSent.Add((record.Display, refusal));
                continue;
            }

            var counter = _env.NextCounter();
            var frame = build(record, signer, acb, counter);
            if (frame is null)
            {
                continue;
            }

            commands.Add((frame, record.EuiHex, counter));
            rebuilders.Add(() =>
            {
                var fresh = _env.NextCounter();
                return (build(record, signer, acb, fresh)!, fresh);
            });
            sent.Add(device);
        }

        if (sent.Count == 0)
        {
            return ([], [], notSent);
        }

        var evaluated = await SendAndEvaluateAsync(step, sent, commands, cancellationToken, rebuild: rebuilders, checkOutcome: false);
        return (evaluated.Results, evaluated.Failures, notSent);
    }

    private StepOutcome Finish(ScenarioStep step, string what, List<Evaluated> results, List<string> failures, List<(string Device, string Reason)> notSent, List<string> parts)
    {
        CheckOutcome(step, [.. results.Select(r => (r.Device.Display, r.Outcome)), .. notSent.Select(n => (n.Device, "not-sent"))], failures);
        if (notSent.Count > 0)
        {
            parts.Add("not sent: " + DescribeNotSent(notSent));
        }

        return new StepOutcome($"{what}: {string.Join("; ", parts)}", failures);
    }

    private async Task<StepOutcome> IssueDeviceCredentialsAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        RequireHub();
        var usage = DeviceKeyUsage(step);
        var devices = Select(step, _devices);
        var (results, failures, notSent) = await SendOwnCredentialsCommandAsync(step, devices,
            (record, signer, acb, counter) => DccCommands.IssueSecurityCredentials(signer, acb, record, counter, usage), cancellationToken);
        var parts = new List<string>();
        foreach (var e in results)
        {
            if (e.Outcome == "accepted" && e.Answer.Response is { } response)
            {
                var csr = IssueSecurityCredentialsResponse.Parse(response).CertificationRequest;
                var der = csr.Buffer.AsSpan(csr.Offset, csr.Length).ToArray();
                e.Device.PendingCsrs[usage] = der;
                parts.Add($"{e.Device.Display} CSR for a new {UsageName(usage)} key ({der.Length} bytes)");
            }
            else
            {
                parts.Add($"{e.Device.Display} {Summarise(e)}");
            }
        }

        return Finish(step, $"CS02c {UsageName(usage)}", results, failures, notSent, parts);
    }

    private async Task<StepOutcome> UpdateDeviceCertificateAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        RequireHub();
        var usage = DeviceKeyUsage(step);
        var smkiUsage = usage == DccCommands.KeyUsageKa ? SmkiKeyUsage.KeyAgreement : SmkiKeyUsage.DigitalSignature;
        var devices = Select(step, _devices);
        var failures = new List<string>();
        var certificates = new Dictionary<string, CertificateRecord>();
        var ready = new List<VirtualDevice>();
        foreach (var device in devices)
        {
            var record = Record(device);
            try
            {
                if (step.DeviceCertificate == "other-key")
                {
                    // A genuine Device Certificate for this device, but for a key pair the SMKI made, not the device.
                    certificates[record.EuiHex] = _env.Smki.IssueDeviceCertificate(record.Eui64, smkiUsage, label: $"sim/{Name}/{record.Kind}-other-key");
                }
                else if (record.IssuedFor(usage) is { } issued)
                {
                    certificates[record.EuiHex] = issued; // the same CSR's certificate, sent again
                }
                else if (record.PendingCsrs.TryGetValue(usage, out var csr))
                {
                    // The DCC passes the device's CSR to the SMKI as an Authorised Subscriber over the DCC Gateway.
                    var issuedNow = _env.Smki.ProcessDeviceCsr(csr, new CsrSubmission(DccEnvironment.DeviceCsrSubscriber), record.Eui64, smkiUsage);
                    record.RememberIssued(usage, issuedNow);
                    certificates[record.EuiHex] = issuedNow;
                }
                else
                {
                    failures.Add($"{record.Display} has a CS02c {UsageName(usage)} CSR waiting (run issue-device-credentials first)");
                    continue;
                }
            }
            catch (SmkiException ex)
            {
                failures.Add($"the SMKI issues {record.Display}'s {UsageName(usage)} Device Certificate ({ex.Message})");
                continue;
            }

            if (usage == DccCommands.KeyUsageDs && step.DeviceCertificate != "other-key")
            {
                record.ExpectSigningKey(certificates[record.EuiHex].PublicKeyBytes());
            }

            ready.Add(device);
        }

        if (ready.Count == 0)
        {
            return new StepOutcome($"CS02d {UsageName(usage)}: nothing to send", failures.Count == 0 ? ["a device to send CS02d to"] : failures);
        }

        var (results, sendFailures, notSent) = await SendOwnCredentialsCommandAsync(step, ready,
            (record, signer, acb, counter) => DccCommands.UpdateDeviceCertificates(signer, acb, record, counter, certificates[record.EuiHex].Der), cancellationToken);
        failures.AddRange(sendFailures);
        var parts = new List<string>();
        foreach (var e in results)
        {
            var certificate = certificates[e.Device.EuiHex];
            if (e.Outcome == "accepted")
            {
                if (usage == DccCommands.KeyUsageKa)
                {
                    e.Device.ReplaceKeyAgreementKey(certificate.PublicKeyBytes());
                }
                else if (!e.Device.SigningPublicKey.AsSpan().SequenceEqual(certificate.PublicKeyBytes()))
                {
                    failures.Add($"{e.Device.Display} signs its CS02d response with the key of its new DS certificate");
                }

                e.Device.DeviceCertificates[usage] = certificate;
                e.Device.PendingCsrs.Remove(usage);
                parts.Add($"{e.Device.Display} installed {UsageName(usage)} Device Certificate {certificate.Serial} (SKI {certificate.SubjectKeyId}); the old key is retired");
            }
            else
            {
                var result = e.Answer.Response is { } r && r.MessageCode == GbcsMessageCodes.UpdateDeviceCertificates
                    ? $" (result {DescribeResult(UpdateDeviceCertificateResponse.Parse(r).Result)})"
                    : "";
                parts.Add($"{e.Device.Display} {Summarise(e)}{result}");
            }

            e.Device.CancelPendingSigningKey();
        }

        foreach (var device in ready)
        {
            Record(device).CancelPendingSigningKey();
        }

        return Finish(step, $"CS02d {UsageName(usage)}", results, failures, notSent, parts);
    }

    private static string DescribeResult(UpdateDeviceCertificateResult result) => result switch
    {
        UpdateDeviceCertificateResult.Success => "0 success",
        UpdateDeviceCertificateResult.BadCertificate => "1 bad certificate",
        UpdateDeviceCertificateResult.WrongDeviceIdentity => "2 wrong device identity",
        UpdateDeviceCertificateResult.WrongKeyUsage => "3 wrong key usage",
        UpdateDeviceCertificateResult.PublicKeyMismatch => "4 public key mismatch",
        UpdateDeviceCertificateResult.NoPendingKeyPair => "5 no pending key pair",
        _ => ((int)result).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private async Task<StepOutcome> ProvideDeviceCertificateAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        RequireHub();
        var usage = DeviceKeyUsage(step);
        var devices = Select(step, _devices);
        var (results, failures, notSent) = await SendOwnCredentialsCommandAsync(step, devices,
            (record, signer, acb, counter) => DccCommands.ProvideDeviceCertificates(signer, acb, record, counter, usage), cancellationToken);
        var parts = new List<string>();
        foreach (var e in results)
        {
            if (e.Outcome != "accepted" || e.Answer.Response is not { } response)
            {
                parts.Add($"{e.Device.Display} {Summarise(e)}");
                continue;
            }

            var view = ProvideDeviceCertificateResponse.Parse(response).Certificate;
            var der = view.Buffer.AsSpan(view.Offset, view.Length).ToArray();
            var verdict = _env.Smki.CheckCertificate(der);
            var inUse = usage == DccCommands.KeyUsageKa ? e.Device.KeyAgreementPublicKey : e.Device.SigningPublicKey;
            if (!verdict.IsTrusted)
            {
                failures.Add($"{e.Device.Display}'s Device Certificate is one the SMKI issued and trusts ({verdict.Reason})");
            }
            else if (!verdict.Certificate!.PublicKeyBytes().AsSpan().SequenceEqual(inUse))
            {
                failures.Add($"{e.Device.Display}'s {UsageName(usage)} Device Certificate carries the key the device uses");
            }

            if (e.Device.DeviceCertificates.TryGetValue(usage, out var expected) && !expected.Der.AsSpan().SequenceEqual(der))
            {
                failures.Add($"{e.Device.Display} returns the {UsageName(usage)} Device Certificate installed by CS02d ({expected.Serial}), got serial {verdict.Certificate?.Serial ?? "unknown"}");
            }

            parts.Add($"{e.Device.Display} {UsageName(usage)} Device Certificate {verdict.Certificate?.Serial ?? "?"} ({verdict.Reason})");
        }

        return Finish(step, $"CS02e {UsageName(usage)}", results, failures, notSent, parts);
    }
}
