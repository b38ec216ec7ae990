using System.Formats.Asn1;
using System.Numerics;
using TrustAnchor.Firmware.Asn1;

namespace TrustAnchor.Firmware.Tests.Asn1;

/// <summary>Our DerWriter produces byte-for-byte what AsnWriter(DER) produces, and AsnReader reads it back.</summary>
public class DerWriterTests
{
    [Fact]
    [Trait("Category", "Long")]
    public void RandomStructuresMatchAsnWriter()
    {
        var rng = new Random(0x3717E5);
        for (int i = 0; i < 1000; i++)
        {
            var ours = new DerWriter(16);
            var theirs = new AsnWriter(AsnEncodingRules.DER);
            ours.PushSequence();
            theirs.PushSequence();
            WriteBoth(rng, ours, theirs, 0);
            ours.PopSequence();
            theirs.PopSequence();
            var expected = theirs.Encode();
            ours.ToArray().Should().Equal(expected);
            DerWalkers.Theirs(ours.ToArray()).Error.Should().BeNull();
        }
    }

    private static void WriteBoth(Random rng, DerWriter ours, AsnWriter theirs, int depth)
    {
        int count = rng.Next(1, 6);
        for (int i = 0; i < count; i++)
        {
            switch (rng.Next(depth >= 3 ? 11 : 13))
            {
                case 0:
                    {
                        bool b = rng.Next(2) == 0;
                        ours.WriteBoolean(b);
                        theirs.WriteBoolean(b);
                        break;
                    }
                case 1:
                    {
                        long v = rng.Next(3) switch { 0 => rng.Next(-300, 300), 1 => rng.NextInt64(), _ => -rng.NextInt64() };
                        if (rng.Next(20) == 0) v = rng.Next(2) == 0 ? long.MinValue : long.MaxValue;
                        ours.WriteInteger(v);
                        theirs.WriteInteger(v);
                        break;
                    }
                case 2:
                    {
                        var mag = DerCrossCheckTests.RandomBytes(rng, rng.Next(0, 34));
                        if (mag.Length > 0 && rng.Next(3) == 0) mag[0] = 0;
                        ours.WriteIntegerUnsigned(mag);
                        theirs.WriteInteger(new BigInteger(mag, isUnsigned: true, isBigEndian: true));
                        break;
                    }
                case 3:
                    {
                        var data = DerCrossCheckTests.RandomBytes(rng, rng.Next(0, 40));
                        int unused = data.Length == 0 ? 0 : rng.Next(8);
                        if (data.Length > 0) data[^1] &= (byte)(0xFF << unused);
                        ours.WriteBitString(data, unused);
                        theirs.WriteBitString(data, unused);
                        break;
                    }
                case 4:
                    {
                        var data = DerCrossCheckTests.RandomBytes(rng, rng.Next(0, rng.Next(2) == 0 ? 20 : 70000));
                        ours.WriteOctetString(data, 0, data.Length);
                        theirs.WriteOctetString(data);
                        break;
                    }
                case 5:
                    ours.WriteNull();
                    theirs.WriteNull();
                    break;
                case 6:
                    {
                        var oids = new[] { Oids.EcdsaWithSha256, Oids.KeyUsage, Oids.GbcsTestOrganisationPolicy, Oids.HardwareModuleName };
                        var oid = oids[rng.Next(oids.Length)];
                        ours.WriteObjectIdentifier(oid);
                        theirs.WriteObjectIdentifier(DerWalkers.Dotted(oid, 0, oid.Length));
                        break;
                    }
                case 7:
                    {
                        var t = new DateTime(rng.Next(1950, 2050), rng.Next(1, 13), rng.Next(1, 29), rng.Next(24), rng.Next(60), rng.Next(60), DateTimeKind.Utc);
                        ours.WriteUtcTime(t);
                        theirs.WriteUtcTime(t, 2049);
                        break;
                    }
                case 8:
                    {
                        var t = new DateTime(rng.Next(1, 10000), rng.Next(1, 13), rng.Next(1, 29), rng.Next(24), rng.Next(60), rng.Next(60), DateTimeKind.Utc);
                        ours.WriteGeneralizedTime(t);
                        theirs.WriteGeneralizedTime(t, omitFractionalSeconds: true);
                        break;
                    }
                case 9:
                    {
                        string s = rng.Next(2) == 0 ? "OU" + rng.Next(100).ToString("X2") : "é€😀 " + rng.Next();
                        ours.WriteUtf8String(s);
                        theirs.WriteCharacterString(UniversalTagNumber.UTF8String, s);
                        break;
                    }
                case 10:
                    {
                        var data = DerCrossCheckTests.RandomBytes(rng, rng.Next(0, 5));
                        int n = rng.Next(0, 30);
                        ours.WriteTagged(0x80 | n, data, 0, data.Length);
                        theirs.WriteOctetString(data, new Asn1Tag(TagClass.ContextSpecific, n));
                        break;
                    }
                case 11:
                    ours.PushSequence();
                    theirs.PushSequence();
                    WriteBoth(rng, ours, theirs, depth + 1);
                    ours.PopSequence();
                    theirs.PopSequence();
                    break;
                default:
                    {
                        int n = rng.Next(0, 30);
                        var tag = new Asn1Tag(TagClass.ContextSpecific, n, isConstructed: true);
                        ours.PushConstructed(0xA0 | n);
                        theirs.PushSequence(tag);
                        WriteBoth(rng, ours, theirs, depth + 1);
                        ours.Pop();
                        theirs.PopSequence(tag);
                        break;
                    }
            }
        }
    }

    [Theory]
    [InlineData(0x80, "03 02 07 80")]
    [InlineData(0x08, "03 02 03 08")]
    [InlineData(0x04, "03 02 02 04")]
    [InlineData(0x06, "03 02 01 06")]
    [InlineData(0x00, "03 01 00")]
    [InlineData(0x8000, "03 03 07 00 80")]
    public void NamedBitListIsMinimal(int flags, string hex)
    {
        var w = new DerWriter();
        w.WriteNamedBitList(flags);
        w.ToArray().Should().Equal(Convert.FromHexString(hex.Replace(" ", "")));
        new DerReader(w.ToArray()).ReadNamedBitListFlags().Should().Be(flags);
    }

    [Fact]
    public void CellIdentifierExampleFromNotes()
    {
        // NOTES §5: Supplier KA top-up = 30 0A 02 01 02 03 02 03 08 02 01 01.
        var w = new DerWriter();
        w.PushSequence();
        w.WriteInteger(2);
        w.WriteNamedBitList(0x08);
        w.WriteInteger(1);
        w.PopSequence();
        w.ToArray().Should().Equal(Convert.FromHexString("300A020102030203080201 01".Replace(" ", "")));
    }

    [Fact]
    public void CallerErrorsAreTyped()
    {
        var w = new DerWriter();
        ((Action)(() => w.WriteUtcTime(new DateTime(2050, 1, 1)))).Should().Throw<DerFormatException>();
        ((Action)(() => w.WriteBitString(new byte[] { 0x01 }, 1))).Should().Throw<DerFormatException>();
        ((Action)(() => w.WriteBitString(new byte[0], 3))).Should().Throw<DerFormatException>();
        ((Action)(() => w.WriteObjectIdentifier(new byte[] { 0x86 }))).Should().Throw<DerFormatException>();
        ((Action)(() => w.Pop())).Should().Throw<DerFormatException>();
        ((Action)(() => w.WriteTagged(0x1F, new byte[0], 0, 0))).Should().Throw<DerFormatException>();
        ((Action)(() => w.WriteOctetString(new byte[2], 1, 2))).Should().Throw<DerFormatException>();
        w.PushSequence();
        ((Action)(() => w.ToArray())).Should().Throw<DerFormatException>();
        ((Action)(() => w.PopSet())).Should().Throw<DerFormatException>();
        w.PopSequence();
        w.ToArray().Should().Equal(new byte[] { 0x30, 0x00 });
    }
}
