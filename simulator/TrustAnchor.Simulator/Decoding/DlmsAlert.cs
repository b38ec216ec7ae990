using System.Buffers.Binary;
using System.Globalization;

namespace TrustAnchor.Simulator.Decoding;

/// <summary>
/// An ESME's alert payload (NOTES section 9): a DLMS Data-Notification — tag 0F, the 4-byte
/// long-invoke-id-and-priority, the optional date-time (00 absent, or 0C + 12 bytes), then the notification body as
/// DLMS data: a structure whose first element is the alert code (long-unsigned) and second the event time
/// (octet-string of a 12-byte DLMS date-time), and any further elements.
/// </summary>
public static class DlmsAlert
{
    public const byte DataNotificationTag = 0x0F;

    public static DecodedField Decode(ReadOnlyMemory<byte> payload, int offset)
    {
        var bytes = payload.Span;
        var root = new DecodedField("Data-Notification", null, offset, payload.Length);
        Need(bytes, 0, 5, "tag and long-invoke-id-and-priority", offset);
        root.Add("tag", "0F (Data-Notification)", offset, 1);
        var invoke = BinaryPrimitives.ReadUInt32BigEndian(bytes[1..]);
        var flags = new List<string>();
        if ((invoke & 0x8000_0000) != 0)
        {
            flags.Add("high priority");
        }

        if ((invoke & 0x4000_0000) != 0)
        {
            flags.Add("confirmed");
        }

        if ((invoke & 0x2000_0000) != 0)
        {
            flags.Add("self-descriptive");
        }

        if ((invoke & 0x1000_0000) != 0)
        {
            flags.Add("break-on-error");
        }

        root.Add("long-invoke-id-and-priority", $"{Convert.ToHexString(bytes.Slice(1, 4))}: invoke-id {invoke & 0x00FF_FFFF} (0x{invoke & 0x00FF_FFFF:X6}){(flags.Count == 0 ? "" : ", " + string.Join(", ", flags))}", offset + 1, 4);
        var pos = 5;
        Need(bytes, pos, 1, "date-time", offset);
        if (bytes[pos] == 0x00)
        {
            root.Add("date-time", "absent (00)", offset + pos, 1);
            pos++;
        }
        else if (bytes[pos] == 0x0C)
        {
            Need(bytes, pos + 1, 12, "date-time", offset);
            root.Add("date-time", DateTimeText(bytes.Slice(pos + 1, 12)), offset + pos, 13);
            pos += 13;
        }
        else
        {
            throw new PayloadMismatchException($"date-time at byte offset {offset + pos}: 0x{bytes[pos]:X2} is neither 00 (absent) nor 0C (12 bytes)");
        }

        var body = root.Add("notification-body", null, offset + pos, payload.Length - pos);
        var bodyStart = pos;
        var data = ReadData(payload, ref pos, offset, 0, alertBody: true);
        body.Fields.Add(data);
        if (pos != payload.Length)
        {
            throw new PayloadMismatchException($"unexpected bytes at byte offset {offset + pos} after the notification body");
        }

        _ = bodyStart;
        return root;
    }

    /// <summary>One DLMS data element (A-XDR). The alert body's first two structure elements get their GBCS names.</summary>
    private static DecodedField ReadData(ReadOnlyMemory<byte> payload, ref int pos, int offset, int depth, bool alertBody = false)
    {
        var bytes = payload.Span;
        Need(bytes, pos, 1, "DLMS data type", offset);
        var start = pos;
        var type = bytes[pos++];
        switch (type)
        {
            case 0x00:
                return new DecodedField("null-data", null, offset + start, 1);
            case 0x01:
            case 0x02:
            {
                var count = ReadLength(bytes, ref pos, offset);
                var node = new DecodedField(type == 1 ? $"array ({count})" : $"structure ({count})", null, offset + start);
                for (var i = 0; i < count; i++)
                {
                    if (depth > 16)
                    {
                        throw new PayloadMismatchException($"DLMS data nested too deep at byte offset {offset + pos}");
                    }

                    var child = ReadData(payload, ref pos, offset, depth + 1);
                    if (alertBody && type == 2 && i == 0 && child.Name == "long-unsigned")
                    {
                        var code = BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(pos - 2, 2));
                        child = new DecodedField("alertCode (long-unsigned)", PayloadDecoder.AlertName(code), child.Offset, child.Length);
                    }
                    else if (alertBody && type == 2 && i == 1 && child.Name == "octet-string" && child.Length == 14)
                    {
                        child = new DecodedField("eventTime (octet-string)", DateTimeText(bytes.Slice(pos - 12, 12)), child.Offset, child.Length);
                    }

                    node.Fields.Add(child);
                }

                return Sized(node, offset + start, pos - start);
            }

            case 0x03:
                Need(bytes, pos, 1, "boolean", offset);
                return new DecodedField("boolean", bytes[pos++] != 0 ? "true" : "false", offset + start, 2);
            case 0x09:
            case 0x0A:
            case 0x0C:
            {
                var length = ReadLength(bytes, ref pos, offset);
                Need(bytes, pos, length, "string", offset);
                var value = bytes.Slice(pos, length);
                pos += length;
                var text = type == 0x09
                    ? Convert.ToHexString(value) + (length == 12 ? " = " + DateTimeText(value) : "")
                    : System.Text.Encoding.UTF8.GetString(value);
                return new DecodedField(type == 0x09 ? "octet-string" : type == 0x0A ? "visible-string" : "utf8-string", text, offset + start, pos - start);
            }

            default:
                var size = type switch
                {
                    0x0D or 0x0F or 0x11 or 0x16 => 1,
                    0x10 or 0x12 => 2,
                    0x05 or 0x06 or 0x17 => 4,
                    0x14 or 0x15 or 0x18 => 8,
                    0x19 => 12,
                    0x1A => 5,
                    0x1B => 4,
                    _ => throw new PayloadMismatchException($"DLMS data type 0x{type:X2} at byte offset {offset + start} is not one this decoder reads"),
                };
                Need(bytes, pos, size, "DLMS value", offset);
                var raw = bytes.Slice(pos, size);
                pos += size;
                var (name, shown) = type switch
                {
                    0x0F => ("integer", ((sbyte)raw[0]).ToString(CultureInfo.InvariantCulture)),
                    0x11 => ("unsigned", raw[0].ToString(CultureInfo.InvariantCulture)),
                    0x16 => ("enum", raw[0].ToString(CultureInfo.InvariantCulture)),
                    0x10 => ("long", BinaryPrimitives.ReadInt16BigEndian(raw).ToString(CultureInfo.InvariantCulture)),
                    0x12 => ("long-unsigned", BinaryPrimitives.ReadUInt16BigEndian(raw).ToString(CultureInfo.InvariantCulture) + $" (0x{BinaryPrimitives.ReadUInt16BigEndian(raw):X4})"),
                    0x05 => ("double-long", BinaryPrimitives.ReadInt32BigEndian(raw).ToString(CultureInfo.InvariantCulture)),
                    0x06 => ("double-long-unsigned", BinaryPrimitives.ReadUInt32BigEndian(raw).ToString(CultureInfo.InvariantCulture)),
                    0x14 => ("long64", BinaryPrimitives.ReadInt64BigEndian(raw).ToString(CultureInfo.InvariantCulture)),
                    0x15 => ("long64-unsigned", BinaryPrimitives.ReadUInt64BigEndian(raw).ToString(CultureInfo.InvariantCulture)),
                    0x19 => ("date-time", DateTimeText(raw)),
                    _ => ($"type 0x{type:X2}", Convert.ToHexString(raw)),
                };
                return new DecodedField(name, shown, offset + start, pos - start);
        }
    }

    private static DecodedField Sized(DecodedField node, int offset, int length)
    {
        var sized = new DecodedField(node.Name, node.Value, offset, length);
        sized.Fields.AddRange(node.Fields);
        return sized;
    }

    private static int ReadLength(ReadOnlySpan<byte> bytes, ref int pos, int offset)
    {
        Need(bytes, pos, 1, "length", offset);
        int first = bytes[pos++];
        if (first < 0x80)
        {
            return first;
        }

        var count = first & 0x7F;
        if (count is 0 or > 3)
        {
            throw new PayloadMismatchException($"length form 0x{first:X2} at byte offset {offset + pos - 1}");
        }

        Need(bytes, pos, count, "length", offset);
        var value = 0;
        for (var i = 0; i < count; i++)
        {
            value = (value << 8) | bytes[pos++];
        }

        return value;
    }

    private static void Need(ReadOnlySpan<byte> bytes, int pos, int count, string what, int offset)
    {
        if (count < 0 || pos + count > bytes.Length)
        {
            throw new PayloadMismatchException($"{what} at byte offset {offset + pos} needs {count} bytes, {Math.Max(0, bytes.Length - pos)} remain");
        }
    }

    /// <summary>A 12-byte DLMS date-time: year (2), month, day, weekday, hour, minute, second, hundredths, deviation (2), status; FF/FFFF/8000 unspecified.</summary>
    public static string DateTimeText(ReadOnlySpan<byte> b)
    {
        var year = BinaryPrimitives.ReadUInt16BigEndian(b);
        string Part(int value, int unspecified, int width) => value == unspecified ? new string('*', width) : value.ToString(new string('0', width), CultureInfo.InvariantCulture);
        var deviation = BinaryPrimitives.ReadInt16BigEndian(b[9..]);
        var text = $"{Part(year, 0xFFFF, 4)}-{Part(b[2], 0xFF, 2)}-{Part(b[3], 0xFF, 2)}T{Part(b[5], 0xFF, 2)}:{Part(b[6], 0xFF, 2)}:{Part(b[7], 0xFF, 2)}.{Part(b[8], 0xFF, 2)}";
        return $"{text} (deviation {(deviation == short.MinValue ? "unspecified" : deviation.ToString(CultureInfo.InvariantCulture) + " min")}, status 0x{b[11]:X2})";
    }
}
