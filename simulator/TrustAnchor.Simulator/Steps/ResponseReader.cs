using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Han;
using TrustAnchor.Simulator.Reporting;

namespace TrustAnchor.Simulator.Steps;

/// <summary>
/// How the DCC reads what a device sent back: every response and alert must carry the device's own signature and
/// parse as what it claims; a response's Message Code says how to tell accepted from refused.
/// </summary>
public static class ResponseReader
{
    /// <summary>The alert codes a device raised, each checked to be signed by that device and well formed.</summary>
    public static List<int> ReadAlerts(DeviceRecord record, DeviceAnswer answer, RunCounters counters, List<string> failures)
    {
        var codes = new List<int>();
        foreach (var alert in answer.Alerts)
        {
            counters.AddAlerts(1);
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

    /// <summary>One device's answer to a command: its signature checked, its response parsed and judged.</summary>
    public static CommandOutcome Read(DeviceRecord record, DeviceAnswer answer, List<int> alerts, List<string> failures)
    {
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

        return new CommandOutcome(record, answer, outcome, alerts, update, details);
    }
}
