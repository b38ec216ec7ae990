using TrustAnchor.Simulator.Tracing;

namespace TrustAnchor.Simulator.Wan;

/// <summary>
/// Wraps one end of a link and misbehaves on its outgoing frames as <see cref="LinkFaults"/> says: latency,
/// loss, duplication, reordering (a frame is held until the next one overtakes it, or until the hold time
/// passes) and corruption (one bit flipped). Receiving is passed straight through; put a faulty wrapper on each
/// end to disturb both directions.
/// </summary>
public sealed class FaultyFrameTransport : IFrameTransport
{
    private readonly IFrameTransport _inner;
    private readonly LinkFaults _faults;
    private readonly Random _random;
    private readonly object _gate = new();
    private byte[]? _held;
    private int _heldGeneration;
    private OneOffFault _oneOff;
    private int _oneOffBit;

    public FaultyFrameTransport(IFrameTransport inner, LinkFaults faults, int seed, LinkStatistics? statistics = null)
    {
        faults.Validate(inner.Name);
        _inner = inner;
        _faults = faults;
        _random = new Random(seed);
        Statistics = statistics ?? new LinkStatistics();
    }

    public string Name => _inner.Name;

    public LinkStatistics Statistics { get; }

    /// <summary>The frame trace's tap on this end's outgoing frames (null: not traced, no cost).</summary>
    public FrameTap? Tap { get; set; }

    /// <summary>One-off faults for the next frame, whatever the rates say (a scenario step's "wanFault").</summary>
    public void InjectOnce(OneOffFault fault, int bitIndex = -1)
    {
        lock (_gate)
        {
            _oneOff = fault;
            _oneOffBit = bitIndex;
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken = default)
    {
        Statistics.OnSent();
        Tap?.Record(frame.Span);
        if (_faults.LatencyMs > 0)
        {
            await Task.Delay(_faults.LatencyMs, cancellationToken).ConfigureAwait(false);
        }

        byte[] payload;
        bool lose, duplicate, hold;
        byte[]? overtaken;
        int heldGeneration = 0;
        lock (_gate)
        {
            var oneOff = _oneOff;
            _oneOff = OneOffFault.None;
            lose = oneOff == OneOffFault.Lose || Roll(_faults.LossRate);
            payload = frame.ToArray();
            var corrupt = oneOff == OneOffFault.Corrupt || Roll(_faults.CorruptRate);
            if (!lose && corrupt && payload.Length > 0)
            {
                var bit = oneOff == OneOffFault.Corrupt && _oneOffBit >= 0 && _oneOffBit < payload.Length * 8
                    ? _oneOffBit
                    : _random.Next(payload.Length * 8);
                payload[bit / 8] ^= (byte)(1 << (bit % 8));
                Statistics.OnCorrupted();
            }

            duplicate = !lose && (oneOff == OneOffFault.Duplicate || Roll(_faults.DuplicateRate));
            overtaken = null;
            hold = false;
            if (!lose)
            {
                if (_held is not null)
                {
                    // This frame overtakes the one held back: deliver it first, then the held one.
                    overtaken = _held;
                    _held = null;
                    _heldGeneration++;
                }
                else if (Roll(_faults.ReorderRate))
                {
                    hold = true;
                    _held = payload;
                    heldGeneration = ++_heldGeneration;
                    Statistics.OnReordered();
                }
            }
        }

        if (lose)
        {
            Statistics.OnLost();
            return;
        }

        if (hold)
        {
            _ = ReleaseHeldLaterAsync(heldGeneration);
            return;
        }

        await DeliverAsync(payload, cancellationToken).ConfigureAwait(false);
        if (duplicate)
        {
            Statistics.OnDuplicated();
            await DeliverAsync(payload, cancellationToken).ConfigureAwait(false);
        }

        if (overtaken is not null)
        {
            await DeliverAsync(overtaken, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReleaseHeldLaterAsync(int generation)
    {
        await Task.Delay(Math.Max(1, _faults.ReorderHoldMs)).ConfigureAwait(false);
        byte[]? late;
        lock (_gate)
        {
            if (_held is null || _heldGeneration != generation)
            {
                return;
            }

            late = _held;
            _held = null;
            _heldGeneration++;
        }

        try
        {
            await DeliverAsync(late, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or IOException or InvalidOperationException)
        {
            // The link closed while the frame was held back: it is simply lost.
        }
    }

    private async ValueTask DeliverAsync(byte[] payload, CancellationToken cancellationToken)
    {
        await _inner.SendAsync(payload, cancellationToken).ConfigureAwait(false);
        Statistics.OnDelivered();
    }

    private bool Roll(double rate) => rate > 0 && _random.NextDouble() < rate;

    public ValueTask<byte[]?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _inner.ReceiveAsync(timeout, cancellationToken);

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _held = null;
            _heldGeneration++;
        }

        return _inner.DisposeAsync();
    }
}

public enum OneOffFault
{
    None,
    Corrupt,
    Lose,
    Duplicate,
}
