using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Devices;
using TrustAnchor.Simulator.Expectations;
using TrustAnchor.Simulator.Premises;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Smki;

namespace TrustAnchor.Simulator.Steps;

/// <summary>
/// A device's own key pairs re-keyed: CS02c (the device makes a key pair and a CSR), the SMKI's Issuing DCA issues
/// the Device Certificate, CS02d installs it, CS02e returns it for the DCC to check.
/// </summary>
public sealed class DeviceCredentialSteps(CommandExchange exchange)
{
    private static int DeviceKeyUsage(ScenarioStep step) => step.KeyUsage == "ka" ? DccCommands.KeyUsageKa : DccCommands.KeyUsageDs;

    /// <summary>Builds one command per device (unless the DCC refuses), sends them, and returns what came back.</summary>
    private async Task<(List<CommandOutcome> Results, List<string> Failures, List<(string Device, string Reason)> NotSent)> SendOwnCredentialsCommandAsync(
        SmartMeteringSystem premises,
        ScenarioStep step,
        IReadOnlyList<VirtualDevice> devices,
        Func<DeviceRecord, RemoteParty, RemoteParty, ulong, byte[]?> build,
        CancellationToken cancellationToken)
    {
        var dcc = premises.Dcc;
        var commands = new List<(byte[] Frame, string TargetEui, ulong Counter)>();
        var rebuilders = new List<Func<(byte[] Frame, ulong Counter)>>();
        var sent = new List<VirtualDevice>();
        var notSent = new List<(string Device, string Reason)>();
        foreach (var device in devices)
        {
            var record = premises.Record(device);
            var signer = CommandParties.Requester(dcc.Parties, record, step.Signer);
            var acb = CommandParties.AcbFor(dcc.Parties, record);
            var refusal = RelyingParty.Refusal(dcc, signer, acb);
            if (refusal is not null)
            {
                notSent.Add((record.Display, refusal));
                continue;
            }

            var counter = dcc.NextCounter();
            var frame = build(record, signer, acb, counter);
            if (frame is null)
            {
                continue;
            }

            commands.Add((frame, record.EuiHex, counter));
            rebuilders.Add(() =>
            {
                var fresh = dcc.NextCounter();
                return (build(record, signer, acb, fresh)!, fresh);
            });
            sent.Add(device);
        }

        if (sent.Count == 0)
        {
            return ([], [], notSent);
        }

        var evaluated = await exchange.SendAndEvaluateAsync(premises, step, sent, commands, cancellationToken, rebuild: rebuilders, checkOutcome: false);
        return (evaluated.Results, evaluated.Failures, notSent);
    }

    private static StepOutcome Finish(ScenarioStep step, string what, List<CommandOutcome> results, List<string> failures, List<(string Device, string Reason)> notSent, List<string> parts)
    {
        ExpectationJudge.Outcomes(step, [.. results.Select(r => (r.Device.Display, r.Outcome)), .. notSent.Select(n => (n.Device, "not-sent"))], failures);
        if (notSent.Count > 0)
        {
            parts.Add("not sent: " + StepText.NotSent(notSent));
        }

        return new StepOutcome($"{what}: {string.Join("; ", parts)}", failures);
    }

    /// <summary>CS02c Issue Security Credentials: each device makes a new key pair and returns its CSR.</summary>
    public async Task<StepOutcome> IssueDeviceCredentialsAsync(SmartMeteringSystem premises, ScenarioStep step, CancellationToken cancellationToken)
    {
        premises.RequireHub();
        var usage = DeviceKeyUsage(step);
        var devices = premises.Select(step, premises.Devices);
        var (results, failures, notSent) = await SendOwnCredentialsCommandAsync(premises, step, devices,
            (record, signer, acb, counter) => DccCommands.IssueSecurityCredentials(signer, acb, record, counter, usage), cancellationToken);
        var parts = new List<string>();
        foreach (var e in results)
        {
            if (e.Outcome == "accepted" && e.Answer.Response is { } response)
            {
                var csr = IssueSecurityCredentialsResponse.Parse(response).CertificationRequest;
                var der = csr.Buffer.AsSpan(csr.Offset, csr.Length).ToArray();
                e.Device.PendingCsrs[usage] = der;
                parts.Add($"{e.Device.Display} CSR for a new {StepText.KeyUsage(usage)} key ({der.Length} bytes)");
            }
            else
            {
                parts.Add($"{e.Device.Display} {StepText.Summarise(e)}");
            }
        }

        return Finish(step, $"CS02c {StepText.KeyUsage(usage)}", results, failures, notSent, parts);
    }

    /// <summary>CS02d Update Device Certificates: the SMKI issues the certificate for the CSR; the device installs it.</summary>
    public async Task<StepOutcome> UpdateDeviceCertificateAsync(SmartMeteringSystem premises, ScenarioStep step, CancellationToken cancellationToken)
    {
        var smki = premises.Dcc.Smki;
        premises.RequireHub();
        var usage = DeviceKeyUsage(step);
        var smkiUsage = usage == DccCommands.KeyUsageKa ? SmkiKeyUsage.KeyAgreement : SmkiKeyUsage.DigitalSignature;
        var devices = premises.Select(step, premises.Devices);
        var failures = new List<string>();
        var certificates = new Dictionary<string, CertificateRecord>();
        var ready = new List<VirtualDevice>();
        foreach (var device in devices)
        {
            var record = premises.Record(device);
            try
            {
                if (step.DeviceCertificate == "other-key")
                {
                    // A genuine Device Certificate for this device, but for a key pair the SMKI made, not the device.
                    certificates[record.EuiHex] = smki.IssueDeviceCertificate(record.Eui64, smkiUsage, label: $"sim/{premises.Name}/{record.Kind}-other-key");
                }
                else if (record.IssuedFor(usage) is { } issued)
                {
                    certificates[record.EuiHex] = issued; // the same CSR's certificate, sent again
                }
                else if (record.PendingCsrs.TryGetValue(usage, out var csr))
                {
                    // The DCC passes the device's CSR to the SMKI as an Authorised Subscriber over the DCC Gateway.
                    var issuedNow = smki.ProcessDeviceCsr(csr, new CsrSubmission(DccEnvironment.DeviceCsrSubscriber), record.Eui64, smkiUsage);
                    record.RememberIssued(usage, issuedNow);
                    certificates[record.EuiHex] = issuedNow;
                }
                else
                {
                    failures.Add($"{record.Display} has a CS02c {StepText.KeyUsage(usage)} CSR waiting (run issue-device-credentials first)");
                    continue;
                }
            }
            catch (SmkiException ex)
            {
                failures.Add($"the SMKI issues {record.Display}'s {StepText.KeyUsage(usage)} Device Certificate ({ex.Message})");
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
            return new StepOutcome($"CS02d {StepText.KeyUsage(usage)}: nothing to send", failures.Count == 0 ? ["a device to send CS02d to"] : failures);
        }

        var (results, sendFailures, notSent) = await SendOwnCredentialsCommandAsync(premises, step, ready,
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
                parts.Add($"{e.Device.Display} installed {StepText.KeyUsage(usage)} Device Certificate {certificate.Serial} (SKI {certificate.SubjectKeyId}); the old key is retired");
            }
            else
            {
                var result = e.Answer.Response is { } r && r.MessageCode == GbcsMessageCodes.UpdateDeviceCertificates
                    ? $" (result {StepText.UpdateDeviceCertificateResult(UpdateDeviceCertificateResponse.Parse(r).Result)})"
                    : "";
                parts.Add($"{e.Device.Display} {StepText.Summarise(e)}{result}");
            }

            e.Device.CancelPendingSigningKey();
        }

        foreach (var device in ready)
        {
            premises.Record(device).CancelPendingSigningKey();
        }

        return Finish(step, $"CS02d {StepText.KeyUsage(usage)}", results, failures, notSent, parts);
    }

    /// <summary>CS02e Provide Device Certificates: the certificate the device returns must be trusted and carry the key it uses.</summary>
    public async Task<StepOutcome> ProvideDeviceCertificateAsync(SmartMeteringSystem premises, ScenarioStep step, CancellationToken cancellationToken)
    {
        var smki = premises.Dcc.Smki;
        premises.RequireHub();
        var usage = DeviceKeyUsage(step);
        var devices = premises.Select(step, premises.Devices);
        var (results, failures, notSent) = await SendOwnCredentialsCommandAsync(premises, step, devices,
            (record, signer, acb, counter) => DccCommands.ProvideDeviceCertificates(signer, acb, record, counter, usage), cancellationToken);
        var parts = new List<string>();
        foreach (var e in results)
        {
            if (e.Outcome != "accepted" || e.Answer.Response is not { } response)
            {
                parts.Add($"{e.Device.Display} {StepText.Summarise(e)}");
                continue;
            }

            var view = ProvideDeviceCertificateResponse.Parse(response).Certificate;
            var der = view.Buffer.AsSpan(view.Offset, view.Length).ToArray();
            var verdict = smki.CheckCertificate(der);
            var inUse = usage == DccCommands.KeyUsageKa ? e.Device.KeyAgreementPublicKey : e.Device.SigningPublicKey;
            if (!verdict.IsTrusted)
            {
                failures.Add($"{e.Device.Display}'s Device Certificate is one the SMKI issued and trusts ({verdict.Reason})");
            }
            else if (!verdict.Certificate!.PublicKeyBytes().AsSpan().SequenceEqual(inUse))
            {
                failures.Add($"{e.Device.Display}'s {StepText.KeyUsage(usage)} Device Certificate carries the key the device uses");
            }

            if (e.Device.DeviceCertificates.TryGetValue(usage, out var expected) && !expected.Der.AsSpan().SequenceEqual(der))
            {
                failures.Add($"{e.Device.Display} returns the {StepText.KeyUsage(usage)} Device Certificate installed by CS02d ({expected.Serial}), got serial {verdict.Certificate?.Serial ?? "unknown"}");
            }

            parts.Add($"{e.Device.Display} {StepText.KeyUsage(usage)} Device Certificate {verdict.Certificate?.Serial ?? "?"} ({verdict.Reason})");
        }

        return Finish(step, $"CS02e {StepText.KeyUsage(usage)}", results, failures, notSent, parts);
    }
}
