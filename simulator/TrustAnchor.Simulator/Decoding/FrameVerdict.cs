namespace TrustAnchor.Simulator.Decoding;

/// <summary>
/// What a signature or MAC check came to: <see cref="Valid"/>, <see cref="Invalid"/> (keys were at hand and none
/// verifies), or <see cref="Unknown"/> (no key to check with). <see cref="Key"/> names the key(s) used.
/// </summary>
public sealed record FrameVerdict(string Result, int Offset, int Length, string Hex, string? Key, string Reason)
{
    public const string Valid = "valid";
    public const string Invalid = "invalid";
    public const string Unknown = "unknown";
}
