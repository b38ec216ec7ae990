using System.Security.Cryptography;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Tests.Crypto;

public class HmacSha256Tests
{
    // RFC 4231 test cases 1, 2, 6 (key longer than the block) and 7.
    [Theory]
    [InlineData("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")]
    [InlineData("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")]
    public void Rfc4231Vectors(string keyHex, string dataHex, string macHex)
    {
        var data = Convert.FromHexString(dataHex);
        HmacSha256.Compute(Convert.FromHexString(keyHex), data, 0, data.Length)
            .Should().Equal(Convert.FromHexString(macHex));
    }

    [Fact]
    public void RandomKeysAndMessagesMatchDotNet()
    {
        var rng = new Random(0x4ac);
        for (int i = 0; i < 400; i++)
        {
            var key = new byte[rng.Next(0, 200)]; // below, at and above the 64-byte block
            rng.NextBytes(key);
            var data = new byte[rng.Next(0, 1000) + 9];
            rng.NextBytes(data);
            int off = rng.Next(0, 5);
            int count = rng.Next(0, data.Length - off);

            var expected = HMACSHA256.HashData(key, data.AsSpan(off, count));
            HmacSha256.Compute(key, data, off, count).Should().Equal(expected, "key {0} bytes, data {1} bytes", key.Length, count);
            HmacSha256.Verify(key, data, off, count, expected, 0).Should().BeTrue();
        }
    }

    [Fact]
    public void IncrementalEqualsOneShotAndInstanceIsReusable()
    {
        var rng = new Random(7);
        var key = new byte[32];
        rng.NextBytes(key);
        var mac = new HmacSha256(key);
        for (int round = 0; round < 3; round++)
        {
            var data = new byte[300 + round];
            rng.NextBytes(data);
            mac.Update(data, 0, 100);
            mac.Update(data, 100, 0);
            mac.Update(data, 100, data.Length - 100);
            mac.Final().Should().Equal(HMACSHA256.HashData(key, data));
        }
    }

    [Fact]
    public void VerifyRejectsAnyFlippedBit()
    {
        var key = new byte[] { 1, 2, 3 };
        var data = new byte[] { 9, 8, 7, 6 };
        var mac = HmacSha256.Compute(key, data, 0, data.Length);
        for (int bit = 0; bit < 256; bit += 7)
        {
            var bad = (byte[])mac.Clone();
            bad[bit / 8] ^= (byte)(1 << (bit % 8));
            HmacSha256.Verify(key, data, 0, data.Length, bad, 0).Should().BeFalse();
        }
    }

    [Fact]
    public void BadArgumentsGiveTypedErrors()
    {
        var data = new byte[4];
        FluentActions.Invoking(() => HmacSha256.Compute(null!, data, 0, 4))
            .Should().Throw<SymmetricCryptoException>().Which.Code.Should().Be(SymmetricCryptoError.NullArgument);
        FluentActions.Invoking(() => HmacSha256.Compute(new byte[1], data, 2, 3))
            .Should().Throw<SymmetricCryptoException>().Which.Code.Should().Be(SymmetricCryptoError.RangeOutsideBuffer);
        FluentActions.Invoking(() => HmacSha256.Compute(new byte[1], data, -1, 1))
            .Should().Throw<CryptoException>();
    }
}
