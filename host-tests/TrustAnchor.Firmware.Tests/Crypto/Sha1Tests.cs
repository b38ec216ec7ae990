using System.Security.Cryptography;
using System.Text;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Tests.Crypto;

public class Sha1Tests
{
    [Theory]
    [InlineData("abc", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("", "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1")]
    public void FipsExamples(string message, string hex) =>
        Sha1.Hash(Encoding.ASCII.GetBytes(message)).Should().Equal(Convert.FromHexString(hex));

    [Fact]
    public void RandomLengthsMatchDotNet()
    {
        var rng = new Random(0x5A1);
        for (int length = 0; length < 300; length++)
        {
            var data = new byte[length + 5];
            rng.NextBytes(data);
            var output = new byte[25];
            Sha1.Hash(data, 3, length, output, 2);
            output.AsSpan(2, 20).ToArray().Should().Equal(SHA1.HashData(data.AsSpan(3, length)));
        }
    }

    [Fact]
    public void BadArgumentsAreTyped()
    {
        ((Action)(() => Sha1.Hash(null!))).Should().Throw<CryptoException>();
        ((Action)(() => Sha1.Hash(new byte[4], 2, 3, new byte[20], 0))).Should().Throw<CryptoException>();
        ((Action)(() => Sha1.Hash(new byte[4], 0, 4, new byte[20], 1))).Should().Throw<CryptoException>();
    }
}
