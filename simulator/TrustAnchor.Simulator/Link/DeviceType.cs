namespace TrustAnchor.Simulator.Link;

/// <summary>
/// The device type a device announces in READY: the firmware's <see cref="TrustAnchor.Firmware.TrustAnchors.DeviceType"/>
/// values (a class of constants there, for nanoFramework), as an enum for host code. Names on the command line:
/// esme, gsme, chf, ppmid (as the simulator's device kinds).
/// </summary>
public enum DeviceType
{
    Esme = TrustAnchor.Firmware.TrustAnchors.DeviceType.Esme,
    Gsme = TrustAnchor.Firmware.TrustAnchors.DeviceType.Gsme,
    CommsHub = TrustAnchor.Firmware.TrustAnchors.DeviceType.CommsHub,
    Ppmid = TrustAnchor.Firmware.TrustAnchors.DeviceType.Ppmid,
}

/// <summary>The command-line names of <see cref="DeviceType"/>.</summary>
public static class DeviceTypes
{
    public static IReadOnlyList<string> Names { get; } = ["esme", "gsme", "chf", "ppmid"];

    /// <summary>esme, gsme, chf (or commshub), ppmid; case-insensitive.</summary>
    public static bool TryParse(string? text, out DeviceType type)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "esme": type = DeviceType.Esme; return true;
            case "gsme": type = DeviceType.Gsme; return true;
            case "chf" or "commshub" or "comms-hub": type = DeviceType.CommsHub; return true;
            case "ppmid": type = DeviceType.Ppmid; return true;
            default: type = default; return false;
        }
    }

    public static string Name(DeviceType type) => type switch
    {
        DeviceType.Esme => "esme",
        DeviceType.Gsme => "gsme",
        DeviceType.CommsHub => "chf",
        DeviceType.Ppmid => "ppmid",
        _ => ((int)type).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
