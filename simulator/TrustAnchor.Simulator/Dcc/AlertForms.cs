using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Simulator.Dcc;

/// <summary>
/// How the DCC expects a device's alert to look (shared/gbcs/NOTES.md section 9): device alerts with Message Code
/// 0x1000 / 0x1001 by the alert's class and the payload in the device's own language — DLMS from an ESME, GBZ from
/// the ZigBee-side devices (GSME, PPMID, Comms Hub); the future-dated CS02b outcome with 0x00CB in DER.
/// </summary>
public static class AlertForms
{
    /// <summary>The payload language a device type's alerts come in.</summary>
    public static int LanguageOf(int deviceType) =>
        deviceType == (int)DeviceType.Esme ? GbcsAlertFormat.DlmsDataNotification : GbcsAlertFormat.Gbz;

    /// <summary>What is wrong with the alert's form, or null when it is as GBCS sends it.</summary>
    public static string? Problem(int deviceType, GbcsMessage alert, GbcsAlert parsed)
    {
        var code = $"0x{parsed.AlertCode:X4}";
        if (alert.MessageCode == GbcsMessageCodes.FutureDatedUpdateSecurityCredentialsAlert)
        {
            return parsed.Format == GbcsAlertFormat.Der ? null : $"0x00CB alert {code} is {GbcsAlertFormat.Name(parsed.Format)}, not DER";
        }

        var expectedCode = GbcsAlertClasses.MessageCodeFor(parsed.AlertCode);
        if (alert.MessageCode != expectedCode)
        {
            return $"alert {code} goes with Message Code 0x{expectedCode:X4}, not 0x{alert.MessageCode:X4}";
        }

        var language = LanguageOf(deviceType);
        return parsed.Format == language
            ? null
            : $"alert {code} from a {DeviceTypes.Name((DeviceType)deviceType)} is a {GbcsAlertFormat.Name(language)} payload, not {GbcsAlertFormat.Name(parsed.Format)}";
    }
}
