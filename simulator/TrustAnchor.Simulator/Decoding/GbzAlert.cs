using System.Buffers.Binary;
using System.Globalization;

namespace TrustAnchor.Simulator.Decoding;

/// <summary>
/// A ZigBee-side device's alert payload (NOTES section 9): Profile ID 01 09, the number of GBZ components, the alert
/// code (2 bytes), the event time as ZigBee UTCTime (4 bytes, seconds since 2000-01-01 00:00:00 UTC), then any
/// use-case-specific components (shown as hex).
/// </summary>
public static class GbzAlert
{
    public const byte ProfileIdHigh = 0x01;
    public const byte ProfileIdLow = 0x09;
    public static readonly DateTime ZigBeeEpoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static DecodedField Decode(ReadOnlyMemory<byte> payload, int offset)
    {
        var bytes = payload.Span;
        if (bytes.Length < 9)
        {
            throw new PayloadMismatchException($"a GBZ alert needs 9 bytes from byte offset {offset}, {bytes.Length} there");
        }

        var root = new DecodedField("GBZ alert", null, offset, payload.Length);
        root.Add("profileId", "0109 (GBZ)", offset, 2);
        root.Add("componentCount", bytes[2].ToString(CultureInfo.InvariantCulture), offset + 2, 1);
        var code = BinaryPrimitives.ReadUInt16BigEndian(bytes[3..]);
        root.Add("alertCode", PayloadDecoder.AlertName(code), offset + 3, 2);
        var seconds = BinaryPrimitives.ReadUInt32BigEndian(bytes[5..]);
        root.Add("eventTime (UTCTime)", $"{seconds} s = {ZigBeeEpoch.AddSeconds(seconds):yyyy-MM-dd'T'HH:mm:ss'Z'}", offset + 5, 4);
        if (bytes.Length > 9)
        {
            root.Add("components", Convert.ToHexString(bytes[9..]), offset + 9, bytes.Length - 9);
        }
        else if (bytes[2] != 0)
        {
            throw new PayloadMismatchException($"componentCount {bytes[2]} at byte offset {offset + 2}, but no component bytes follow");
        }

        return root;
    }
}
