using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Simulator.Steps;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Simulator.Expectations;

/// <summary>The words a step's report line uses for outcomes, refusals, roles and results.</summary>
public static class StepText
{
    /// <summary>"accepted", "refused (cell status 3) with alert 0x8F1C (…)", "not sent by the DCC (…)", "no answer".</summary>
    public static string Summarise(CommandOutcome e)
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

    /// <summary>What came back at all, before it is read.</summary>
    public static string Summarise(DeviceAnswer answer) =>
        answer.Response is null ? (answer.Alerts.Count == 0 ? "no answer" : $"{answer.Alerts.Count} alert(s), no response") : "a response";

    /// <summary>Devices the DCC sent nothing to, grouped by why: "ESME, GSME: the ACB's KA certificate cannot be relied on: …".</summary>
    public static string NotSent(IEnumerable<(string Device, string Reason)> notSent) =>
        string.Join("; ", notSent.GroupBy(n => n.Reason).Select(g => $"{string.Join(", ", g.Select(n => n.Device))}: {g.Key}"));

    public static string Devices(IEnumerable<Devices.VirtualDevice> devices) => string.Join(", ", devices.Select(d => DeviceKinds.DisplayName(d.Kind)));

    public static string Role(int role) => role switch
    {
        (int)FwRole.Supplier => "Supplier",
        (int)FwRole.NetworkOperator => "Network Operator",
        (int)FwRole.Recovery => "Recovery",
        (int)FwRole.TransitionalCoS => "Transitional CoS",
        (int)FwRole.WanProvider => "WAN Provider",
        (int)FwRole.AccessControlBroker => "ACB",
        _ => Smki.RemotePartyRole.Name(role),
    };

    public static string KeyUsage(int usage) => usage == DccCommands.KeyUsageKa ? "KA" : "DS";

    /// <summary>CS02d's result code with its GBCS meaning.</summary>
    public static string UpdateDeviceCertificateResult(Firmware.Gbcs.UpdateDeviceCertificateResult result) => result switch
    {
        Firmware.Gbcs.UpdateDeviceCertificateResult.Success => "0 success",
        Firmware.Gbcs.UpdateDeviceCertificateResult.BadCertificate => "1 bad certificate",
        Firmware.Gbcs.UpdateDeviceCertificateResult.WrongDeviceIdentity => "2 wrong device identity",
        Firmware.Gbcs.UpdateDeviceCertificateResult.WrongKeyUsage => "3 wrong key usage",
        Firmware.Gbcs.UpdateDeviceCertificateResult.PublicKeyMismatch => "4 public key mismatch",
        Firmware.Gbcs.UpdateDeviceCertificateResult.NoPendingKeyPair => "5 no pending key pair",
        _ => ((int)result).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
