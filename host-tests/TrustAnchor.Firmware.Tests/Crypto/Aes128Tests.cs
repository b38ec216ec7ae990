using System.Security.Cryptography;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Tests.Crypto;

public class Aes128Tests
{
    // FIPS 197 appendix C.1 and the appendix B example.
    [Theory]
    [InlineData("000102030405060708090a0b0c0d0e0f", "00112233445566778899aabbccddeeff", "69c4e0d86a7b0430d8cdb78070b4c55a")]
    [InlineData("2b7e151628aed2a6abf7158809cf4f3c", "3243f6a8885a308d313198a2e0370734", "3925841d02dc09fbdc118597196a0b32")]
    public void Fips197Vectors(string keyHex, string plainHex, string cipherHex)
    {
        foreach (bool constantTime in new[] { false, true })
        {
            var aes = new Aes128(Convert.FromHexString(keyHex), constantTime);
            var output = new byte[16];
            aes.EncryptBlock(Convert.FromHexString(plainHex), 0, output, 0);
            output.Should().Equal(Convert.FromHexString(cipherHex));
        }
    }

    [Fact]
    public void RandomKeysAndBlocksMatchDotNetEcb()
    {
        var rng = new Random(0xAE5);
        using var dotnet = System.Security.Cryptography.Aes.Create();
        for (int i = 0; i < 300; i++)
        {
            var key = new byte[16];
            rng.NextBytes(key);
            var blocks = new byte[16 * 4];
            rng.NextBytes(blocks);
            dotnet.Key = key;
            var expected = dotnet.EncryptEcb(blocks, PaddingMode.None);

            var table = new Aes128(key);
            var computed = new Aes128(key, constantTime: true);
            var buffer = new byte[blocks.Length + 3];
            for (int b = 0; b < 4; b++)
            {
                table.EncryptBlock(blocks, 16 * b, buffer, 3 + 16 * b);
            }

            buffer.AsSpan(3).ToArray().Should().Equal(expected);

            // In place, through the computed (table-free) S-box.
            var inPlace = (byte[])blocks.Clone();
            for (int b = 0; b < 4; b++)
            {
                computed.EncryptBlock(inPlace, 16 * b, inPlace, 16 * b);
            }

            inPlace.Should().Equal(expected);
        }
    }

    [Fact]
    public void BadArgumentsGiveTypedErrors()
    {
        FluentActions.Invoking(() => new Aes128(new byte[24]))
            .Should().Throw<SymmetricCryptoException>().Which.Code.Should().Be(SymmetricCryptoError.BadKeyLength);
        FluentActions.Invoking(() => new Aes128(null!))
            .Should().Throw<SymmetricCryptoException>().Which.Code.Should().Be(SymmetricCryptoError.NullArgument);
        var aes = new Aes128(new byte[16]);
        FluentActions.Invoking(() => aes.EncryptBlock(new byte[15], 0, new byte[16], 0))
            .Should().Throw<SymmetricCryptoException>().Which.Code.Should().Be(SymmetricCryptoError.RangeOutsideBuffer);
        FluentActions.Invoking(() => aes.EncryptBlock(new byte[16], 0, new byte[16], 1))
            .Should().Throw<SymmetricCryptoException>().Which.Code.Should().Be(SymmetricCryptoError.RangeOutsideBuffer);
    }
}
