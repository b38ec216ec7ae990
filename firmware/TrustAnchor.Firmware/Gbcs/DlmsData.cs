namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// Walks A-XDR encoded DLMS <c>Data</c> (IEC 62056-6-2) without decoding it: enough to check that the extra
    /// elements of an alert's structure are well formed and end where the payload ends. Bounds-checked; any type the
    /// walker does not know, or a length that overruns, is a <see cref="GbcsError.BadPayload"/>.
    /// </summary>
    internal static class DlmsData
    {
        internal const int Null = 0x00;
        internal const int ArrayType = 0x01;
        internal const int Structure = 0x02;
        internal const int OctetString = 0x09;
        internal const int LongUnsigned = 0x12;

        private const int MaxDepth = 8;

        /// <summary>Skips one Data element at <paramref name="pos"/> within [pos, end).</summary>
        internal static void Skip(byte[] buffer, ref int pos, int end)
        {
            Skip(buffer, ref pos, end, 0);
        }

        /// <summary>An A-XDR length: one byte below 0x80, else 0x81/0x82 and one or two bytes (minimal).</summary>
        internal static int ReadLength(byte[] buffer, ref int pos, int end)
        {
            if (pos >= end)
            {
                throw Bad("DLMS length missing at offset " + pos);
            }

            int first = buffer[pos++];
            if (first < 0x80)
            {
                return first;
            }

            int count = first & 0x7F;
            if (count == 0 || count > 2 || end - pos < count)
            {
                throw Bad("DLMS length form 0x" + first.ToString("X2") + " at offset " + (pos - 1));
            }

            int value = 0;
            for (int i = 0; i < count; i++)
            {
                value = (value << 8) | buffer[pos++];
            }

            if (value < 0x80 || (count == 2 && value <= 0xFF))
            {
                throw Bad("non-minimal DLMS length at offset " + (pos - 1 - count));
            }

            return value;
        }

        private static void Skip(byte[] buffer, ref int pos, int end, int depth)
        {
            if (depth > MaxDepth)
            {
                throw Bad("DLMS data nested too deeply");
            }

            if (pos >= end)
            {
                throw Bad("DLMS data element missing at offset " + pos);
            }

            int type = buffer[pos++];
            int size;
            switch (type)
            {
                case Null:
                    return;
                case ArrayType:
                case Structure:
                    int count = ReadLength(buffer, ref pos, end);
                    for (int i = 0; i < count; i++)
                    {
                        Skip(buffer, ref pos, end, depth + 1);
                    }

                    return;
                case 0x04: // bit-string: length in bits
                    int bits = ReadLength(buffer, ref pos, end);
                    size = (bits + 7) / 8;
                    break;
                case OctetString:
                case 0x0A: // visible-string
                case 0x0C: // utf8-string
                    size = ReadLength(buffer, ref pos, end);
                    break;
                case 0x03: // boolean
                case 0x0D: // bcd
                case 0x0F: // integer
                case 0x11: // unsigned
                case 0x16: // enum
                    size = 1;
                    break;
                case 0x10: // long
                case LongUnsigned:
                    size = 2;
                    break;
                case 0x05: // double-long
                case 0x06: // double-long-unsigned
                case 0x17: // float32
                case 0x1B: // time
                    size = 4;
                    break;
                case 0x1A: // date
                    size = 5;
                    break;
                case 0x14: // long64
                case 0x15: // long64-unsigned
                case 0x18: // float64
                    size = 8;
                    break;
                case 0x19: // date-time
                    size = 12;
                    break;
                default:
                    throw Bad("DLMS data type 0x" + type.ToString("X2") + " at offset " + (pos - 1) + " is not supported");
            }

            if (size > end - pos)
            {
                throw new GbcsFormatException(GbcsError.Truncated, "DLMS data element of " + size + " bytes runs past the payload end");
            }

            pos += size;
        }

        private static GbcsFormatException Bad(string message)
        {
            return new GbcsFormatException(GbcsError.BadPayload, message);
        }
    }
}
