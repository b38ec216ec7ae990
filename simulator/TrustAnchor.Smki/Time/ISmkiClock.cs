namespace TrustAnchor.Smki;

/// <summary>The SMKI's idea of "now" (UTC). The simulator injects a fake one for pack-rollover scenarios.</summary>
public interface ISmkiClock
{
    DateTime UtcNow { get; }
}
