namespace TrustAnchor.Simulator.Tracing;

/// <summary>
/// Where every frame a run carries is recorded (<c>run --trace FILE</c>). One instance serves the whole run, every
/// premises and link at once, so implementations are thread-safe. <see cref="FrameTrace.None"/> records nothing and
/// links are not even tapped when it is the trace, so a run without <c>--trace</c> pays nothing.
/// </summary>
public interface IFrameTrace
{
    /// <summary>False for <see cref="FrameTrace.None"/>: links skip the tap altogether.</summary>
    bool IsEnabled { get; }

    /// <summary>Records one frame as its sender put it on <paramref name="link"/> (before any injected fault).</summary>
    void Record(TraceLink link, int premises, ReadOnlySpan<byte> frame);
}

/// <summary>The two kinds of link a frame crosses.</summary>
public enum TraceLink
{
    /// <summary>DCC ↔ Comms Hub.</summary>
    Wan,

    /// <summary>Comms Hub ↔ meter (ZigBee).</summary>
    Han,
}

/// <summary>The trace that records nothing (no <c>--trace</c>).</summary>
public sealed class FrameTrace : IFrameTrace
{
    public static readonly FrameTrace None = new();

    private FrameTrace()
    {
    }

    public bool IsEnabled => false;

    public void Record(TraceLink link, int premises, ReadOnlySpan<byte> frame)
    {
    }
}

/// <summary>One tapped link end: which link kind and premises its frames belong to.</summary>
public sealed class FrameTap(IFrameTrace trace, TraceLink link, int premises)
{
    public void Record(ReadOnlySpan<byte> frame) => trace.Record(link, premises, frame);
}
