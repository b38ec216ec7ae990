using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using TrustAnchor.Firmware.Crypto;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace TrustAnchor.Firmware.Tests.Crypto;

/// <summary>RFC 6979 signing, key generation and ECDH, against the RFC's vectors, .NET and BouncyCastle.</summary>
public class EcdsaSigningTests
{
    private static readonly BigInteger N = P256ArithmeticTests.N;

    // RFC 6979 appendix A.2.5 (ECDSA, 256 bits, prime field): the key and the SHA-256 signatures.
    private const string RfcPrivateKey = "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721";
    private const string RfcUx = "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6";
    private const string RfcUy = "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299";

    [Theory]
    [InlineData("sample", "A6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60",
        "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
        "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8")]
    [InlineData("test", "D16B6AE827F17175E040871A1C7EC3500192C4C92677336EC2537ACAEE0008E0",
        "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
        "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083")]
    public void Rfc6979Vectors(string message, string k, string r, string s)
    {
        var d = Convert.FromHexString(RfcPrivateKey);
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(message));

        var nonce = new Rfc6979Nonce(d, hash);
        var k32 = new byte[32];
        nonce.Next(k32, new uint[8]);
        k32.Should().Equal(Convert.FromHexString(k));

        EcdsaP256.SignHash(d, hash).Should().Equal(Convert.FromHexString(r + s));
        var into = new byte[70];
        EcdsaP256.SignHash(d, hash, into, 3);
        into[3..67].Should().Equal(Convert.FromHexString(r + s));

        var pair = P256KeyPair.FromPrivateKey(d);
        pair.PublicKey.Should().Equal(Convert.FromHexString("04" + RfcUx + RfcUy));
        EcdsaP256.VerifyHash(pair.PublicKey, hash, Convert.FromHexString(r + s)).Should().BeTrue();
    }

    [Fact]
    public void SignaturesMatchBouncyCastleRfc6979AndVerifyInDotNet()
    {
        var bc = CustomNamedCurves.GetByName("secp256r1");
        var domain = new ECDomainParameters(bc.Curve, bc.G, bc.N, bc.H);
        var rng = new Random(6979);
        for (int i = 0; i < 100; i++)
        {
            var d = Be32(EcdsaP256Tests.RandomScalar(rng));
            var hash = new byte[32];
            rng.NextBytes(hash);
            if (i == 0) hash.AsSpan().Fill(0xFF); // h >= n: bits2octets reduces it

            var ours = EcdsaP256.SignHash(d, hash);
            EcdsaP256.SignHash(d, hash).Should().Equal(ours, "deterministic");

            var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
            signer.Init(true, new ECPrivateKeyParameters(new BcBigInteger(1, d), domain));
            var rs = signer.GenerateSignature(hash);
            ours.Should().Equal([.. Be32(rs[0]), .. Be32(rs[1])], "BouncyCastle's RFC 6979 signer, case {0}", i);

            using var dotnet = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
            dotnet.VerifyHash(hash, ours, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).Should().BeTrue();
        }
    }

    [Fact]
    public void SigningRejectsBadArguments()
    {
        var hash = new byte[32];
        foreach (var bad in new[] { null!, new byte[31], new byte[33], new byte[32], Be32(N), Be32(N + 1), Enumerable.Repeat((byte)0xFF, 32).ToArray() })
        {
            FluentActions.Invoking(() => EcdsaP256.SignHash(bad, hash)).Should().Throw<CryptoException>()
                .Which.Code.Should().Be(CryptoError.InvalidPrivateKey);
            FluentActions.Invoking(() => P256KeyPair.FromPrivateKey(bad)).Should().Throw<CryptoException>()
                .Which.Code.Should().Be(CryptoError.InvalidPrivateKey);
            FluentActions.Invoking(() => EcdhP256.SharedSecret(bad, EcdsaP256Tests.G)).Should().Throw<CryptoException>()
                .Which.Code.Should().Be(CryptoError.InvalidPrivateKey);
        }

        var d = Be32(BigInteger.One);
        FluentActions.Invoking(() => EcdsaP256.SignHash(d, new byte[31])).Should().Throw<CryptoException>().Which.Code.Should().Be(CryptoError.WrongHashLength);
        FluentActions.Invoking(() => EcdsaP256.SignHash(d, hash, new byte[64], 1)).Should().Throw<CryptoException>().Which.Code.Should().Be(CryptoError.OutOfRange);
    }

    [Fact]
    public void KeyPairsMatchDotNetImportOfTheSamePrivateKey()
    {
        var rng = new Random(256);
        var scalars = new List<BigInteger> { 1, 2, 3, N - 1, N - 2, (BigInteger.One << 255) % N };
        for (int i = 0; i < 60; i++) scalars.Add(EcdsaP256Tests.RandomScalar(rng));
        foreach (var scalar in scalars)
        {
            var d = Be32(scalar);
            var pair = P256KeyPair.FromPrivateKey(d);
            using var dotnet = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
            var q = dotnet.ExportParameters(false).Q;
            pair.PublicKey.Should().Equal([4, .. q.X!, .. q.Y!], "d = {0:x}", scalar);
            pair.PrivateKey.Should().Equal(d);
            pair.PrivateKey.Should().NotBeSameAs(d);
        }

        P256KeyPair.FromPrivateKey(Be32(BigInteger.One)).PublicKey.Should().Equal(EcdsaP256Tests.G);
    }

    private sealed class ScriptedEntropy(params byte[][] draws) : IEntropySource
    {
        private int _next;
        public int Calls => _next;

        public void GetBytes(byte[] buffer, int offset, int count)
        {
            count.Should().Be(32);
            draws[Math.Min(_next++, draws.Length - 1)].CopyTo(buffer, offset);
        }
    }

    [Fact]
    public void GenerationRejectionSamplesIntoRange()
    {
        var valid = Be32(EcdsaP256Tests.RandomScalar(new Random(1)));
        var entropy = new ScriptedEntropy(new byte[32], Be32(N), Enumerable.Repeat((byte)0xFF, 32).ToArray(), valid);
        var pair = P256KeyPair.Generate(entropy);
        entropy.Calls.Should().Be(4, "0, n and 2^256 - 1 are outside [1, n-1] and must be redrawn, not reduced");
        pair.PrivateKey.Should().Equal(valid);
        pair.PublicKey.Should().Equal(P256KeyPair.FromPrivateKey(valid).PublicKey);

        var stuck = new ScriptedEntropy(Be32(N));
        FluentActions.Invoking(() => P256KeyPair.Generate(stuck)).Should().Throw<CryptoException>().Which.Code.Should().Be(CryptoError.EntropyFailure);
        FluentActions.Invoking(() => P256KeyPair.Generate(null!)).Should().Throw<CryptoException>();
    }

    private sealed class SystemEntropy : IEntropySource
    {
        public void GetBytes(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
    }

    [Fact]
    public void GeneratedKeysSignAndAgree()
    {
        var a = P256KeyPair.Generate(new SystemEntropy());
        var b = P256KeyPair.Generate(new SystemEntropy());
        a.PrivateKey.Should().NotEqual(b.PrivateKey);
        var hash = SHA256.HashData("gbcs"u8);
        EcdsaP256.VerifyHash(a.PublicKey, hash, EcdsaP256.SignHash(a.PrivateKey, hash)).Should().BeTrue();
        EcdhP256.SharedSecret(a.PrivateKey, b.PublicKey).Should().Equal(EcdhP256.SharedSecret(b.PrivateKey, a.PublicKey));
    }

    [Fact]
    public void EcdhMatchesDotNetRawSecretAgreement()
    {
        for (int i = 0; i < 60; i++)
        {
            using var ours = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            var d = ours.ExportParameters(true).D!;
            var q = peer.ExportParameters(false).Q;
            byte[] peerKey = [4, .. q.X!, .. q.Y!];
            EcdhP256.SharedSecret(d, peerKey).Should().Equal(ours.DeriveRawSecretAgreement(peer.PublicKey));
        }
    }

    [Fact]
    public void EcdhValidatesThePeerKey()
    {
        var d = Be32(EcdsaP256Tests.RandomScalar(new Random(9)));
        var offCurve = (byte[])EcdsaP256Tests.G.Clone();
        offCurve[64] ^= 1;
        FluentActions.Invoking(() => EcdhP256.SharedSecret(d, offCurve)).Should().Throw<InvalidPublicKeyException>().Which.Code.Should().Be(CryptoError.PublicKeyNotOnCurve);
        FluentActions.Invoking(() => EcdhP256.SharedSecret(d, EcdsaP256Tests.G[..33])).Should().Throw<InvalidPublicKeyException>();
        FluentActions.Invoking(() => EcdhP256.SharedSecret(d, new byte[] { 0 })).Should().Throw<InvalidPublicKeyException>();
        FluentActions.Invoking(() => EcdhP256.SharedSecret(d, null!)).Should().Throw<InvalidPublicKeyException>();

        // d G with d = 1 is G's x-coordinate.
        EcdhP256.SharedSecret(Be32(BigInteger.One), EcdsaP256Tests.G).Should().Equal(EcdsaP256Tests.G[1..33]);
    }

    /// <summary>Open-box: the complete-formula multiplier against the variable-time verifier's group law.</summary>
    [Fact]
    public void ConstantTimeMultiplyMatchesDotNetForEdgeScalars()
    {
        var ct = new P256ConstantTime();
        var x = new uint[8];
        var y = new uint[8];
        foreach (var k in new[] { BigInteger.One, 2, 15, 16, 17, 255, 256, N - 1, N - 15, N - 16, (BigInteger.One << 252) - 1 })
        {
            ct.Multiply(P256ArithmeticTests.ToLimbs(k), P256Engine.Gx, P256Engine.Gy, x, y).Should().BeTrue();
            using var dotnet = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = Be32(k) });
            var q = dotnet.ExportParameters(false).Q;
            P256ArithmeticTests.FromLimbs(x).Should().Be(new BigInteger(q.X, true, true), "k = {0:x}", k);
            P256ArithmeticTests.FromLimbs(y).Should().Be(new BigInteger(q.Y, true, true));
        }

        ct.Multiply(P256ArithmeticTests.ToLimbs(N), P256Engine.Gx, P256Engine.Gy, x, y).Should().BeFalse("n G is the point at infinity");
        ct.Multiply(new uint[8], P256Engine.Gx, P256Engine.Gy, x, y).Should().BeFalse();
    }

    /// <summary>Open-box: the fixed-base comb (signing, key generation) against .NET, scalars around every comb boundary.</summary>
    [Fact]
    public void ConstantTimeBaseCombMatchesDotNet()
    {
        var ct = new P256ConstantTime();
        var tableG = new P256Engine().TableG;
        var x = new uint[8];
        var y = new uint[8];
        var scalars = new List<BigInteger> { BigInteger.One, 2, 3, 15, 16, 17, N - 1, N - 2, (BigInteger.One << 255) - 1 };
        foreach (int bit in new[] { 63, 64, 65, 127, 128, 129, 191, 192, 193, 255 })
        {
            scalars.Add(BigInteger.One << bit);
            scalars.Add((BigInteger.One << bit) - 1);
            scalars.Add((BigInteger.One << bit) + 1);
        }

        var random = new Random(1234);
        for (int i = 0; i < 40; i++)
        {
            scalars.Add(EcdsaP256Tests.RandomScalar(random));
        }

        foreach (var k in scalars)
        {
            var reduced = k % N;
            ct.MultiplyBase(P256ArithmeticTests.ToLimbs(k), tableG, x, y).Should().BeTrue();
            using var dotnet = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = Be32(reduced) });
            var q = dotnet.ExportParameters(false).Q;
            P256ArithmeticTests.FromLimbs(x).Should().Be(new BigInteger(q.X, true, true), "k = {0:x}", k);
            P256ArithmeticTests.FromLimbs(y).Should().Be(new BigInteger(q.Y, true, true), "k = {0:x}", k);
        }

        // 2^256 - 1 > n: the comb takes all 256 bits, so it equals (2^256 - 1 mod n) G.
        var all = (BigInteger.One << 256) - 1;
        ct.MultiplyBase(P256ArithmeticTests.ToLimbs(all), tableG, x, y).Should().BeTrue();
        var ex = new uint[8];
        var ey = new uint[8];
        ct.Multiply(P256ArithmeticTests.ToLimbs(all % N), P256Engine.Gx, P256Engine.Gy, ex, ey).Should().BeTrue();
        x.Should().Equal(ex);
        y.Should().Equal(ey);

        ct.MultiplyBase(P256ArithmeticTests.ToLimbs(N), tableG, x, y).Should().BeFalse("n G is the point at infinity");
        x.Should().OnlyContain(w => w == 0);
        ct.MultiplyBase(new uint[8], tableG, x, y).Should().BeFalse();
    }

    private static byte[] Be32(BigInteger v)
    {
        var b = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[32 - b.Length], .. b];
    }

    private static byte[] Be32(BcBigInteger v)
    {
        var b = v.ToByteArrayUnsigned();
        return [.. new byte[32 - b.Length], .. b];
    }
}
