namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>Codes carried by <see cref="GbcsFormatException"/>.</summary>
    public enum GbcsError
    {
        /// <summary>Null or zero-length frame, or an argument out of range.</summary>
        InvalidArgument = 1,
        /// <summary>A field runs past the end of the frame.</summary>
        Truncated = 2,
        /// <summary>The frame starts with neither <c>DD</c> (MAC Header) nor <c>DF</c> (Grouping Header).</summary>
        UnknownTag = 3,
        /// <summary>MAC Header not <c>DD 00 00 00 00 00 00</c>.</summary>
        BadMacHeader = 4,
        /// <summary>Security header not <c>11 00 00 00 00</c>.</summary>
        BadSecurityHeader = 5,
        /// <summary>A BER length that is malformed, non-minimal or too large.</summary>
        BadLength = 6,
        /// <summary>Transaction identifier length is not 9.</summary>
        BadTransactionId = 7,
        /// <summary>CRA flag is not 1 (command), 2 (response) or 3 (alert).</summary>
        BadCraFlag = 8,
        /// <summary>Originator or target system title is not 8 bytes.</summary>
        BadSystemTitle = 9,
        /// <summary>Date-time field is neither <c>00</c> nor <c>0C</c> + 12 bytes, or its presence does not fit the CRA flag.</summary>
        BadDateTime = 10,
        /// <summary>Other-information length is not 2, 10 or 18.</summary>
        BadOtherInformation = 11,
        /// <summary>Signature length is neither 0 nor 64.</summary>
        BadSignatureLength = 12,
        /// <summary>Bytes left over after the last field.</summary>
        TrailingBytes = 13,
        /// <summary>The MAC Header's length does not match the enclosed APDU and MAC.</summary>
        MacLengthMismatch = 14,
        /// <summary>A payload (DER content) does not follow the documented schema.</summary>
        BadPayload = 20,
        /// <summary>A payload value outside its allowed range (mode, role, status, key usage...).</summary>
        PayloadValueOutOfRange = 21,
        /// <summary>The message code does not match the payload being decoded.</summary>
        WrongMessageCode = 22,
    }
}
