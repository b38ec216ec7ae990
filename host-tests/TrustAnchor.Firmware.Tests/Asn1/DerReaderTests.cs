using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Tests.Asn1;

/// <summary>Accept/reject tables, one rule per row: the exact DER form is accepted, every near miss is refused with its code.</summary>
public class DerReaderTests
{
    private static DerReader R(string hex) => new(Convert.FromHexString(hex.Replace(" ", "")));

    private static void Rejects(string hex, DerError code, Action<DerReader> read)
    {
        var act = () => read(R(hex));
        act.Should().Throw<DerFormatException>().Which.Code.Should().Be(code, "input {0}", hex);
    }

    // ---------------------------------------------------------------- headers and lengths

    [Theory]
    [InlineData("04 00", 0)]
    [InlineData("04 01", 1)]
    [InlineData("04 7F" + "", 127)]
    [InlineData("04 81 80", 128)]
    [InlineData("04 81 FF", 255)]
    [InlineData("04 82 01 00", 256)]
    [InlineData("04 82 FF FF", 65535)]
    [InlineData("04 83 01 00 00", 65536)]
    public void LengthsInMinimalFormAreAccepted(string header, int expectedLength)
    {
        var bytes = Convert.FromHexString(header.Replace(" ", "")).Concat(new byte[expectedLength]).ToArray();
        var reader = new DerReader(bytes);
        reader.ReadOctetString(out int offset, out int length);
        length.Should().Be(expectedLength);
        offset.Should().Be(bytes.Length - expectedLength);
        reader.HasData.Should().BeFalse();
    }

    [Theory]
    [InlineData("04 81 05 0000000000", DerError.NonMinimalLength)]     // short form would do
    [InlineData("04 81 7F" + "", DerError.NonMinimalLength)]          // 127 in long form
    [InlineData("04 82 00 80", DerError.NonMinimalLength)]            // leading zero octet
    [InlineData("04 80 00 00", DerError.IndefiniteLength)]
    [InlineData("30 80 0500 0000", DerError.IndefiniteLength)]
    [InlineData("04 85 0000000001 00", DerError.LengthExceedsData)]   // 5 length octets
    [InlineData("04 FF", DerError.LengthExceedsData)]                 // reserved
    [InlineData("04 84 80000000", DerError.LengthExceedsData)]        // >= 2^31
    [InlineData("04 05 0102", DerError.LengthExceedsData)]            // content shorter than length
    [InlineData("04 82 01", DerError.UnexpectedEndOfData)]            // data ends in the length
    [InlineData("04", DerError.UnexpectedEndOfData)]                  // no length at all
    [InlineData("", DerError.UnexpectedEndOfData)]
    [InlineData("1F 04 00", DerError.HighTagNumber)]                  // high-tag-number form
    [InlineData("BF 81 00 00", DerError.HighTagNumber)]
    [InlineData("00 00", DerError.IndefiniteLength)]                  // end-of-contents
    [InlineData("05 00", DerError.UnexpectedTag)]                     // NULL where OCTET STRING expected
    [InlineData("24 00", DerError.UnexpectedTag)]                     // constructed OCTET STRING
    public void MalformedHeadersAreRejected(string hex, DerError code)
    {
        var bytes = Convert.FromHexString(hex.Replace(" ", ""));
        if (hex.EndsWith("81 7F")) bytes = bytes.Concat(new byte[127]).ToArray();
        var act = () => { var r = new DerReader(bytes); r.ReadOctetString(out _, out _); };
        act.Should().Throw<DerFormatException>().Which.Code.Should().Be(code);
    }

    [Fact]
    public void NestedLengthMayNotRunPastItsParent()
    {
        // Outer SEQUENCE says 3 bytes, the inner OCTET STRING claims 4 (the buffer has them, the parent does not).
        var reader = R("30 03 04 04 01 02 03 04");
        var inner = reader.ReadSequence();
        Rejects("30 03 04 04 01 02 03 04", DerError.LengthExceedsData, r => { var i = r.ReadSequence(); i.ReadOctetString(out _, out _); });
        inner.Remaining.Should().Be(3);
    }

    [Fact]
    public void WindowArgumentsAreChecked()
    {
        var act1 = () => new DerReader(null!, 0, 0);
        act1.Should().Throw<DerFormatException>().Which.Code.Should().Be(DerError.InvalidArgument);
        var act2 = () => new DerReader(new byte[4], 2, 3);
        act2.Should().Throw<DerFormatException>().Which.Code.Should().Be(DerError.InvalidArgument);
        var act3 = () => new DerReader(new byte[4], -1, 1);
        act3.Should().Throw<DerFormatException>().Which.Code.Should().Be(DerError.InvalidArgument);
        var act4 = () => new DerReader(new byte[4], 1, int.MaxValue);
        act4.Should().Throw<DerFormatException>().Which.Code.Should().Be(DerError.InvalidArgument);
    }

    [Fact]
    public void ReaderWindowIsRespected()
    {
        // Bytes outside the window are invisible: the 0x05 0x00 after the window must not be read.
        var bytes = Convert.FromHexString("FF0400050000");
        var reader = new DerReader(bytes, 1, 2);
        reader.ReadOctetString(out int offset, out int length);
        (offset, length).Should().Be((3, 0));
        reader.HasData.Should().BeFalse();
        reader.ThrowIfNotEmpty();
    }

    [Fact]
    public void TrailingBytesAreRejected()
    {
        Rejects("05 00 00", DerError.TrailingData, r => { r.ReadNull(); r.ThrowIfNotEmpty(); });
        Rejects("30 03 05 00 01", DerError.TrailingData, r => { var s = r.ReadSequence(); s.ReadNull(); s.ThrowIfNotEmpty(); });
    }

    [Fact]
    public void ContextSpecificAndOptionalConstructed()
    {
        var reader = R("A0 03 02 01 02 A3 02 05 00 81 01 FF");
        reader.PeekTag().Should().Be(0xA0);
        var version = reader.ReadConstructed(0xA0);
        version.ReadInt32().Should().Be(2);
        version.ThrowIfNotEmpty();
        reader.TryReadOptionalConstructed(0xA1, out _).Should().BeFalse();
        reader.TryReadOptionalConstructed(0xA3, out var ext).Should().BeTrue();
        ext.ReadNull();
        reader.ReadElement(0x81, out int off, out int len);
        (off, len).Should().Be((11, 1));
        reader.TryReadOptionalConstructed(0xA0, out _).Should().BeFalse();
        reader.HasData.Should().BeFalse();
    }

    [Fact]
    public void ReadConstructedRefusesPrimitiveTag()
    {
        Rejects("80 00", DerError.InvalidConstruction, r => r.ReadConstructed(0x80));
    }

    [Fact]
    public void ReadEncodedValueReturnsWholeElement()
    {
        var reader = R("30 03 02 01 05 05 00");
        reader.ReadEncodedValue(out int off, out int len);
        (off, len).Should().Be((0, 5));
        reader.Position.Should().Be(5);
    }

    [Fact]
    public void FailedReadLeavesPositionUnchanged()
    {
        var reader = R("02 02 00 01 05 00");
        var act = () => reader.ReadInt32();
        act.Should().Throw<DerFormatException>();
        reader.Position.Should().Be(0);
    }

    // ---------------------------------------------------------------- INTEGER

    [Theory]
    [InlineData("02 01 00", 0L)]
    [InlineData("02 01 7F", 127L)]
    [InlineData("02 02 00 80", 128L)]
    [InlineData("02 01 80", -128L)]
    [InlineData("02 02 FF 7F", -129L)]
    [InlineData("02 01 FF", -1L)]
    [InlineData("02 04 7F FF FF FF", 2147483647L)]
    [InlineData("02 04 80 00 00 00", -2147483648L)]
    public void Int32Accepted(string hex, long expected)
    {
        R(hex).ReadInt32().Should().Be((int)expected);
        R(hex).ReadInt64().Should().Be(expected);
    }

    [Theory]
    [InlineData("02 00", DerError.EmptyInteger)]
    [InlineData("02 02 00 7F", DerError.NonMinimalInteger)]
    [InlineData("02 02 FF 80", DerError.NonMinimalInteger)]
    [InlineData("02 02 00 00", DerError.NonMinimalInteger)]
    [InlineData("02 05 00 80 00 00 00", DerError.IntegerOutOfRange)]
    [InlineData("02 05 FF 7F FF FF FF", DerError.IntegerOutOfRange)]
    [InlineData("0A 01 00", DerError.UnexpectedTag)]
    public void Int32Rejected(string hex, DerError code) => Rejects(hex, code, r => r.ReadInt32());

    [Theory]
    [InlineData("02 08 7F FF FF FF FF FF FF FF", long.MaxValue)]
    [InlineData("02 08 80 00 00 00 00 00 00 00", long.MinValue)]
    public void Int64Limits(string hex, long expected) => R(hex).ReadInt64().Should().Be(expected);

    [Fact]
    public void Int64OutOfRange() => Rejects("02 09 00 80 00 00 00 00 00 00 00", DerError.IntegerOutOfRange, r => r.ReadInt64());

    [Theory]
    [InlineData("02 01 00", 0UL)]
    [InlineData("02 09 00 FF FF FF FF FF FF FF FF", ulong.MaxValue)]
    [InlineData("02 08 7F FF FF FF FF FF FF FF", (ulong)long.MaxValue)]
    public void UInt64Accepted(string hex, ulong expected) => R(hex).ReadUInt64().Should().Be(expected);

    [Theory]
    [InlineData("02 01 FF", DerError.NegativeInteger)]
    [InlineData("02 0A 01 00 00 00 00 00 00 00 00 00", DerError.IntegerOutOfRange)]
    public void UInt64Rejected(string hex, DerError code) => Rejects(hex, code, r => r.ReadUInt64());

    [Theory]
    [InlineData("02 01 00", "00")]
    [InlineData("02 02 00 80", "80")]
    [InlineData("02 03 00 FF 01", "FF01")]
    [InlineData("02 02 01 00", "0100")]
    public void IntegerBytesGivesUnsignedMagnitude(string hex, string magnitude)
    {
        var reader = R(hex);
        reader.ReadIntegerBytes(out int off, out int len);
        reader.Buffer.AsSpan(off, len).ToArray().Should().Equal(Convert.FromHexString(magnitude));
    }

    [Fact]
    public void IntegerBytesRejectsNegative() => Rejects("02 01 80", DerError.NegativeInteger, r => r.ReadIntegerBytes(out _, out _));

    [Fact]
    public void EnumeratedIsReadLikeInteger()
    {
        R("0A 01 03").ReadEnumerated().Should().Be(3);
        Rejects("0A 02 00 03", DerError.NonMinimalInteger, r => r.ReadEnumerated());
    }

    // ---------------------------------------------------------------- BIT STRING

    [Theory]
    [InlineData("03 01 00", 0, "")]
    [InlineData("03 02 00 FF", 0, "FF")]
    [InlineData("03 02 07 80", 7, "80")]
    [InlineData("03 02 03 08", 3, "08")]
    [InlineData("03 03 04 AB C0", 4, "ABC0")]
    public void BitStringAccepted(string hex, int unused, string data)
    {
        var reader = R(hex);
        reader.ReadBitString(out int u, out int off, out int len);
        u.Should().Be(unused);
        reader.Buffer.AsSpan(off, len).ToArray().Should().Equal(Convert.FromHexString(data));
    }

    [Theory]
    [InlineData("03 00", DerError.EmptyBitString)]
    [InlineData("03 01 01", DerError.InvalidUnusedBits)]     // unused bits in an empty string
    [InlineData("03 02 08 00", DerError.InvalidUnusedBits)]  // > 7
    [InlineData("03 02 FF 00", DerError.InvalidUnusedBits)]
    [InlineData("03 02 07 C0", DerError.NonZeroUnusedBits)]  // padding bit set
    [InlineData("03 02 01 01", DerError.NonZeroUnusedBits)]
    [InlineData("23 03 03 01 00", DerError.UnexpectedTag)]   // constructed BIT STRING
    public void BitStringRejected(string hex, DerError code) => Rejects(hex, code, r => r.ReadBitString(out _, out _, out _));

    [Theory]
    [InlineData("03 02 07 80", 0x80)]       // digitalSignature
    [InlineData("03 02 03 08", 0x08)]       // keyAgreement
    [InlineData("03 02 01 06", 0x06)]       // keyCertSign + cRLSign
    [InlineData("03 02 02 04", 0x04)]       // keyCertSign (root cell)
    [InlineData("03 01 00", 0)]
    [InlineData("03 03 07 00 80", 0x8000)]  // decipherOnly
    public void NamedBitListAccepted(string hex, int flags) => R(hex).ReadNamedBitListFlags().Should().Be(flags);

    [Theory]
    [InlineData("03 02 00 80", DerError.NamedBitListNotMinimal)]    // trailing zero bits kept
    [InlineData("03 02 06 80", DerError.NamedBitListNotMinimal)]
    [InlineData("03 02 00 00", DerError.NamedBitListNotMinimal)]
    [InlineData("03 03 00 80 00", DerError.NamedBitListNotMinimal)] // trailing zero octet
    [InlineData("03 06 00 01 01 01 01 01", DerError.IntegerOutOfRange)]
    public void NamedBitListRejected(string hex, DerError code) => Rejects(hex, code, r => r.ReadNamedBitListFlags());

    // ---------------------------------------------------------------- OBJECT IDENTIFIER

    [Theory]
    [InlineData("06 08 2A 86 48 CE 3D 04 03 02")]
    [InlineData("06 03 55 1D 0F")]
    [InlineData("06 01 00")]
    [InlineData("06 0D 2A 86 3A 00 01 84 8F B9 0F 01 02 01 04")]
    public void OidAccepted(string hex)
    {
        var reader = R(hex);
        reader.ReadObjectIdentifier(out int off, out int len);
        off.Should().Be(2);
        len.Should().Be(reader.Buffer.Length - 2);
    }

    [Theory]
    [InlineData("06 00")]                 // empty
    [InlineData("06 02 80 01")]           // non-minimal first sub-identifier
    [InlineData("06 03 2A 80 01")]        // non-minimal later sub-identifier
    [InlineData("06 02 2A 86")]           // ends inside a sub-identifier
    [InlineData("06 01 80")]
    public void OidRejected(string hex) => Rejects(hex, DerError.InvalidObjectIdentifier, r => r.ReadObjectIdentifier(out _, out _));

    [Fact]
    public void OidEquality()
    {
        R("06 08 2A 86 48 CE 3D 04 03 02").ReadObjectIdentifierEquals(Oids.EcdsaWithSha256).Should().BeTrue();
        R("06 08 2A 86 48 CE 3D 04 03 03").ReadObjectIdentifierEquals(Oids.EcdsaWithSha256).Should().BeFalse();
        R("06 03 55 1D 0F").ReadObjectIdentifierEquals(Oids.EcdsaWithSha256).Should().BeFalse();
        Rejects("06 03 55 1D 0E", DerError.UnexpectedTag, r => r.ReadExpectedObjectIdentifier(Oids.KeyUsage, "keyUsage"));
    }

    [Fact]
    public void OidConstantsMatchTheirDottedForm()
    {
        (string dotted, byte[] encoded)[] table =
        {
            ("1.2.840.10045.4.3.2", Oids.EcdsaWithSha256), ("1.2.840.10045.2.1", Oids.EcPublicKey),
            ("1.2.840.10045.3.1.7", Oids.Prime256v1), ("2.16.840.1.101.3.4.2.1", Oids.Sha256),
            ("2.5.4.3", Oids.CommonName), ("2.5.4.11", Oids.OrganizationalUnitName), ("2.5.4.45", Oids.X500UniqueIdentifier),
            ("2.5.29.14", Oids.SubjectKeyIdentifier), ("2.5.29.15", Oids.KeyUsage), ("2.5.29.17", Oids.SubjectAltName),
            ("2.5.29.19", Oids.BasicConstraints), ("2.5.29.32", Oids.CertificatePolicies), ("2.5.29.35", Oids.AuthorityKeyIdentifier),
            ("2.5.29.37", Oids.ExtendedKeyUsage), ("1.3.6.1.5.5.7.8.4", Oids.HardwareModuleName),
            ("1.2.840.113549.1.9.14", Oids.Pkcs9ExtensionRequest), ("1.2.826.0.1.8641679.1.2.1.4", Oids.GbcsTestOrganisationPolicy),
        };
        foreach (var (dotted, encoded) in table)
        {
            var w = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
            w.WriteObjectIdentifier(dotted);
            w.Encode().Skip(2).ToArray().Should().Equal(encoded, dotted);
        }
    }

    // ---------------------------------------------------------------- BOOLEAN, NULL

    [Fact]
    public void BooleanOnlyCanonical()
    {
        R("01 01 FF").ReadBoolean().Should().BeTrue();
        R("01 01 00").ReadBoolean().Should().BeFalse();
        Rejects("01 01 01", DerError.InvalidBoolean, r => r.ReadBoolean());
        Rejects("01 01 7F", DerError.InvalidBoolean, r => r.ReadBoolean());
        Rejects("01 00", DerError.InvalidBoolean, r => r.ReadBoolean());
        Rejects("01 02 FF FF", DerError.InvalidBoolean, r => r.ReadBoolean());
    }

    [Fact]
    public void NullMustBeEmpty()
    {
        R("05 00").ReadNull();
        Rejects("05 01 00", DerError.InvalidNull, r => r.ReadNull());
    }

    // ---------------------------------------------------------------- times

    private static string Ascii(string s) => Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(s));

    [Theory]
    [InlineData("500101000000Z", 1950, 1, 1, 0, 0, 0)]
    [InlineData("491231235959Z", 2049, 12, 31, 23, 59, 59)]
    [InlineData("991231235959Z", 1999, 12, 31, 23, 59, 59)]
    [InlineData("000229120000Z", 2000, 2, 29, 12, 0, 0)]  // 2000 is a leap year
    [InlineData("240229000000Z", 2024, 2, 29, 0, 0, 0)]
    [InlineData("260415093000Z", 2026, 4, 15, 9, 30, 0)]
    public void UtcTimeAccepted(string text, int y, int mo, int d, int h, int mi, int s)
    {
        var reader = R("17 0D " + Ascii(text));
        var t = reader.ReadUtcTime();
        t.Should().Be(new DateTime(y, mo, d, h, mi, s, DateTimeKind.Utc));
        t.Kind.Should().Be(DateTimeKind.Utc);
        R("17 0D " + Ascii(text)).ReadTime().Should().Be(t);
    }

    [Theory]
    [InlineData("5001010000Z", DerError.InvalidTimeFormat)]      // no seconds
    [InlineData("500101000000", DerError.InvalidTimeFormat)]     // no Z (length 12)
    [InlineData("5001010000000", DerError.InvalidTimeFormat)]    // 13 chars, no Z
    [InlineData("500101000000+0000", DerError.InvalidTimeFormat)]
    [InlineData("5001010000.0Z", DerError.InvalidTimeFormat)]
    [InlineData("5A0101000000Z", DerError.InvalidTimeFormat)]
    [InlineData(" 00101000000Z", DerError.InvalidTimeFormat)]
    [InlineData("-10101000000Z", DerError.InvalidTimeFormat)]
    [InlineData("501301000000Z", DerError.InvalidTimeValue)]     // month 13
    [InlineData("500001000000Z", DerError.InvalidTimeValue)]     // month 0
    [InlineData("500100000000Z", DerError.InvalidTimeValue)]     // day 0
    [InlineData("500132000000Z", DerError.InvalidTimeValue)]
    [InlineData("500431000000Z", DerError.InvalidTimeValue)]     // 31 April
    [InlineData("230229000000Z", DerError.InvalidTimeValue)]     // 2023 not leap
    [InlineData("500101240000Z", DerError.InvalidTimeValue)]
    [InlineData("500101006000Z", DerError.InvalidTimeValue)]
    [InlineData("500101000060Z", DerError.InvalidTimeValue)]     // no leap seconds
    public void UtcTimeRejected(string text, DerError code)
    {
        var content = Ascii(text);
        Rejects("17 " + (content.Length / 2).ToString("X2") + content, code, r => r.ReadUtcTime());
    }

    [Theory]
    [InlineData("20260415093000Z", 2026, 4, 15, 9, 30, 0)]
    [InlineData("20410101000000Z", 2041, 1, 1, 0, 0, 0)]
    [InlineData("19491231235959Z", 1949, 12, 31, 23, 59, 59)]
    [InlineData("21000228000000Z", 2100, 2, 28, 0, 0, 0)]
    [InlineData("24000229000000Z", 2400, 2, 29, 0, 0, 0)]
    [InlineData("00010101000000Z", 1, 1, 1, 0, 0, 0)]
    [InlineData("99991231235959Z", 9999, 12, 31, 23, 59, 59)]
    public void GeneralizedTimeAccepted(string text, int y, int mo, int d, int h, int mi, int s)
    {
        var t = R("18 0F " + Ascii(text)).ReadGeneralizedTime();
        t.Should().Be(new DateTime(y, mo, d, h, mi, s, DateTimeKind.Utc));
        R("18 0F " + Ascii(text)).ReadTime().Should().Be(t);
    }

    [Theory]
    [InlineData("20260415093000.5Z", DerError.InvalidTimeFormat)]  // fractions: not in RFC 5280 profile
    [InlineData("202604150930Z", DerError.InvalidTimeFormat)]
    [InlineData("20260415093000", DerError.InvalidTimeFormat)]
    [InlineData("20260415093000+0100", DerError.InvalidTimeFormat)]
    [InlineData("2026041509300Z0", DerError.InvalidTimeFormat)]
    [InlineData("00000101000000Z", DerError.InvalidTimeValue)]     // year 0
    [InlineData("21000229000000Z", DerError.InvalidTimeValue)]     // 2100 not leap
    [InlineData("20261131000000Z", DerError.InvalidTimeValue)]
    [InlineData("20260101250000Z", DerError.InvalidTimeValue)]
    public void GeneralizedTimeRejected(string text, DerError code)
    {
        var content = Ascii(text);
        Rejects("18 " + (content.Length / 2).ToString("X2") + content, code, r => r.ReadGeneralizedTime());
    }

    [Fact]
    public void TimeTagsAreNotInterchangeable()
    {
        Rejects("18 0F " + Ascii("20260415093000Z"), DerError.UnexpectedTag, r => r.ReadUtcTime());
        Rejects("17 0D " + Ascii("260415093000Z"), DerError.UnexpectedTag, r => r.ReadGeneralizedTime());
        Rejects("04 00", DerError.UnexpectedTag, r => r.ReadTime());
    }

    // ---------------------------------------------------------------- SET OF

    [Fact]
    public void SetOfMustBeSorted()
    {
        var ok = R("31 06 02 01 01 02 01 02").ReadSetOf();
        ok.ReadInt32().Should().Be(1);
        Rejects("31 06 02 01 02 02 01 01", DerError.SetOfNotSorted, r => r.ReadSetOf());
        // Encodings compare as octet strings: 04 00 sorts before 04 01 00; equal elements may repeat.
        R("31 07 04 00 04 00 04 01 00").ReadSetOf();
        Rejects("31 05 04 01 00 04 00", DerError.SetOfNotSorted, r => r.ReadSetOf());
    }

    // ---------------------------------------------------------------- reading never allocates

    [Fact]
    public void WalkingDoesNotAllocate()
    {
        var der = Convert.FromHexString("30 27 02 01 05 03 02 07 80 06 03 55 1D 0F 01 01 FF 05 00 17 0D".Replace(" ", "")
            + Ascii("260415093000Z") + "A0 05 04 03 01 02 03".Replace(" ", ""));
        void Walk()
        {
            var r = new DerReader(der);
            var s = r.ReadSequence();
            s.ReadInt32();
            s.ReadNamedBitListFlags();
            s.ReadObjectIdentifierEquals(Oids.KeyUsage);
            s.ReadBoolean();
            s.ReadNull();
            s.ReadTime();
            var c = s.ReadConstructed(0xA0);
            c.ReadOctetString(out _, out _);
            c.ThrowIfNotEmpty();
            s.ThrowIfNotEmpty();
        }

        Walk();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) Walk();
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Fact]
    public void DerFormatExceptionIsATrustAnchorException()
    {
        var act = () => R("05 01 00").ReadNull();
        act.Should().Throw<TrustAnchorException>().Which.Message.Should().Contain("NULL").And.Contain("offset 0");
    }
}
