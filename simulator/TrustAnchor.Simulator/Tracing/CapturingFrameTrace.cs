namespace TrustAnchor.Simulator.Tracing;

/// <summary>
/// Keeps the first premises' frames in memory for the HTML report (at most <see cref="Limit"/>), and passes every
/// frame on to the JSON Lines trace when --trace is also given.
/// </summary>
public sealed class CapturingFrameTrace(IFrameTrace inner) : IFrameTrace
{
    public const int Limit = 400;

    private readonly List<(TraceLink Link, byte[] Frame)> _frames = [];

    public bool IsEnabled => true;

    public IReadOnlyList<(TraceLink Link, byte[] Frame)> Frames
    {
        get
        {
            lock (_frames)
            {
                return [.. _frames];
            }
        }
    }

    public void Record(TraceLink link, int premises, ReadOnlySpan<byte> frame)
    {
        if (inner.IsEnabled)
        {
            inner.Record(link, premises, frame);
        }

        if (premises > 1)
        {
            return;
        }

        lock (_frames)
        {
            if (_frames.Count < Limit)
            {
                _frames.Add((link, frame.ToArray()));
            }
        }
    }
}
