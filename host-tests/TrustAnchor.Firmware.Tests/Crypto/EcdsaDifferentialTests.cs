using System.Collections.Concurrent;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Tests.Crypto;

/// <summary>
/// Ours against .NET (OpenSSL) and BouncyCastle on random keys and messages: every .NET signature verifies,
/// and single-bit flips in r, s, the hash and the key are rejected exactly when both references reject them.
/// </summary>
public class EcdsaDifferentialTests
{
    private const int Signatures = 10_000;

    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters BcCurve = CustomNamedCurves.GetByName("secp256r1");
    private static readonly ECDomainParameters BcDomain = new(BcCurve.Curve, BcCurve.G, BcCurve.N, BcCurve.H);

    private static bool DotNetVerifies(byte[] key65, byte[] hash, byte[] raw)
    {
        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = key65[1..33], Y = key65[33..65] },
            });
            return ecdsa.VerifyHash(hash, raw, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false; // key rejected on import (off the curve)
        }
    }

    internal static bool BouncyCastleVerifies(byte[] key65, byte[] hash, byte[] raw)
    {
        ECPublicKeyParameters key;
        try
        {
            key = new ECPublicKeyParameters(BcCurve.Curve.DecodePoint(key65), BcDomain);
        }
        catch (ArgumentException)
        {
            return false;
        }

        var signer = new ECDsaSigner();
        signer.Init(false, key);
        return signer.VerifySignature(hash, new BigInteger(1, raw, 0, 32), new BigInteger(1, raw, 32, 32));
    }

    private static bool OursVerifies(byte[] key65, byte[] hash, byte[] raw)
    {
        try
        {
            return EcdsaP256.VerifyHash(key65, hash, raw);
        }
        catch (InvalidPublicKeyException)
        {
            return false;
        }
    }

    [Fact]
    public void DotNetSignaturesVerifyAndBitFlipsAgreeWithReferences()
    {
        var disagreements = new ConcurrentQueue<string>();
        int flippedAccepted = 0;

        // Two workers (the machine budget): the references run side by side, our verifier is shared under its
        // lock - which this also exercises from two threads. Each signature has its own seeded generator.
        Parallel.For(0, Signatures, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var rng = new Random(20261122 + i);
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var p = ecdsa.ExportParameters(false);
            var key = new byte[65];
            key[0] = 4;
            p.Q.X!.CopyTo(key, 1);
            p.Q.Y!.CopyTo(key, 33);
            var message = new byte[rng.Next(0, 64)];
            rng.NextBytes(message);
            var hash = SHA256.HashData(message);
            var sig = ecdsa.SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

            // Alternate between the byte[]-key entry point and a parsed key; the flipped r, s and hash below
            // go through the same key.
            var parsed = i % 2 == 0 ? null : P256PublicKey.Parse(key);
            bool ok = parsed == null ? EcdsaP256.VerifyHash(key, hash, sig) : EcdsaP256.VerifyHash(parsed, hash, sig);
            if (!ok) disagreements.Enqueue($"#{i}: valid .NET signature rejected");

            // One single-bit flip per signature, rotating over r, s, hash and key (2,500 of each).
            string kind = FlipKinds[i % 4];
            var fKey = (byte[])key.Clone();
            var fHash = (byte[])hash.Clone();
            var fSig = (byte[])sig.Clone();
            switch (kind)
            {
                case "r": Flip(fSig, rng.Next(0, 256)); break;
                case "s": Flip(fSig, 256 + rng.Next(0, 256)); break;
                case "hash": Flip(fHash, rng.Next(0, 256)); break;
                default: Flip(fKey, 8 + rng.Next(0, 512)); break; // X || Y; the 0x04 prefix is tested separately
            }

            bool ours = parsed != null && kind != "key" ? EcdsaP256.VerifyHash(parsed, fHash, fSig) : OursVerifies(fKey, fHash, fSig);
            bool dotnet = DotNetVerifies(fKey, fHash, fSig);
            bool bc = BouncyCastleVerifies(fKey, fHash, fSig);
            if (dotnet != bc)
            {
                disagreements.Enqueue($"#{i} {kind}: references disagree (.NET {dotnet}, BC {bc})");
            }
            else if (ours != dotnet)
            {
                disagreements.Enqueue($"#{i} {kind}: ours {ours}, references {dotnet}");
            }

            if (ours) Interlocked.Increment(ref flippedAccepted);
        });

        disagreements.Should().BeEmpty();
        flippedAccepted.Should().Be(0, "a single-bit change to a valid signature, hash or key is never accepted by the references either");
    }

    private static readonly string[] FlipKinds = ["r", "s", "hash", "key"];

    private static void Flip(byte[] data, int bit) => data[bit / 8] ^= (byte)(0x80 >> (bit % 8));
}
