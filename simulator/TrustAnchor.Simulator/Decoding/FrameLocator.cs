using System.Globalization;
using TrustAnchor.Firmware.Gbcs;

namespace TrustAnchor.Simulator.Decoding;

/// <summary>
/// When the firmware's parser refuses a frame, says where: walks the GBCS layout (NOTES section 7) the way a
/// protocol analyser does and names the first field that is cut short, whose length runs past the end, or whose
/// value GBCS does not allow, with its byte offset. It never decides whether a frame is good — the firmware's
/// <see cref="GbcsMessage"/> does; this only locates the fault for the one-line error.
/// </summary>
public static class FrameLocator
{
    private const int MacHeaderFixed = 7;
    private const int SecurityHeader = 5;
    private const int MacLength = 12;

    /// <summary>The first problem found, as "what: detail at byte offset N", or null when the layout walks cleanly.</summary>
    public static string? Locate(byte[] f)
    {
        try
        {
            Walk(f);
            return null;
        }
        catch (Problem p)
        {
            return p.Message;
        }
    }

    private sealed class Problem(string message) : Exception(message);

    private static void Walk(byte[] f)
    {
        if (f.Length == 0)
        {
            throw new Problem("truncated frame: no bytes at byte offset 0");
        }

        if (f[0] == GbcsMessage.GroupingHeaderTag)
        {
            var end = Apdu(f, 0, f.Length);
            if (end != f.Length)
            {
                throw new Problem($"trailing bytes: {f.Length - end} bytes after the signature field, from byte offset {end}");
            }

            return;
        }

        if (f[0] != GbcsMessage.MacHeaderTag)
        {
            throw new Problem($"not a GBCS frame: it starts with 0x{f[0]:X2} at byte offset 0 (a MAC Header starts DD, a Grouping Header DF)");
        }

        Need(f, 0, MacHeaderFixed, f.Length, "the MAC Header");
        for (var i = 1; i < MacHeaderFixed; i++)
        {
            if (f[i] != 0)
            {
                throw new Problem($"bad MAC Header: byte offset {i} is 0x{f[i]:X2}, not 00");
            }
        }

        var pos = MacHeaderFixed;
        var lengthAt = pos;
        var length = Length(f, ref pos, f.Length, "the MAC Header length");
        if (pos + length < f.Length)
        {
            throw new Problem($"trailing bytes: the MAC Header length {length} at byte offset {lengthAt} ends at byte offset {pos + length}, {f.Length - pos - length} bytes before the frame does");
        }

        Need(f, pos, SecurityHeader, f.Length, "the security header");
        if (f[pos] != GbcsMessage.SecurityControlByte || f[pos + 1] != 0 || f[pos + 2] != 0 || f[pos + 3] != 0 || f[pos + 4] != 0)
        {
            throw new Problem($"bad security header at byte offset {pos}: {Convert.ToHexString(f, pos, SecurityHeader)}, not 1100000000");
        }

        var apdu = pos + SecurityHeader;
        var macStart = f.Length - MacLength;
        if (macStart <= apdu)
        {
            throw new Problem($"truncated frame: no room for a Grouping Header and the 12-byte MAC after byte offset {apdu}");
        }

        if (f[apdu] != GbcsMessage.GroupingHeaderTag)
        {
            throw new Problem($"bad frame: byte offset {apdu} is 0x{f[apdu]:X2}, not the Grouping Header tag DF");
        }

        var apduEnd = Apdu(f, apdu, macStart);
        if (apduEnd != macStart)
        {
            throw new Problem($"length mismatch: the Grouping Header ends at byte offset {apduEnd}, {macStart - apduEnd} bytes before the MAC at byte offset {macStart}");
        }
    }

    private static int Apdu(byte[] f, int start, int end)
    {
        var pos = start + 1;
        var at = pos;
        var length = Length(f, ref pos, end, "the transaction id length");
        if (length != GbcsMessage.TransactionIdLength)
        {
            throw new Problem($"bad transaction id: length {length} at byte offset {at}, GBCS says 9");
        }

        if (f[pos] is < GbcsCraFlag.Command or > GbcsCraFlag.Alert)
        {
            throw new Problem($"bad CRA flag: {f[pos]} at byte offset {pos} (1 command, 2 response, 3 alert)");
        }

        pos += length;
        SystemTitle(f, ref pos, end, "originator");
        SystemTitle(f, ref pos, end, "target");
        at = pos;
        length = Length(f, ref pos, end, "the date-time length");
        if (length != 0 && length != 12)
        {
            throw new Problem($"bad date-time: length {length} at byte offset {at} (00 absent, or 0C and 12 bytes)");
        }

        pos += length;
        at = pos;
        length = Length(f, ref pos, end, "the Other Information length");
        if (length < 2 || (length > 2 && length < 26 && length % 8 != 2))
        {
            throw new Problem($"bad Other Information: length {length} at byte offset {at} (2, 10, 18, 26, or more with a certificate)");
        }

        pos += length;
        var content = Length(f, ref pos, end, "the content length");
        pos += content;
        at = pos;
        length = Length(f, ref pos, end, "the signature length");
        if (length != 0 && length != GbcsMessage.SignatureLength)
        {
            throw new Problem($"bad signature field: length {length} at byte offset {at} (00, or 40 and 64 bytes)");
        }

        return pos + length;
    }

    private static void SystemTitle(byte[] f, ref int pos, int end, string which)
    {
        var at = pos;
        var length = Length(f, ref pos, end, $"the {which} length");
        if (length != 8)
        {
            throw new Problem($"bad {which}: length {length} at byte offset {at}, an EUI-64 is 8 bytes");
        }

        pos += length;
    }

    /// <summary>A BER length at <paramref name="pos"/> whose value must fit before <paramref name="end"/>.</summary>
    private static int Length(byte[] f, ref int pos, int end, string what)
    {
        var at = pos;
        if (pos >= end)
        {
            throw new Problem($"truncated frame: {what} is missing at byte offset {pos} ({(end == f.Length ? "the frame ends there" : "the MAC starts there")})");
        }

        int first = f[pos++];
        var value = first;
        if (first >= 0x80)
        {
            var count = first & 0x7F;
            if (count is 0 or > 4)
            {
                throw new Problem($"bad length: 0x{first:X2} at byte offset {at} is not a BER definite length GBCS uses");
            }

            if (end - pos < count)
            {
                throw new Problem($"truncated frame: {what} at byte offset {at} needs {count} more bytes, {end - pos} remain");
            }

            if (f[pos] == 0)
            {
                throw new Problem($"bad length: {what} at byte offset {at} is not in its shortest form (leading 00), and a signed frame has only one encoding");
            }

            long v = 0;
            for (var i = 0; i < count; i++)
            {
                v = (v << 8) | f[pos++];
            }

            if (v < 0x80)
            {
                throw new Problem($"bad length: {what} {v} at byte offset {at} takes the long form, but below 128 only the short form is DER");
            }

            if (v > int.MaxValue)
            {
                throw new Problem($"length overruns the frame: {what} {v} at byte offset {at} is larger than any frame");
            }

            value = (int)v;
        }

        if (value > end - pos)
        {
            throw new Problem($"length overruns the frame: {what} {value.ToString(CultureInfo.InvariantCulture)} at byte offset {at} runs to byte offset {pos + value}, but {(end == f.Length ? "the frame ends" : "the MAC starts")} at byte offset {end}");
        }

        return value;
    }

    private static void Need(byte[] f, int pos, int count, int end, string what)
    {
        if (pos + count > end)
        {
            throw new Problem($"truncated frame: {what} at byte offset {pos} needs {count} bytes, {Math.Max(0, end - pos)} remain");
        }
    }
}
