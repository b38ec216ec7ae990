using System.Numerics;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using TrustAnchor.Firmware.Crypto;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using BcPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace TrustAnchor.Firmware.Tests.Crypto;

/// <summary>
/// Open-box tests of the constant-time multiplier (signing, key generation, ECDH): the complete formulas on
/// their corner cases, the signed-digit multiplications on edge scalars against BouncyCastle's group law, the
/// signing blinding, and signatures under two independent verifiers.
/// </summary>
public class P256ConstantTimeTests
{
    private static readonly BigInteger P = P256ArithmeticTests.P;
    private static readonly BigInteger N = P256ArithmeticTests.N;
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Curve = CustomNamedCurves.GetByName("secp256r1");

    /// <summary>
    /// Scalars at the edges of the recoding: tiny and huge, every bit pattern that makes a digit +-1 or +-31,
    /// both parities (even scalars run as n - k), and k = n - 2 d, where the last addition of the variable-base
    /// ladder meets R = +-(table point) - the doubling case of the addition law.
    /// </summary>
    public static List<BigInteger> EdgeScalars()
    {
        var scalars = new List<BigInteger>();
        for (int k = 1; k <= 70; k++) scalars.Add(k);
        for (int d = 1; d <= 63; d++)
        {
            scalars.Add(N - d);
            scalars.Add(N - 2 * d);
        }

        foreach (int bit in new[] { 4, 5, 6, 31, 32, 33, 63, 64, 127, 128, 159, 160, 191, 192, 223, 224, 250, 251, 254, 255 })
        {
            scalars.Add(BigInteger.One << bit);
            scalars.Add((BigInteger.One << bit) - 1);
            scalars.Add((BigInteger.One << bit) + 1);
        }

        var ones = (BigInteger.One << 256) - 1;
        scalars.Add(ones % N);
        scalars.Add(Hex("5555555555555555555555555555555555555555555555555555555555555555"));
        scalars.Add(Hex("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") % N);
        scalars.Add(Hex("8421084210842108421084210842108421084210842108421084210842108421"));
        scalars.Add(Hex("7BDEF7BDEF7BDEF7BDEF7BDEF7BDEF7BDEF7BDEF7BDEF7BDEF7BDEF7BDEF7BDE"));
        scalars.Add(Hex("FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000") % N);
        scalars.Add(Hex("00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF"));
        scalars.Add(N >> 1);
        scalars.Add((N >> 1) + 1);
        return scalars;
    }

    [Fact]
    public void MultiplyBaseMatchesBouncyCastleOnEdgeAndRandomScalars()
    {
        var ct = new P256ConstantTime();
        var tableG = new P256Engine().TableG;
        var x = new uint[8];
        var y = new uint[8];
        var scalars = EdgeScalars();
        var rng = new Random(5);
        for (int i = 0; i < 100; i++) scalars.Add(EcdsaP256Tests.RandomScalar(rng));
        foreach (var k in scalars)
        {
            ct.MultiplyBase(P256ArithmeticTests.ToLimbs(k), tableG, x, y).Should().BeTrue("k = {0:x}", k);
            var expected = Curve.G.Multiply(Bc(k)).Normalize();
            P256ArithmeticTests.FromLimbs(x).Should().Be(Big(expected.AffineXCoord.ToBigInteger()), "x of k G, k = {0:x}", k);
            P256ArithmeticTests.FromLimbs(y).Should().Be(Big(expected.AffineYCoord.ToBigInteger()), "y of k G, k = {0:x}", k);
        }

        // Scalars at or above n are reduced first; k = 0 mod n gives the point at infinity (and zeros).
        foreach (var k in new[] { N + 1, N + 2, (BigInteger.One << 256) - 1 })
        {
            ct.MultiplyBase(P256ArithmeticTests.ToLimbs(k), tableG, x, y).Should().BeTrue();
            var expected = Curve.G.Multiply(Bc(k % N)).Normalize();
            P256ArithmeticTests.FromLimbs(x).Should().Be(Big(expected.AffineXCoord.ToBigInteger()));
        }

        foreach (var k in new[] { BigInteger.Zero, N })
        {
            ct.MultiplyBase(P256ArithmeticTests.ToLimbs(k), tableG, x, y).Should().BeFalse("k = {0:x} is 0 mod n", k);
            x.Should().OnlyContain(w => w == 0);
            y.Should().OnlyContain(w => w == 0);
        }
    }

    [Fact]
    public void MultiplyMatchesBouncyCastleOnEdgeScalarsAndRandomPoints()
    {
        var ct = new P256ConstantTime();
        var x = new uint[8];
        var y = new uint[8];
        var rng = new Random(6);
        var scalars = EdgeScalars();
        for (int i = 0; i < 30; i++) scalars.Add(EcdsaP256Tests.RandomScalar(rng));

        // Three bases: G, a random point, and a point of small known discrete log (so d P hits k = +-small).
        var bases = new List<BcPoint> { Curve.G, Curve.G.Multiply(Bc(EcdsaP256Tests.RandomScalar(rng))).Normalize(), Curve.G.Multiply(Bc(3)).Normalize() };
        foreach (var basePoint in bases)
        {
            var px = P256ArithmeticTests.ToLimbs(Big(basePoint.AffineXCoord.ToBigInteger()));
            var py = P256ArithmeticTests.ToLimbs(Big(basePoint.AffineYCoord.ToBigInteger()));
            foreach (var k in scalars)
            {
                var expected = basePoint.Multiply(Bc(k)).Normalize();
                bool finite = ct.Multiply(P256ArithmeticTests.ToLimbs(k), px, py, x, y);
                finite.Should().Be(!expected.IsInfinity, "k = {0:x}", k);
                if (!finite) continue;
                P256ArithmeticTests.FromLimbs(x).Should().Be(Big(expected.AffineXCoord.ToBigInteger()), "x of k P, k = {0:x}", k);
                P256ArithmeticTests.FromLimbs(y).Should().Be(Big(expected.AffineYCoord.ToBigInteger()), "y of k P, k = {0:x}", k);
            }

            ct.Multiply(P256ArithmeticTests.ToLimbs(N), px, py, x, y).Should().BeFalse("n P is the point at infinity");
            ct.Multiply(new uint[8], px, py, x, y).Should().BeFalse();
            x.Should().OnlyContain(w => w == 0);
        }
    }

    /// <summary>RCB Algorithms 4, 5 and 6 on the inputs incomplete formulas get wrong.</summary>
    [Fact]
    public void CompleteFormulasHandleInfinityDoublingAndInverses()
    {
        var ct = new P256ConstantTime();
        var rng = new Random(7);
        var g = Curve.G;
        var q = g.Multiply(Bc(EcdsaP256Tests.RandomScalar(rng))).Normalize();
        foreach (var point in new[] { g, q })
        {
            var (px, py) = Affine(point);
            var lambda = RandomField(rng);

            // Doubling (Alg. 6): of O is O; of P (in a random projective scaling) is 2P, as BouncyCastle's Twice.
            var o = Infinity();
            ct.Double(o.X, o.Y, o.Z);
            IsInfinity(o).Should().BeTrue("2 O = O");
            var p = Projective(point, lambda);
            ct.Double(p.X, p.Y, p.Z);
            AffineOf(p).Should().Be(Affine(point.Twice().Normalize()));

            // Mixed addition (Alg. 5): O + P = P, P + P = 2P through the addition path, P + (-P) = O,
            // P + Q for distinct points.
            o = Infinity();
            ct.AddMixed(o.X, o.Y, o.Z, P256ArithmeticTests.ToLimbs(px), P256ArithmeticTests.ToLimbs(py));
            AffineOf(o).Should().Be((px, py), "O + P = P");
            p = Projective(point, lambda);
            ct.AddMixed(p.X, p.Y, p.Z, P256ArithmeticTests.ToLimbs(px), P256ArithmeticTests.ToLimbs(py));
            AffineOf(p).Should().Be(Affine(point.Twice().Normalize()), "P + P through the mixed addition");
            p = Projective(point, lambda);
            ct.AddMixed(p.X, p.Y, p.Z, P256ArithmeticTests.ToLimbs(px), P256ArithmeticTests.ToLimbs((P - py) % P));
            IsInfinity(p).Should().BeTrue("P + (-P) = O");
            var other = point.Twice().Add(g).Normalize();
            p = Projective(other, lambda);
            ct.AddMixed(p.X, p.Y, p.Z, P256ArithmeticTests.ToLimbs(px), P256ArithmeticTests.ToLimbs(py));
            AffineOf(p).Should().Be(Affine(other.Add(point).Normalize()), "P + Q");

            // Projective addition (Alg. 4): P + O = P, O + P = P, P + P = 2P, P + (-P) = O.
            p = Projective(point, lambda);
            o = Infinity();
            ct.Add(p.X, p.Y, p.Z, o.X, o.Y, o.Z);
            AffineOf(p).Should().Be((px, py), "P + O = P");
            o = Infinity();
            var p2 = Projective(point, RandomField(rng));
            ct.Add(o.X, o.Y, o.Z, p2.X, p2.Y, p2.Z);
            AffineOf(o).Should().Be((px, py), "O + P = P");
            p = Projective(point, lambda);
            ct.Add(p.X, p.Y, p.Z, p2.X, p2.Y, p2.Z);
            AffineOf(p).Should().Be(Affine(point.Twice().Normalize()), "P + P through the addition");
            p = Projective(point, lambda);
            var negative = Projective(point.Negate().Normalize(), RandomField(rng));
            ct.Add(p.X, p.Y, p.Z, negative.X, negative.Y, negative.Z);
            IsInfinity(p).Should().BeTrue("P + (-P) = O");
        }
    }

    /// <summary>The blinding factor is in range, fresh per nonce candidate, and leaves the RFC 6979 sequence alone.</summary>
    [Fact]
    public void BlindingIsInRangeAndLeavesTheNonceSequenceUnchanged()
    {
        var rng = new Random(8);
        var seen = new HashSet<BigInteger>();
        for (int i = 0; i < 50; i++)
        {
            var d = Be32(EcdsaP256Tests.RandomScalar(rng));
            var hash = new byte[32];
            rng.NextBytes(hash);
            var plain = new Rfc6979Nonce(d, hash);
            var blinded = new Rfc6979Nonce(d, hash);
            var k1 = new uint[8];
            var k2 = new uint[8];
            var b = new uint[8];
            var beta = new uint[8];
            var scratch = new uint[8];
            for (int candidate = 0; candidate < 3; candidate++)
            {
                plain.Next(k1);
                blinded.Next(k2);
                blinded.Blinding(b);
                blinded.FieldBlinding(beta, scratch);
                k2.Should().Equal(k1, "the blindings must not step the DRBG");
                var bv = P256ArithmeticTests.FromLimbs(b);
                bv.Should().BeGreaterThan(BigInteger.Zero).And.BeLessThan(N);
                bv.Should().NotBe(P256ArithmeticTests.FromLimbs(k1));
                seen.Add(bv).Should().BeTrue("a fresh blinding factor per candidate and per key/hash");
                var betaValue = P256ArithmeticTests.FromLimbs(beta);
                betaValue.Should().BeGreaterThan(BigInteger.Zero).And.BeLessThan(P);
                seen.Add(betaValue).Should().BeTrue("the field blinding is another PRF output");
            }
        }
    }

    /// <summary>Every signature ours makes verifies under .NET (OpenSSL) and BouncyCastle; ours verifies it too.</summary>
    [Fact]
    public void SignaturesVerifyUnderDotNetAndBouncyCastle()
    {
        var domain = new ECDomainParameters(Curve.Curve, Curve.G, Curve.N, Curve.H);
        var rng = new Random(9);
        var keys = new List<BigInteger> { 1, 2, N - 1, N - 2 };
        for (int i = 0; i < 150; i++) keys.Add(EcdsaP256Tests.RandomScalar(rng));
        foreach (var key in keys)
        {
            var d = Be32(key);
            var hash = new byte[32];
            rng.NextBytes(hash);
            var signature = EcdsaP256.SignHash(d, hash);

            using var dotnet = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
            dotnet.VerifyHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).Should().BeTrue("d = {0:x}", key);

            var verifier = new ECDsaSigner();
            verifier.Init(false, new ECPublicKeyParameters(Curve.G.Multiply(Bc(key)).Normalize(), domain));
            verifier.VerifySignature(hash, new BcBigInteger(1, signature, 0, 32), new BcBigInteger(1, signature, 32, 32)).Should().BeTrue();

            EcdsaP256.VerifyHash(P256KeyPair.FromPrivateKey(d).PublicKey, hash, signature).Should().BeTrue();
        }
    }

    /// <summary>The multiplier works in its preallocated storage only: no allocation per operation.</summary>
    [Fact]
    public void MultiplicationsAndSigningAllocateNothing()
    {
        var ct = new P256ConstantTime();
        var tableG = new P256Engine().TableG;
        var x = new uint[8];
        var y = new uint[8];
        var k = P256ArithmeticTests.ToLimbs(EcdsaP256Tests.RandomScalar(new Random(10)));
        var d = new byte[32];
        d[31] = 7;
        var dLimbs = P256ArithmeticTests.ToLimbs(7);
        var hash = new byte[32];
        new Random(11).NextBytes(hash);
        var e = P256ArithmeticTests.ToLimbs(new BigInteger(hash, true, true) % N);
        var signature = new byte[64];
        var nonces = new Rfc6979Nonce(d, hash);
        ct.MultiplyBase(k, tableG, x, y);
        ct.Multiply(k, P256Engine.Gx, P256Engine.Gy, x, y);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            ct.MultiplyBase(k, tableG, x, y);
            ct.Multiply(k, P256Engine.Gx, P256Engine.Gy, x, y);
        }

        ct.Sign(dLimbs, e, nonces, tableG, signature, 0);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
        signature.Should().Equal(EcdsaP256.SignHash(d, hash), "the same key, hash (e = hash mod n) and RFC 6979 nonce");
    }

    [Fact]
    public void EcdhAgreesWithDotNetOnManyKeys()
    {
        for (int i = 0; i < 150; i++)
        {
            using var ours = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            var q = peer.ExportParameters(false).Q;
            byte[] peerKey = [4, .. q.X!, .. q.Y!];
            EcdhP256.SharedSecret(ours.ExportParameters(true).D!, peerKey).Should().Equal(ours.DeriveRawSecretAgreement(peer.PublicKey));
        }
    }

    private sealed record Point(uint[] X, uint[] Y, uint[] Z);

    private static Point Infinity() => new(new uint[8], P256ArithmeticTests.ToLimbs(1), new uint[8]);

    private static Point Projective(BcPoint affine, BigInteger lambda)
    {
        var (x, y) = Affine(affine);
        return new(P256ArithmeticTests.ToLimbs(x * lambda % P), P256ArithmeticTests.ToLimbs(y * lambda % P), P256ArithmeticTests.ToLimbs(lambda));
    }

    private static bool IsInfinity(Point p) => P256ArithmeticTests.FromLimbs(p.Z).IsZero && !P256ArithmeticTests.FromLimbs(p.Y).IsZero;

    private static (BigInteger X, BigInteger Y) AffineOf(Point p)
    {
        var z = P256ArithmeticTests.FromLimbs(p.Z);
        z.IsZero.Should().BeFalse("expected a finite point");
        var inverse = BigInteger.ModPow(z, P - 2, P);
        return (P256ArithmeticTests.FromLimbs(p.X) * inverse % P, P256ArithmeticTests.FromLimbs(p.Y) * inverse % P);
    }

    private static (BigInteger X, BigInteger Y) Affine(BcPoint point) => (Big(point.AffineXCoord.ToBigInteger()), Big(point.AffineYCoord.ToBigInteger()));

    private static BigInteger RandomField(Random rng)
    {
        var bytes = new byte[32];
        rng.NextBytes(bytes);
        return new BigInteger(bytes, true, true) % (P - 1) + 1;
    }

    private static BigInteger Hex(string hex) => BigInteger.Parse("0" + hex, System.Globalization.NumberStyles.HexNumber);

    private static BcBigInteger Bc(BigInteger v) => new(1, v.ToByteArray(isUnsigned: true, isBigEndian: true));

    private static BigInteger Big(BcBigInteger v) => new(v.ToByteArrayUnsigned(), true, true);

    private static byte[] Be32(BigInteger v)
    {
        var b = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[32 - b.Length], .. b];
    }
}
