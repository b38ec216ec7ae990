namespace TrustAnchor.Smki;

public sealed class SystemClock : ISmkiClock
{
    public static readonly SystemClock Instance = new();

    public DateTime UtcNow => DateTime.UtcNow;
}
