using System;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// ZigBee UTCTime as GBZ alert payloads carry it: seconds since 2000-01-01 00:00:00 UTC, 4 bytes, written
    /// big-endian like the rest of the GBZ header (NOTES section 9; the byte order is [inferred]). 0xFFFFFFFF is
    /// ZigBee's "invalid time".
    /// </summary>
    public static class ZigBeeUtcTime
    {
        public const int Size = 4;

        /// <summary>ZigBee's invalid / unknown time.</summary>
        public const uint Invalid = 0xFFFFFFFF;

        private static readonly long EpochTicks = new DateTime(2000, 1, 1, 0, 0, 0).Ticks;

        /// <summary>Seconds since 2000-01-01Z (fractions dropped); a time before 2000 or past 2136 is an argument error.</summary>
        public static uint FromDateTime(DateTime utc)
        {
            long seconds = (utc.Ticks - EpochTicks) / TimeSpan.TicksPerSecond;
            if (utc.Ticks < EpochTicks || seconds >= Invalid)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "time outside ZigBee UTCTime (2000-01-01 .. 2136)");
            }

            return (uint)seconds;
        }

        /// <summary>The time <paramref name="seconds"/> names; false for <see cref="Invalid"/>.</summary>
        public static bool TryToDateTime(uint seconds, out DateTime utc)
        {
            if (seconds == Invalid)
            {
                utc = DateTime.MinValue;
                return false;
            }

            utc = new DateTime(EpochTicks + (long)seconds * TimeSpan.TicksPerSecond);
            return true;
        }

        internal static uint Read(byte[] buffer, int offset)
        {
            return ((uint)buffer[offset] << 24) | ((uint)buffer[offset + 1] << 16) | ((uint)buffer[offset + 2] << 8) | buffer[offset + 3];
        }

        internal static void Write(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }
    }
}
