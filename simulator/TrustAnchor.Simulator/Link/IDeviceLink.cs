namespace TrustAnchor.Simulator.Link;

/// <summary>
/// The host's end of a device link (firmware/docs/device-link.md): one device under test, a virtual one in
/// another process or a board, over TCP or serial. One exchange at a time.
/// </summary>
public interface IDeviceLink : IAsyncDisposable
{
    /// <summary>What the device said in its last READY.</summary>
    DeviceHello Hello { get; }

    /// <summary>
    /// Sends one GBCS frame and collects every frame the device sends for it, until DONE. Frames the device sent
    /// on its own since the last exchange (alerts of a future-dated execution that fell due) come first in
    /// <see cref="DeviceExchange.Alerts"/>.
    /// </summary>
    /// <exception cref="DeviceLinkException">No DONE within <paramref name="timeout"/>, an ERROR from the device, or the device is gone.</exception>
    Task<DeviceExchange> ExchangeAsync(byte[] frame, TimeSpan timeout, CancellationToken ct = default);

    /// <summary>Power-cycles the device (RESTART) and waits for its READY.</summary>
    /// <exception cref="DeviceLinkException">No READY within <paramref name="timeout"/>, an ERROR, or the device is gone.</exception>
    Task<DeviceHello> RestartAsync(TimeSpan timeout, CancellationToken ct = default);
}

/// <summary>A device's READY: its type and EUI-64.</summary>
public sealed record DeviceHello(DeviceType Type, byte[] Eui64)
{
    public override string ToString() => $"{DeviceTypes.Name(Type)} {Convert.ToHexString(Eui64)}";
}

/// <summary>What the device sent for one frame: the response (CRA flag 2), if any, and every other frame (alerts).</summary>
public sealed record DeviceExchange(byte[]? Response, IReadOnlyList<byte[]> Alerts);
