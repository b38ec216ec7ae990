namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// BER definite lengths as GBCS frames use them: short form below 0x80, else 0x81..0x84 followed by that many
    /// bytes. Only the minimal form is accepted, so a signed frame has exactly one encoding.
    /// </summary>
    internal static class GbcsLength
    {
        /// <summary>Reads a length at <paramref name="pos"/> (advancing it); the value fits in [pos, end).</summary>
        internal static int Read(byte[] buffer, ref int pos, int end)
        {
            if (pos >= end)
            {
                throw new GbcsFormatException(GbcsError.Truncated, "length missing at offset " + pos);
            }

            int first = buffer[pos++];
            if (first < 0x80)
            {
                return CheckFits(first, pos, end);
            }

            int count = first & 0x7F;
            if (count == 0 || count > 4)
            {
                throw new GbcsFormatException(GbcsError.BadLength, "unsupported length form 0x" + first.ToString("X2"));
            }

            if (end - pos < count)
            {
                throw new GbcsFormatException(GbcsError.Truncated, "length bytes run past the end");
            }

            if (buffer[pos] == 0 || (count == 4 && buffer[pos] >= 0x80))
            {
                throw new GbcsFormatException(GbcsError.BadLength, "non-minimal or oversized length");
            }

            int value = 0;
            for (int i = 0; i < count; i++)
            {
                value = (value << 8) | buffer[pos++];
            }

            if (value < 0x80)
            {
                throw new GbcsFormatException(GbcsError.BadLength, "long-form length below 0x80");
            }

            return CheckFits(value, pos, end);
        }

        private static int CheckFits(int value, int pos, int end)
        {
            if (value > end - pos)
            {
                throw new GbcsFormatException(GbcsError.Truncated, "field of " + value + " bytes runs past the end");
            }

            return value;
        }

        internal static int EncodedSize(int length)
        {
            if (length < 0x80)
            {
                return 1;
            }

            if (length <= 0xFF)
            {
                return 2;
            }

            if (length <= 0xFFFF)
            {
                return 3;
            }

            if (length <= 0xFFFFFF)
            {
                return 4;
            }

            return 5;
        }

        internal static void Write(byte[] buffer, ref int pos, int length)
        {
            int size = EncodedSize(length);
            if (size == 1)
            {
                buffer[pos++] = (byte)length;
                return;
            }

            buffer[pos++] = (byte)(0x80 | (size - 1));
            for (int shift = (size - 2) * 8; shift >= 0; shift -= 8)
            {
                buffer[pos++] = (byte)(length >> shift);
            }
        }
    }
}
