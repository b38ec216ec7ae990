namespace TrustAnchor.Firmware.Link
{
    /// <summary>
    /// UTF-8 for ERROR texts. nanoFramework keeps System.Text.Encoding in a separate package, and a board's
    /// messages are short, so the link carries its own encoder: BMP characters only, anything else as '?'.
    /// </summary>
    public static class LinkText
    {
        public static byte[] Encode(string text)
        {
            int size = 0;
            for (int i = 0; i < text.Length; i++)
            {
                size += Width(text[i]);
            }

            var bytes = new byte[size];
            int at = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int c = text[i];
                if (c >= 0xD800 && c <= 0xDFFF)
                {
                    c = '?';
                }

                if (c < 0x80)
                {
                    bytes[at++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    bytes[at++] = (byte)(0xC0 | (c >> 6));
                    bytes[at++] = (byte)(0x80 | (c & 0x3F));
                }
                else
                {
                    bytes[at++] = (byte)(0xE0 | (c >> 12));
                    bytes[at++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    bytes[at++] = (byte)(0x80 | (c & 0x3F));
                }
            }

            return bytes;
        }

        public static string Decode(byte[] bytes)
        {
            var chars = new char[bytes.Length];
            int n = 0;
            int i = 0;
            while (i < bytes.Length)
            {
                int b = bytes[i];
                int c;
                int extra;
                if (b < 0x80)
                {
                    c = b;
                    extra = 0;
                }
                else if ((b & 0xE0) == 0xC0)
                {
                    c = b & 0x1F;
                    extra = 1;
                }
                else if ((b & 0xF0) == 0xE0)
                {
                    c = b & 0x0F;
                    extra = 2;
                }
                else
                {
                    chars[n++] = '?';
                    i++;
                    continue;
                }

                if (i + extra >= bytes.Length)
                {
                    // A sequence cut short by the end of the text.
                    chars[n++] = '?';
                    break;
                }

                bool ok = true;
                for (int k = 1; k <= extra; k++)
                {
                    int next = bytes[i + k];
                    if ((next & 0xC0) != 0x80)
                    {
                        ok = false;
                        break;
                    }

                    c = (c << 6) | (next & 0x3F);
                }

                if (!ok)
                {
                    chars[n++] = '?';
                    i++;
                    continue;
                }

                chars[n++] = (char)c;
                i += extra + 1;
            }

            return new string(chars, 0, n);
        }

        private static int Width(char c)
        {
            if (c >= 0xD800 && c <= 0xDFFF)
            {
                return 1;
            }

            return c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
    }
}
