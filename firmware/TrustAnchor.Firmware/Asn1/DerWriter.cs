using System;

namespace TrustAnchor.Firmware.Asn1
{
    /// <summary>
    /// Builds DER (responses, PKCS#10 requests, pack records). Constructed values are opened with
    /// <see cref="PushSequence"/>/<see cref="PushConstructed"/> and closed with the matching pop, which fills in the
    /// minimal length. Allocates (a growing buffer); not used on the verification path.
    /// </summary>
    public class DerWriter
    {
        private byte[] _buffer;
        private int _length;
        private int[] _stack;
        private int _depth;

        public DerWriter()
            : this(256)
        {
        }

        public DerWriter(int initialCapacity)
        {
            _buffer = new byte[initialCapacity < 16 ? 16 : initialCapacity];
            _stack = new int[8];
        }

        /// <summary>Bytes written so far (including open constructed headers).</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>Discards everything written.</summary>
        public void Reset()
        {
            _length = 0;
            _depth = 0;
        }

        // ------------------------------------------------------------------ constructed

        public void PushSequence()
        {
            PushConstructed(DerTag.Sequence);
        }

        public void PopSequence()
        {
            Pop(DerTag.Sequence);
        }

        /// <summary>Opens a SET OF. The caller writes elements in DER order (or one element, as in a Name's RDN).</summary>
        public void PushSet()
        {
            PushConstructed(DerTag.Set);
        }

        public void PopSet()
        {
            Pop(DerTag.Set);
        }

        /// <summary>Opens a constructed element with the given tag (e.g. 0xA0, 0x30, or 0x04 to wrap DER in an OCTET STRING).</summary>
        public void PushConstructed(int tag)
        {
            CheckTag(tag);
            WriteByte(tag);
            if (_depth == _stack.Length)
            {
                int[] larger = new int[_stack.Length * 2];
                Array.Copy(_stack, 0, larger, 0, _depth);
                _stack = larger;
            }

            // Remember where the content starts; one length octet is reserved and widened on Pop if needed.
            WriteByte(0);
            _stack[_depth++] = _length;
        }

        /// <summary>Closes the innermost open element.</summary>
        public void Pop()
        {
            if (_depth == 0)
            {
                throw new DerFormatException(DerError.UnencodableValue, "DER writer: Pop without a matching Push");
            }

            int contentStart = _stack[--_depth];
            int contentLength = _length - contentStart;
            int lengthOctets = LengthOfLength(contentLength);
            int extra = lengthOctets - 1;
            if (extra > 0)
            {
                EnsureCapacity(extra);
                for (int i = _length - 1; i >= contentStart; i--)
                {
                    _buffer[i + extra] = _buffer[i];
                }

                _length += extra;
            }

            WriteLengthAt(contentStart - 1, contentLength, lengthOctets);
        }

        private void Pop(int expectedTag)
        {
            if (_depth == 0 || _buffer[_stack[_depth - 1] - 2] != expectedTag)
            {
                throw new DerFormatException(DerError.UnencodableValue, "DER writer: Pop does not match the open element");
            }

            Pop();
        }

        // ------------------------------------------------------------------ primitives

        public void WriteInteger(long value)
        {
            int n = 8;
            // Drop leading octets that only repeat the sign.
            while (n > 1)
            {
                int top = (int)((value >> ((n - 1) * 8)) & 0xFF);
                int next = (int)((value >> ((n - 2) * 8)) & 0xFF);
                if ((top == 0x00 && (next & 0x80) == 0) || (top == 0xFF && (next & 0x80) != 0))
                {
                    n--;
                }
                else
                {
                    break;
                }
            }

            WriteHeader(DerTag.Integer, n);
            for (int i = n - 1; i >= 0; i--)
            {
                WriteByte((int)((value >> (i * 8)) & 0xFF));
            }
        }

        /// <summary>Writes a non-negative INTEGER from an unsigned big-endian magnitude (leading zeros stripped, sign octet added).</summary>
        public void WriteIntegerUnsigned(byte[] bigEndian)
        {
            if (bigEndian == null)
            {
                throw new DerFormatException(DerError.UnencodableValue, "DER writer: null integer");
            }

            WriteIntegerUnsigned(bigEndian, 0, bigEndian.Length);
        }

        public void WriteIntegerUnsigned(byte[] bigEndian, int offset, int count)
        {
            CheckRange(bigEndian, offset, count);
            while (count > 0 && bigEndian[offset] == 0)
            {
                offset++;
                count--;
            }

            if (count == 0)
            {
                WriteHeader(DerTag.Integer, 1);
                WriteByte(0);
                return;
            }

            bool pad = (bigEndian[offset] & 0x80) != 0;
            WriteHeader(DerTag.Integer, count + (pad ? 1 : 0));
            if (pad)
            {
                WriteByte(0);
            }

            WriteBytes(bigEndian, offset, count);
        }

        public void WriteOctetString(byte[] data)
        {
            if (data == null)
            {
                throw new DerFormatException(DerError.UnencodableValue, "DER writer: null octet string");
            }

            WriteOctetString(data, 0, data.Length);
        }

        public void WriteOctetString(byte[] data, int offset, int count)
        {
            WriteTagged(DerTag.OctetString, data, offset, count);
        }

        /// <summary>Writes a BIT STRING; the <paramref name="unusedBits"/> low bits of the last octet must be zero.</summary>
        public void WriteBitString(byte[] data, int unusedBits)
        {
            if (data == null)
            {
                throw new DerFormatException(DerError.UnencodableValue, "DER writer: null bit string");
            }

            WriteBitString(data, 0, data.Length, unusedBits);
        }

        public void WriteBitString(byte[] data, int offset, int count, int unusedBits)
        {
            WriteBitString(DerTag.BitString, data, offset, count, unusedBits);
        }

        /// <summary>BIT STRING under an implicit tag.</summary>
        public void WriteBitString(int tag, byte[] data, int offset, int count, int unusedBits)
        {
            CheckRange(data, offset, count);
            if (unusedBits < 0 || unusedBits > 7 || (count == 0 && unusedBits != 0)
                || (count > 0 && (data[offset + count - 1] & ((1 << unusedBits) - 1)) != 0))
            {
                throw new DerFormatException(DerError.UnencodableValue, "DER writer: invalid BIT STRING padding");
            }

            WriteHeader(tag, count + 1);
            WriteByte(unusedBits);
            WriteBytes(data, offset, count);
        }

        /// <summary>
        /// Writes a named-bit BIT STRING (e.g. KeyUsage) from flags laid out as <see cref="DerReader.ReadNamedBitListFlags"/>
        /// returns them, with trailing zero bits removed as DER requires.
        /// </summary>
        public void WriteNamedBitList(int flags)
        {
            int octets = 0;
            for (int i = 0; i < 4; i++)
            {
                if (((flags >> (8 * i)) & 0xFF) != 0)
                {
                    octets = i + 1;
                }
            }

            int unused = 0;
            if (octets > 0)
            {
                int last = (flags >> (8 * (octets - 1))) & 0xFF;
                while ((last & (1 << unused)) == 0)
                {
                    unused++;
                }
            }

            WriteHeader(DerTag.BitString, octets + 1);
            WriteByte(unused);
            for (int i = 0; i < octets; i++)
            {
                WriteByte((flags >> (8 * i)) & 0xFF);
            }
        }

        /// <summary>Writes an OBJECT IDENTIFIER from its content octets (see <see cref="Oids"/>).</summary>
        public void WriteObjectIdentifier(byte[] encoded)
        {
            if (encoded == null || encoded.Length == 0 || (encoded[encoded.Length - 1] & 0x80) != 0)
            {
                throw new DerFormatException(DerError.UnencodableValue, "DER writer: malformed OBJECT IDENTIFIER");
            }

            WriteTagged(DerTag.ObjectIdentifier, encoded, 0, encoded.Length);
        }

        public void WriteNull()
        {
            WriteHeader(DerTag.Null, 0);
        }

        public void WriteBoolean(bool value)
        {
            WriteHeader(DerTag.Boolean, 1);
            WriteByte(value ? 0xFF : 0x00);
        }

        public void WriteEnumerated(int value)
        {
            int start = _length;
            WriteInteger(value);
            _buffer[start] = DerTag.Enumerated;
        }

        /// <summary>GeneralizedTime YYYYMMDDHHMMSSZ (whole seconds; the value is taken as UTC).</summary>
        public void WriteGeneralizedTime(DateTime time)
        {
            WriteHeader(DerTag.GeneralizedTime, 15);
            WriteDigits(time.Year, 4);
            WriteTimeTail(time);
        }

        /// <summary>UTCTime YYMMDDHHMMSSZ; only years 1950..2049 are representable (RFC 5280).</summary>
        public void WriteUtcTime(DateTime time)
        {
            int year = time.Year;
            if (year < 1950 || year > 2049)
            {
                throw new DerFormatException(DerError.UnencodableValue, "DER writer: UTCTime holds years 1950..2049 only, not " + year.ToString());
            }

            WriteHeader(DerTag.UtcTime, 13);
            WriteDigits(year % 100, 2);
            WriteTimeTail(time);
        }

        /// <summary>RFC 5280 rule: UTCTime through 2049, GeneralizedTime from 2050.</summary>
        public void WriteTime(DateTime time)
        {
            if (time.Year >= 1950 && time.Year <= 2049)
            {
                WriteUtcTime(time);
            }
            else
            {
                WriteGeneralizedTime(time);
            }
        }

        /// <summary>UTF8String (full UTF-16 to UTF-8 conversion; ASCII passes through unchanged).</summary>
        public void WriteUtf8String(string value)
        {
            WriteString(DerTag.Utf8String, value);
        }

        /// <summary>A string type with UTF-8 content octets under <paramref name="tag"/> (e.g. 0x0C UTF8String, 0x16 IA5String).</summary>
        public void WriteString(int tag, string value)
        {
            if (value == null)
            {
                throw new DerFormatException(DerError.UnencodableValue, "DER writer: null string");
            }

            int count = 0;
            for (int i = 0; i < value.Length; i++)
            {
                int c = value[i];
                if (c < 0x80)
                {
                    count += 1;
                }
                else if (c < 0x800)
                {
                    count += 2;
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < value.Length && value[i + 1] >= 0xDC00 && value[i + 1] <= 0xDFFF)
                {
                    count += 4;
                    i++;
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    throw new DerFormatException(DerError.InvalidString, "DER writer: unpaired surrogate in string");
                }
                else
                {
                    count += 3;
                }
            }

            WriteHeader(tag, count);
            for (int i = 0; i < value.Length; i++)
            {
                int c = value[i];
                if (c < 0x80)
                {
                    WriteByte(c);
                }
                else if (c < 0x800)
                {
                    WriteByte(0xC0 | (c >> 6));
                    WriteByte(0x80 | (c & 0x3F));
                }
                else if (c >= 0xD800 && c <= 0xDBFF)
                {
                    int cp = 0x10000 + ((c - 0xD800) << 10) + (value[i + 1] - 0xDC00);
                    i++;
                    WriteByte(0xF0 | (cp >> 18));
                    WriteByte(0x80 | ((cp >> 12) & 0x3F));
                    WriteByte(0x80 | ((cp >> 6) & 0x3F));
                    WriteByte(0x80 | (cp & 0x3F));
                }
                else
                {
                    WriteByte(0xE0 | (c >> 12));
                    WriteByte(0x80 | ((c >> 6) & 0x3F));
                    WriteByte(0x80 | (c & 0x3F));
                }
            }
        }

        /// <summary>Copies an already-encoded element (or several) verbatim.</summary>
        public void WriteEncoded(byte[] data, int offset, int count)
        {
            CheckRange(data, offset, count);
            WriteBytes(data, offset, count);
        }

        public void WriteEncoded(byte[] data)
        {
            if (data == null)
            {
                throw new DerFormatException(DerError.UnencodableValue, "DER writer: null encoding");
            }

            WriteBytes(data, 0, data.Length);
        }

        /// <summary>A primitive element with the given tag and content (implicit tagging, e.g. 0x80 for [0]).</summary>
        public void WriteTagged(int tag, byte[] content, int offset, int count)
        {
            CheckRange(content, offset, count);
            WriteHeader(tag, count);
            WriteBytes(content, offset, count);
        }

        /// <summary>The encoding; every Push must have been popped.</summary>
        public byte[] ToArray()
        {
            if (_depth != 0)
            {
                throw new DerFormatException(DerError.UnencodableValue, "DER writer: " + _depth.ToString() + " constructed element(s) still open");
            }

            byte[] result = new byte[_length];
            Array.Copy(_buffer, 0, result, 0, _length);
            return result;
        }

        // ------------------------------------------------------------------ internals

        private void WriteHeader(int tag, int contentLength)
        {
            CheckTag(tag);
            WriteByte(tag);
            int lengthOctets = LengthOfLength(contentLength);
            EnsureCapacity(lengthOctets);
            WriteLengthAt(_length, contentLength, lengthOctets);
            _length += lengthOctets;
        }

        private static void CheckTag(int tag)
        {
            if (tag <= 0 || tag > 0xFF || (tag & 0x1F) == 0x1F)
            {
                throw new DerFormatException(DerError.UnencodableValue, "DER writer: tag must be one octet with a low tag number");
            }
        }

        private static int LengthOfLength(int length)
        {
            if (length < 0x80)
            {
                return 1;
            }

            if (length < 0x100)
            {
                return 2;
            }

            if (length < 0x10000)
            {
                return 3;
            }

            if (length < 0x1000000)
            {
                return 4;
            }

            return 5;
        }

        private void WriteLengthAt(int at, int length, int lengthOctets)
        {
            if (lengthOctets == 1)
            {
                _buffer[at] = (byte)length;
                return;
            }

            _buffer[at] = (byte)(0x80 | (lengthOctets - 1));
            for (int i = 1; i < lengthOctets; i++)
            {
                _buffer[at + i] = (byte)(length >> (8 * (lengthOctets - 1 - i)));
            }
        }

        private void WriteDigits(int value, int count)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                int divisor = 1;
                for (int k = 0; k < i; k++)
                {
                    divisor *= 10;
                }

                WriteByte('0' + ((value / divisor) % 10));
            }
        }

        private void WriteTimeTail(DateTime time)
        {
            WriteDigits(time.Month, 2);
            WriteDigits(time.Day, 2);
            WriteDigits(time.Hour, 2);
            WriteDigits(time.Minute, 2);
            WriteDigits(time.Second, 2);
            WriteByte('Z');
        }

        private static void CheckRange(byte[] data, int offset, int count)
        {
            if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new DerFormatException(DerError.UnencodableValue, "DER writer: source range outside the array");
            }
        }

        private void WriteByte(int value)
        {
            EnsureCapacity(1);
            _buffer[_length++] = (byte)value;
        }

        private void WriteBytes(byte[] data, int offset, int count)
        {
            EnsureCapacity(count);
            Array.Copy(data, offset, _buffer, _length, count);
            _length += count;
        }

        private void EnsureCapacity(int extra)
        {
            if (_length + extra <= _buffer.Length)
            {
                return;
            }

            int size = _buffer.Length * 2;
            while (size < _length + extra)
            {
                size *= 2;
            }

            byte[] larger = new byte[size];
            Array.Copy(_buffer, 0, larger, 0, _length);
            _buffer = larger;
        }
    }
}
