using System.Threading.Channels;

namespace TrustAnchor.Simulator.Wan;

/// <summary>
/// One end of an in-process link: frames go straight into the far end's bounded queue. Cheap enough for a
/// fleet of ten thousand premises; the TCP transport is the one that proves the bytes really travel.
/// </summary>
public sealed class InMemoryFrameTransport : IFrameTransport
{
    /// <summary>Frames queued for one end before the sender waits (a slow reader pushes back, as a radio would).</summary>
    public const int QueueCapacity = 256;

    private readonly Channel<byte[]> _inbound;
    private InMemoryFrameTransport? _peer;

    private InMemoryFrameTransport(string name)
    {
        Name = name;
        _inbound = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(QueueCapacity)
        {
            SingleReader = false,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public string Name { get; }

    /// <summary>Creates both ends of a link.</summary>
    public static (InMemoryFrameTransport A, InMemoryFrameTransport B) CreatePair(string nameA, string nameB)
    {
        var a = new InMemoryFrameTransport(nameA);
        var b = new InMemoryFrameTransport(nameB);
        a._peer = b;
        b._peer = a;
        return (a, b);
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken = default)
    {
        var peer = _peer ?? throw new ObjectDisposedException(Name);
        var copy = frame.ToArray();
        if (peer._inbound.Writer.TryWrite(copy))
        {
            return ValueTask.CompletedTask;
        }

        return WriteSlowAsync(peer, copy, cancellationToken);
    }

    private static async ValueTask WriteSlowAsync(InMemoryFrameTransport peer, byte[] frame, CancellationToken cancellationToken)
    {
        try
        {
            await peer._inbound.Writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The far end hung up: the frame is lost, as it would be on a dropped connection.
        }
    }

    public ValueTask<byte[]?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (_inbound.Reader.TryRead(out var frame))
        {
            return ValueTask.FromResult<byte[]?>(frame);
        }

        if (timeout == TimeSpan.Zero)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult<byte[]?>(null); // only what is already queued
        }

        // Device loops wait with no time-out: no timer for them (arming one per frame contends on the timer queue).
        return timeout == Timeout.InfiniteTimeSpan ? ReceiveUntilClosedAsync(cancellationToken) : ReceiveSlowAsync(timeout, cancellationToken);
    }

    private async ValueTask<byte[]?> ReceiveUntilClosedAsync(CancellationToken cancellationToken)
    {
        while (await _inbound.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_inbound.Reader.TryRead(out var frame))
            {
                return frame;
            }
        }

        return null;
    }

    private async ValueTask<byte[]?> ReceiveSlowAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            while (await _inbound.Reader.WaitToReadAsync(cts.Token).ConfigureAwait(false))
            {
                if (_inbound.Reader.TryRead(out var frame))
                {
                    return frame;
                }
            }

            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync()
    {
        _inbound.Writer.TryComplete();
        var peer = _peer;
        _peer = null;
        peer?._inbound.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
