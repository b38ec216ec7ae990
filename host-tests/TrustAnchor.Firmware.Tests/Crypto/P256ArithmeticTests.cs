using System.Numerics;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Tests.Crypto;

/// <summary>Open-box checks of the field (mod p) and scalar (mod n) arithmetic against BigInteger.</summary>
public class P256ArithmeticTests
{
    internal static readonly BigInteger P = BigInteger.Parse("0ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", System.Globalization.NumberStyles.HexNumber);
    internal static readonly BigInteger N = BigInteger.Parse("0ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", System.Globalization.NumberStyles.HexNumber);
    private static readonly BigInteger R = BigInteger.One << 256;

    internal static uint[] ToLimbs(BigInteger v)
    {
        var limbs = new uint[8];
        for (int i = 0; i < 8; i++) limbs[i] = (uint)((v >> (32 * i)) & uint.MaxValue);
        return limbs;
    }

    internal static BigInteger FromLimbs(uint[] limbs)
    {
        BigInteger v = BigInteger.Zero;
        for (int i = 7; i >= 0; i--) v = (v << 32) | limbs[i];
        return v;
    }

    /// <summary>Random values biased towards the edges (0, 1, m-1, values with all-ones/zero limbs).</summary>
    private static IEnumerable<BigInteger> Values(BigInteger modulus, int count, int seed)
    {
        var rng = new Random(seed);
        var edges = new List<BigInteger> { 0, 1, 2, modulus - 1, modulus - 2, modulus >> 1, (modulus >> 1) + 1, R - 1 - modulus, (BigInteger.One << 224), (BigInteger.One << 255) % modulus };
        foreach (var e in edges) yield return e;
        for (int i = 0; i < count; i++)
        {
            var limbs = new uint[8];
            for (int j = 0; j < 8; j++)
            {
                int kind = rng.Next(6);
                limbs[j] = kind == 0 ? 0u : kind == 1 ? uint.MaxValue : (uint)rng.NextInt64(0, 1L << 32);
            }

            yield return FromLimbs(limbs) % modulus;
        }
    }

    private static List<(BigInteger A, BigInteger B)> Pairs(BigInteger modulus, int seed)
    {
        var xs = Values(modulus, 300, seed).ToList();
        var ys = Values(modulus, 300, seed + 1).Reverse().ToList();
        var pairs = xs.Zip(ys).ToList();
        foreach (var e in xs.Take(10)) foreach (var f in xs.Take(10)) pairs.Add((e, f));
        return pairs;
    }

    private static BigInteger Mod(BigInteger v, BigInteger m) => ((v % m) + m) % m;

    [Fact]
    public void FieldOperationsMatchBigInteger()
    {
        var r = new uint[8];
        foreach (var (a, b) in Pairs(P, 11))
        {
            P256Field.Mul(r, ToLimbs(a), ToLimbs(b));
            FromLimbs(r).Should().Be(a * b % P, "mul {0:x} {1:x}", a, b);
            P256Field.Sqr(r, ToLimbs(a));
            FromLimbs(r).Should().Be(a * a % P, "sqr {0:x}", a);
            P256Field.Add(r, ToLimbs(a), ToLimbs(b));
            FromLimbs(r).Should().Be((a + b) % P, "add");
            P256Field.Sub(r, ToLimbs(a), ToLimbs(b));
            FromLimbs(r).Should().Be(Mod(a - b, P), "sub");
            P256Field.Neg(r, ToLimbs(a));
            FromLimbs(r).Should().Be(Mod(-a, P), "neg");
        }
    }

    [Fact]
    public void FieldMultiplyReducesExtremeProducts()
    {
        // Unreduced-looking inputs up to 2^256 - 1 still multiply correctly (the reduction's carry bounds).
        var r = new uint[8];
        var big = new[] { R - 1, R - 2, P, P + 1, R - 1 - (BigInteger.One << 224) };
        foreach (var a in big)
        foreach (var b in big)
        {
            P256Field.Mul(r, ToLimbs(a), ToLimbs(b));
            FromLimbs(r).Should().Be(a * b % P);
        }
    }

    [Fact]
    public void FieldInversionMatchesBigInteger()
    {
        var r = new uint[8];
        var t1 = new uint[8]; var t2 = new uint[8]; var t3 = new uint[8];
        foreach (var a in Values(P, 40, 5))
        {
            P256Field.Invert(r, ToLimbs(a), t1, t2, t3);
            FromLimbs(r).Should().Be(BigInteger.ModPow(a, P - 2, P));
            var inPlace = ToLimbs(a);
            P256Field.Invert(inPlace, inPlace, t1, t2, t3);
            inPlace.Should().Equal(r, "the result may overwrite the input");
        }
    }

    [Fact]
    public void ScalarOperationsMatchBigInteger()
    {
        var rInv = BigInteger.ModPow(R, N - 2, N);
        var r = new uint[8];
        foreach (var (a, b) in Pairs(N, 21))
        {
            P256Scalar.MontMul(r, ToLimbs(a), ToLimbs(b));
            FromLimbs(r).Should().Be(a * b * rInv % N, "montmul");
            P256Scalar.MontSqr(r, ToLimbs(a));
            FromLimbs(r).Should().Be(a * a * rInv % N, "montsqr");
            P256Scalar.Add(r, ToLimbs(a), ToLimbs(b));
            FromLimbs(r).Should().Be((a + b) % N, "add");
            P256Scalar.ToMontgomery(r, ToLimbs(a));
            FromLimbs(r).Should().Be(a * R % N, "toMont");
        }

        FromLimbs(P256Scalar.RSquared).Should().Be(R * R % N);
        unchecked((uint)(N & uint.MaxValue) * P256Scalar.N0Inverse).Should().Be(uint.MaxValue, "n * n0' = -1 mod 2^32");
    }

    [Fact]
    public void VariableTimeScalarInversionMatchesBigInteger()
    {
        var r = new uint[8];
        var values = Values(N, 2000, 17).Where(v => !v.IsZero).Concat(new BigInteger[] { 1, 2, 3, N - 1, N - 2, (N + 1) / 2, BigInteger.One << 200 });
        foreach (var a in values)
        {
            P256Scalar.InvertVartime(r, ToLimbs(a));
            FromLimbs(r).Should().Be(BigInteger.ModPow(a, N - 2, N), "a = {0:x}", a);
        }
    }

    [Fact]
    public void VariableTimeFieldInversionMatchesBigInteger()
    {
        var r = new uint[8];
        var values = Values(P, 2000, 18).Where(v => !v.IsZero).Concat(new BigInteger[] { 1, 2, 3, P - 1, P - 2, (P + 1) / 2, BigInteger.One << 200, BigInteger.One << 255 });
        foreach (var a in values)
        {
            P256Field.InvertVartime(r, ToLimbs(a));
            FromLimbs(r).Should().Be(BigInteger.ModPow(a, P - 2, P), "a = {0:x}", a);
        }
    }

    [Fact]
    public void ScalarInversionAndRangeMatchBigInteger()
    {
        var table = new uint[128]; var acc = new uint[8]; var tmp = new uint[8]; var r = new uint[8]; var m = new uint[8];
        foreach (var a in Values(N, 30, 9).Where(v => !v.IsZero))
        {
            P256Scalar.ToMontgomery(m, ToLimbs(a));
            P256Scalar.Invert(r, m, table, acc, tmp);
            FromLimbs(r).Should().Be(BigInteger.ModPow(a, N - 2, N) * R % N);
        }

        foreach (var v in new[] { BigInteger.Zero, BigInteger.One, N - 1, N, N + 1, R - 1 })
        {
            P256Scalar.IsInRange(ToLimbs(v)).Should().Be(v >= 1 && v < N, "{0:x}", v);
            P256Scalar.ReduceOnce(r, ToLimbs(v));
            FromLimbs(r).Should().Be(v % N);
        }
    }
}
