namespace TrustAnchor.Simulator.Devices;

/// <summary>What a device sends back for one frame: at most one response and any alerts, as GBCS frames.</summary>
public readonly record struct DeviceReply(byte[]? Response, byte[][] Alerts)
{
    public static readonly DeviceReply None = new(null, []);
}

/// <summary>
/// A device on the simulated network: the firmware's GbcsDevice in a virtual case (its own store, clock and keys).
/// The Comms Hub and the meters call it from their own loop only, one frame at a time.
/// </summary>
public interface IVirtualDevice
{
    /// <summary>"chf", "esme", "gsme" or "ppmid".</summary>
    string Kind { get; }

    byte[] Eui64 { get; }

    string EuiHex { get; }

    DeviceReply Process(byte[] frame);
}
