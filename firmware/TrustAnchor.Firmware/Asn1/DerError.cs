namespace TrustAnchor.Firmware.Asn1
{
    /// <summary>Codes carried by <see cref="DerFormatException"/> (range 0x01xx): one per DER rule, so callers and tests can tell causes apart.</summary>
    public enum DerError
    {
        /// <summary>Null buffer or an offset/length outside it.</summary>
        InvalidArgument = 0x0101,
        /// <summary>The data ends inside a tag, a length or a value.</summary>
        UnexpectedEndOfData = 0x0102,
        /// <summary>Tag number 31 or above (high-tag-number form): never used by the structures we read.</summary>
        HighTagNumber = 0x0103,
        /// <summary>Indefinite length (0x80): BER only.</summary>
        IndefiniteLength = 0x0104,
        /// <summary>A length in long form that fits a shorter form, or has leading zero octets.</summary>
        NonMinimalLength = 0x0105,
        /// <summary>A length larger than the data that encloses it (or than 2^31-1).</summary>
        LengthExceedsData = 0x0106,
        /// <summary>Another tag than the one the structure requires here.</summary>
        UnexpectedTag = 0x0107,
        /// <summary>Bytes left over after the last element of a structure.</summary>
        TrailingData = 0x0108,
        /// <summary>INTEGER with no content octets.</summary>
        EmptyInteger = 0x0109,
        /// <summary>INTEGER with a redundant leading 0x00 or 0xFF octet.</summary>
        NonMinimalInteger = 0x010A,
        /// <summary>INTEGER outside the range the field allows.</summary>
        IntegerOutOfRange = 0x010B,
        /// <summary>Negative INTEGER where only non-negative values are allowed.</summary>
        NegativeInteger = 0x010C,
        /// <summary>BIT STRING with no content octets (the unused-bits octet is missing).</summary>
        EmptyBitString = 0x010D,
        /// <summary>BIT STRING unused-bits count above 7, or non-zero in an empty string.</summary>
        InvalidUnusedBits = 0x010E,
        /// <summary>BIT STRING whose unused bits are not all zero.</summary>
        NonZeroUnusedBits = 0x010F,
        /// <summary>Named-bit-list BIT STRING with trailing zero bits (DER removes them).</summary>
        NamedBitListNotMinimal = 0x0110,
        /// <summary>OBJECT IDENTIFIER that is empty, has a sub-identifier starting 0x80, or ends mid sub-identifier.</summary>
        InvalidObjectIdentifier = 0x0111,
        /// <summary>UTCTime/GeneralizedTime not in the one DER form (YYMMDDHHMMSSZ / YYYYMMDDHHMMSSZ).</summary>
        InvalidTimeFormat = 0x0112,
        /// <summary>A time whose month, day, hour, minute or second is outside the calendar.</summary>
        InvalidTimeValue = 0x0113,
        /// <summary>BOOLEAN not exactly one octet of 0x00 or 0xFF.</summary>
        InvalidBoolean = 0x0114,
        /// <summary>NULL with content.</summary>
        InvalidNull = 0x0115,
        /// <summary>SET OF whose elements are not in ascending DER order.</summary>
        SetOfNotSorted = 0x0116,
        /// <summary>A primitive type encoded constructed, or a constructed type encoded primitive.</summary>
        InvalidConstruction = 0x0117,
        /// <summary>A value the writer cannot encode (caller error on the building side).</summary>
        UnencodableValue = 0x0118,
        /// <summary>A string that is not valid for its type (e.g. non-ASCII in PrintableString).</summary>
        InvalidString = 0x0119,
    }
}
