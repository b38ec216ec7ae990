using System.Security.Cryptography;
using TrustAnchor.Firmware.Gbcs;
using static TrustAnchor.Firmware.Tests.Gbcs.GbcsTestKit;

namespace TrustAnchor.Firmware.Tests.Gbcs;

public class GbcsMessageTests
{
    private const string BareCommand =
        "DF" +
        "09 01 00000001000003E8" +
        "08 90B3D51F30010000" +
        "08 00DB123456780001" +
        "00" +
        "02 0102" +
        "05 3003020105" +
        "00";

    [Fact]
    public void Builds_a_bare_unsigned_command_exactly_as_laid_out()
    {
        var b = GbcsMessageBuilder.Command(0x1_0000_03E8, Supplier, Meter, 0x0102);
        b.SetContent(Hex("3003020105"));

        b.Build().Should().Equal(Hex(BareCommand));
    }

    [Fact]
    public void Parses_every_field_of_a_bare_command()
    {
        var frame = Hex(BareCommand);
        var m = GbcsMessage.Parse(frame);

        m.HasMacHeader.Should().BeFalse();
        m.HasMac.Should().BeFalse();
        m.CraFlag.Should().Be(GbcsCraFlag.Command);
        m.OriginatorCounter.Should().Be(0x1_0000_03E8UL);
        m.OriginatorId.Should().Equal(Supplier);
        m.TargetId.Should().Equal(Meter);
        m.HasDateTime.Should().BeFalse();
        m.DateTimeOffset.Should().Be(-1);
        m.MessageCode.Should().Be(0x0102);
        m.HasSupplementaryRemotePartyId.Should().BeFalse();
        m.HasSupplementaryRemotePartyCounter.Should().BeFalse();
        m.CopyContent().Should().Equal(Hex("3003020105"));
        m.ContentOffset.Should().Be(frame.Length - 6);
        m.HasSignature.Should().BeFalse();
        m.SignatureOffset.Should().Be(-1);
        m.ApduOffset.Should().Be(0);
        m.ApduLength.Should().Be(frame.Length);
        m.SignedBytesOffset.Should().Be(1);
        m.SignedBytesLength.Should().Be(frame.Length - 2);
        m.IsAddressedTo(Meter).Should().BeTrue();
        m.IsAddressedTo(Supplier).Should().BeFalse();
        m.IsFrom(Supplier).Should().BeTrue();
        m.Frame.Should().BeSameAs(frame);
    }

    [Fact]
    public void Builds_a_mac_wrapped_signed_response_with_date_time_and_supplementary_fields()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var macKey = Hex("000102030405060708090A0B0C0D0E0F");
        var when = new DateTime(2026, 11, 22, 0, 10, 30, 500);
        var b = GbcsMessageBuilder.Response(7, Meter, Supplier, 0x0008, when);
        b.SetSupplementaryRemoteParty(Acb, 0x0102030405060708);
        b.SetContent(Hex("3000"));

        var frame = b.Build(new DotNetSigner(key), new DotNetGcmMac(macKey));

        // 2026-11-22 is a Sunday (DLMS day 7); 500 ms = 50 hundredths; deviation 0; status 0.
        var apduHead = Hex(
            "DF 09 02 0000000000000007 08 00DB123456780001 08 90B3D51F30010000" +
            "0C 07EA 0B 16 07 00 0A 1E 32 0000 00" +
            "12 0008 90B3D51F30000002 0102030405060708" +
            "02 3000 40");
        int apduLength = apduHead.Length + 64;
        int cipheredLength = 5 + apduLength + 12;
        var head = Hex("DD 000000000000 81").Concat(new[] { (byte)cipheredLength }).Concat(Hex("1100000000")).ToArray();
        cipheredLength.Should().BeGreaterThan(0x7F).And.BeLessThan(0x100);

        frame.Length.Should().Be(head.Length - 5 + cipheredLength);
        frame.Take(head.Length).Should().Equal(head);
        frame.Skip(head.Length).Take(apduHead.Length).Should().Equal(apduHead);

        // Signature: .NET checks it over the bytes after DF through the content.
        int apduStart = head.Length;
        var signed = frame.AsSpan(apduStart + 1, apduHead.Length - 2).ToArray();
        var sig = frame.AsSpan(apduStart + apduHead.Length, 64).ToArray();
        key.VerifyData(signed, sig, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).Should().BeTrue();

        // MAC: .NET GCM over AAD = 11 00 00 00 00 00 || APDU (DF .. signature), IV = originator || 00000000.
        var aad = Hex("110000000000").Concat(frame.AsSpan(apduStart, apduLength).ToArray()).ToArray();
        var iv = Meter.Concat(new byte[4]).ToArray();
        var tag = new byte[12];
        using (var gcm = new AesGcm(macKey, 12))
        {
            gcm.Encrypt(iv, Array.Empty<byte>(), Array.Empty<byte>(), tag, aad);
        }

        frame.Skip(frame.Length - 12).Should().Equal(tag);

        var m = GbcsMessage.Parse(frame);
        m.HasMacHeader.Should().BeTrue();
        m.CraFlag.Should().Be(GbcsCraFlag.Response);
        m.HasDateTime.Should().BeTrue();
        m.IsDateTimeValid.Should().BeTrue();
        m.DateTime.Should().Be(when);
        m.HasSupplementaryRemotePartyId.Should().BeTrue();
        m.SupplementaryRemotePartyId.Should().Equal(Acb);
        m.HasSupplementaryRemotePartyCounter.Should().BeTrue();
        m.SupplementaryRemotePartyCounter.Should().Be(0x0102030405060708UL);
        m.MacOffset.Should().Be(frame.Length - 12);
        m.CopyMac().Should().Equal(tag);
        m.SecurityHeaderOffset.Should().Be(head.Length - 5);
        m.MacAadOffset.Should().Be(apduStart);
        m.MacAadLength.Should().Be(apduLength);
        m.GetMacIv().Should().Equal(iv);
        GbcsMac.BuildAad(m).Should().Equal(aad);
        DotNetVerifies(key, m).Should().BeTrue();
    }

    [Fact]
    public void Kdf_other_info_comes_from_the_grouping_header()
    {
        var frame = Hex(BareCommand);
        var m = GbcsMessage.Parse(frame);

        GbcsMac.BuildKdfOtherInfo(m).Should().Equal(Hex(
            "60857406080300 90B3D51F30010000 09 01 00000001000003E8 00DB123456780001"));
    }

    public static TheoryData<int, bool, bool, int, int> Kinds()
    {
        var data = new TheoryData<int, bool, bool, int, int>();
        foreach (var cra in new[] { 1, 2, 3 })
        {
            foreach (var mac in new[] { false, true })
            {
                foreach (var signed in new[] { false, true })
                {
                    foreach (var other in new[] { 2, 10, 18 })
                    {
                        foreach (var size in new[] { 0, 1, 127, 128, 255, 256, 65535, 65536 })
                        {
                            data.Add(cra, mac, signed, other, size);
                        }
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Build_then_parse_round_trips_byte_for_byte(int cra, bool mac, bool signed, int otherLength, int contentSize)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var content = new byte[contentSize];
        new Random(contentSize + cra).NextBytes(content);
        var when = new DateTime(2031, 2, 28, 23, 59, 58, 990);
        var b = new GbcsMessageBuilder(cra, 0xFEDCBA9876543210UL, Supplier, Meter, 0x0109);
        if (cra != GbcsCraFlag.Command)
        {
            b.SetDateTime(when);
        }

        if (otherLength == 10)
        {
            b.SetSupplementaryRemoteParty(Acb);
        }
        else if (otherLength == 18)
        {
            b.SetSupplementaryRemoteParty(Acb, 42);
        }

        b.SetContent(content);
        var signer = signed ? new DotNetSigner(key) : null;
        var macProvider = mac ? new DotNetGcmMac(new byte[16]) : null;
        var frame = b.Build(signer, macProvider);

        var m = GbcsMessage.Parse(frame);
        m.CraFlag.Should().Be(cra);
        m.HasMacHeader.Should().Be(mac);
        m.HasSignature.Should().Be(signed);
        m.OriginatorCounter.Should().Be(0xFEDCBA9876543210UL);
        m.MessageCode.Should().Be(0x0109);
        m.OtherInformationLength.Should().Be(otherLength);
        m.CopyContent().Should().Equal(content);
        if (cra != GbcsCraFlag.Command)
        {
            m.DateTime.Should().Be(when);
        }

        if (signed)
        {
            DotNetVerifies(key, m).Should().BeTrue();
        }

        if (mac)
        {
            m.CopyMac().Should().Equal(DotNetGcmMac.Compute(new byte[16], m));
        }

        // Rebuild from the parsed fields only: the same bytes come out.
        var again = new GbcsMessageBuilder(m.CraFlag, m.OriginatorCounter, m.OriginatorId, m.TargetId, m.MessageCode);
        if (m.HasDateTime)
        {
            again.SetDateTimeRaw(m.Frame, m.DateTimeOffset);
        }

        if (m.HasSupplementaryRemotePartyCounter)
        {
            again.SetSupplementaryRemoteParty(m.SupplementaryRemotePartyId, m.SupplementaryRemotePartyCounter);
        }
        else if (m.HasSupplementaryRemotePartyId)
        {
            again.SetSupplementaryRemoteParty(m.SupplementaryRemotePartyId);
        }

        again.SetContent(m.Frame, m.ContentOffset, m.ContentLength);
        var copySigner = m.HasSignature ? new FixedSigner(m.CopySignature()) : null;
        var copyMac = m.HasMac ? new FixedMac(m.CopyMac()) : null;
        again.Build(copySigner, copyMac).Should().Equal(frame);
    }

    [Theory]
    [InlineData("DLMS access-request", "D9 00000001 00 01 C1 00 00 0F 00 00 2A 00 00 FF 02 00")]
    [InlineData("GBZ", "01 09 00 01 00 15 00 00 00 00 01 00 14 09")]
    [InlineData("DER", "30 02 05 00")]
    [InlineData("empty", "")]
    public void Content_is_opaque_whatever_its_encoding(string kind, string hex)
    {
        var content = Hex(hex);
        var b = GbcsMessageBuilder.Response(5, Meter, Supplier, 0x0102, new DateTime(2026, 11, 22));
        b.SetContent(content);
        var m = GbcsMessage.Parse(b.Build());
        m.CopyContent().Should().Equal(content, kind);
        m.ContentLength.Should().Be(content.Length);
    }

    [Fact]
    public void Date_time_with_unspecified_fields_is_present_but_not_decoded()
    {
        var b = GbcsMessageBuilder.Alert(1, Meter, Supplier, GbcsMessageCodes.GenericNonCriticalAlert, DateTime.UnixEpoch);
        b.SetDateTimeRaw(Hex("FFFF FF FF FF FF FF FF FF 8000 FF"), 0);
        var m = GbcsMessage.Parse(b.Build());
        m.HasDateTime.Should().BeTrue();
        m.IsDateTimeValid.Should().BeFalse();
        m.DateTime.Should().Be(DateTime.MinValue);
    }

    [Theory]
    [InlineData("07EA 0B 16 07 00 0A 1E FF 8000 FF", true)]   // unspecified hundredths, deviation, status
    [InlineData("07EA 0B 16 FF 00 0A 1E 00 0000 00", true)]   // unspecified day of week
    [InlineData("07EA 0B 16 01 00 0A 1E 00 0000 00", false)]  // Monday, but the 22nd is a Sunday
    [InlineData("07EA 02 1D 07 00 0A 1E 00 0000 00", false)]  // 29 February 2026
    [InlineData("07EA 0B 16 07 18 0A 1E 00 0000 00", false)]  // hour 24
    [InlineData("07EA 0B 16 07 00 0A 1E 64 0000 00", false)]  // 100 hundredths
    [InlineData("07EA 0B 16 07 00 0A 1E 00 003C 00", false)]  // local time, 60 minutes off
    [InlineData("07EA 0B 16 07 00 0A 1E 00 0000 01", false)]  // clock status: invalid value
    [InlineData("0000 0B 16 07 00 0A 1E 00 0000 00", false)]  // year 0
    public void Dlms_date_time_decodes_only_when_fully_valid_utc(string hex, bool valid)
    {
        DlmsDateTime.TryDecode(Hex(hex), 0, out var value).Should().Be(valid);
        if (valid)
        {
            value.Should().Be(new DateTime(2026, 11, 22, 0, 10, 30));
        }
    }

    [Fact]
    public void Firmware_mac_matches_dotnet_gcm_and_rejects_tampering()
    {
        var macKey = RandomNumberGenerator.GetBytes(16);
        var b = GbcsMessageBuilder.Response(12, Meter, Acb, 0x0104, new DateTime(2027, 1, 1));
        b.SetContent(Hex("3002 0500"));
        var frame = b.BuildWithMacKey(null, macKey);
        var m = GbcsMessage.Parse(frame);

        m.CopyMac().Should().Equal(DotNetGcmMac.Compute(macKey, m));
        GbcsMac.Verify(macKey, m).Should().BeTrue();
        GbcsMac.Compute(macKey, m).Should().Equal(m.CopyMac());

        var wrongKey = (byte[])macKey.Clone();
        wrongKey[0] ^= 1;
        GbcsMac.Verify(wrongKey, m).Should().BeFalse();

        for (int i = m.MacAadOffset; i < frame.Length; i++)
        {
            var tampered = (byte[])frame.Clone();
            tampered[i] ^= 0x80;
            GbcsMessage parsed;
            try
            {
                parsed = GbcsMessage.Parse(tampered);
            }
            catch (GbcsFormatException)
            {
                continue;
            }

            GbcsMac.Verify(macKey, parsed).Should().BeFalse($"byte {i} was flipped");
        }

        var bare = GbcsMessage.Parse(b.Build());
        var act = () => GbcsMac.Verify(macKey, bare);
        act.Should().Throw<GbcsFormatException>().Which.Code.Should().Be(GbcsError.InvalidArgument);
    }

    [Fact]
    public void Frames_from_one_device_are_not_addressed_to_another()
    {
        var b = GbcsMessageBuilder.Command(1, Supplier, Meter, 0x0008);
        var m = GbcsMessage.Parse(b.Build());
        m.IsAddressedTo(Hex("00DB123456780002")).Should().BeFalse();
        m.IsAddressedTo(null!).Should().BeFalse();
    }

    public static TheoryData<string, string, GbcsError> Malformed() => new()
    {
        { "empty", "", GbcsError.InvalidArgument },
        { "unknown tag", "DE" + BareCommand[2..], GbcsError.UnknownTag },
        { "truncated", BareCommand[..^2], GbcsError.Truncated },
        { "trailing", BareCommand + "00", GbcsError.TrailingBytes },
        { "transaction id length 8", BareCommand.Replace("09 01", "08 01"), GbcsError.BadTransactionId },
        { "CRA 0", BareCommand.Replace("09 01", "09 00"), GbcsError.BadCraFlag },
        { "CRA 4", BareCommand.Replace("09 01", "09 04"), GbcsError.BadCraFlag },
        { "originator length 7", BareCommand.Replace("08 90B3D51F30010000", "07 90B3D51F30010000"), GbcsError.BadSystemTitle },
        { "date-time of 11 bytes", BareCommand.Replace("0001" + "00" + "02 0102", "0001 0B 07EA0B1607000A1E000000 02 0102"), GbcsError.BadDateTime },
        { "date-time of 1 byte", BareCommand.Replace("0001" + "00" + "02 0102", "0001 01 07 02 0102"), GbcsError.BadDateTime },
        { "other-information 3", BareCommand.Replace("02 0102", "03 010200"), GbcsError.BadOtherInformation },
        { "signature length 1", BareCommand[..^2] + "01 00", GbcsError.BadSignatureLength },
        { "non-minimal content length", BareCommand.Replace("05 3003020105", "81 05 3003020105"), GbcsError.BadLength },
        { "five length bytes", BareCommand.Replace("05 3003020105", "85 0000000005 3003020105"), GbcsError.BadLength },
        { "indefinite length", BareCommand.Replace("05 3003020105", "80 3003020105"), GbcsError.BadLength },
        { "huge length", BareCommand.Replace("05 3003020105", "84 7FFFFFFF 3003020105"), GbcsError.Truncated },
        { "negative length", BareCommand.Replace("05 3003020105", "84 80000000 3003020105"), GbcsError.BadLength },
        { "MAC header byte", "DD 00 00 01 00 00 00 " + "20", GbcsError.BadMacHeader },
        { "MAC header short", "DD 00 00", GbcsError.Truncated },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_frames_raise_typed_errors(string name, string hex, GbcsError code)
    {
        var act = () => GbcsMessage.Parse(Hex(hex));
        act.Should().Throw<GbcsFormatException>(name).Which.Code.Should().Be(code);
    }

    [Fact]
    public void Malformed_mac_frames_raise_typed_errors()
    {
        var b = GbcsMessageBuilder.Command(1, Supplier, Meter, 0x0008);
        var frame = b.Build(null, new FixedMac(new byte[12]));
        frame[7].Should().Be((byte)(frame.Length - 8));

        var badSecurity = (byte[])frame.Clone();
        badSecurity[8] = 0x10;
        Code(badSecurity).Should().Be(GbcsError.BadSecurityHeader);

        var longer = frame.Concat(new byte[] { 0 }).ToArray();
        Code(longer).Should().Be(GbcsError.TrailingBytes);
        longer[7]++;
        Code(longer).Should().Be(GbcsError.MacLengthMismatch);

        var notGrouping = (byte[])frame.Clone();
        notGrouping[13] = 0xDD;
        Code(notGrouping).Should().Be(GbcsError.UnknownTag);

        var tiny = Hex("DD 000000000000 05 1100000000");
        Code(tiny).Should().Be(GbcsError.MacLengthMismatch);
    }

    [Fact]
    public void Builder_refuses_frames_the_parser_would_reject()
    {
        Code(() => GbcsMessageBuilder.Command(1, new byte[7], Meter, 8)).Should().Be(GbcsError.BadSystemTitle);
        var b = GbcsMessageBuilder.Command(1, Supplier, Meter, 8);
        b.CraFlag = 4;
        Code(() => b.Build()).Should().Be(GbcsError.BadCraFlag);
        b.CraFlag = 1;
        b.MessageCode = 0x10000;
        Code(() => b.Build()).Should().Be(GbcsError.InvalidArgument);
        Code(() => b.SetContent(new byte[3], 2, 2)).Should().Be(GbcsError.InvalidArgument);
    }

    private static GbcsError Code(byte[] frame) => Code(() => GbcsMessage.Parse(frame));

    private static GbcsError Code(Action act)
    {
        try
        {
            act();
        }
        catch (GbcsFormatException e)
        {
            return e.Code;
        }

        throw new Xunit.Sdk.XunitException("no GbcsFormatException");
    }

    private static GbcsError Code(Func<object> act) => Code(() => { act(); });

    private sealed class FixedSigner(byte[] signature) : IGbcsSigner
    {
        public void Sign(byte[] hash32, byte[] signatureOut64, int offset) => signature.CopyTo(signatureOut64, offset);
    }

    internal sealed class FixedMac(byte[] mac) : IGbcsMacProvider
    {
        public void ComputeMac(GbcsMessage message, byte[] macOut, int macOutOffset) => mac.CopyTo(macOut, macOutOffset);
    }
}
