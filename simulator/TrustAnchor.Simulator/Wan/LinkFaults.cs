namespace TrustAnchor.Simulator.Wan;

/// <summary>
/// Fault controls for one link direction. Rates are probabilities per frame (0 … 1); latency is real time added
/// before each frame is delivered. All choices come from a seeded RNG so a failing run can be replayed.
/// </summary>
public sealed record class LinkFaults
{
    public static readonly LinkFaults None = new();

    public int LatencyMs { get; init; }
    public double LossRate { get; init; }
    public double DuplicateRate { get; init; }
    public double ReorderRate { get; init; }
    public double CorruptRate { get; init; }

    /// <summary>How long a frame held back for reordering waits for a later frame to overtake it.</summary>
    public int ReorderHoldMs { get; init; } = 20;

    public bool IsClean => LatencyMs <= 0 && LossRate <= 0 && DuplicateRate <= 0 && ReorderRate <= 0 && CorruptRate <= 0;

    public void Validate(string what)
    {
        Check(LossRate, nameof(LossRate));
        Check(DuplicateRate, nameof(DuplicateRate));
        Check(ReorderRate, nameof(ReorderRate));
        Check(CorruptRate, nameof(CorruptRate));
        if (LatencyMs < 0 || ReorderHoldMs < 0)
        {
            throw new ArgumentOutOfRangeException(what, $"{what}: latency and reorder hold must not be negative");
        }

        void Check(double rate, string name)
        {
            if (double.IsNaN(rate) || rate < 0 || rate > 1)
            {
                throw new ArgumentOutOfRangeException(what, $"{what}.{name} must be between 0 and 1 (was {rate})");
            }
        }
    }

    public override string ToString() => IsClean
        ? "clean"
        : $"latency={LatencyMs}ms loss={LossRate:0.###} dup={DuplicateRate:0.###} reorder={ReorderRate:0.###} corrupt={CorruptRate:0.###}";
}
