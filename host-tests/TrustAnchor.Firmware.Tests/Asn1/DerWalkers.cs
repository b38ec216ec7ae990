using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using TrustAnchor.Firmware.Asn1;

namespace TrustAnchor.Firmware.Tests.Asn1;

/// <summary>
/// Two generic walkers that dispatch on the tag octet the same way and print what they read, one over our
/// <see cref="DerReader"/> and one over System.Formats.Asn1's AsnReader in DER mode, so the two can be compared.
/// </summary>
internal static class DerWalkers
{
    /// <summary>Walks with ours; returns the trace or the DerFormatException (any other exception escapes).</summary>
    public static (string? Trace, DerFormatException? Error) Ours(byte[] der)
    {
        var sb = new StringBuilder();
        try
        {
            var reader = new DerReader(der);
            WalkOurs(ref reader, sb, 0);
            reader.ThrowIfNotEmpty();
            return (sb.ToString(), null);
        }
        catch (DerFormatException e)
        {
            return (null, e);
        }
    }

    public static (string? Trace, Exception? Error) Theirs(byte[] der)
    {
        var sb = new StringBuilder();
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            WalkTheirs(reader, sb, 0);
            reader.ThrowIfNotEmpty();
            return (sb.ToString(), null);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or ArgumentException)
        {
            return (null, e);
        }
    }

    private static void WalkOurs(ref DerReader reader, StringBuilder sb, int depth)
    {
        while (reader.HasData)
        {
            int tag = reader.PeekTag();
            int off, len;
            switch (tag)
            {
                case 0x01: sb.Append("BOOL:").Append(reader.ReadBoolean()); break;
                case 0x02:
                    reader.ReadInteger(out off, out len);
                    sb.Append("INT:").Append(Convert.ToHexString(reader.Buffer, off, len));
                    break;
                case 0x03:
                    reader.ReadBitString(out int unused, out off, out len);
                    sb.Append("BITS:").Append(unused).Append(':').Append(Convert.ToHexString(reader.Buffer, off, len));
                    break;
                case 0x04:
                    reader.ReadOctetString(out off, out len);
                    sb.Append("OCTETS:").Append(Convert.ToHexString(reader.Buffer, off, len));
                    break;
                case 0x05: reader.ReadNull(); sb.Append("NULL"); break;
                case 0x06:
                    reader.ReadObjectIdentifier(out off, out len);
                    sb.Append("OID:").Append(Dotted(reader.Buffer, off, len));
                    break;
                case 0x17: sb.Append("TIME:").Append(reader.ReadUtcTime().Ticks); break;
                case 0x18: sb.Append("TIME:").Append(reader.ReadGeneralizedTime().Ticks); break;
                case 0x30:
                    {
                        var inner = reader.ReadSequence();
                        sb.Append("SEQ{");
                        WalkOurs(ref inner, sb, depth + 1);
                        sb.Append('}');
                        break;
                    }
                case 0x31:
                    {
                        var inner = reader.ReadSetOf();
                        sb.Append("SET{");
                        WalkOurs(ref inner, sb, depth + 1);
                        sb.Append('}');
                        break;
                    }
                default:
                    if ((tag & 0xE0) == 0xA0)
                    {
                        var inner = reader.ReadConstructed(tag);
                        sb.Append("CTX").Append(tag & 0x1F).Append('{');
                        WalkOurs(ref inner, sb, depth + 1);
                        sb.Append('}');
                    }
                    else
                    {
                        reader.ReadEncodedValue(out off, out len);
                        sb.Append("ANY:").Append(Convert.ToHexString(reader.Buffer, off, len));
                    }

                    break;
            }

            sb.Append(';');
        }
    }

    private static void WalkTheirs(AsnReader reader, StringBuilder sb, int depth)
    {
        while (reader.HasData)
        {
            var peeked = reader.PeekTag();
            int tag = reader.PeekEncodedValue().Span[0];
            switch (tag)
            {
                case 0x01: sb.Append("BOOL:").Append(reader.ReadBoolean()); break;
                case 0x02: sb.Append("INT:").Append(Convert.ToHexString(reader.ReadIntegerBytes().Span)); break;
                case 0x03:
                    {
                        var bits = reader.ReadBitString(out int unused);
                        sb.Append("BITS:").Append(unused).Append(':').Append(Convert.ToHexString(bits));
                        break;
                    }
                case 0x04: sb.Append("OCTETS:").Append(Convert.ToHexString(reader.ReadOctetString())); break;
                case 0x05: reader.ReadNull(); sb.Append("NULL"); break;
                case 0x06: sb.Append("OID:").Append(reader.ReadObjectIdentifier()); break;
                case 0x17: sb.Append("TIME:").Append(reader.ReadUtcTime().UtcDateTime.Ticks); break;
                case 0x18: sb.Append("TIME:").Append(reader.ReadGeneralizedTime().UtcDateTime.Ticks); break;
                case 0x30:
                    sb.Append("SEQ{");
                    WalkTheirs(reader.ReadSequence(), sb, depth + 1);
                    sb.Append('}');
                    break;
                case 0x31:
                    sb.Append("SET{");
                    WalkTheirs(reader.ReadSetOf(), sb, depth + 1);
                    sb.Append('}');
                    break;
                default:
                    if ((tag & 0xE0) == 0xA0)
                    {
                        sb.Append("CTX").Append(tag & 0x1F).Append('{');
                        WalkTheirs(reader.ReadSequence(peeked), sb, depth + 1);
                        sb.Append('}');
                    }
                    else
                    {
                        sb.Append("ANY:").Append(Convert.ToHexString(reader.ReadEncodedValue().Span));
                    }

                    break;
            }

            sb.Append(';');
        }
    }

    /// <summary>Dotted form of OID content octets (arbitrary-size arcs).</summary>
    public static string Dotted(byte[] buffer, int offset, int length)
    {
        var arcs = new List<BigInteger>();
        BigInteger value = 0;
        for (int i = 0; i < length; i++)
        {
            value = (value << 7) | (buffer[offset + i] & 0x7F);
            if ((buffer[offset + i] & 0x80) == 0)
            {
                arcs.Add(value);
                value = 0;
            }
        }

        var first = arcs[0];
        var parts = new List<string>();
        if (first < 40) { parts.Add("0"); parts.Add(first.ToString()); }
        else if (first < 80) { parts.Add("1"); parts.Add((first - 40).ToString()); }
        else { parts.Add("2"); parts.Add((first - 80).ToString()); }
        parts.AddRange(arcs.Skip(1).Select(a => a.ToString()));
        return string.Join('.', parts);
    }
}
