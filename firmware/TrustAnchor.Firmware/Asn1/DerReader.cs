using System;

namespace TrustAnchor.Firmware.Asn1
{
    /// <summary>
    /// Strict, forward-only DER reader over a window of a byte array. It never copies and never allocates while
    /// walking: values are returned as (offset, length) views into <see cref="Buffer"/>, and nested structures as
    /// new readers over the same array. Anything that is not the one DER encoding (indefinite or non-minimal
    /// lengths, non-minimal integers, loose BIT STRING padding, malformed OIDs or times, trailing bytes) is
    /// rejected with a <see cref="DerFormatException"/> naming the rule and the offset; no other exception escapes.
    /// A reader is a mutable struct: keep it in a local and pass it by ref.
    /// </summary>
    public struct DerReader
    {
        private const long TicksPerSecond = 10000000L;
        private const long TicksPerDay = 864000000000L;
        private const int MaxSubidentifierBits = 128;
        private const int MaxArcs = 64;

        private readonly byte[] _buffer;
        private readonly int _end;
        private int _position;

        /// <summary>Reader over <paramref name="length"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        public DerReader(byte[] buffer, int offset, int length)
        {
            if (buffer == null)
            {
                throw new DerFormatException(DerError.InvalidArgument, "DER: no data (null buffer)");
            }

            if (offset < 0 || length < 0 || offset > buffer.Length - length)
            {
                throw new DerFormatException(DerError.InvalidArgument, "DER: window " + offset.ToString() + "+" + length.ToString() + " lies outside a buffer of " + buffer.Length.ToString() + " bytes");
            }

            _buffer = buffer;
            _position = offset;
            _end = offset + length;
        }

        /// <summary>Reader over the whole of <paramref name="buffer"/>.</summary>
        public DerReader(byte[] buffer)
            : this(buffer, 0, buffer == null ? 0 : buffer.Length)
        {
        }

        /// <summary>The array the views refer to.</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Offset in <see cref="Buffer"/> of the next element.</summary>
        public int Position
        {
            get { return _position; }
        }

        /// <summary>Offset just past the reader's window.</summary>
        public int End
        {
            get { return _end; }
        }

        /// <summary>Bytes left in the window.</summary>
        public int Remaining
        {
            get { return _end - _position; }
        }

        /// <summary>True while elements remain.</summary>
        public bool HasData
        {
            get { return _position < _end; }
        }

        /// <summary>The next element's tag octet (the reader does not move). Throws when no data is left.</summary>
        public int PeekTag()
        {
            if (_position >= _end)
            {
                throw Error(DerError.UnexpectedEndOfData, "expected another element but the data ended", _position);
            }

            int tag = _buffer[_position];
            CheckTagOctet(tag, _position);
            return tag;
        }

        /// <summary>True when another element follows and its tag is <paramref name="tag"/>.</summary>
        public bool PeekTagIs(int tag)
        {
            return _position < _end && _buffer[_position] == tag;
        }

        /// <summary>Throws <see cref="DerError.TrailingData"/> unless the window is used up.</summary>
        public void ThrowIfNotEmpty()
        {
            if (_position != _end)
            {
                throw Error(DerError.TrailingData, (_end - _position).ToString() + " unexpected byte(s) after the last element", _position);
            }
        }

        // ------------------------------------------------------------------ structure

        /// <summary>Reads a SEQUENCE and returns a reader over its content.</summary>
        public DerReader ReadSequence()
        {
            return ReadConstructed(DerTag.Sequence);
        }

        /// <summary>
        /// Reads a SET OF and returns a reader over its content, after checking DER's ascending order of the
        /// elements' encodings (X.690 11.6).
        /// </summary>
        public DerReader ReadSetOf()
        {
            int contentOffset;
            int contentLength;
            ReadElement(DerTag.Set, out contentOffset, out contentLength);
            DerReader inner = new DerReader(_buffer, contentOffset, contentLength);
            CheckSetOfOrder(inner);
            return inner;
        }

        /// <summary>Reads a constructed element with tag <paramref name="tag"/> (e.g. 0xA0 for [0]) and returns a reader over its content.</summary>
        public DerReader ReadConstructed(int tag)
        {
            if ((tag & DerTag.ConstructedFlag) == 0)
            {
                throw Error(DerError.InvalidConstruction, "tag 0x" + Hex(tag) + " is not a constructed tag", _position);
            }

            int contentOffset;
            int contentLength;
            ReadElement(tag, out contentOffset, out contentLength);
            return new DerReader(_buffer, contentOffset, contentLength);
        }

        /// <summary>If the next element has tag <paramref name="tag"/>, reads it and returns true with a reader over its content.</summary>
        public bool TryReadOptionalConstructed(int tag, out DerReader inner)
        {
            if (PeekTagIs(tag))
            {
                inner = ReadConstructed(tag);
                return true;
            }

            inner = default(DerReader);
            return false;
        }

        /// <summary>Reads one element that must carry <paramref name="expectedTag"/>; returns a view of its content.</summary>
        public void ReadElement(int expectedTag, out int contentOffset, out int contentLength)
        {
            int start = _position;
            int tag;
            ReadHeader(out tag, out contentOffset, out contentLength);
            if (tag != expectedTag)
            {
                _position = start;
                throw Error(DerError.UnexpectedTag, "expected tag 0x" + Hex(expectedTag) + " but found 0x" + Hex(tag), start);
            }

            _position = contentOffset + contentLength;
        }

        /// <summary>Reads any one element; returns its tag and a view of its content.</summary>
        public int ReadAnyElement(out int contentOffset, out int contentLength)
        {
            int tag;
            ReadHeader(out tag, out contentOffset, out contentLength);
            _position = contentOffset + contentLength;
            return tag;
        }

        /// <summary>Reads any one element and returns a view of its whole encoding (tag, length and content).</summary>
        public void ReadEncodedValue(out int offset, out int length)
        {
            int start = _position;
            int tag;
            int contentOffset;
            int contentLength;
            ReadHeader(out tag, out contentOffset, out contentLength);
            _position = contentOffset + contentLength;
            offset = start;
            length = _position - start;
        }

        /// <summary>Skips one element of any tag.</summary>
        public void Skip()
        {
            int offset;
            int length;
            ReadEncodedValue(out offset, out length);
        }

        // ------------------------------------------------------------------ INTEGER

        /// <summary>Reads an INTEGER (minimal two's complement) and returns a view of its content octets, sign included.</summary>
        public void ReadInteger(out int offset, out int length)
        {
            ReadIntegerContent(DerTag.Integer, out offset, out length);
        }

        /// <summary>
        /// Reads a non-negative INTEGER and returns a view of its unsigned big-endian magnitude (the sign octet 0x00
        /// is skipped; zero is the single octet 0x00).
        /// </summary>
        public void ReadIntegerBytes(out int offset, out int length)
        {
            int start = _position;
            ReadIntegerContent(DerTag.Integer, out offset, out length);
            if ((_buffer[offset] & 0x80) != 0)
            {
                _position = start;
                throw Error(DerError.NegativeInteger, "INTEGER is negative where only non-negative values are allowed", start);
            }

            if (length > 1 && _buffer[offset] == 0)
            {
                offset++;
                length--;
            }
        }

        /// <summary>Reads an INTEGER that must fit in an Int32.</summary>
        public int ReadInt32()
        {
            return (int)ReadSigned(4, "Int32");
        }

        /// <summary>Reads an INTEGER that must fit in an Int64.</summary>
        public long ReadInt64()
        {
            return ReadSigned(8, "Int64");
        }

        /// <summary>Reads a non-negative INTEGER that must fit in a UInt64.</summary>
        public ulong ReadUInt64()
        {
            int start = _position;
            int offset;
            int length;
            ReadIntegerBytes(out offset, out length);
            if (length > 8)
            {
                _position = start;
                throw Error(DerError.IntegerOutOfRange, "INTEGER does not fit in 64 unsigned bits", start);
            }

            ulong value = 0;
            for (int i = 0; i < length; i++)
            {
                value = (value << 8) | _buffer[offset + i];
            }

            return value;
        }

        /// <summary>Reads an ENUMERATED that must fit in an Int32.</summary>
        public int ReadEnumerated()
        {
            int start = _position;
            int offset;
            int length;
            ReadIntegerContent(DerTag.Enumerated, out offset, out length);
            if (length > 4)
            {
                _position = start;
                throw Error(DerError.IntegerOutOfRange, "ENUMERATED does not fit in Int32", start);
            }

            return (int)SignExtend(offset, length);
        }

        // ------------------------------------------------------------------ strings of bits and octets

        /// <summary>Reads an OCTET STRING (primitive) and returns a view of its content.</summary>
        public void ReadOctetString(out int offset, out int length)
        {
            ReadElement(DerTag.OctetString, out offset, out length);
        }

        /// <summary>
        /// Reads a BIT STRING (primitive): the unused-bits count is 0..7, 0 when the string is empty, and the unused
        /// bits of the last octet are zero. Returns a view of the data octets (after the unused-bits octet).
        /// </summary>
        public void ReadBitString(out int unusedBits, out int offset, out int length)
        {
            ReadBitStringCore(DerTag.BitString, out unusedBits, out offset, out length);
        }

        /// <summary>As <see cref="ReadBitString(out int, out int, out int)"/> under an implicit tag (e.g. 0x81).</summary>
        public void ReadBitString(int tag, out int unusedBits, out int offset, out int length)
        {
            ReadBitStringCore(tag, out unusedBits, out offset, out length);
        }

        /// <summary>
        /// Reads a BIT STRING declared with named bits (e.g. KeyUsage): as <see cref="ReadBitString(out int, out int, out int)"/>
        /// plus DER's rule that trailing zero bits are removed (X.690 11.2.2), so the last data octet's lowest used bit is 1.
        /// </summary>
        public void ReadNamedBitList(out int unusedBits, out int offset, out int length)
        {
            int start = _position;
            ReadBitStringCore(DerTag.BitString, out unusedBits, out offset, out length);
            if (length > 0 && ((_buffer[offset + length - 1] >> unusedBits) & 1) == 0)
            {
                _position = start;
                throw Error(DerError.NamedBitListNotMinimal, "named-bit BIT STRING keeps trailing zero bits", start);
            }
        }

        /// <summary>
        /// Reads a named-bit BIT STRING of at most 32 bits and returns it as flags: bit 0 of the ASN.1 type is 0x80 of
        /// the first octet, i.e. the value is the first data octet in bits 7..0, the second in bits 15..8, and so on.
        /// </summary>
        public int ReadNamedBitListFlags()
        {
            int start = _position;
            int unusedBits;
            int offset;
            int length;
            ReadNamedBitList(out unusedBits, out offset, out length);
            if (length > 4)
            {
                _position = start;
                throw Error(DerError.IntegerOutOfRange, "named-bit BIT STRING longer than 32 bits", start);
            }

            int flags = 0;
            for (int i = 0; i < length; i++)
            {
                flags |= _buffer[offset + i] << (8 * i);
            }

            return flags;
        }

        // ------------------------------------------------------------------ OBJECT IDENTIFIER

        /// <summary>Reads an OBJECT IDENTIFIER (well-formed, minimal base-128) and returns a view of its content octets.</summary>
        public void ReadObjectIdentifier(out int offset, out int length)
        {
            int start = _position;
            ReadElement(DerTag.ObjectIdentifier, out offset, out length);
            if (length == 0)
            {
                _position = start;
                throw Error(DerError.InvalidObjectIdentifier, "OBJECT IDENTIFIER is empty", start);
            }

            // Bounded like System.Formats.Asn1: sub-identifiers of at most 128 bits, at most 64 arcs.
            bool atSubidentifierStart = true;
            int subidentifierBits = 0;
            int arcs = 1;
            for (int i = 0; i < length; i++)
            {
                int b = _buffer[offset + i];
                if (atSubidentifierStart)
                {
                    if (b == 0x80)
                    {
                        _position = start;
                        throw Error(DerError.InvalidObjectIdentifier, "OBJECT IDENTIFIER sub-identifier has a leading 0x80 (not minimal)", offset + i);
                    }

                    arcs++;
                    subidentifierBits = BitLength(b & 0x7F);
                }
                else
                {
                    subidentifierBits += 7;
                }

                if (subidentifierBits > MaxSubidentifierBits || arcs > MaxArcs)
                {
                    _position = start;
                    throw Error(DerError.InvalidObjectIdentifier, "OBJECT IDENTIFIER exceeds 64 arcs or 128-bit sub-identifiers", offset + i);
                }

                atSubidentifierStart = (b & 0x80) == 0;
            }

            if (!atSubidentifierStart)
            {
                _position = start;
                throw Error(DerError.InvalidObjectIdentifier, "OBJECT IDENTIFIER ends inside a sub-identifier", start);
            }
        }

        /// <summary>Reads an OBJECT IDENTIFIER and tells whether it equals <paramref name="encodedOid"/> (content octets, see <see cref="Oids"/>).</summary>
        public bool ReadObjectIdentifierEquals(byte[] encodedOid)
        {
            int offset;
            int length;
            ReadObjectIdentifier(out offset, out length);
            return Oids.Matches(encodedOid, _buffer, offset, length);
        }

        /// <summary>Reads an OBJECT IDENTIFIER that must equal <paramref name="encodedOid"/>; <paramref name="what"/> names it in the error.</summary>
        public void ReadExpectedObjectIdentifier(byte[] encodedOid, string what)
        {
            int start = _position;
            if (!ReadObjectIdentifierEquals(encodedOid))
            {
                _position = start;
                throw Error(DerError.UnexpectedTag, "expected the OBJECT IDENTIFIER of " + what, start);
            }
        }

        // ------------------------------------------------------------------ BOOLEAN, NULL

        /// <summary>Reads a BOOLEAN: one octet, 0x00 or 0xFF.</summary>
        public bool ReadBoolean()
        {
            int start = _position;
            int offset;
            int length;
            ReadElement(DerTag.Boolean, out offset, out length);
            if (length != 1)
            {
                _position = start;
                throw Error(DerError.InvalidBoolean, "BOOLEAN must have exactly one content octet", start);
            }

            int b = _buffer[offset];
            if (b != 0x00 && b != 0xFF)
            {
                _position = start;
                throw Error(DerError.InvalidBoolean, "BOOLEAN must be 0x00 or 0xFF in DER, found 0x" + Hex(b), start);
            }

            return b == 0xFF;
        }

        /// <summary>Reads a NULL (no content).</summary>
        public void ReadNull()
        {
            int start = _position;
            int offset;
            int length;
            ReadElement(DerTag.Null, out offset, out length);
            if (length != 0)
            {
                _position = start;
                throw Error(DerError.InvalidNull, "NULL must have no content", start);
            }
        }

        // ------------------------------------------------------------------ times

        /// <summary>
        /// Reads a UTCTime in its one DER form, YYMMDDHHMMSSZ; YY 50..99 is 19YY and 00..49 is 20YY (RFC 5280).
        /// Returns a UTC DateTime.
        /// </summary>
        public DateTime ReadUtcTime()
        {
            int start = _position;
            int offset;
            int length;
            ReadElement(DerTag.UtcTime, out offset, out length);
            if (length != 13 || _buffer[offset + 12] != (byte)'Z')
            {
                _position = start;
                throw Error(DerError.InvalidTimeFormat, "UTCTime must be YYMMDDHHMMSSZ", start);
            }

            int yy = Digits(offset, 2, start);
            int year = yy < 50 ? 2000 + yy : 1900 + yy;
            return MakeTime(year, offset + 2, start);
        }

        /// <summary>
        /// Reads a GeneralizedTime in the DER/RFC 5280 form YYYYMMDDHHMMSSZ (no fractions). Returns a UTC DateTime;
        /// a time after DateTime.MaxValue of the platform (nanoFramework stops at year 3000) saturates to MaxValue,
        /// which is how 99991231235959Z ("no well-defined expiration", RFC 5280 4.1.2.5) reads on a device.
        /// </summary>
        public DateTime ReadGeneralizedTime()
        {
            int start = _position;
            int offset;
            int length;
            ReadElement(DerTag.GeneralizedTime, out offset, out length);
            if (length != 15 || _buffer[offset + 14] != (byte)'Z')
            {
                _position = start;
                throw Error(DerError.InvalidTimeFormat, "GeneralizedTime must be YYYYMMDDHHMMSSZ (no fraction, UTC)", start);
            }

            int year = Digits(offset, 4, start);
            if (year == 0)
            {
                _position = start;
                throw Error(DerError.InvalidTimeValue, "GeneralizedTime year 0000 does not exist", start);
            }

            return MakeTime(year, offset + 4, start);
        }

        /// <summary>Reads an X.509 Time: UTCTime or GeneralizedTime.</summary>
        public DateTime ReadTime()
        {
            if (PeekTagIs(DerTag.GeneralizedTime))
            {
                return ReadGeneralizedTime();
            }

            return ReadUtcTime();
        }

        // ------------------------------------------------------------------ internals

        private void ReadHeader(out int tag, out int contentOffset, out int contentLength)
        {
            int p = _position;
            if (p >= _end)
            {
                throw Error(DerError.UnexpectedEndOfData, "expected another element but the data ended", p);
            }

            tag = _buffer[p];
            CheckTagOctet(tag, p);
            p++;
            if (p >= _end)
            {
                throw Error(DerError.UnexpectedEndOfData, "data ends before the length octet", p);
            }

            int first = _buffer[p++];
            int length;
            if (first < 0x80)
            {
                length = first;
            }
            else if (first == 0x80)
            {
                throw Error(DerError.IndefiniteLength, "indefinite length is not DER", p - 1);
            }
            else
            {
                int count = first & 0x7F;
                if (count > 4 || count == 0x7F)
                {
                    throw Error(DerError.LengthExceedsData, "length of " + count.ToString() + " octets is too large", p - 1);
                }

                if (count > _end - p)
                {
                    throw Error(DerError.UnexpectedEndOfData, "data ends inside a length", p - 1);
                }

                if (_buffer[p] == 0)
                {
                    throw Error(DerError.NonMinimalLength, "length has a leading zero octet", p - 1);
                }

                if (count == 4 && _buffer[p] >= 0x80)
                {
                    throw Error(DerError.LengthExceedsData, "length exceeds 2^31-1", p - 1);
                }

                length = 0;
                for (int i = 0; i < count; i++)
                {
                    length = (length << 8) | _buffer[p++];
                }

                if (length < 0x80)
                {
                    throw Error(DerError.NonMinimalLength, "length " + length.ToString() + " must use the short form", p - count - 1);
                }
            }

            if (length > _end - p)
            {
                throw Error(DerError.LengthExceedsData, "length " + length.ToString() + " runs past the end of the enclosing data (" + (_end - p).ToString() + " bytes left)", _position);
            }

            contentOffset = p;
            contentLength = length;
        }

        private static void CheckTagOctet(int tag, int at)
        {
            if ((tag & 0x1F) == 0x1F)
            {
                throw Error(DerError.HighTagNumber, "high-tag-number form (tag 0x" + Hex(tag) + ") is not used by these structures", at);
            }

            if (tag == 0x00)
            {
                throw Error(DerError.IndefiniteLength, "end-of-contents octets (tag 0x00) are not DER", at);
            }
        }

        private void ReadIntegerContent(int tag, out int offset, out int length)
        {
            int start = _position;
            ReadElement(tag, out offset, out length);
            if (length == 0)
            {
                _position = start;
                throw Error(DerError.EmptyInteger, "INTEGER has no content octets", start);
            }

            if (length > 1)
            {
                int b0 = _buffer[offset];
                int b1 = _buffer[offset + 1];
                if ((b0 == 0x00 && (b1 & 0x80) == 0) || (b0 == 0xFF && (b1 & 0x80) != 0))
                {
                    _position = start;
                    throw Error(DerError.NonMinimalInteger, "INTEGER has a redundant leading octet", start);
                }
            }
        }

        private long ReadSigned(int maxBytes, string typeName)
        {
            int start = _position;
            int offset;
            int length;
            ReadIntegerContent(DerTag.Integer, out offset, out length);
            if (length > maxBytes)
            {
                _position = start;
                throw Error(DerError.IntegerOutOfRange, "INTEGER does not fit in " + typeName, start);
            }

            return SignExtend(offset, length);
        }

        private long SignExtend(int offset, int length)
        {
            long value = (_buffer[offset] & 0x80) != 0 ? -1L : 0L;
            for (int i = 0; i < length; i++)
            {
                value = (value << 8) | _buffer[offset + i];
            }

            return value;
        }

        private void ReadBitStringCore(int tag, out int unusedBits, out int offset, out int length)
        {
            int start = _position;
            int contentOffset;
            int contentLength;
            ReadElement(tag, out contentOffset, out contentLength);
            if (contentLength == 0)
            {
                _position = start;
                throw Error(DerError.EmptyBitString, "BIT STRING lacks its unused-bits octet", start);
            }

            unusedBits = _buffer[contentOffset];
            offset = contentOffset + 1;
            length = contentLength - 1;
            if (unusedBits > 7 || (length == 0 && unusedBits != 0))
            {
                _position = start;
                throw Error(DerError.InvalidUnusedBits, "BIT STRING unused-bits count " + unusedBits.ToString() + " is invalid", start);
            }

            if (length > 0 && (_buffer[offset + length - 1] & ((1 << unusedBits) - 1)) != 0)
            {
                _position = start;
                throw Error(DerError.NonZeroUnusedBits, "BIT STRING unused bits are not zero", start);
            }
        }

        private static void CheckSetOfOrder(DerReader set)
        {
            int previousOffset = -1;
            int previousLength = 0;
            while (set.HasData)
            {
                int offset;
                int length;
                set.ReadEncodedValue(out offset, out length);
                if (previousOffset >= 0 && CompareEncodings(set._buffer, previousOffset, previousLength, offset, length) > 0)
                {
                    throw Error(DerError.SetOfNotSorted, "SET OF elements are not in DER order", offset);
                }

                previousOffset = offset;
                previousLength = length;
            }
        }

        // X.690 11.6: compare as octet strings, the shorter padded at the end with zero octets.
        private static int CompareEncodings(byte[] buffer, int aOffset, int aLength, int bOffset, int bLength)
        {
            int n = aLength > bLength ? aLength : bLength;
            for (int i = 0; i < n; i++)
            {
                int a = i < aLength ? buffer[aOffset + i] : 0;
                int b = i < bLength ? buffer[bOffset + i] : 0;
                if (a != b)
                {
                    return a - b;
                }
            }

            return 0;
        }

        private int Digits(int offset, int count, int elementStart)
        {
            int value = 0;
            for (int i = 0; i < count; i++)
            {
                int c = _buffer[offset + i];
                if (c < '0' || c > '9')
                {
                    _position = elementStart;
                    throw Error(DerError.InvalidTimeFormat, "time has a non-digit where a digit belongs", offset + i);
                }

                value = (value * 10) + (c - '0');
            }

            return value;
        }

        // Parses MMDDHHMMSS at offset for the given year.
        private DateTime MakeTime(int year, int offset, int elementStart)
        {
            int month = Digits(offset, 2, elementStart);
            int day = Digits(offset + 2, 2, elementStart);
            int hour = Digits(offset + 4, 2, elementStart);
            int minute = Digits(offset + 6, 2, elementStart);
            int second = Digits(offset + 8, 2, elementStart);
            if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            {
                _position = elementStart;
                throw Error(DerError.InvalidTimeValue, "time is not a calendar date and time of day", elementStart);
            }

            long days = DaysBeforeYear(year) + DaysBeforeMonth(year, month) + (day - 1);
            long ticks = (days * TicksPerDay) + ((((hour * 60L) + minute) * 60L) + second) * TicksPerSecond;
            if (ticks > DateTime.MaxValue.Ticks)
            {
                return DateTime.MaxValue;
            }

            if (ticks < DateTime.MinValue.Ticks)
            {
                return DateTime.MinValue;
            }

            return new DateTime(ticks, DateTimeKind.Utc);
        }

        private static int BitLength(int value)
        {
            int bits = 0;
            while (value != 0)
            {
                bits++;
                value >>= 1;
            }

            return bits;
        }

        private static bool IsLeapYear(int year)
        {
            return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        }

        private static int DaysInMonth(int year, int month)
        {
            if (month == 2)
            {
                return IsLeapYear(year) ? 29 : 28;
            }

            return (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
        }

        private static long DaysBeforeYear(int year)
        {
            long y = year - 1;
            return (y * 365) + (y / 4) - (y / 100) + (y / 400);
        }

        private static int DaysBeforeMonth(int year, int month)
        {
            int days = 0;
            for (int m = 1; m < month; m++)
            {
                days += DaysInMonth(year, m);
            }

            return days;
        }

        private static string Hex(int value)
        {
            const string digits = "0123456789ABCDEF";
            return new string(new char[] { digits[(value >> 4) & 0xF], digits[value & 0xF] });
        }

        private static DerFormatException Error(DerError code, string message, int offset)
        {
            return new DerFormatException(code, "DER: " + message + " (at offset " + offset.ToString() + ")");
        }
    }
}
