using System;
using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// DER pieces the GBCS payloads share: non-negative INTEGERs under implicit context tags (sequence numbers
    /// are 64-bit unsigned), TrustAnchorCellIdentifier with or without an implicit tag, and the error wrapping
    /// that turns any lower-level TrustAnchorException into a <see cref="GbcsFormatException"/>.
    /// </summary>
    internal static class GbcsDer
    {
        /// <summary>A non-negative INTEGER (universal or implicitly tagged) that fits in 64 unsigned bits.</summary>
        internal static ulong ReadUInt64(ref DerReader reader, int tag, string what)
        {
            int offset;
            int length;
            int start = reader.Position;
            reader.ReadElement(tag, out offset, out length);
            byte[] b = reader.Buffer;
            if (length == 0)
            {
                throw Bad(what + ": empty INTEGER at offset " + start);
            }

            if (length > 1 && ((b[offset] == 0 && (b[offset + 1] & 0x80) == 0) || (b[offset] == 0xFF && (b[offset + 1] & 0x80) != 0)))
            {
                throw Bad(what + ": non-minimal INTEGER at offset " + start);
            }

            if ((b[offset] & 0x80) != 0)
            {
                throw Range(what + " is negative");
            }

            if (b[offset] == 0)
            {
                offset++;
                length--;
            }

            if (length > 8)
            {
                throw Range(what + " does not fit in 64 bits");
            }

            ulong value = 0;
            for (int i = 0; i < length; i++)
            {
                value = (value << 8) | b[offset + i];
            }

            return value;
        }

        /// <summary>A non-negative INTEGER no larger than <paramref name="max"/>.</summary>
        internal static int ReadSmall(ref DerReader reader, int tag, int max, string what)
        {
            ulong value = ReadUInt64(ref reader, tag, what);
            if (value > (ulong)max)
            {
                throw Range(what + " " + value.ToString() + " exceeds " + max);
            }

            return (int)value;
        }

        /// <summary>Writes a non-negative INTEGER under <paramref name="tag"/> (0x02 or an implicit context tag).</summary>
        internal static void WriteUInt64(DerWriter writer, int tag, ulong value)
        {
            byte[] content = new byte[9];
            int start = 8;
            content[8] = (byte)value;
            ulong rest = value >> 8;
            while (rest != 0)
            {
                content[--start] = (byte)rest;
                rest >>= 8;
            }

            if ((content[start] & 0x80) != 0)
            {
                content[--start] = 0;
            }

            writer.WriteTagged(tag, content, start, 9 - start);
        }

        internal static void WriteInteger(DerWriter writer, ulong value)
        {
            WriteUInt64(writer, DerTag.Integer, value);
        }

        /// <summary>An OCTET STRING of exactly <paramref name="size"/> bytes (copied).</summary>
        internal static byte[] ReadFixedOctetString(ref DerReader reader, int size, string what)
        {
            int offset;
            int length;
            reader.ReadOctetString(out offset, out length);
            if (length != size)
            {
                throw Range(what + " is " + length + " bytes, expected " + size);
            }

            byte[] copy = new byte[size];
            Array.Copy(reader.Buffer, offset, copy, 0, size);
            return copy;
        }

        internal static void WriteFixedOctetString(DerWriter writer, byte[] value, int size, string what)
        {
            if (value == null || value.Length != size)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, what + " must be " + size + " bytes");
            }

            writer.WriteOctetString(value, 0, size);
        }

        /// <summary>
        /// A TrustAnchorCellIdentifier SEQUENCE, or its implicitly tagged form (e.g. 0xA2), decoded by
        /// <see cref="TrustAnchorCellIdentifier.Decode(ref DerReader)"/> (the tagged form via a retagged copy).
        /// </summary>
        internal static TrustAnchorCellIdentifier ReadCell(ref DerReader reader, int tag)
        {
            if (tag == DerTag.Sequence)
            {
                return TrustAnchorCellIdentifier.Decode(ref reader);
            }

            if (!reader.PeekTagIs(tag))
            {
                throw Bad("expected a cell identifier tagged 0x" + tag.ToString("X2"));
            }

            int offset;
            int length;
            reader.ReadEncodedValue(out offset, out length);
            byte[] copy = new byte[length];
            Array.Copy(reader.Buffer, offset, copy, 0, length);
            copy[0] = DerTag.Sequence;
            return TrustAnchorCellIdentifier.Decode(copy);
        }

        internal static void WriteCell(DerWriter writer, TrustAnchorCellIdentifier cell, int tag)
        {
            if (cell == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no cell identifier");
            }

            byte[] der = cell.ToDer();
            der[0] = (byte)tag;
            writer.WriteEncoded(der, 0, der.Length);
        }

        /// <summary>A key usage BIT STRING of one octet (DS 0x80, KA 0x08, keyCertSign 0x04, ...).</summary>
        internal static int ReadKeyUsage(ref DerReader reader)
        {
            int unusedBits;
            int offset;
            int length;
            reader.ReadNamedBitList(out unusedBits, out offset, out length);
            if (length != 1)
            {
                throw Range("keyUsage must be one octet");
            }

            return reader.Buffer[offset];
        }

        internal static void WriteKeyUsage(DerWriter writer, KeyUsage keyUsage)
        {
            if ((int)keyUsage <= 0 || (int)keyUsage > 0xFF)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "keyUsage must be one non-zero octet");
            }

            writer.WriteNamedBitList((int)keyUsage);
        }

        /// <summary>Device key pairs are either digitalSignature (0x80) or keyAgreement (0x08).</summary>
        internal static void CheckDeviceKeyUsage(KeyUsage keyUsage)
        {
            if ((int)keyUsage != 0x80 && (int)keyUsage != 0x08)
            {
                throw Range("device key usage must be digitalSignature (0x80) or keyAgreement (0x08), not 0x" + ((int)keyUsage).ToString("X2"));
            }
        }

        /// <summary>Reads the next element and returns its whole TLV as a view.</summary>
        internal static DerView ReadView(ref DerReader reader, int expectedTag, string what)
        {
            if (reader.PeekTag() != expectedTag)
            {
                throw Bad(what + ": unexpected tag 0x" + reader.PeekTag().ToString("X2"));
            }

            int offset;
            int length;
            reader.ReadEncodedValue(out offset, out length);
            return new DerView(reader.Buffer, offset, length);
        }

        internal static GbcsFormatException Bad(string message)
        {
            return new GbcsFormatException(GbcsError.BadPayload, message);
        }

        internal static GbcsFormatException Range(string message)
        {
            return new GbcsFormatException(GbcsError.PayloadValueOutOfRange, message);
        }

        /// <summary>Turns a lower-level typed error (DER, cell identifier) into a payload error, keeping it as the cause.</summary>
        internal static GbcsFormatException Wrap(TrustAnchorException e, string payload)
        {
            GbcsFormatException g = e as GbcsFormatException;
            if (g != null)
            {
                return g;
            }

            return new GbcsFormatException(GbcsError.BadPayload, payload + ": " + e.Message, e);
        }

        internal static void CheckView(byte[] payload, int offset, int length)
        {
            if (payload == null || offset < 0 || length < 0 || offset > payload.Length - length)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "payload view out of range");
            }
        }
    }
}
