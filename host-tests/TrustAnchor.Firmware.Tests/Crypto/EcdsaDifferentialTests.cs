using TrustAnchor.Firmware.Tests.Support;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using TrustAnchor.Firmware.Crypto;
using Xunit.Abstractions;
using NumericsInteger = System.Numerics.BigInteger;

namespace TrustAnchor.Firmware.Tests.Crypto;

/// <summary>
/// Ours against .NET (OpenSSL) and BouncyCastle on random keys and messages: every .NET signature verifies, and
/// every signature also gets a single-bit flip in r, in s, in the hash and in the key (X || Y), each rejected by
/// ours exactly when both references reject it.
/// </summary>
public class EcdsaDifferentialTests(ITestOutputHelper testOutput)
{
    private readonly ITestOutputHelper output = new EvidenceOutput(testOutput, "ecdsa differential");

    private const int Signatures = 10_000;
    private const int Workers = 2;

    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters BcCurve = CustomNamedCurves.GetByName("secp256r1");
    private static readonly ECDomainParameters BcDomain = new(BcCurve.Curve, BcCurve.G, BcCurve.N, BcCurve.H);

    // The curve equation for an independent on-curve oracle: y^2 = x^3 - 3x + b (mod p).
    private static readonly NumericsInteger P = Unsigned("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
    private static readonly NumericsInteger B = Unsigned("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");

    private enum Outcome { Accepted, Rejected, KeyRefused }

    private enum Kind { R, S, Hash, Key }

    private static readonly Kind[] Kinds = [Kind.R, Kind.S, Kind.Hash, Kind.Key];

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

    /// <summary>One worker's reusable references: a .NET key for signing (and verifying its own key), one for importing flipped keys, one BC signer.</summary>
    private sealed class Worker : IDisposable
    {
        public readonly ECDsa Signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        public readonly ECDsa Importer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        public readonly ECDsaSigner Bc = new();
        public readonly byte[] Key = new byte[65];
        public readonly byte[] FlippedKey = new byte[65];
        public readonly byte[] FlippedHash = new byte[32];
        public readonly byte[] FlippedSig = new byte[64];

        public void Dispose()
        {
            Signer.Dispose();
            Importer.Dispose();
        }

        public Outcome DotNetWithImport(byte[] key65, byte[] hash, byte[] raw)
        {
            try
            {
                Importer.ImportParameters(new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = key65[1..33], Y = key65[33..65] },
                });
            }
            catch (CryptographicException)
            {
                return Outcome.KeyRefused;
            }

            return Importer.VerifyHash(hash, raw, DSASignatureFormat.IeeeP1363FixedFieldConcatenation) ? Outcome.Accepted : Outcome.Rejected;
        }

        public Outcome DotNetSigner(byte[] hash, byte[] raw) =>
            Signer.VerifyHash(hash, raw, DSASignatureFormat.IeeeP1363FixedFieldConcatenation) ? Outcome.Accepted : Outcome.Rejected;

        public ECPublicKeyParameters? BcKey(byte[] key65)
        {
            try
            {
                return new ECPublicKeyParameters(BcCurve.Curve.DecodePoint(key65), BcDomain);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        public Outcome BouncyCastle(ECPublicKeyParameters? key, byte[] hash, byte[] raw)
        {
            if (key == null) return Outcome.KeyRefused;
            Bc.Init(false, key);
            return Bc.VerifySignature(hash, new BigInteger(1, raw, 0, 32), new BigInteger(1, raw, 32, 32)) ? Outcome.Accepted : Outcome.Rejected;
        }
    }

    private static Outcome Ours(byte[] key65, byte[] hash, byte[] raw)
    {
        try
        {
            return EcdsaP256.VerifyHash(key65, hash, raw) ? Outcome.Accepted : Outcome.Rejected;
        }
        catch (InvalidPublicKeyException)
        {
            return Outcome.KeyRefused; // the typed exception for a point that is not a valid P-256 key
        }
    }

    [Fact]
    [Trait("Category", "Long")]
    public void DotNetSignaturesVerifyAndEveryBitFlipAgreesWithReferences()
    {
        var disagreements = new System.Collections.Concurrent.ConcurrentQueue<string>();
        int validAccepted = 0;
        var flips = new int[4];
        var oursRejected = new int[4];
        var dotnetRejected = new int[4];
        var bcRejected = new int[4];
        int keysOffCurve = 0, oursKeyRefused = 0, dotnetKeyRefused = 0, bcKeyRefused = 0;

        void Disagree(string what) { if (disagreements.Count < 20) disagreements.Enqueue(what); }

        // Two workers (the machine budget), each with its own references; our verifier is shared under its lock,
        // which this also exercises from two threads. Each signature has its own seeded generator.
        Parallel.For(0, Workers, new ParallelOptions { MaxDegreeOfParallelism = Workers }, w =>
        {
            using var worker = new Worker();
            for (int i = w; i < Signatures; i += Workers)
            {
                var rng = new Random(20261122 + i);
                worker.Signer.GenerateKey(ECCurve.NamedCurves.nistP256);
                var p = worker.Signer.ExportParameters(false);
                var key = worker.Key;
                key[0] = 4;
                p.Q.X!.CopyTo(key, 1);
                p.Q.Y!.CopyTo(key, 33);
                var message = new byte[rng.Next(0, 64)];
                rng.NextBytes(message);
                var hash = SHA256.HashData(message);
                var sig = worker.Signer.SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

                // Alternate the byte[]-key entry point and a parsed key for the valid signature; the flips of r, s
                // and hash then go through the parsed key (its tables built once, as for a Trust Anchor key).
                var parsed = P256PublicKey.Parse(key);
                bool ok = i % 2 == 0 ? EcdsaP256.VerifyHash(key, hash, sig) : EcdsaP256.VerifyHash(parsed, hash, sig);
                if (ok) Interlocked.Increment(ref validAccepted);
                else Disagree($"#{i}: valid .NET signature rejected");

                var bcKey = worker.BcKey(key);
                foreach (var kind in Kinds)
                {
                    key.CopyTo(worker.FlippedKey, 0);
                    hash.CopyTo(worker.FlippedHash, 0);
                    sig.CopyTo(worker.FlippedSig, 0);
                    switch (kind)
                    {
                        case Kind.R: Flip(worker.FlippedSig, rng.Next(0, 256)); break;
                        case Kind.S: Flip(worker.FlippedSig, 256 + rng.Next(0, 256)); break;
                        case Kind.Hash: Flip(worker.FlippedHash, rng.Next(0, 256)); break;
                        default: Flip(worker.FlippedKey, 8 + rng.Next(0, 512)); break; // X || Y; the 0x04 prefix is tested elsewhere
                    }

                    Outcome ours, dotnet, bc;
                    if (kind == Kind.Key)
                    {
                        ours = Ours(worker.FlippedKey, worker.FlippedHash, worker.FlippedSig);
                        dotnet = worker.DotNetWithImport(worker.FlippedKey, worker.FlippedHash, worker.FlippedSig);
                        bc = worker.BouncyCastle(worker.BcKey(worker.FlippedKey), worker.FlippedHash, worker.FlippedSig);
                        bool offCurve = !OnCurve(worker.FlippedKey);
                        if (offCurve) Interlocked.Increment(ref keysOffCurve);
                        if (ours == Outcome.KeyRefused) Interlocked.Increment(ref oursKeyRefused);
                        if (dotnet == Outcome.KeyRefused) Interlocked.Increment(ref dotnetKeyRefused);
                        if (bc == Outcome.KeyRefused) Interlocked.Increment(ref bcKeyRefused);
                        if (offCurve != (ours == Outcome.KeyRefused))
                        {
                            Disagree($"#{i} key: off the curve {offCurve}, ours {ours}");
                        }
                    }
                    else
                    {
                        ours = EcdsaP256.VerifyHash(parsed, worker.FlippedHash, worker.FlippedSig) ? Outcome.Accepted : Outcome.Rejected;
                        dotnet = worker.DotNetSigner(worker.FlippedHash, worker.FlippedSig);
                        bc = worker.BouncyCastle(bcKey, worker.FlippedHash, worker.FlippedSig);
                    }

                    int k = (int)kind;
                    Interlocked.Increment(ref flips[k]);
                    if (ours != Outcome.Accepted) Interlocked.Increment(ref oursRejected[k]);
                    if (dotnet != Outcome.Accepted) Interlocked.Increment(ref dotnetRejected[k]);
                    if (bc != Outcome.Accepted) Interlocked.Increment(ref bcRejected[k]);

                    // A refused key counts as a reject; what must agree is whether the signature is accepted.
                    bool oursAccepts = ours == Outcome.Accepted, dotnetAccepts = dotnet == Outcome.Accepted, bcAccepts = bc == Outcome.Accepted;
                    if (dotnetAccepts != bcAccepts) Disagree($"#{i} {kind}: references disagree (.NET {dotnet}, BC {bc})");
                    else if (oursAccepts != dotnetAccepts) Disagree($"#{i} {kind}: ours {ours}, references {dotnet}/{bc}");
                }
            }
        });

        for (int k = 0; k < 4; k++)
        {
            output.WriteLine($"{Kinds[k]} flips: {flips[k]}; rejected by ours {oursRejected[k]}, .NET {dotnetRejected[k]}, BouncyCastle {bcRejected[k]}");
        }

        output.WriteLine($"valid signatures accepted by ours: {validAccepted}/{Signatures}; flipped keys off the curve: {keysOffCurve}, " +
            $"refused by ours (InvalidPublicKeyException) {oursKeyRefused}, by .NET import {dotnetKeyRefused}, by BouncyCastle import {bcKeyRefused}");

        disagreements.Should().BeEmpty();
        validAccepted.Should().Be(Signatures);
        flips.Should().OnlyContain(n => n == Signatures, "every signature gets a flip in r, in s, in the hash and in the key");
        flips.Sum().Should().BeGreaterThanOrEqualTo(40_000);
        // A single-bit change to a valid signature, hash or key is never accepted by the references either.
        oursRejected.Should().Equal(dotnetRejected).And.Equal(bcRejected).And.OnlyContain(n => n == Signatures);
        // Every flipped key that is off the curve got our typed exception and was refused by both references
        // (on import, or by verification).
        oursKeyRefused.Should().Be(keysOffCurve);
        keysOffCurve.Should().BeGreaterThan(0);
    }

    private static bool OnCurve(byte[] key65)
    {
        var x = Unsigned(Convert.ToHexString(key65, 1, 32));
        var y = Unsigned(Convert.ToHexString(key65, 33, 32));
        if (x >= P || y >= P) return false;
        var rhs = (NumericsInteger.ModPow(x, 3, P) - 3 * x + B) % P;
        if (rhs < 0) rhs += P;
        return NumericsInteger.ModPow(y, 2, P) == rhs;
    }

    private static NumericsInteger Unsigned(string hex) => NumericsInteger.Parse("0" + hex, System.Globalization.NumberStyles.HexNumber);

    private static void Flip(byte[] data, int bit) => data[bit / 8] ^= (byte)(0x80 >> (bit % 8));
}
