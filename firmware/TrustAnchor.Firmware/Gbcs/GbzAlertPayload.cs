using System;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// A GBZ alert payload, as a GSME, a Comms Hub and the other ZigBee-side devices send it (NOTES section 9):
    /// Profile ID <c>01 09</c>, number of GBZ components (1 byte, <c>00</c> for a plain alert), alert code (2 bytes),
    /// event time as ZigBee UTCTime (4 bytes, seconds since 2000-01-01Z), then the use-case-specific components
    /// (kept opaque). Multi-byte header fields big-endian like the Profile ID (the UTCTime's order is [inferred]).
    /// </summary>
    public sealed class GbzAlertPayload
    {
        /// <summary>ZigBee Smart Energy profile.</summary>
        public const int ProfileId = 0x0109;

        /// <summary>Profile ID, component count, alert code and UTCTime.</summary>
        public const int HeaderLength = 2 + 1 + 2 + ZigBeeUtcTime.Size;

        private GbzAlertPayload()
        {
        }

        /// <summary>Number of GBZ components after the header; 0 for a plain alert.</summary>
        public int ComponentCount { get; private set; }

        public int AlertCode { get; private set; }

        /// <summary>The raw UTCTime (seconds since 2000-01-01Z; 0xFFFFFFFF invalid).</summary>
        public uint EventTimeSeconds { get; private set; }

        public bool IsEventTimeValid { get; private set; }

        public DateTime EventTime { get; private set; }

        /// <summary>Offset and length of the GBZ components after the header (opaque); 0 length for a plain alert.</summary>
        public int ComponentsOffset { get; private set; }

        public int ComponentsLength { get; private set; }

        /// <summary>The plain alert: <c>01 09 00</c> code(2) UTCTime(4).</summary>
        public static byte[] Encode(int alertCode, DateTime eventTime)
        {
            DlmsAlertNotification.CheckCode(alertCode);
            uint seconds = ZigBeeUtcTime.FromDateTime(eventTime);
            byte[] p = new byte[HeaderLength];
            p[0] = (byte)(ProfileId >> 8);
            p[1] = (byte)(ProfileId & 0xFF);
            p[2] = 0;
            p[3] = (byte)(alertCode >> 8);
            p[4] = (byte)alertCode;
            ZigBeeUtcTime.Write(p, 5, seconds);
            return p;
        }

        /// <summary>True when the payload starts with the Profile ID <c>01 09</c> (a cheap test, not a parse).</summary>
        public static bool LooksLike(byte[] payload, int offset, int length)
        {
            return payload != null && offset >= 0 && length >= 2 && offset <= payload.Length - 2
                && payload[offset] == (ProfileId >> 8) && payload[offset + 1] == (ProfileId & 0xFF);
        }

        /// <summary>Reads the payload at [offset, offset + length); <see cref="GbcsFormatException"/> on any deviation.</summary>
        public static GbzAlertPayload Parse(byte[] payload, int offset, int length)
        {
            GbcsDer.CheckView(payload, offset, length);
            if (length < HeaderLength)
            {
                throw new GbcsFormatException(GbcsError.Truncated, "GBZ alert header needs " + HeaderLength + " bytes, payload has " + length);
            }

            if (!LooksLike(payload, offset, length))
            {
                throw new GbcsFormatException(GbcsError.BadPayload, "GBZ payload does not start with Profile ID 01 09");
            }

            GbzAlertPayload p = new GbzAlertPayload();
            p.ComponentCount = payload[offset + 2];
            p.AlertCode = (payload[offset + 3] << 8) | payload[offset + 4];
            p.EventTimeSeconds = ZigBeeUtcTime.Read(payload, offset + 5);
            DateTime when;
            p.IsEventTimeValid = ZigBeeUtcTime.TryToDateTime(p.EventTimeSeconds, out when);
            p.EventTime = when;
            p.ComponentsOffset = offset + HeaderLength;
            p.ComponentsLength = length - HeaderLength;
            if ((p.ComponentCount == 0) != (p.ComponentsLength == 0))
            {
                throw new GbcsFormatException(GbcsError.BadPayload, "GBZ alert says " + p.ComponentCount + " components but " + p.ComponentsLength + " bytes follow the header");
            }

            return p;
        }
    }
}
