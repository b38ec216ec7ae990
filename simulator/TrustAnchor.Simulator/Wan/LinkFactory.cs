using TrustAnchor.Simulator.Tracing;

namespace TrustAnchor.Simulator.Wan;

/// <summary>Both ends of one link, each already wrapped with its direction's faults.</summary>
public sealed class FrameLink : IAsyncDisposable
{
    public FrameLink(string name, FaultyFrameTransport near, FaultyFrameTransport far)
    {
        Name = name;
        Near = near;
        Far = far;
    }

    public string Name { get; }

    /// <summary>The upstream end (the DCC on the WAN, the Comms Hub on the HAN).</summary>
    public FaultyFrameTransport Near { get; }

    /// <summary>The downstream end (the Comms Hub on the WAN, a meter on the HAN).</summary>
    public FaultyFrameTransport Far { get; }

    /// <summary>Taps both ends into <paramref name="trace"/> (nothing when the trace is off).</summary>
    public void TraceTo(IFrameTrace trace, TraceLink link, int premises)
    {
        if (!trace.IsEnabled)
        {
            return;
        }

        var tap = new FrameTap(trace, link, premises);
        Near.Tap = tap;
        Far.Tap = tap;
    }

    public async ValueTask DisposeAsync()
    {
        await Near.DisposeAsync().ConfigureAwait(false);
        await Far.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>Makes links of one kind; the simulator picks memory or loopback TCP from options.</summary>
public interface ILinkFactory
{
    TransportKind Kind { get; }

    Task<FrameLink> CreateAsync(string name, LinkFaults downstream, LinkFaults upstream, int seed, LinkStatistics statistics, CancellationToken cancellationToken = default);
}

public sealed class InMemoryLinkFactory : ILinkFactory
{
    public TransportKind Kind => TransportKind.Memory;

    public Task<FrameLink> CreateAsync(string name, LinkFaults downstream, LinkFaults upstream, int seed, LinkStatistics statistics, CancellationToken cancellationToken = default)
    {
        var (near, far) = InMemoryFrameTransport.CreatePair(name + "/near", name + "/far");
        return Task.FromResult(new FrameLink(
            name,
            new FaultyFrameTransport(near, downstream, seed, statistics),
            new FaultyFrameTransport(far, upstream, unchecked(seed * 31 + 7), statistics)));
    }
}

/// <summary>
/// Real sockets on 127.0.0.1: a listener on an ephemeral port accepts exactly one connection per link and stops,
/// so nothing stays listening after the link is made.
/// </summary>
public sealed class TcpLoopbackLinkFactory : ILinkFactory
{
    public TransportKind Kind => TransportKind.Tcp;

    public async Task<FrameLink> CreateAsync(string name, LinkFaults downstream, LinkFaults upstream, int seed, LinkStatistics statistics, CancellationToken cancellationToken = default)
    {
        await using var listener = new TcpFrameListener();
        var accept = listener.AcceptAsync(name + "/near", cancellationToken: cancellationToken);
        var far = await TcpFrameTransport.ConnectAsync(listener.EndPoint, name + "/far", cancellationToken: cancellationToken).ConfigureAwait(false);
        TcpFrameTransport near;
        try
        {
            near = await accept.ConfigureAwait(false);
        }
        catch
        {
            await far.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new FrameLink(
            name,
            new FaultyFrameTransport(near, downstream, seed, statistics),
            new FaultyFrameTransport(far, upstream, unchecked(seed * 31 + 7), statistics));
    }
}
