namespace TrustAnchor.Smki;

/// <summary>A clock that stays where it is put; <see cref="Advance"/> moves it.</summary>
public sealed class FixedClock : ISmkiClock
{
    private DateTime now;

    public FixedClock(DateTime utcNow)
    {
        now = DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);
    }

    public DateTime UtcNow
    {
        get => now;
        set => now = DateTime.SpecifyKind(value, DateTimeKind.Utc);
    }

    public void Advance(TimeSpan by) => now = now.Add(by);
}
