using System.Security.Cryptography;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Gbcs;
using static TrustAnchor.Firmware.Tests.Gbcs.GbcsTestKit;

namespace TrustAnchor.Firmware.Tests.Gbcs;

/// <summary>GbcsMessage.VerifySignature (firmware ECDSA) against signatures made by .NET.</summary>
public class GbcsSignatureTests
{
    [Fact]
    public void Verify_signature_rejects_tampering_a_wrong_key_and_unsigned_frames()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var b = GbcsMessageBuilder.Command(99, Supplier, Meter, 0x0102);
        b.SetContent(Hex("30 03 02 01 05"));
        var frame = b.Build(new DotNetSigner(key));
        var m = GbcsMessage.Parse(frame);

        DotNetVerifies(key, m).Should().BeTrue();
        m.VerifySignature(PublicKey(other)).Should().BeFalse();

        // Every signed byte matters, and so does every signature byte; the DF tag is outside the signed bytes.
        for (int i = 1; i < frame.Length; i++)
        {
            var tampered = (byte[])frame.Clone();
            tampered[i] ^= 0x01;
            GbcsMessage parsed;
            try
            {
                parsed = GbcsMessage.Parse(tampered);
            }
            catch (GbcsFormatException)
            {
                continue;
            }

            parsed.VerifySignature(PublicKey(key)).Should().BeFalse($"byte {i} was flipped");
        }

        GbcsMessage.Parse(b.Build()).VerifySignature(PublicKey(key)).Should().BeFalse();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Verifies_dotnet_signatures_on_every_frame_kind_with_either_key_form(bool withMac)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = PublicKey(key);
        var parsedKey = P256PublicKey.Parse(publicKey);
        foreach (var cra in new[] { 1, 2, 3 })
        {
            var b = new GbcsMessageBuilder(cra, (ulong)cra, Supplier, Meter, 0x0100 + cra);
            if (cra != 1)
            {
                b.SetDateTime(new DateTime(2026, 11, 22));
            }

            b.SetSupplementaryRemoteParty(Acb, 3);
            b.SetContent(new byte[200 * cra]);
            var frame = withMac ? b.BuildWithMacKey(new DotNetSigner(key), new byte[16]) : b.Build(new DotNetSigner(key));
            var m = GbcsMessage.Parse(frame);
            m.VerifySignature(publicKey).Should().BeTrue();
            m.VerifySignature(parsedKey).Should().BeTrue();
            DotNetVerifies(key, m).Should().BeTrue();
        }
    }

    [Fact]
    public void In_the_callers_context_a_cell_key_verifies_like_the_other_forms_and_allocates_nothing()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var b = GbcsMessageBuilder.Command(7, Supplier, Meter, 0x0102);
        b.SetContent(Hex("30 03 02 01 05"));
        var frame = b.Build(new DotNetSigner(key));
        var m = GbcsMessage.Parse(frame);
        var context = new P256Context();

        m.VerifySignature(context, PublicKey(key)).Should().BeTrue();
        m.VerifySignature(context, PublicKey(other)).Should().BeFalse();
        GbcsMessage.Parse(b.Build()).VerifySignature(context, PublicKey(key)).Should().BeFalse("an unsigned frame");
        var tampered = (byte[])frame.Clone();
        tampered[^1] ^= 0x01;
        GbcsMessage.Parse(tampered).VerifySignature(context, PublicKey(key)).Should().BeFalse();

        var cellKey = PublicKey(key);
        m.VerifySignature(context, cellKey);
        bool all = true;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++) all &= m.VerifySignature(context, cellKey);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0, "the hash goes to the context's scratch, the key through its cache");
        all.Should().BeTrue();

        var noContext = () => m.VerifySignature((P256Context)null!, cellKey);
        noContext.Should().Throw<GbcsFormatException>();
        var shortKey = () => m.VerifySignature(context, new byte[64]);
        shortKey.Should().Throw<InvalidPublicKeyException>();
    }

    [Fact]
    public void Null_key_is_a_typed_error()
    {
        var m = GbcsMessage.Parse(GbcsMessageBuilder.Command(1, Supplier, Meter, 8).Build());
        var act = () => m.VerifySignature((byte[])null!);
        act.Should().Throw<GbcsFormatException>().Which.Code.Should().Be(GbcsError.InvalidArgument);
        var invalidKey = () => m.VerifySignature(new byte[65]);
        invalidKey.Should().Throw<TrustAnchor.Firmware.Errors.TrustAnchorException>();
    }

    [Fact]
    public void Mutated_signed_frames_never_verify()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parsedKey = P256PublicKey.Parse(PublicKey(key));
        var b = GbcsMessageBuilder.Command(1000, Supplier, Meter, 0x0102);
        b.SetContent(UpdateSecurityCredentialsTests.Certificate("payload"));
        var original = b.Build(new DotNetSigner(key));
        var rng = new Random(11);
        int verified = 0;
        for (int i = 0; i < 1000; i++)
        {
            var frame = GbcsFuzzTests.Mutate(rng, original);
            if (frame.AsSpan().SequenceEqual(original))
            {
                continue;
            }

            try
            {
                var m = GbcsMessage.Parse(frame);
                verified++;
                var sameSignedBytes = m.HasSignature
                    && m.Frame.AsSpan(m.SignedBytesOffset, m.SignedBytesLength).SequenceEqual(original.AsSpan(1, original.Length - 66))
                    && m.Frame.AsSpan(m.SignatureOffset, 64).SequenceEqual(original.AsSpan(original.Length - 64));
                m.VerifySignature(parsedKey).Should().Be(sameSignedBytes);
            }
            catch (TrustAnchor.Firmware.Errors.TrustAnchorException)
            {
            }
        }

        verified.Should().BeGreaterThan(0);
    }

    private sealed class FirmwareSigner(byte[] privateKey32) : IGbcsSigner
    {
        public void Sign(byte[] hash32, byte[] signatureOut64, int offset) => EcdsaP256.SignHash(privateKey32, hash32, signatureOut64, offset);
    }

    [Fact]
    public void Frames_and_pkcs10_signed_by_the_firmware_signer_verify_in_dotnet_and_bouncycastle()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var d = key.ExportParameters(true).D!;
        var signer = new FirmwareSigner(d);

        var b = GbcsMessageBuilder.Alert(1, Meter, Acb, GbcsMessageCodes.GenericNonCriticalAlert);
        b.SetContent(GbzAlertPayload.Encode(GbcsAlertCodes.DeviceCommissioned, new DateTime(2026, 11, 22, 1, 2, 3)));
        var m = GbcsMessage.Parse(b.Build(signer));
        DotNetVerifies(key, m).Should().BeTrue();
        m.VerifySignature(PublicKey(key)).Should().BeTrue();

        var csr = Pkcs10Builder.Build(PublicKey(key), Meter, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80, Pkcs10Builder.TestHardwareModuleType, signer);
        new Org.BouncyCastle.Pkcs.Pkcs10CertificationRequest(csr).Verify().Should().BeTrue();
    }
}
