using System.Security.Cryptography;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Tests.Support;

/// <summary>
/// The device's symmetric provider built on .NET's Aes (ECB) and HMACSHA256: the host's stand-in for the board's
/// provider over nanoFramework's native Aes/HMACSHA256 (firmware/TrustAnchor.Firmware.Board), which has the same
/// shape. Counts its calls, so a test can see the device really goes through it.
/// </summary>
public sealed class DotNetSymmetricCrypto : ISymmetricCryptoProvider
{
    private int aesCalls;
    private int hmacCalls;

    public int AesCalls => Volatile.Read(ref aesCalls);

    public int HmacCalls => Volatile.Read(ref hmacCalls);

    public void EncryptAesEcb(byte[] key16, byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
    {
        SymmetricCryptoProviderChecks.EcbArguments(key16, input, inputOffset, count, output, outputOffset);
        Interlocked.Increment(ref aesCalls);
        using var aes = Aes.Create();
        aes.Key = key16;
        aes.EncryptEcb(input.AsSpan(inputOffset, count), output.AsSpan(outputOffset, count), PaddingMode.None);
    }

    public void ComputeHmacSha256(byte[] key, byte[] data, int offset, int count, byte[] macOut, int macOffset)
    {
        SymmetricCryptoProviderChecks.HmacArguments(key, data, offset, count, macOut, macOffset);
        Interlocked.Increment(ref hmacCalls);
        HMACSHA256.HashData(key, data.AsSpan(offset, count), macOut.AsSpan(macOffset, 32));
    }
}
