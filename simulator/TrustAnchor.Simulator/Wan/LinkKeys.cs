namespace TrustAnchor.Simulator.Wan;

/// <summary>
/// Service keys for the link factories the host registers: the unkeyed <see cref="ILinkFactory"/> is the WAN (memory
/// or loopback TCP, from the options); <see cref="Han"/> is the ZigBee HAN's.
/// </summary>
public static class LinkKeys
{
    public const string Han = "han";
}
