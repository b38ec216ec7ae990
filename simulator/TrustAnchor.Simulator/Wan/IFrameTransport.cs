namespace TrustAnchor.Simulator.Wan;

/// <summary>
/// One end of a link that carries whole GBCS frames as bytes: the DCC ↔ Comms Hub WAN, or the Comms Hub ↔ meter
/// ZigBee HAN. A real board plugs in behind the same interface (see <see cref="TcpFrameTransport"/>), so the DCC side
/// never knows whether the far end is a virtual device or hardware.
/// </summary>
public interface IFrameTransport : IAsyncDisposable
{
    /// <summary>Human-readable name for logs and reports, e.g. <c>wan:premises-0001/dcc</c>.</summary>
    string Name { get; }

    /// <summary>Queues one frame for the far end. The frame is copied; the caller may reuse its buffer.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for the next frame from the far end. Returns <c>null</c> when <paramref name="timeout"/> passes first
    /// (a lost frame looks exactly like this) or when the link is closed.
    /// </summary>
    ValueTask<byte[]?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default);
}
