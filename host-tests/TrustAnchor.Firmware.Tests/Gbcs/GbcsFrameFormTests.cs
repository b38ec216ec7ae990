using System.Security.Cryptography;
using TrustAnchor.Firmware.Gbcs;
using static TrustAnchor.Firmware.Tests.Gbcs.GbcsHandLaidFrames;
using static TrustAnchor.Firmware.Tests.Gbcs.GbcsTestKit;

namespace TrustAnchor.Firmware.Tests.Gbcs;

/// <summary>
/// Every frame form of NOTES section 7, laid by hand (GbcsHandLaidFrames): each CRA type × header date-time absent or
/// present × each Other Information form × unsigned / signed-only / MAC-only / signed and MAC-protected. The parser
/// must read every field, the signature and MAC must verify, and our builder must reproduce the bytes exactly.
/// </summary>
public class GbcsFrameFormTests
{
    private const ulong Counter = 0x0000000100000ABC;

    public static TheoryData<int, bool, int, int> Forms()
    {
        var data = new TheoryData<int, bool, int, int>();
        foreach (var cra in new[] { GbcsCraFlag.Command, GbcsCraFlag.Response, GbcsCraFlag.Alert })
        {
            foreach (var dated in new[] { false, true })
            {
                foreach (var form in new[] { 2, 10, 18, 26, 27 })
                {
                    // Protection: 0 unsigned, 1 signed only, 2 MAC only, 3 signed and MAC-protected.
                    for (int protection = 0; protection < 4; protection++)
                    {
                        data.Add(cra, dated, form, protection);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Every_frame_form_parses_field_for_field_and_our_builder_lays_the_same_bytes(int cra, bool dated, int form, int protection)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        bool signed = protection is 1 or 3;
        bool mac = protection >= 2;
        int messageCode = cra == GbcsCraFlag.Alert ? 0x1000 : 0x0008;
        var (from, to) = cra == GbcsCraFlag.Command ? (Supplier, Meter) : (Meter, Supplier);
        var content = DerPayload(cra, 20);
        var other = OtherInformation(form, messageCode);
        var apdu = Apdu(cra, Counter, from, to, dated ? DateTime12 : null, other, content, signed ? key : null);
        var frame = mac ? WithMac(apdu, from, MacKey) : apdu;

        var m = GbcsMessage.Parse(frame);

        m.CraFlag.Should().Be(cra);
        m.OriginatorCounter.Should().Be(Counter);
        m.OriginatorId.Should().Equal(from);
        m.TargetId.Should().Equal(to);
        m.HasDateTime.Should().Be(dated);
        m.IsDateTimeValid.Should().Be(dated);
        m.DateTime.Should().Be(dated ? DateTimeValue : DateTime.MinValue);
        m.MessageCode.Should().Be(messageCode);
        var info = m.OtherInformation;
        info.Length.Should().Be(other.Length);
        info.MessageCode.Should().Be(messageCode);
        info.Form.Should().Be(form switch
        {
            2 => GbcsOtherInformationForm.MessageCodeOnly,
            10 => GbcsOtherInformationForm.WithRemotePartyId,
            18 => GbcsOtherInformationForm.WithRemotePartyCounter,
            26 => GbcsOtherInformationForm.WithOriginatorCounter,
            _ => GbcsOtherInformationForm.WithKeyAgreementCertificate,
        });
        info.HasSupplementaryRemotePartyId.Should().Be(form >= 10);
        m.HasSupplementaryRemotePartyId.Should().Be(form >= 10);
        if (form >= 10)
        {
            info.SupplementaryRemotePartyId.Should().Equal(Urp);
            m.SupplementaryRemotePartyId.Should().Equal(Urp);
            frame.AsSpan(info.SupplementaryRemotePartyIdOffset, 8).ToArray().Should().Equal(Urp);
        }

        info.HasSupplementaryRemotePartyCounter.Should().Be(form >= 18);
        info.SupplementaryRemotePartyCounter.Should().Be(form >= 18 ? 0x0000000100000007UL : 0UL);
        info.HasSupplementaryOriginatorCounter.Should().Be(form == 26);
        info.SupplementaryOriginatorCounter.Should().Be(form == 26 ? 0x0000000200000009UL : 0UL);
        info.HasKeyAgreementCertificate.Should().Be(form == 27);
        if (form == 27)
        {
            info.CopyKeyAgreementCertificate().Should().Equal(KeyAgreementCertificate);
            info.Length.Should().BeGreaterThan(0x7F, "a certificate makes the Other Information length a long-form BER length");
        }
        else
        {
            info.CopyKeyAgreementCertificate().Should().BeNull();
            info.KeyAgreementCertificateOffset.Should().Be(-1);
        }

        m.CopyContent().Should().Equal(content);
        m.HasSignature.Should().Be(signed);
        m.HasMac.Should().Be(mac);
        if (signed)
        {
            m.VerifySignature(PublicKey(key)).Should().BeTrue();
        }

        if (mac)
        {
            GbcsMac.Verify(MacKey, m).Should().BeTrue();
        }

        // Our builder, told the same fields, lays the same bytes.
        var b = new GbcsMessageBuilder(cra, Counter, from, to, messageCode);
        if (dated)
        {
            b.SetDateTime(DateTimeValue);
        }

        switch (form)
        {
            case 10: b.SetSupplementaryRemoteParty(Urp); break;
            case 18: b.SetSupplementaryRemoteParty(Urp, 0x0000000100000007); break;
            case 26: b.SetSupplementaryRemoteParty(Urp, 0x0000000100000007, 0x0000000200000009UL); break;
            case 27: b.SetSupplementaryRemoteParty(Urp, 0x0000000100000007, KeyAgreementCertificate); break;
        }

        b.SetContent(content);
        IGbcsSigner? signer = signed ? new FixedSigner(m.CopySignature()!) : null;
        var rebuilt = mac ? b.BuildWithMacKey(signer, MacKey) : b.Build(signer);
        rebuilt.Should().Equal(frame);
    }

    public static TheoryData<int, string> ContentLengths() => new()
    {
        { 0, "00" },
        { 1, "01" },
        { 0x7F, "7F" },
        { 0x80, "81 80" },
        { 0xFF, "81 FF" },
        { 0x100, "82 01 00" },
        { 0xFFFF, "82 FF FF" },
        { 0x10000, "83 01 00 00" },
    };

    [Theory]
    [MemberData(nameof(ContentLengths))]
    public void Every_BER_length_form_reads_bare_and_inside_the_MAC_Header(int length, string lengthBytes)
    {
        var content = Enumerable.Range(0, length).Select(i => (byte)(i * 31 + 1)).ToArray();
        var apdu = Apdu(GbcsCraFlag.Response, 9, Meter, Supplier, null, OtherInformation(2, 0x000C), content, null);
        var expectedLength = Hex(lengthBytes);
        int at = 1 + 10 + 9 + 9 + 1 + 3;
        apdu.AsSpan(at, expectedLength.Length).ToArray().Should().Equal(expectedLength, "the content length is laid as " + lengthBytes);

        foreach (var frame in new[] { apdu, WithMac(apdu, Meter, MacKey) })
        {
            var m = GbcsMessage.Parse(frame);
            m.ContentLength.Should().Be(length);
            m.CopyContent().Should().Equal(content);
            if (m.HasMac)
            {
                GbcsMac.Verify(MacKey, m).Should().BeTrue();
            }

            var b = GbcsMessageBuilder.Response(9, Meter, Supplier, 0x000C);
            b.SetContent(content);
            (m.HasMac ? b.BuildWithMacKey(null, MacKey) : b.Build()).Should().Equal(frame);
        }
    }

    public static TheoryData<string, string, int> PayloadLanguages() => new()
    {
        // DLMS get-request (ESME use cases), GBZ (GSME use cases), ASN.1 DER; and Message Codes the device knows nothing of.
        { "DLMS", "C0 01 C1 00 08 00 00 01 00 00 FF 02 00", 0x0023 },
        { "GBZ", "01 09 01 00 01 00 00 00 00 0D 00 07 01 00 00 00 00", 0x0070 },
        { "ASN.1", "30 03 02 01 05", 0x00AB },
        { "DLMS alert", "0F 20 00 07 D0 00 02 02 12 8F 30 09 0C 07EA0B1607000A1E32000000", 0x1000 },
        { "empty", "", 0xFFFF },
    };

    [Theory]
    [MemberData(nameof(PayloadLanguages))]
    public void The_header_parses_whatever_the_message_code_and_payload_language(string language, string payloadHex, int messageCode)
    {
        var payload = Hex(payloadHex);
        foreach (var cra in new[] { GbcsCraFlag.Command, GbcsCraFlag.Response, GbcsCraFlag.Alert })
        {
            var frame = Apdu(cra, 3, Supplier, Meter, null, OtherInformation(18, messageCode), payload, null);
            var m = GbcsMessage.Parse(frame);
            m.MessageCode.Should().Be(messageCode, language);
            m.CopyContent().Should().Equal(payload, "the payload stays opaque bytes");
            m.OtherInformation.HasSupplementaryRemotePartyCounter.Should().BeTrue();
        }
    }

    public static TheoryData<int> UndefinedOtherInformationLengths()
    {
        var data = new TheoryData<int>();
        foreach (var n in new[] { 0, 1, 3, 9, 11, 17, 19, 25 })
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UndefinedOtherInformationLengths))]
    public void Other_information_of_a_length_GBCS_does_not_define_is_a_typed_error(int length)
    {
        var other = Enumerable.Range(0, length).Select(i => (byte)(i + 1)).ToArray();
        var frame = Apdu(GbcsCraFlag.Command, 1, Supplier, Meter, null, other, [0x30, 0x00], null);
        var act = () => GbcsMessage.Parse(frame);
        act.Should().Throw<GbcsFormatException>().Which.Code.Should().Be(GbcsError.BadOtherInformation);
    }

    [Fact]
    public void A_longer_other_information_must_end_in_exactly_one_DER_certificate()
    {
        var eighteen = OtherInformation(18, 0x0008);
        var cert = KeyAgreementCertificate;
        var cases = new (string Name, byte[] Tail)[]
        {
            ("not a SEQUENCE", [0x04, 0x01, 0x00]),
            ("certificate cut short", cert[..^1]),
            ("bytes after the certificate", [.. cert, 0x00]),
            ("SEQUENCE length overruns", [0x30, 0x05, 0x00]),
            ("bad DER length", [0x30, 0x81, 0x01, 0x00]),
        };

        foreach (var (name, tail) in cases)
        {
            var frame = Apdu(GbcsCraFlag.Command, 1, Supplier, Meter, null, [.. eighteen, .. tail], [0x30, 0x00], null);
            var act = () => GbcsMessage.Parse(frame);
            act.Should().Throw<GbcsFormatException>(name).Which.Code.Should().Be(GbcsError.BadOtherInformation, name);
        }

        var b = GbcsMessageBuilder.Command(1, Supplier, Meter, 8);
        var refused = () => b.SetSupplementaryRemoteParty(Urp, 1, new byte[] { 0x04, 0x01, 0x00 });
        refused.Should().Throw<GbcsFormatException>().Which.Code.Should().Be(GbcsError.BadOtherInformation);
    }

    [Fact]
    public void Length_forms_outside_GBCS_and_non_minimal_ones_are_typed_errors()
    {
        var good = Apdu(GbcsCraFlag.Command, 1, Supplier, Meter, null, OtherInformation(2, 8), [0x30, 0x00], null);
        string hex = ToHex(good);
        // The content length "02" of "02 3000 00" at the end.
        var cases = new (string Name, string Hex, GbcsError Code)[]
        {
            ("81 below 0x80", hex[..^8] + "8102300000", GbcsError.BadLength),
            ("82 below 0x100", hex[..^8] + "820002300000", GbcsError.BadLength),
            ("indefinite", hex[..^8] + "80300000", GbcsError.BadLength),
            ("85", hex[..^8] + "850000000002300000", GbcsError.BadLength),
            ("83 overrun", hex[..^8] + "83010000300000", GbcsError.Truncated),
            ("length bytes cut", hex[..^8] + "82", GbcsError.Truncated),
        };

        foreach (var (name, frameHex, code) in cases)
        {
            var frame = Convert.FromHexString(frameHex);
            var act = () => GbcsMessage.Parse(frame);
            act.Should().Throw<GbcsFormatException>(name).Which.Code.Should().Be(code, name);
        }
    }
}
