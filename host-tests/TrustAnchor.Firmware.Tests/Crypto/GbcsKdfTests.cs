using System.Security.Cryptography;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Tests.Crypto;

public class GbcsKdfTests
{
    [Fact]
    public void KeyIsFirstSixteenBytesOfConcatKdfHashAndMatchesDotNetDeriveKeyFromHash()
    {
        var rng = new Random(0xCDF);
        for (int i = 0; i < 50; i++)
        {
            // Two real P-256 parties so Z is a genuine ECDH x-coordinate.
            using var a = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            using var b = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            var z = a.DeriveRawSecretAgreement(b.PublicKey);

            var originator = new byte[8];
            var recipient = new byte[8];
            rng.NextBytes(originator);
            rng.NextBytes(recipient);
            ulong counter = (ulong)rng.NextInt64();
            var otherInfo = GbcsKdf.BuildOtherInfo(originator, 1, counter, recipient);

            // .NET: SHA-256(prepend || Z || append) with prepend = counter 00000001 — the SP 800-56A one-step KDF.
            var viaDotNet = a.DeriveKeyFromHash(b.PublicKey, HashAlgorithmName.SHA256, new byte[] { 0, 0, 0, 1 }, otherInfo);
            var manual = SHA256.HashData([0, 0, 0, 1, .. z, .. otherInfo]);
            viaDotNet.Should().Equal(manual);

            GbcsKdf.DeriveKey(z, otherInfo).Should().Equal(manual.AsSpan(0, 16).ToArray());
        }
    }

    [Fact]
    public void OtherInfoLayoutFollowsNotes()
    {
        var originator = Convert.FromHexString("0011223344556677");
        var recipient = Convert.FromHexString("8899AABBCCDDEEFF");
        var info = GbcsKdf.BuildOtherInfo(originator, 2, 0x0102030405060708UL, recipient);
        info.Should().Equal(Convert.FromHexString(
            "60857406080300" + "0011223344556677" + "09" + "02" + "0102030405060708" + "8899AABBCCDDEEFF"));
        info.Length.Should().Be(GbcsKdf.OtherInfoSize);
        GbcsKdf.BuildMacIv(originator).Should().Equal(Convert.FromHexString("001122334455667700000000"));
    }

    [Fact]
    public void BadArgumentsGiveTypedErrors()
    {
        FluentActions.Invoking(() => GbcsKdf.DeriveKey(new byte[31], new byte[4]))
            .Should().Throw<SymmetricCryptoException>().Which.Code.Should().Be(SymmetricCryptoError.BadSecretLength);
        FluentActions.Invoking(() => GbcsKdf.DeriveKey(new byte[32], null!))
            .Should().Throw<SymmetricCryptoException>().Which.Code.Should().Be(SymmetricCryptoError.NullArgument);
        FluentActions.Invoking(() => GbcsKdf.BuildOtherInfo(new byte[7], 1, 0, new byte[8]))
            .Should().Throw<SymmetricCryptoException>().Which.Code.Should().Be(SymmetricCryptoError.BadIdentifierLength);
    }
}
