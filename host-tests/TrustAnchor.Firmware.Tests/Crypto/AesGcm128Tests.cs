using TrustAnchor.Firmware.Crypto;
using DotNetAesGcm = System.Security.Cryptography.AesGcm;

namespace TrustAnchor.Firmware.Tests.Crypto;

public class AesGcm128Tests
{
    // McGrew-Viega GCM spec test cases 1-4 (AES-128, 96-bit IV) and the test case 4 AAD variant (case 4 of the spec is case 4 with AAD).
    [Theory]
    [InlineData("00000000000000000000000000000000", "000000000000000000000000", "", "", "", "58e2fccefa7e3061367f1d57a4e7455a")]
    [InlineData("00000000000000000000000000000000", "000000000000000000000000", "", "00000000000000000000000000000000",
        "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf")]
    [InlineData("feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
        "feedfacedeadbeeffeedfacedeadbeefabaddad2",
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
        "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
        "5bc94fbc3221a5db94fae95ae7121a47")]
    public void SpecVectors(string keyHex, string ivHex, string aadHex, string plainHex, string cipherHex, string tagHex)
    {
        var key = Convert.FromHexString(keyHex);
        var iv = Convert.FromHexString(ivHex);
        var aad = Convert.FromHexString(aadHex);
        var plain = Convert.FromHexString(plainHex);
        var tag = Convert.FromHexString(tagHex);

        AesGcm128.ComputeTag(key, iv, aad, 0, aad.Length, plain, 0, plain.Length, 16).Should().Equal(tag);
        var cipher = new byte[plain.Length];
        var tagOut = new byte[16];
        AesGcm128.Encrypt(key, iv, aad, 0, aad.Length, plain, 0, plain.Length, cipher, 0, tagOut, 0, 16);
        cipher.Should().Equal(Convert.FromHexString(cipherHex));
        tagOut.Should().Equal(tag);

        var back = new byte[cipher.Length];
        AesGcm128.Decrypt(key, iv, aad, 0, aad.Length, cipher, 0, cipher.Length, tag, 0, 16, back, 0).Should().BeTrue();
        back.Should().Equal(plain);
    }

    [Fact]
    public void RandomInputsWithTwelveByteTagsMatchDotNet()
    {
        var rng = new Random(0x6C3);
        for (int i = 0; i < 300; i++)
        {
            var key = new byte[16];
            var iv = new byte[12];
            rng.NextBytes(key);
            rng.NextBytes(iv);
            var aad = new byte[rng.Next(0, 400)];
            rng.NextBytes(aad);
            // A third of the cases are GMAC (empty plaintext), the GBCS use.
            var plain = new byte[i % 3 == 0 ? 0 : rng.Next(0, 300)];
            rng.NextBytes(plain);

            var expectedCipher = new byte[plain.Length];
            var expectedTag = new byte[12];
            using (var dotnet = new DotNetAesGcm(key, 12))
            {
                dotnet.Encrypt(iv, plain, expectedCipher, expectedTag, aad);
            }

            AesGcm128.ComputeTag(key, iv, aad, 0, aad.Length, plain, 0, plain.Length, 12).Should().Equal(expectedTag);
            AesGcm128.VerifyTag(key, iv, aad, 0, aad.Length, plain, 0, plain.Length, expectedTag, 0, 12).Should().BeTrue();

            var cipher = new byte[plain.Length];
            var tag = new byte[12];
            AesGcm128.Encrypt(key, iv, aad, 0, aad.Length, plain, 0, plain.Length, cipher, 0, tag, 0, 12);
            cipher.Should().Equal(expectedCipher);
            tag.Should().Equal(expectedTag);

            if (plain.Length == 0)
            {
                AesGcm128.ComputeGmac(key, iv, aad, 0, aad.Length, 12).Should().Equal(expectedTag);
                AesGcm128.VerifyGmac(key, iv, aad, 0, aad.Length, expectedTag, 0, 12).Should().BeTrue();
            }
        }
    }

    [Fact]
    public void SubRangesAndSixteenByteTagsMatchDotNet()
    {
        var rng = new Random(99);
        for (int i = 0; i < 100; i++)
        {
            var key = new byte[16];
            var iv = new byte[12];
            rng.NextBytes(key);
            rng.NextBytes(iv);
            var buffer = new byte[600];
            rng.NextBytes(buffer);
            int aadOff = rng.Next(0, 50), aadLen = rng.Next(0, 200);
            int pOff = rng.Next(0, 50), pLen = rng.Next(0, 300);
            int tagLen = 12 + rng.Next(0, 5);

            var cipher = new byte[pLen];
            var expectedTag = new byte[tagLen];
            using (var dotnet = new DotNetAesGcm(key, tagLen))
            {
                dotnet.Encrypt(iv, buffer.AsSpan(pOff, pLen), cipher, expectedTag, buffer.AsSpan(aadOff, aadLen));
            }

            AesGcm128.ComputeTag(key, iv, buffer, aadOff, aadLen, buffer, pOff, pLen, tagLen).Should().Equal(expectedTag);
            var back = new byte[pLen + 2];
            AesGcm128.Decrypt(key, iv, buffer, aadOff, aadLen, cipher, 0, pLen, expectedTag, 0, tagLen, back, 2).Should().BeTrue();
            back.AsSpan(2).ToArray().Should().Equal(buffer.AsSpan(pOff, pLen).ToArray());
        }
    }

    [Fact]
    public void TamperedAadIvKeyOrTagFailsAndDecryptWritesNothing()
    {
        var rng = new Random(5);
        var key = new byte[16];
        var iv = new byte[12];
        var aad = new byte[70];
        rng.NextBytes(key);
        rng.NextBytes(iv);
        rng.NextBytes(aad);
        var tag = AesGcm128.ComputeGmac(key, iv, aad, 0, aad.Length, 12);

        for (int i = 0; i < aad.Length; i += 5)
        {
            var bad = (byte[])aad.Clone();
            bad[i] ^= 0x01;
            AesGcm128.VerifyGmac(key, iv, bad, 0, bad.Length, tag, 0, 12).Should().BeFalse();
        }

        var badIv = (byte[])iv.Clone();
        badIv[11] ^= 0x80;
        AesGcm128.VerifyGmac(key, badIv, aad, 0, aad.Length, tag, 0, 12).Should().BeFalse();
        var badKey = (byte[])key.Clone();
        badKey[0] ^= 0x02;
        AesGcm128.VerifyGmac(badKey, iv, aad, 0, aad.Length, tag, 0, 12).Should().BeFalse();
        for (int i = 0; i < 12; i++)
        {
            var badTag = (byte[])tag.Clone();
            badTag[i] ^= 0x40;
            AesGcm128.VerifyGmac(key, iv, aad, 0, aad.Length, badTag, 0, 12).Should().BeFalse();
        }

        var plain = new byte[40];
        var cipher = new byte[40];
        var fullTag = new byte[12];
        AesGcm128.Encrypt(key, iv, aad, 0, aad.Length, plain, 0, plain.Length, cipher, 0, fullTag, 0, 12);
        cipher[3] ^= 1;
        var output = new byte[40];
        Array.Fill(output, (byte)0xEE);
        AesGcm128.Decrypt(key, iv, aad, 0, aad.Length, cipher, 0, cipher.Length, fullTag, 0, 12, output, 0).Should().BeFalse();
        output.Should().OnlyContain(b => b == 0xEE);
    }

    [Fact]
    public void BadArgumentsGiveTypedErrors()
    {
        var key = new byte[16];
        var iv = new byte[12];
        var aad = new byte[10];
        FluentActions.Invoking(() => AesGcm128.ComputeGmac(key, iv, aad, 0, 10, 8))
            .Should().Throw<SymmetricCryptoException>().Which.Code.Should().Be(SymmetricCryptoError.BadTagLength);
        FluentActions.Invoking(() => AesGcm128.ComputeGmac(key, new byte[16], aad, 0, 10, 12))
            .Should().Throw<SymmetricCryptoException>().Which.Code.Should().Be(SymmetricCryptoError.BadIvLength);
        FluentActions.Invoking(() => AesGcm128.ComputeGmac(new byte[32], iv, aad, 0, 10, 12))
            .Should().Throw<SymmetricCryptoException>().Which.Code.Should().Be(SymmetricCryptoError.BadKeyLength);
        FluentActions.Invoking(() => AesGcm128.ComputeGmac(key, iv, aad, 5, 6, 12))
            .Should().Throw<SymmetricCryptoException>().Which.Code.Should().Be(SymmetricCryptoError.RangeOutsideBuffer);
        FluentActions.Invoking(() => AesGcm128.VerifyGmac(key, iv, aad, 0, 10, new byte[11], 0, 12))
            .Should().Throw<SymmetricCryptoException>().Which.Code.Should().Be(SymmetricCryptoError.RangeOutsideBuffer);
    }
}
