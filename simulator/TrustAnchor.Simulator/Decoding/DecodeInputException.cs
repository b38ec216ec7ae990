namespace TrustAnchor.Simulator.Decoding;

/// <summary>
/// Input <c>decode</c> cannot read: bad hex, a frame that does not parse, a bad trace line. The message is the one
/// line the user sees and always names the byte offset (and the trace line, when there is one).
/// </summary>
public sealed class DecodeInputException(string message) : Exception(message);
