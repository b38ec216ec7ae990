using System.Globalization;

namespace TrustAnchor.Simulator.Decoding;

/// <summary>
/// The I&amp;C use cases the firmware carries over the WAN, decoded by hand from the layouts in
/// firmware/docs/gbcs-framing.md section 4 (not with the firmware's parsers): CCS01 Add Device to CHF Device Log
/// (0x0001), CS03A1 / CS03A2 / CS03B joins (0x000D / 0x00AB / 0x000E), ECS70 Set Clock (0x0062). Every response is
/// one status octet. A payload that does not fit throws <see cref="PayloadMismatchException"/>, so the caller shows
/// it as labelled hex with a note.
/// </summary>
public static class InstallCommissionPayloads
{
    public const int AddDeviceToDeviceLog = 0x0001;
    public const int MethodAJoinMeter = 0x000D;
    public const int MethodBJoin = 0x000E;
    public const int SetClockOnEsme = 0x0062;
    public const int MethodAJoinNonMeter = 0x00AB;

    public const string Language = "I&C octets (gbcs-framing.md section 4)";

    public static bool Knows(int code) => code is AddDeviceToDeviceLog or MethodAJoinMeter or MethodBJoin or SetClockOnEsme or MethodAJoinNonMeter;

    public static string? Name(int code) => code switch
    {
        AddDeviceToDeviceLog => "CCS01 Add Device to CHF Device Log",
        MethodAJoinMeter => "CS03A1 Method A Join (Meter)",
        MethodAJoinNonMeter => "CS03A2 Method A Join (Non-Meter)",
        MethodBJoin => "CS03B Method B Join",
        SetClockOnEsme => "ECS70 Set Clock on ESME",
        _ => null,
    };

    /// <summary>The decoder for a (code, CRA) pair, or null when the use case takes no such form.</summary>
    public static Func<ReadOnlyMemory<byte>, int, DecodedField>? For(int code, int cra) => (code, cra) switch
    {
        (AddDeviceToDeviceLog, 1) => AddDeviceCommand,
        (MethodAJoinMeter, 1) or (MethodAJoinNonMeter, 1) or (MethodBJoin, 1) => JoinCommand,
        (SetClockOnEsme, 1) => SetClockCommand,
        (_, 2) when Knows(code) => StatusResponse,
        _ => null,
    };

    private static DecodedField AddDeviceCommand(ReadOnlyMemory<byte> payload, int offset)
    {
        var b = payload.Span;
        if (b.Length < 9)
        {
            throw new PayloadMismatchException($"CCS01 needs an EUI-64 and an install code length (9 bytes) from byte offset {offset}, {b.Length} there");
        }

        var length = b[8];
        if (length != b.Length - 9 || length < 3)
        {
            throw new PayloadMismatchException($"CCS01 installCodeLength {length} at byte offset {offset + 8}, but {b.Length - 9} bytes follow (at least 3: code and CRC)");
        }

        var root = new DecodedField("AddDeviceToDeviceLog", null, offset, b.Length);
        root.Add("deviceId", Convert.ToHexStringLower(b[..8]), offset, 8);
        var valid = length is 8 or 10 or 14 or 18;
        root.Add("installCodeLength", $"{length} (incl. CRC{(valid ? "" : "; not 8, 10, 14 or 18: the CHF answers status 2")})", offset + 8, 1);
        root.Add("installCode", Convert.ToHexString(b.Slice(9, length - 2)), offset + 9, length - 2);
        var carried = b[9 + length - 2] | (b[9 + length - 1] << 8);
        var computed = Crc16X25(b.Slice(9, length - 2));
        root.Add("crc (CRC-16/X.25, low byte first)", carried == computed
            ? $"0x{carried:X4} (matches)"
            : $"0x{carried:X4} (does not match: computed 0x{computed:X4}; the CHF answers status 2)", offset + 9 + length - 2, 2);
        return root;
    }

    private static DecodedField JoinCommand(ReadOnlyMemory<byte> payload, int offset)
    {
        var b = payload.Span;
        if (b.Length != 9)
        {
            throw new PayloadMismatchException($"a CS03 join is an EUI-64 and a device type (9 bytes) from byte offset {offset}, not {b.Length}");
        }

        var root = new DecodedField("JoinDevice", null, offset, 9);
        root.Add("otherDeviceId", Convert.ToHexStringLower(b[..8]), offset, 8);
        root.Add("otherDeviceType", $"{b[8]} ({DeviceTypeName(b[8])})", offset + 8, 1);
        return root;
    }

    private static DecodedField SetClockCommand(ReadOnlyMemory<byte> payload, int offset)
    {
        var b = payload.Span;
        if (b.Length != 12)
        {
            throw new PayloadMismatchException($"ECS70 is a 12-byte DLMS date-time from byte offset {offset}, not {b.Length} bytes");
        }

        var root = new DecodedField("SetClock", null, offset, 12);
        root.Add("dateTime", DlmsAlert.DateTimeText(b), offset, 12);
        return root;
    }

    private static DecodedField StatusResponse(ReadOnlyMemory<byte> payload, int offset)
    {
        var b = payload.Span;
        if (b.Length != 1)
        {
            throw new PayloadMismatchException($"an I&C response is one status octet at byte offset {offset}, not {b.Length} bytes");
        }

        var root = new DecodedField("InstallCommandResponse", null, offset, 1);
        root.Add("status", $"{b[0]} ({StatusName(b[0])})", offset, 1);
        return root;
    }

    public static string StatusName(int status) => status switch
    {
        0 => "success",
        1 => "Device Log full",
        2 => "bad install code (length or CRC-16/X.25)",
        3 => "join table full",
        _ => "unknown status",
    };

    public static string DeviceTypeName(int type) => type switch
    {
        1 => "ESME",
        2 => "GSME",
        3 => "CHF",
        4 => "PPMID",
        _ => "unknown device type",
    };

    /// <summary>CRC-16/X.25: reflected polynomial 0x1021 (0x8408), init 0xFFFF, final XOR 0xFFFF.</summary>
    public static int Crc16X25(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFF;
        foreach (var value in data)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
            }
        }

        return crc ^ 0xFFFF;
    }
}
