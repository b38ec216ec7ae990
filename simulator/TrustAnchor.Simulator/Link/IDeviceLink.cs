// TEMPORARY copy of the seam in /work/notes/device-link-contract.md (owned by branch conform-device);
// replaced by theirs on merge.
namespace TrustAnchor.Simulator.Link;

/// <summary>The host end of a link to one device: GBCS frames in, responses and alerts out, and power-cycle.</summary>
public interface IDeviceLink : IAsyncDisposable
{
    DeviceHello Hello { get; }

    Task<DeviceExchange> ExchangeAsync(byte[] frame, TimeSpan timeout, CancellationToken ct = default);

    Task<DeviceHello> RestartAsync(TimeSpan timeout, CancellationToken ct = default);
}

public sealed record DeviceHello(int Type, byte[] Eui64);

public sealed record DeviceExchange(byte[]? Response, IReadOnlyList<byte[]> Alerts);

public sealed class DeviceLinkException(string message, Exception? inner = null) : Exception(message, inner);

public static class DeviceLinks
{
    public static Task<IDeviceLink> ConnectAsync(string uri, CancellationToken ct) =>
        throw new DeviceLinkException($"cannot open {uri}: tcp:// and serial: links are not in this build yet (use inproc:)");
}
