using System.Security.Cryptography;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Simulator.DeviceProcess;

/// <summary>The device process makes its keys from the operating system's RNG (a board uses its hardware RNG).</summary>
public sealed class SystemEntropy : IEntropySource
{
    public void GetBytes(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
}
