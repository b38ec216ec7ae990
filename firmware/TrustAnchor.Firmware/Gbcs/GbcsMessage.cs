using System;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// A parsed GBCS frame: a Grouping Header (General-Signing APDU, tag <c>DF</c>), optionally wrapped in a MAC
    /// Header (<c>DD</c>). All variable parts are views (offset/length) into <see cref="Frame"/>, which is kept,
    /// not copied; the frame must not be modified while the message is in use. Layout and examples:
    /// firmware/docs/gbcs-framing.md.
    /// </summary>
    public sealed partial class GbcsMessage
    {
        public const int MacHeaderTag = 0xDD;
        public const int GroupingHeaderTag = 0xDF;
        public const int SystemTitleLength = 8;
        public const int TransactionIdLength = 9;
        public const int SignatureLength = 64;
        public const int MacLength = 12;
        public const int SecurityHeaderLength = 5;
        /// <summary>The six zero-length fields after <c>DD</c> (transaction id .. key-info).</summary>
        public const int MacHeaderFixedLength = 7;
        public const int SecurityControlByte = 0x11;

        private GbcsMessage()
        {
        }

        /// <summary>The whole frame as received.</summary>
        public byte[] Frame { get; private set; }

        /// <summary>True when the frame is wrapped in a MAC Header and ends in a 12-byte MAC.</summary>
        public bool HasMacHeader { get; private set; }

        /// <summary>Same as <see cref="HasMacHeader"/>: MAC-protected frames always carry a MAC.</summary>
        public bool HasMac
        {
            get { return HasMacHeader; }
        }

        /// <summary>Offset of the <c>DF</c> tag.</summary>
        public int ApduOffset { get; private set; }

        /// <summary>Length of the Grouping Header APDU, from <c>DF</c> through the signature field.</summary>
        public int ApduLength { get; private set; }

        /// <summary>Offset of the transaction identifier's length byte (<c>09</c>); 10 bytes: 09, CRA, counter.</summary>
        public int TransactionIdOffset { get; private set; }

        /// <summary>1 command, 2 response, 3 alert (<see cref="GbcsCraFlag"/>).</summary>
        public int CraFlag { get; private set; }

        public ulong OriginatorCounter { get; private set; }

        public int OriginatorIdOffset { get; private set; }

        /// <summary>Originator EUI-64 (copy).</summary>
        public byte[] OriginatorId { get; private set; }

        public int TargetIdOffset { get; private set; }

        /// <summary>Target (recipient) EUI-64 (copy).</summary>
        public byte[] TargetId { get; private set; }

        /// <summary>True when the header carries a date-time (<c>0C</c> + 12 bytes); any CRA type may, none must.</summary>
        public bool HasDateTime { get; private set; }

        /// <summary>Offset of the 12-byte DLMS date-time; -1 when absent.</summary>
        public int DateTimeOffset { get; private set; }

        /// <summary>True when the date-time is present and decodes to a UTC <see cref="DateTime"/>.</summary>
        public bool IsDateTimeValid { get; private set; }

        /// <summary>The decoded date-time; <see cref="System.DateTime.MinValue"/> unless <see cref="IsDateTimeValid"/>.</summary>
        public DateTime DateTime { get; private set; }

        // The Other Information has one owner, GbcsOtherInformation; the properties below read it (they were copies).

        /// <summary>Offset and length of the other-information value (Message Code and supplementary fields).</summary>
        public int OtherInformationOffset
        {
            get { return OtherInformation.Offset; }
        }

        public int OtherInformationLength
        {
            get { return OtherInformation.Length; }
        }

        /// <summary>The Other Information, typed: Message Code and every supplementary field of its form.</summary>
        public GbcsOtherInformation OtherInformation { get; private set; }

        /// <summary>The Message Code (first two bytes of the Other Information); any value parses.</summary>
        public int MessageCode
        {
            get { return OtherInformation.MessageCode; }
        }

        public bool HasSupplementaryRemotePartyId
        {
            get { return OtherInformation.HasSupplementaryRemotePartyId; }
        }

        /// <summary>Offset of the supplementary remote party EUI-64; -1 when absent.</summary>
        public int SupplementaryRemotePartyIdOffset
        {
            get { return OtherInformation.SupplementaryRemotePartyIdOffset; }
        }

        /// <summary>Supplementary remote party EUI-64 (copy) or null.</summary>
        public byte[] SupplementaryRemotePartyId
        {
            get { return OtherInformation.SupplementaryRemotePartyId; }
        }

        public bool HasSupplementaryRemotePartyCounter
        {
            get { return OtherInformation.HasSupplementaryRemotePartyCounter; }
        }

        public ulong SupplementaryRemotePartyCounter
        {
            get { return OtherInformation.SupplementaryRemotePartyCounter; }
        }

        public int ContentOffset { get; private set; }

        public int ContentLength { get; private set; }

        public bool HasSignature { get; private set; }

        /// <summary>Offset of the raw r||s signature; -1 when absent.</summary>
        public int SignatureOffset { get; private set; }

        /// <summary>What GBCS signs: the bytes after <c>DF</c> up to the end of the content.</summary>
        public int SignedBytesOffset { get; private set; }

        public int SignedBytesLength { get; private set; }

        /// <summary>Offset of the security header <c>11 00 00 00 00</c>; -1 without a MAC Header.</summary>
        public int SecurityHeaderOffset { get; private set; }

        /// <summary>Offset of the 12-byte MAC; -1 without a MAC Header.</summary>
        public int MacOffset { get; private set; }

        /// <summary>
        /// The frame part the MAC authenticates: the APDU from <c>DF</c> through the signature field. The AAD is
        /// <see cref="GbcsMac.AadPrefix"/> followed by these bytes; -1 / 0 without a MAC Header.
        /// </summary>
        public int MacAadOffset { get; private set; }

        public int MacAadLength { get; private set; }

        /// <summary>Parses a whole frame; throws <see cref="GbcsFormatException"/> on any deviation.</summary>
        public static GbcsMessage Parse(byte[] frame)
        {
            if (frame == null || frame.Length == 0)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "empty frame");
            }

            GbcsMessage m = new GbcsMessage();
            m.Frame = frame;
            m.SecurityHeaderOffset = -1;
            m.MacOffset = -1;
            m.MacAadOffset = -1;

            int tag = frame[0];
            if (tag == GroupingHeaderTag)
            {
                int end = m.ParseApdu(0, frame.Length);
                if (end != frame.Length)
                {
                    throw new GbcsFormatException(GbcsError.TrailingBytes, (frame.Length - end) + " bytes after the signature field");
                }

                return m;
            }

            if (tag != MacHeaderTag)
            {
                throw new GbcsFormatException(GbcsError.UnknownTag, "frame starts with 0x" + tag.ToString("X2"));
            }

            if (frame.Length < MacHeaderFixedLength)
            {
                throw new GbcsFormatException(GbcsError.Truncated, "MAC Header truncated");
            }

            for (int i = 1; i < MacHeaderFixedLength; i++)
            {
                if (frame[i] != 0)
                {
                    throw new GbcsFormatException(GbcsError.BadMacHeader, "MAC Header byte " + i + " is not 00");
                }
            }

            int pos = MacHeaderFixedLength;
            int cipheredLength = GbcsLength.Read(frame, ref pos, frame.Length);
            if (pos + cipheredLength != frame.Length)
            {
                throw new GbcsFormatException(GbcsError.TrailingBytes, "bytes after the MAC");
            }

            if (cipheredLength < SecurityHeaderLength + 1 + MacLength)
            {
                throw new GbcsFormatException(GbcsError.MacLengthMismatch, "MAC Header length too small");
            }

            if (frame[pos] != SecurityControlByte || frame[pos + 1] != 0 || frame[pos + 2] != 0 || frame[pos + 3] != 0 || frame[pos + 4] != 0)
            {
                throw new GbcsFormatException(GbcsError.BadSecurityHeader, "security header is not 11 00 00 00 00");
            }

            m.HasMacHeader = true;
            m.SecurityHeaderOffset = pos;
            int apduStart = pos + SecurityHeaderLength;
            int macStart = frame.Length - MacLength;
            if (frame[apduStart] != GroupingHeaderTag)
            {
                throw new GbcsFormatException(GbcsError.UnknownTag, "MAC Header does not enclose a Grouping Header");
            }

            int apduEnd = m.ParseApdu(apduStart, macStart);
            if (apduEnd != macStart)
            {
                throw new GbcsFormatException(GbcsError.MacLengthMismatch, "APDU ends " + (macStart - apduEnd) + " bytes before the MAC");
            }

            m.MacOffset = macStart;
            m.MacAadOffset = apduStart;
            m.MacAadLength = macStart - apduStart;
            return m;
        }

        /// <summary>Parses the Grouping Header at <paramref name="start"/> within [start, end); returns where it ends.</summary>
        private int ParseApdu(int start, int end)
        {
            byte[] f = Frame;
            int pos = start + 1;
            ApduOffset = start;

            // Transaction identifier: 09, CRA flag, Originator Counter.
            TransactionIdOffset = pos;
            int length = GbcsLength.Read(f, ref pos, end);
            if (length != TransactionIdLength)
            {
                throw new GbcsFormatException(GbcsError.BadTransactionId, "transaction id length " + length);
            }

            int cra = f[pos];
            if (cra < GbcsCraFlag.Command || cra > GbcsCraFlag.Alert)
            {
                throw new GbcsFormatException(GbcsError.BadCraFlag, "CRA flag " + cra);
            }

            CraFlag = cra;
            OriginatorCounter = ReadUInt64(f, pos + 1);
            pos += TransactionIdLength;

            OriginatorIdOffset = ReadSystemTitle(f, ref pos, end, "originator");
            OriginatorId = Copy(f, OriginatorIdOffset, SystemTitleLength);
            TargetIdOffset = ReadSystemTitle(f, ref pos, end, "target");
            TargetId = Copy(f, TargetIdOffset, SystemTitleLength);

            // Date-time: 00 (absent) or 0C + 12-byte DLMS date-time, in any CRA type (NOTES section 7).
            DateTimeOffset = -1;
            DateTime = DateTime.MinValue;
            length = GbcsLength.Read(f, ref pos, end);
            if (length == DlmsDateTime.Size)
            {
                HasDateTime = true;
                DateTimeOffset = pos;
                DateTime decoded;
                IsDateTimeValid = DlmsDateTime.TryDecode(f, pos, out decoded);
                DateTime = decoded;
                pos += DlmsDateTime.Size;
            }
            else if (length != 0)
            {
                throw new GbcsFormatException(GbcsError.BadDateTime, "date-time length " + length + " (00 or 0C only)");
            }

            // Other information: Message Code and the supplementary fields its length says are there.
            length = GbcsLength.Read(f, ref pos, end);
            GbcsOtherInformation info = GbcsOtherInformation.Read(f, pos, length);
            OtherInformation = info;
            pos += length;

            // Content.
            length = GbcsLength.Read(f, ref pos, end);
            ContentOffset = pos;
            ContentLength = length;
            pos += length;
            SignedBytesOffset = start + 1;
            SignedBytesLength = pos - SignedBytesOffset;

            // Signature: 00, or 40 + raw r||s.
            SignatureOffset = -1;
            length = GbcsLength.Read(f, ref pos, end);
            if (length == SignatureLength)
            {
                HasSignature = true;
                SignatureOffset = pos;
                pos += SignatureLength;
            }
            else if (length != 0)
            {
                throw new GbcsFormatException(GbcsError.BadSignatureLength, "signature length " + length);
            }

            ApduLength = pos - start;
            return pos;
        }

        private static int ReadSystemTitle(byte[] f, ref int pos, int end, string which)
        {
            int length = GbcsLength.Read(f, ref pos, end);
            if (length != SystemTitleLength)
            {
                throw new GbcsFormatException(GbcsError.BadSystemTitle, which + " system title length " + length);
            }

            int offset = pos;
            pos += SystemTitleLength;
            return offset;
        }

        internal static ulong ReadUInt64(byte[] buffer, int offset)
        {
            ulong value = 0;
            for (int i = 0; i < 8; i++)
            {
                value = (value << 8) | buffer[offset + i];
            }

            return value;
        }

        internal static void WriteUInt64(byte[] buffer, int offset, ulong value)
        {
            for (int i = 7; i >= 0; i--)
            {
                buffer[offset + i] = (byte)value;
                value >>= 8;
            }
        }

        private static byte[] Copy(byte[] source, int offset, int count)
        {
            byte[] result = new byte[count];
            Array.Copy(source, offset, result, 0, count);
            return result;
        }

        /// <summary>A copy of the content.</summary>
        public byte[] CopyContent()
        {
            return Copy(Frame, ContentOffset, ContentLength);
        }

        /// <summary>A copy of the raw r||s signature, or null.</summary>
        public byte[] CopySignature()
        {
            return HasSignature ? Copy(Frame, SignatureOffset, SignatureLength) : null;
        }

        /// <summary>A copy of the 12-byte MAC, or null.</summary>
        public byte[] CopyMac()
        {
            return HasMac ? Copy(Frame, MacOffset, MacLength) : null;
        }

        /// <summary>True when the target EUI-64 equals <paramref name="eui64"/>.</summary>
        public bool IsAddressedTo(byte[] eui64)
        {
            return EqualsAt(eui64, Frame, TargetIdOffset);
        }

        /// <summary>True when the originator EUI-64 equals <paramref name="eui64"/>.</summary>
        public bool IsFrom(byte[] eui64)
        {
            return EqualsAt(eui64, Frame, OriginatorIdOffset);
        }

        private static bool EqualsAt(byte[] eui64, byte[] frame, int offset)
        {
            if (eui64 == null || eui64.Length != SystemTitleLength)
            {
                return false;
            }

            for (int i = 0; i < SystemTitleLength; i++)
            {
                if (eui64[i] != frame[offset + i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>SHA-256 of exactly the bytes GBCS signs.</summary>
        public byte[] ComputeSignedHash()
        {
            return Sha256.Hash(Frame, SignedBytesOffset, SignedBytesLength);
        }

        /// <summary>The GCM IV for the MAC: originator EUI-64 followed by the zero invocation counter.</summary>
        public byte[] GetMacIv()
        {
            return GbcsKdf.BuildMacIv(OriginatorId);
        }
    }
}
