namespace TrustAnchor.Simulator.Scenarios;

/// <summary>
/// Derives the seed of each random source (a premises, a device's entropy, a link) from the run's seed, the same
/// in every process — unlike HashCode.Combine, which is randomised per process — so --seed replays a run.
/// </summary>
public static class Seeds
{
    public static int Derive(int runSeed, int premises, string purpose)
    {
        // FNV-1a over the parts, then a SplitMix64 finaliser to spread the bits.
        var hash = 14695981039346656037UL;
        void Mix(ulong value)
        {
            for (var i = 0; i < 8; i++)
            {
                hash ^= (byte)(value >> (8 * i));
                hash *= 1099511628211UL;
            }
        }

        Mix((ulong)(uint)runSeed);
        Mix((ulong)(uint)premises);
        foreach (var c in purpose)
        {
            Mix(c);
        }

        var z = hash + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }
}
