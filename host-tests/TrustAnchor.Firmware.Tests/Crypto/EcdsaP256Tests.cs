using System.Numerics;
using System.Security.Cryptography;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Tests.Crypto;

/// <summary>Key validation, argument errors, strict DER, group-law corner cases and allocation of the verifier.</summary>
public class EcdsaP256Tests
{
    private static readonly BigInteger P = P256ArithmeticTests.P;
    private static readonly BigInteger N = P256ArithmeticTests.N;

    internal static readonly byte[] G = Convert.FromHexString(
        "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
        + "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");

    private static (byte[] Key, byte[] Hash, byte[] Sig) Signed(ECDsa? signer = null)
    {
        using var own = signer == null ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : null;
        var ecdsa = signer ?? own!;
        var q = ecdsa.ExportParameters(false).Q;
        var hash = SHA256.HashData(Guid.NewGuid().ToByteArray());
        return ([4, .. q.X!, .. q.Y!], hash, ecdsa.SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    private static byte[] Be32(BigInteger v) => v.ToByteArray(isUnsigned: true, isBigEndian: true) is var b && b.Length <= 32
        ? [.. new byte[32 - b.Length], .. b]
        : throw new ArgumentException("too large");

    [Fact]
    public void GeneratorParsesAndRoundTrips()
    {
        var key = P256PublicKey.Parse(G);
        key.ToArray().Should().Equal(G);
        key.Equals(G).Should().BeTrue();
        var dest = new byte[70];
        key.CopyTo(dest, 5);
        dest[5..70].Should().Equal(G);
        key.Equals(dest, 5).Should().BeTrue();
        key.Equals(dest, 6).Should().BeFalse();
        key.Equals(P256PublicKey.Parse(dest, 5)).Should().BeTrue();
    }

    [Fact]
    public void TablesAreBuiltByTheFirstVerificationOnly()
    {
        var (key, hash, sig) = Signed();
        var parsed = P256PublicKey.Parse(key);
        parsed.Table.Should().BeNull("parsing only validates");
        EcdsaP256.VerifyHash(parsed, hash, sig).Should().BeTrue();
        var table = parsed.Table;
        table.Should().NotBeNull().And.HaveCount(P256PublicKey.PrecomputedBytes / 4);
        EcdsaP256.VerifyHash(parsed, hash, sig).Should().BeTrue();
        parsed.Table.Should().BeSameAs(table);
    }

    public static IEnumerable<object[]> BadKeys()
    {
        byte[] With(Action<byte[]> change) { var k = (byte[])G.Clone(); change(k); return k; }
        yield return [new byte[] { 0 }, CryptoError.PublicKeyWrongLength];                      // infinity encoding
        yield return [G[..33].Select((b, i) => i == 0 ? (byte)(2 + (G[64] & 1)) : b).ToArray(), CryptoError.PublicKeyWrongLength]; // compressed
        yield return [G[..64], CryptoError.PublicKeyWrongLength];
        yield return [G.Append((byte)0).ToArray(), CryptoError.PublicKeyWrongLength];
        yield return [With(k => k[0] = 2), CryptoError.PublicKeyNotUncompressed];
        yield return [With(k => k[0] = 6), CryptoError.PublicKeyNotUncompressed];               // hybrid
        yield return [With(k => k[0] = 0), CryptoError.PublicKeyNotUncompressed];
        yield return [With(k => k[64] ^= 1), CryptoError.PublicKeyNotOnCurve];
        yield return [With(k => k[1] ^= 0x80), CryptoError.PublicKeyNotOnCurve];
        yield return [new byte[65].Select((_, i) => i == 0 ? (byte)4 : (byte)0).ToArray(), CryptoError.PublicKeyNotOnCurve]; // (0, 0)
        // Coordinates must be below p (checked before the curve equation).
        yield return [With(k => Be32(P).CopyTo(k, 1)), CryptoError.PublicKeyCoordinateOutOfRange];
        yield return [With(k => Be32(P + 5).CopyTo(k, 33)), CryptoError.PublicKeyCoordinateOutOfRange];
        yield return [With(k => Be32((BigInteger.One << 256) - 1).CopyTo(k, 1)), CryptoError.PublicKeyCoordinateOutOfRange];
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void BadKeysThrowTypedErrors(byte[] key, CryptoError code)
    {
        var hash = new byte[32];
        var sig = new byte[64];
        FluentActions.Invoking(() => P256PublicKey.Parse(key)).Should().Throw<InvalidPublicKeyException>().Which.Code.Should().Be(code);
        FluentActions.Invoking(() => EcdsaP256.VerifyHash(key, hash, sig)).Should().Throw<InvalidPublicKeyException>().Which.Code.Should().Be(code);
        FluentActions.Invoking(() => EcdsaP256.VerifyHashDer(key, hash, [0x30, 0])).Should().Throw<InvalidPublicKeyException>().Which.Code.Should().Be(code);
    }

    [Fact]
    public void BadKeyDoesNotPoisonTheKeyCache()
    {
        var (key, hash, sig) = Signed();
        EcdsaP256.VerifyHash(key, hash, sig).Should().BeTrue();
        var bad = (byte[])key.Clone();
        bad[40] ^= 1;
        FluentActions.Invoking(() => EcdsaP256.VerifyHash(bad, hash, sig)).Should().Throw<InvalidPublicKeyException>();
        EcdsaP256.VerifyHash(key, hash, sig).Should().BeTrue();
        FluentActions.Invoking(() => EcdsaP256.VerifyHash(bad, hash, sig)).Should().Throw<InvalidPublicKeyException>();
    }

    [Fact]
    public void BadArgumentsThrowTypedErrorsAndBadSignaturesReturnFalse()
    {
        var (key, hash, sig) = Signed();
        var parsed = P256PublicKey.Parse(key);
        FluentActions.Invoking(() => EcdsaP256.VerifyHash(key, hash[..31], sig)).Should().Throw<CryptoException>().Which.Code.Should().Be(CryptoError.WrongHashLength);
        FluentActions.Invoking(() => EcdsaP256.VerifyHash(key, [.. hash, 0], sig)).Should().Throw<CryptoException>().Which.Code.Should().Be(CryptoError.WrongHashLength);
        FluentActions.Invoking(() => EcdsaP256.VerifyHash(key, null!, sig)).Should().Throw<CryptoException>();
        FluentActions.Invoking(() => EcdsaP256.VerifyHashDer(key, hash[..20], [])).Should().Throw<CryptoException>();
        FluentActions.Invoking(() => EcdsaP256.VerifyHash(parsed, hash[..31], sig)).Should().Throw<CryptoException>();
        FluentActions.Invoking(() => EcdsaP256.VerifyHash(parsed, hash, 1, sig, 0)).Should().Throw<CryptoException>().Which.Code.Should().Be(CryptoError.OutOfRange);
        FluentActions.Invoking(() => EcdsaP256.VerifyHash((P256PublicKey)null!, hash, sig)).Should().Throw<InvalidPublicKeyException>();
        FluentActions.Invoking(() => EcdsaP256.VerifyHash((byte[])null!, hash, sig)).Should().Throw<InvalidPublicKeyException>();

        EcdsaP256.VerifyHash(key, hash, sig).Should().BeTrue();
        EcdsaP256.VerifyHash(key, hash, null!).Should().BeFalse();
        EcdsaP256.VerifyHash(key, hash, sig[..63]).Should().BeFalse();
        EcdsaP256.VerifyHash(key, hash, [.. sig, 0]).Should().BeFalse();
        EcdsaP256.VerifyHash(parsed, hash, 0, sig, 1).Should().BeFalse();
        EcdsaP256.VerifyHash(parsed, hash, 0, sig, -1).Should().BeFalse();
        EcdsaP256.VerifyHashDer(key, hash, null!).Should().BeFalse();
        EcdsaP256.VerifyHashDer(parsed, hash, 0, [0x30, 0], 1, 5).Should().BeFalse();

        // Offsets: hash and signature inside larger buffers.
        byte[] hashBuf = [9, 9, .. hash, 9];
        byte[] sigBuf = [7, .. sig, 7, 7];
        EcdsaP256.VerifyHash(parsed, hashBuf, 2, sigBuf, 1).Should().BeTrue();
    }

    [Fact]
    public void RangeChecksOnRAndS()
    {
        var (key, hash, sig) = Signed();
        var r = new BigInteger(sig.AsSpan(0, 32), true, true);
        var s = new BigInteger(sig.AsSpan(32), true, true);
        byte[] Sig(BigInteger rr, BigInteger ss) => [.. Be32(rr), .. Be32(ss)];
        EcdsaP256.VerifyHash(key, hash, Sig(r, s)).Should().BeTrue();
        EcdsaP256.VerifyHash(key, hash, Sig(N + 1, s)).Should().BeFalse();
        EcdsaP256.VerifyHash(key, hash, Sig(r, N + 1)).Should().BeFalse();
        EcdsaP256.VerifyHash(key, hash, Sig((BigInteger.One << 256) - 1, s)).Should().BeFalse();
        EcdsaP256.VerifyHash(key, hash, Sig(r, (BigInteger.One << 256) - 1)).Should().BeFalse();
        EcdsaP256.VerifyHash(key, hash, Sig(0, s)).Should().BeFalse();
        EcdsaP256.VerifyHash(key, hash, Sig(r, 0)).Should().BeFalse();
        EcdsaP256.VerifyHash(key, hash, Sig(N, s)).Should().BeFalse();
        EcdsaP256.VerifyHash(key, hash, Sig(r, N)).Should().BeFalse();
    }

    [Fact]
    public void ECDSASymmetryNegatedSIsAlsoValid()
    {
        // (r, n - s) is the well-known second valid signature: R' = -R has the same x. .NET agrees.
        var (key, hash, sig) = Signed();
        var s = new BigInteger(sig.AsSpan(32), true, true);
        byte[] other = [.. sig[..32], .. Be32(N - s)];
        EcdsaP256.VerifyHash(key, hash, other).Should().BeTrue();
    }

    public static IEnumerable<object[]> NonDer()
    {
        var (_, _, sig) = Signed();
        var der = WycheproofEcdsaTests.RawToDer(sig);
        yield return ["trailing byte", der.Append((byte)0).ToArray()];
        yield return ["wrong outer tag", der.Select((b, i) => i == 0 ? (byte)0x31 : b).ToArray()];
        yield return ["long-form outer length", new byte[] { 0x30, 0x81, der[1] }.Concat(der[2..]).ToArray()];
        yield return ["indefinite length", new byte[] { 0x30, 0x80 }.Concat(der[2..]).Concat(new byte[] { 0, 0 }).ToArray()];
        yield return ["outer length too long", der.Select((b, i) => i == 1 ? (byte)(b + 1) : b).ToArray()];
        yield return ["outer length too short", der.Select((b, i) => i == 1 ? (byte)(b - 1) : b).ToArray()];
        yield return ["truncated", der[..^1]];
        yield return ["empty", Array.Empty<byte>()];
        yield return ["wrong integer tag", der.Select((b, i) => i == 2 ? (byte)0x03 : b).ToArray()];
        yield return ["extra leading zero on r", Der(r => [0, .. r], s => s)];
        yield return ["negative r", Der(r => r[0] >= 0x80 ? r[1..] : [(byte)(r[0] | 0x80), .. r[1..]], s => s)];
        yield return ["empty r", Der(_ => [], s => s)];
        yield return ["r with 33-byte magnitude", Der(r => [1, .. Be32(N - 1)], s => s)];
        yield return ["three integers", Der(r => r, s => s, extra: true)];
        yield return ["long-form integer length", LongFormInteger(sig)];
        static byte[] Der(Func<byte[], byte[]> fr, Func<byte[], byte[]> fs, bool extra = false)
        {
            var (_, _, s2) = Signed();
            byte[] r = MinimalInt(s2[..32]), s = MinimalInt(s2[32..]);
            byte[] ri = fr(r), si = fs(s);
            byte[] content = [0x02, (byte)ri.Length, .. ri, 0x02, (byte)si.Length, .. si, .. extra ? new byte[] { 2, 1, 1 } : []];
            return [0x30, (byte)content.Length, .. content];
        }
    }

    private static byte[] MinimalInt(byte[] magnitude)
    {
        int i = 0;
        while (i < magnitude.Length - 1 && magnitude[i] == 0 && magnitude[i + 1] < 0x80) i++;
        var m = magnitude[i..];
        return m[0] >= 0x80 ? [0, .. m] : m;
    }

    private static byte[] LongFormInteger(byte[] sig)
    {
        byte[] r = MinimalInt(sig[..32]), s = MinimalInt(sig[32..]);
        byte[] content = [0x02, 0x81, (byte)r.Length, .. r, 0x02, (byte)s.Length, .. s];
        return [0x30, (byte)content.Length, .. content];
    }

    [Theory]
    [MemberData(nameof(NonDer))]
    public void NonDerSignaturesAreRejected(string what, byte[] der)
    {
        // The key does not matter for decoding; any valid key. The signature is decoded before anything else.
        EcdsaP256.VerifyHashDer(G, new byte[32], der).Should().BeFalse(what);
        EcdsaP256.DecodeDer(der, 0, der.Length, new byte[64]).Should().BeFalse(what);
    }

    [Fact]
    public void StrictDerRoundTripOfMinimalEncodings()
    {
        for (int i = 0; i < 50; i++)
        {
            var (key, hash, sig) = Signed();
            var der = WycheproofEcdsaTests.RawToDer(sig);
            var out64 = new byte[64];
            EcdsaP256.DecodeDer(der, 0, der.Length, out64).Should().BeTrue();
            out64.Should().Equal(sig);
            EcdsaP256.VerifyHashDer(key, hash, der).Should().BeTrue();
        }
    }

    /// <summary>
    /// Key Q = G and a signature with e = r give u1 = u2, so the very first addition of the G table point and
    /// the Q table point is P + P (the doubling case inside the addition); key Q = -G makes every such addition
    /// P + (-P) (infinity) and the result the point at infinity, which must be rejected.
    /// </summary>
    [Fact]
    public void AdditionCornerCasesDoublingAndInfinity()
    {
        var rng = new Random(3);
        for (int i = 0; i < 20; i++)
        {
            var k = RandomScalar(rng);
            using var withK = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = Be32(k) });
            var kx = new BigInteger(withK.ExportParameters(false).Q.X, true, true);
            var r = kx % N;
            var e = r;                                              // hash = r
            var s = BigInteger.ModPow(k, N - 2, N) * (e + r) % N;   // d = 1: s = k^-1 (e + r d)
            byte[] hash = Be32(e), sig = [.. Be32(r), .. Be32(s)];

            EcdsaP256.VerifyHash(G, hash, sig).Should().BeTrue("u1 G + u2 G with u1 = u2 is (2 r / s) G = k G");
            using var dotnet = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = G[1..33], Y = G[33..] } });
            dotnet.VerifyHash(hash, sig, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).Should().BeTrue();

            // -G: u1 G + u2 (-G) = O for u1 = u2: rejected by us and by .NET.
            byte[] minusG = [4, .. G[1..33], .. Be32(P - new BigInteger(G.AsSpan(33), true, true))];
            EcdsaP256.VerifyHash(minusG, hash, sig).Should().BeFalse();
            using var dotnetMinus = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = minusG[1..33], Y = minusG[33..] } });
            dotnetMinus.VerifyHash(hash, sig, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).Should().BeFalse();
        }
    }

    internal static BigInteger RandomScalar(Random rng)
    {
        var bytes = new byte[32];
        BigInteger v;
        do { rng.NextBytes(bytes); v = new BigInteger(bytes, true, true); } while (v.IsZero || v >= N);
        return v;
    }

    [Fact]
    public void VerificationAllocatesNothingAfterWarmUp()
    {
        var cases = Enumerable.Range(0, 4).Select(_ => Signed()).ToArray();
        var parsed = cases.Select(c => P256PublicKey.Parse(c.Key)).ToArray();
        var ders = cases.Select(c => WycheproofEcdsaTests.RawToDer(c.Sig)).ToArray();
        var badSig = (byte[])cases[0].Sig.Clone();
        badSig[5] ^= 1;
        var context = new P256Context();

        void Round(int i)
        {
            int j = i % cases.Length;
            bool ok = (i % 4) switch
            {
                0 => EcdsaP256.VerifyHash(context, parsed[j], cases[j].Hash, 0, cases[j].Sig, 0),
                1 => EcdsaP256.VerifyHashDer(context, parsed[j], cases[j].Hash, 0, ders[j], 0, ders[j].Length),
                2 => EcdsaP256.VerifyHash(context, cases[0].Key, cases[0].Hash, cases[0].Sig), // cached byte[] key
                _ => !EcdsaP256.VerifyHash(context, parsed[0], cases[0].Hash, 0, badSig, 0),
            };
            if (!ok) throw new InvalidOperationException("verification result wrong in round " + i);
        }

        for (int i = 0; i < 50; i++) Round(i);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) Round(i);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().Be(0);
    }

    [Fact]
    public void StorageFiguresAreWithinBudget()
    {
        // The reported figure is the sum of the arrays the engine really holds.
        var engine = new P256Engine();
        long bytes = 0;
        foreach (var field in typeof(P256Engine).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public))
        {
            bytes += field.GetValue(engine) switch
            {
                uint[] words => 4L * words.Length,
                byte[] octets => octets.Length,
                _ => throw new InvalidOperationException("unexpected field " + field.Name),
            };
        }

        engine.StorageBytes.Should().Be((int)bytes);
        var ct = new P256ConstantTime();
        long ctBytes = typeof(P256ConstantTime).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
            .Sum(f => 4L * ((uint[])f.GetValue(ct)!).Length);
        ct.StorageBytes.Should().Be((int)ctBytes);
        (EcdsaP256.TableBytes + ct.StorageBytes).Should().BeLessThanOrEqualTo(16 * 1024, "verifier and signer together stay within 16 KB");

        EcdsaP256.TableBytes.Should().BeGreaterThan(4096).And.BeLessThanOrEqualTo(16 * 1024);
        P256PublicKey.PrecomputedBytes.Should().Be(P256Engine.Pieces * P256Engine.PointsQ * 64);
    }
}
