using System;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// The 12-byte DLMS COSEM date-time the Grouping Header carries: year (2, big-endian), month, day of month,
    /// day of week (1 = Monday), hour, minute, second, hundredths, deviation (2, signed minutes; 0x8000 = not
    /// specified), clock status. GBCS times are UTC, so only deviation 0 or "not specified" decodes.
    /// </summary>
    public static class DlmsDateTime
    {
        public const int Size = 12;

        private const int NotSpecified = 0xFF;

        /// <summary>
        /// Decodes the date-time at <paramref name="offset"/>; false (value unset) when any date or time field is
        /// unspecified or out of range, the day of week disagrees, the deviation is a local-time offset, or the
        /// clock status flags the value invalid. The caller has checked the 12 bytes are in range.
        /// </summary>
        public static bool TryDecode(byte[] buffer, int offset, out DateTime value)
        {
            value = DateTime.MinValue;
            if (buffer == null || offset < 0 || offset > buffer.Length - Size)
            {
                return false;
            }

            int year = (buffer[offset] << 8) | buffer[offset + 1];
            int month = buffer[offset + 2];
            int day = buffer[offset + 3];
            int dayOfWeek = buffer[offset + 4];
            int hour = buffer[offset + 5];
            int minute = buffer[offset + 6];
            int second = buffer[offset + 7];
            int hundredths = buffer[offset + 8];
            int deviation = (buffer[offset + 9] << 8) | buffer[offset + 10];
            int status = buffer[offset + 11];

            if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                return false;
            }

            if (hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }

            if (hundredths == NotSpecified)
            {
                hundredths = 0;
            }
            else if (hundredths > 99)
            {
                return false;
            }

            if (deviation != 0 && deviation != 0x8000)
            {
                return false;
            }

            if (status != NotSpecified && (status & 0x01) != 0)
            {
                return false;
            }

            DateTime decoded = new DateTime(year, month, day, hour, minute, second, hundredths * 10);
            if (dayOfWeek != NotSpecified && dayOfWeek != DlmsDayOfWeek(decoded))
            {
                return false;
            }

            value = decoded;
            return true;
        }

        /// <summary>Encodes a UTC time: hundredths from milliseconds, deviation 0, clock status 0.</summary>
        public static void Encode(DateTime utc, byte[] buffer, int offset)
        {
            if (buffer == null || offset < 0 || offset > buffer.Length - Size)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no room for a DLMS date-time");
            }

            int year = utc.Year;
            buffer[offset] = (byte)(year >> 8);
            buffer[offset + 1] = (byte)year;
            buffer[offset + 2] = (byte)utc.Month;
            buffer[offset + 3] = (byte)utc.Day;
            buffer[offset + 4] = (byte)DlmsDayOfWeek(utc);
            buffer[offset + 5] = (byte)utc.Hour;
            buffer[offset + 6] = (byte)utc.Minute;
            buffer[offset + 7] = (byte)utc.Second;
            buffer[offset + 8] = (byte)(utc.Millisecond / 10);
            buffer[offset + 9] = 0;
            buffer[offset + 10] = 0;
            buffer[offset + 11] = 0;
        }

        /// <summary>Encodes into a fresh 12-byte array.</summary>
        public static byte[] Encode(DateTime utc)
        {
            byte[] result = new byte[Size];
            Encode(utc, result, 0);
            return result;
        }

        private static int DlmsDayOfWeek(DateTime value)
        {
            // DLMS counts Monday = 1 .. Sunday = 7; DayOfWeek has Sunday = 0.
            int dow = (int)value.DayOfWeek;
            return dow == 0 ? 7 : dow;
        }
    }
}
