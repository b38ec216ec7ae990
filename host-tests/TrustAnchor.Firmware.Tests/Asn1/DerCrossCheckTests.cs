using System.Formats.Asn1;
using System.Numerics;
using TrustAnchor.Firmware.Asn1;

namespace TrustAnchor.Firmware.Tests.Asn1;

/// <summary>
/// Differential tests against System.Formats.Asn1 in DER mode: random valid structures read the same, and on
/// mutated inputs ours rejects whenever AsnReader(DER) rejects. Ours may be stricter only where the firmware's
/// profile says so (high tag numbers, GeneralizedTime fractions/year 0), and that is asserted by error code.
/// </summary>
public class DerCrossCheckTests
{
    private const int Structures = 1500;
    private const int MutationsPerStructure = 30;

    private static readonly DerError[] StricterByDesign =
    {
        DerError.HighTagNumber, DerError.InvalidTimeFormat, DerError.InvalidTimeValue, DerError.IndefiniteLength,
    };

    [Fact]
    public void RandomValidStructuresReadTheSame()
    {
        var rng = new Random(0xD1E5);
        for (int i = 0; i < Structures; i++)
        {
            var der = RandomStructure(rng);
            var theirs = DerWalkers.Theirs(der);
            theirs.Error.Should().BeNull("AsnWriter produced it");
            var ours = DerWalkers.Ours(der);
            ours.Error.Should().BeNull("input {0} is valid DER", Convert.ToHexString(der));
            ours.Trace.Should().Be(theirs.Trace);
        }
    }

    [Fact]
    [Trait("Category", "Long")]
    public void MutatedInputsAreRejectedWheneverAsnReaderRejects()
    {
        var rng = new Random(0xBADDE5);
        int bothRejected = 0, bothAccepted = 0, onlyOursRejected = 0;
        for (int i = 0; i < Structures; i++)
        {
            var original = RandomStructure(rng);
            for (int m = 0; m < MutationsPerStructure; m++)
            {
                var der = Mutate(rng, original);
                var theirs = DerWalkers.Theirs(der);
                var ours = DerWalkers.Ours(der); // any non-DerFormatException fails the test here
                if (theirs.Error != null)
                {
                    ours.Error.Should().NotBeNull("AsnReader rejected {0} ({1})", Convert.ToHexString(der), theirs.Error.Message);
                    bothRejected++;
                }
                else if (ours.Error == null)
                {
                    ours.Trace.Should().Be(theirs.Trace, "input {0}", Convert.ToHexString(der));
                    bothAccepted++;
                }
                else
                {
                    StricterByDesign.Should().Contain(ours.Error.Code, "ours rejected {0} ({1}) that AsnReader accepted", Convert.ToHexString(der), ours.Error.Message);
                    onlyOursRejected++;
                }
            }
        }

        bothRejected.Should().BeGreaterThan(Structures * MutationsPerStructure / 4);
        bothAccepted.Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("1F 20 00")]                                     // high tag number: AsnReader accepts, we refuse
    [InlineData("18 11 32 30 32 36 30 34 31 35 30 39 33 30 30 30 2E 35 5A")] // fraction
    public void StricterThanAsnReaderByDesign(string hex)
    {
        var der = Convert.FromHexString(hex.Replace(" ", ""));
        DerWalkers.Theirs(der).Error.Should().BeNull();
        DerWalkers.Ours(der).Error.Should().NotBeNull();
    }

    internal static byte[] RandomStructure(Random rng)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        w.PushSequence();
        WriteElements(rng, w, 0);
        w.PopSequence();
        return w.Encode();
    }

    private static void WriteElements(Random rng, AsnWriter w, int depth)
    {
        int count = rng.Next(1, 6);
        for (int i = 0; i < count; i++)
        {
            int kind = rng.Next(depth >= 3 ? 10 : 13);
            switch (kind)
            {
                case 0: w.WriteBoolean(rng.Next(2) == 0); break;
                case 1: w.WriteInteger(RandomInteger(rng)); break;
                case 2:
                    {
                        var data = RandomBytes(rng, rng.Next(0, 40));
                        int unused = data.Length == 0 ? 0 : rng.Next(8);
                        if (data.Length > 0) data[^1] &= (byte)(0xFF << unused);
                        w.WriteBitString(data, unused);
                        break;
                    }
                case 3: w.WriteOctetString(RandomBytes(rng, rng.Next(0, rng.Next(2) == 0 ? 20 : 300))); break;
                case 4: w.WriteNull(); break;
                case 5: w.WriteObjectIdentifier(RandomOid(rng)); break;
                case 6: w.WriteUtcTime(RandomTime(rng, 1950, 2049), 2049); break;
                case 7: w.WriteGeneralizedTime(RandomTime(rng, 1, 9999), omitFractionalSeconds: true); break;
                case 8: w.WriteCharacterString(UniversalTagNumber.UTF8String, "r" + rng.Next()); break;
                case 9: w.WriteOctetString(RandomBytes(rng, rng.Next(0, 5)), new Asn1Tag(TagClass.ContextSpecific, rng.Next(0, 30))); break;
                case 10:
                    w.PushSequence();
                    WriteElements(rng, w, depth + 1);
                    w.PopSequence();
                    break;
                case 11:
                    w.PushSetOf();
                    WriteElements(rng, w, depth + 1);
                    w.PopSetOf();
                    break;
                default:
                    {
                        var tag = new Asn1Tag(TagClass.ContextSpecific, rng.Next(0, 30), isConstructed: true);
                        w.PushSequence(tag);
                        WriteElements(rng, w, depth + 1);
                        w.PopSequence(tag);
                        break;
                    }
            }
        }
    }

    private static BigInteger RandomInteger(Random rng)
    {
        var bytes = RandomBytes(rng, rng.Next(1, 34));
        var v = new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
        return rng.Next(4) == 0 ? rng.Next(-300, 300) : v;
    }

    private static string RandomOid(Random rng)
    {
        int first = rng.Next(3);
        var parts = new List<string> { first.ToString(), (first < 2 ? rng.Next(40) : rng.Next(0, 2000)).ToString() };
        int n = rng.Next(0, 8);
        for (int i = 0; i < n; i++)
            parts.Add((rng.Next(3) == 0 ? (ulong)rng.NextInt64() : (ulong)rng.Next(0, 200)).ToString());
        return string.Join('.', parts);
    }

    private static DateTimeOffset RandomTime(Random rng, int fromYear, int toYear)
    {
        var from = new DateTime(fromYear, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(toYear, 12, 31, 23, 59, 59, DateTimeKind.Utc);
        long seconds = rng.NextInt64(0, (long)(to - from).TotalSeconds + 1);
        return new DateTimeOffset(from.AddSeconds(seconds));
    }

    internal static byte[] RandomBytes(Random rng, int n)
    {
        var b = new byte[n];
        rng.NextBytes(b);
        return b;
    }

    /// <summary>One random damage: bit flip, byte overwrite (often with a length-ish value), truncation, insertion or deletion.</summary>
    internal static byte[] Mutate(Random rng, byte[] input)
    {
        var data = (byte[])input.Clone();
        if (data.Length == 0) return new byte[] { (byte)rng.Next(256) };
        int pos = rng.Next(data.Length);
        switch (rng.Next(6))
        {
            case 0:
                data[pos] ^= (byte)(1 << rng.Next(8));
                return data;
            case 1:
                {
                    byte[] interesting = { 0x00, 0x01, 0x7F, 0x80, 0x81, 0x82, 0x84, 0xFF, 0x1F, 0x30, 0x5A, 0x2E };
                    data[pos] = rng.Next(2) == 0 ? interesting[rng.Next(interesting.Length)] : (byte)rng.Next(256);
                    return data;
                }
            case 2:
                return data.AsSpan(0, pos).ToArray();
            case 3:
                {
                    var list = data.ToList();
                    list.Insert(pos, (byte)rng.Next(256));
                    return list.ToArray();
                }
            case 4:
                {
                    var list = data.ToList();
                    list.RemoveAt(pos);
                    return list.ToArray();
                }
            default:
                // Length-field edit: nudge the byte after a plausible tag by ±1..3.
                if (pos + 1 < data.Length) data[pos + 1] = (byte)(data[pos + 1] + rng.Next(-3, 4));
                return data;
        }
    }
}

public class DerOidLimitTests
{
    public static TheoryData<string> Boundaries()
    {
        var data = new TheoryData<string>();
        foreach (int arcs in new[] { 62, 63, 64, 65, 66 })
            data.Add("1.2" + string.Concat(Enumerable.Repeat(".5", arcs - 2)));
        foreach (int bits in new[] { 126, 127, 128, 129, 130 })
        {
            data.Add("1.2." + (System.Numerics.BigInteger.One << (bits - 1)));
            data.Add("2." + ((System.Numerics.BigInteger.One << (bits - 1)) - 80));
            data.Add("2." + (System.Numerics.BigInteger.One << (bits - 1)));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void LimitsAgreeWithAsnReader(string dotted)
    {
        // Build content octets ourselves (AsnWriter refuses some of these).
        var parts = dotted.Split('.').Select(System.Numerics.BigInteger.Parse).ToList();
        var subs = new List<System.Numerics.BigInteger> { parts[0] * 40 + parts[1] };
        subs.AddRange(parts.Skip(2));
        var content = new List<byte>();
        foreach (var sub in subs)
        {
            var groups = new List<byte>();
            var v = sub;
            do { groups.Insert(0, (byte)(int)(v & 0x7F)); v >>= 7; } while (v > 0);
            for (int i = 0; i < groups.Count - 1; i++) groups[i] |= 0x80;
            content.AddRange(groups);
        }
        var der = new byte[] { 0x06, (byte)content.Count }.Concat(content).ToArray();
        bool theirs = DerWalkers.Theirs(der).Error == null;
        bool ours = DerWalkers.Ours(der).Error == null;
        ours.Should().Be(theirs, "OID {0}", dotted);
    }
}
