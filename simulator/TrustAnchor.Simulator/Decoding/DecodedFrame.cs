namespace TrustAnchor.Simulator.Decoding;

/// <summary>Where a frame came from when it was read from a trace line.</summary>
public sealed record TraceOrigin(int Line, string? Time, string? Link, int? Premises);

/// <summary>One frame, decoded field by field, with its signature and MAC verdicts (null when the frame has none).</summary>
public sealed class DecodedFrame
{
    public required int Index { get; init; }

    public TraceOrigin? Trace { get; init; }

    public required byte[] Bytes { get; init; }

    public required string Cra { get; init; }

    public required int MessageCode { get; init; }

    public required string Originator { get; init; }

    public required string Target { get; init; }

    public required ulong OriginatorCounter { get; init; }

    public required DecodedPayload Payload { get; init; }

    /// <summary>The analyser's view in frame order: MAC Header, Grouping Header, payload, signature, MAC.</summary>
    public required List<DecodedField> Fields { get; init; }

    public FrameVerdict? Signature { get; init; }

    public FrameVerdict? Mac { get; init; }
}
