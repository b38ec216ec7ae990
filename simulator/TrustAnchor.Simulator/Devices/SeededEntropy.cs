using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Simulator.Devices;

/// <summary>
/// A virtual device's entropy: a seeded generator, so the same seed makes the same device keys and a failing run
/// can be replayed exactly. Simulation only — a board uses its hardware RNG.
/// </summary>
public sealed class SeededEntropy(int seed) : IEntropySource
{
    private readonly Random _random = new(seed);

    public void GetBytes(byte[] buffer, int offset, int count)
    {
        lock (_random)
        {
            _random.NextBytes(buffer.AsSpan(offset, count));
        }
    }
}
