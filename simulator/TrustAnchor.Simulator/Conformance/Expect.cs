using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Simulator.Dcc;

namespace TrustAnchor.Simulator.Conformance;

/// <summary>The judgements rules make about what a device sent back. Each throws <see cref="RuleFailedException"/> with what was seen.</summary>
public static class Expect
{
    public static string Alert(int code) => "0x" + code.ToString("X4");

    /// <summary>Refused before execution: no response, and the alert GBCS names.</summary>
    public static void Refused(Reply reply, int alert, string what)
    {
        if (reply.HasResponse && IsAcceptance(reply))
        {
            throw new RuleFailedException($"{what}: the device accepted it ({reply.Describe()}); expected refusal with alert {Alert(alert)}");
        }

        if (!reply.AlertCodes.Contains(alert))
        {
            throw new RuleFailedException($"{what}: expected alert {Alert(alert)}, got {reply.Describe()}");
        }
    }

    /// <summary>Silently dropped: no response and no security alert (0x8F60 at a threshold is allowed).</summary>
    public static void Silent(Reply reply, string what)
    {
        if (reply.HasResponse)
        {
            throw new RuleFailedException($"{what}: expected no response, got {reply.Describe()}");
        }

        var alerts = reply.AlertCodes.Where(a => a != GbcsAlertCodes.UnusualCommands).ToList();
        if (alerts.Count > 0)
        {
            throw new RuleFailedException($"{what}: expected no alert, got {reply.Describe()}");
        }
    }

    private static bool IsAcceptance(Reply reply)
    {
        var message = reply.ResponseMessage;
        if (message is null)
        {
            return true;
        }

        if (!GbcsMessageCodes.IsUpdateSecurityCredentials(message.MessageCode))
        {
            return message.MessageCode != GbcsMessageCodes.UpdateDeviceCertificates || UpdateDeviceCertificateResponse.Parse(message).Result == UpdateDeviceCertificateResult.Success;
        }

        try
        {
            var update = UpdateSecurityCredentialsResponse.Parse(message);
            return update.IsFutureDatedAcknowledgement || update.Outcome.AllSucceeded;
        }
        catch (TrustAnchorException)
        {
            return false;
        }
    }

    /// <summary>A CS02b response that accepts (every cell success); returns it.</summary>
    public static UpdateSecurityCredentialsResponse Accepted(Reply reply, string what, ConformSession? session = null, IEnumerable<(byte[] Der, CellKey Cell)>? replacements = null)
    {
        var update = Cs02bResponse(reply, what);
        if (update.IsFutureDatedAcknowledgement || !update.Outcome.AllSucceeded)
        {
            var statuses = update.IsFutureDatedAcknowledgement ? "a future-dated acknowledgement" : "cell statuses " + string.Join("/", update.Outcome.Replacements.Select(r => r.StatusCode));
            throw new RuleFailedException($"{what}: expected acceptance, got {statuses} ({reply.Describe()})");
        }

        if (reply.AlertCodes.Count > 0)
        {
            throw new RuleFailedException($"{what}: accepted, but with alert {string.Join(", ", reply.AlertCodes.Select(Alert))}");
        }

        foreach (var (der, cell) in replacements ?? [])
        {
            var ski = SkiOf(der);
            var reported = update.Outcome.Replacements.FirstOrDefault(r => r.AffectedCell.Equals((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)cell.Role, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)cell.KeyUsage, (TrustAnchor.Firmware.TrustAnchors.CellUsage)cell.CellUsage));
            if (reported is null || !reported.ReplacingSubjectKeyIdentifier.AsSpan().SequenceEqual(ski))
            {
                throw new RuleFailedException($"{what}: the response does not report {cell} now holding SKI {Convert.ToHexString(ski)}");
            }
        }

        return update;
    }

    /// <summary>A CS02b refused after validation: a response, no cell success, the failing cell with <paramref name="status"/>.</summary>
    public static UpdateSecurityCredentialsResponse RefusedWithStatus(Reply reply, int status, string what)
    {
        var update = Cs02bResponse(reply, what);
        if (update.IsFutureDatedAcknowledgement)
        {
            throw new RuleFailedException($"{what}: acknowledged as future-dated; expected refusal with cell status {status}");
        }

        var statuses = update.Outcome.Replacements.Select(r => r.StatusCode).ToList();
        if (statuses.Contains(ReplacementStatus.Success))
        {
            throw new RuleFailedException($"{what}: cell statuses {string.Join("/", statuses)}: a cell was replaced; expected refusal with status {status} and nothing applied");
        }

        if (!statuses.Contains(status))
        {
            throw new RuleFailedException($"{what}: cell statuses {string.Join("/", statuses)}; expected status {status}");
        }

        return update;
    }

    public static UpdateSecurityCredentialsResponse Cs02bResponse(Reply reply, string what)
    {
        if (reply.ResponseMessage is not { } message)
        {
            throw new RuleFailedException($"{what}: expected a CS02b response, got {reply.Describe()}");
        }

        if (!GbcsMessageCodes.IsUpdateSecurityCredentials(message.MessageCode) || message.MessageCode != reply.SentMessageCode())
        {
            throw new RuleFailedException($"{what}: the response has Message Code 0x{message.MessageCode:X4}, the command 0x{reply.SentMessageCode():X4}");
        }

        try
        {
            return UpdateSecurityCredentialsResponse.Parse(message);
        }
        catch (TrustAnchorException ex)
        {
            throw new RuleFailedException($"{what}: the CS02b response does not parse: {ex.Message}");
        }
    }

    public static int SentMessageCode(this Reply reply) => GbcsMessage.Parse(reply.Sent).MessageCode;

    public static ulong SentCounter(this Reply reply) => GbcsMessage.Parse(reply.Sent).OriginatorCounter;

    /// <summary>Subject Key Identifier of a certificate (read from its own extension by .NET).</summary>
    public static byte[] SkiOf(byte[] der)
    {
        using var x509 = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(der);
        var ext = x509.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectKeyIdentifierExtension>().First();
        return Convert.FromHexString(ext.SubjectKeyIdentifier!);
    }

    public static void That(bool condition, string failure)
    {
        if (!condition)
        {
            throw new RuleFailedException(failure);
        }
    }
}
