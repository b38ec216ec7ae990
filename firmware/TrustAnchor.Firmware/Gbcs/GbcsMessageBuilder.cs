using System;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// Builds GBCS frames that <see cref="GbcsMessage.Parse"/> reads back byte for byte: commands (simulator),
    /// responses and alerts (device), bare or inside a MAC Header, signed or not, with or without the header
    /// date-time (any CRA type), with every Other Information form. Set the fields, then call one of the Build
    /// methods; the builder can be reused.
    /// </summary>
    public sealed class GbcsMessageBuilder
    {
        private Sha256 _hasher;
        private byte[] _originatorId;
        private byte[] _targetId;
        private byte[] _dateTime;
        private byte[] _supplementaryId;
        private bool _hasSupplementaryCounter;
        private ulong _supplementaryCounter;
        private bool _hasSupplementaryOriginatorCounter;
        private ulong _supplementaryOriginatorCounter;
        private byte[] _keyAgreementCertificate;
        private byte[] _content = new byte[0];
        private int _contentOffset;
        private int _contentLength;

        public GbcsMessageBuilder()
        {
            CraFlag = GbcsCraFlag.Command;
        }

        public GbcsMessageBuilder(int craFlag, ulong originatorCounter, byte[] originatorId, byte[] targetId, int messageCode)
        {
            CraFlag = craFlag;
            OriginatorCounter = originatorCounter;
            OriginatorId = originatorId;
            TargetId = targetId;
            MessageCode = messageCode;
        }

        /// <summary>A command builder (no date-time).</summary>
        public static GbcsMessageBuilder Command(ulong originatorCounter, byte[] originatorId, byte[] targetId, int messageCode)
        {
            return new GbcsMessageBuilder(GbcsCraFlag.Command, originatorCounter, originatorId, targetId, messageCode);
        }

        /// <summary>A response builder without a header date-time.</summary>
        public static GbcsMessageBuilder Response(ulong originatorCounter, byte[] originatorId, byte[] targetId, int messageCode)
        {
            return new GbcsMessageBuilder(GbcsCraFlag.Response, originatorCounter, originatorId, targetId, messageCode);
        }

        /// <summary>A response builder with the device's date-time in the header.</summary>
        public static GbcsMessageBuilder Response(ulong originatorCounter, byte[] originatorId, byte[] targetId, int messageCode, DateTime utc)
        {
            GbcsMessageBuilder b = new GbcsMessageBuilder(GbcsCraFlag.Response, originatorCounter, originatorId, targetId, messageCode);
            b.SetDateTime(utc);
            return b;
        }

        /// <summary>An alert builder without a header date-time (as genuine alerts: the event time is in the payload).</summary>
        public static GbcsMessageBuilder Alert(ulong originatorCounter, byte[] originatorId, byte[] targetId, int messageCode)
        {
            return new GbcsMessageBuilder(GbcsCraFlag.Alert, originatorCounter, originatorId, targetId, messageCode);
        }

        /// <summary>An alert builder with the device's date-time in the header.</summary>
        public static GbcsMessageBuilder Alert(ulong originatorCounter, byte[] originatorId, byte[] targetId, int messageCode, DateTime utc)
        {
            GbcsMessageBuilder b = new GbcsMessageBuilder(GbcsCraFlag.Alert, originatorCounter, originatorId, targetId, messageCode);
            b.SetDateTime(utc);
            return b;
        }

        /// <summary>1 command, 2 response, 3 alert.</summary>
        public int CraFlag { get; set; }

        public ulong OriginatorCounter { get; set; }

        /// <summary>Originator EUI-64 (8 bytes; copied).</summary>
        public byte[] OriginatorId
        {
            get { return _originatorId; }
            set { _originatorId = CopyEui(value, "originator"); }
        }

        /// <summary>Target EUI-64 (8 bytes; copied).</summary>
        public byte[] TargetId
        {
            get { return _targetId; }
            set { _targetId = CopyEui(value, "target"); }
        }

        /// <summary>Message Code (0..0xFFFF).</summary>
        public int MessageCode { get; set; }

        /// <summary>True when the header will carry a date-time.</summary>
        public bool HasDateTime
        {
            get { return _dateTime != null; }
        }

        /// <summary>
        /// Hashes the signed part with <paramref name="hasher"/> (its owner's SHA-256, e.g. the device's P-256 context's)
        /// instead of a SHA-256 made for this one frame; null goes back to that.
        /// </summary>
        public void SetHasher(Sha256 hasher)
        {
            _hasher = hasher;
        }

        /// <summary>Sets the Grouping Header date-time (any CRA type).</summary>
        public void SetDateTime(DateTime utc)
        {
            _dateTime = DlmsDateTime.Encode(utc);
        }

        /// <summary>Sets the 12 date-time bytes as given (e.g. with unspecified fields).</summary>
        public void SetDateTimeRaw(byte[] dlmsDateTime, int offset)
        {
            if (dlmsDateTime == null || offset < 0 || offset > dlmsDateTime.Length - DlmsDateTime.Size)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "a DLMS date-time is 12 bytes");
            }

            _dateTime = new byte[DlmsDateTime.Size];
            Array.Copy(dlmsDateTime, offset, _dateTime, 0, DlmsDateTime.Size);
        }

        /// <summary>Removes the date-time (header field <c>00</c>).</summary>
        public void ClearDateTime()
        {
            _dateTime = null;
        }

        /// <summary>Other Information of 10 bytes: Message Code + Supplementary Remote Party ID.</summary>
        public void SetSupplementaryRemoteParty(byte[] id)
        {
            byte[] copy = CopyEui(id, "supplementary remote party");
            ClearSupplementaryRemoteParty();
            _supplementaryId = copy;
        }

        /// <summary>Other Information of 18 bytes: + Supplementary Remote Party Counter.</summary>
        public void SetSupplementaryRemoteParty(byte[] id, ulong counter)
        {
            SetSupplementaryRemoteParty(id);
            _hasSupplementaryCounter = true;
            _supplementaryCounter = counter;
        }

        /// <summary>Other Information of 26 bytes: + Supplementary Remote Party Counter + Supplementary Originator Counter.</summary>
        public void SetSupplementaryRemoteParty(byte[] id, ulong counter, ulong supplementaryOriginatorCounter)
        {
            SetSupplementaryRemoteParty(id, counter);
            _hasSupplementaryOriginatorCounter = true;
            _supplementaryOriginatorCounter = supplementaryOriginatorCounter;
        }

        /// <summary>
        /// Other Information of more than 26 bytes: the 18-byte form followed by the Supplementary Remote Party's Key
        /// Agreement certificate (one DER SEQUENCE; copied).
        /// </summary>
        public void SetSupplementaryRemoteParty(byte[] id, ulong counter, byte[] keyAgreementCertificate)
        {
            if (keyAgreementCertificate == null || keyAgreementCertificate.Length < 2)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no Key Agreement certificate");
            }

            byte[] certificate = new byte[keyAgreementCertificate.Length];
            Array.Copy(keyAgreementCertificate, 0, certificate, 0, certificate.Length);
            // Refuse here what the parser would refuse, so a built frame always parses.
            GbcsOtherInformation.CheckCertificate(certificate, 0, certificate.Length);
            SetSupplementaryRemoteParty(id, counter);
            _keyAgreementCertificate = certificate;
        }

        /// <summary>Back to the 2-byte Other Information (Message Code only).</summary>
        public void ClearSupplementaryRemoteParty()
        {
            _supplementaryId = null;
            _hasSupplementaryCounter = false;
            _supplementaryCounter = 0;
            _hasSupplementaryOriginatorCounter = false;
            _supplementaryOriginatorCounter = 0;
            _keyAgreementCertificate = null;
        }

        /// <summary>Sets the content (DLMS, GBZ or DER); the bytes are referenced, not copied, until Build.</summary>
        public void SetContent(byte[] content)
        {
            if (content == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no content");
            }

            SetContent(content, 0, content.Length);
        }

        public void SetContent(byte[] content, int offset, int length)
        {
            if (content == null || offset < 0 || length < 0 || offset > content.Length - length)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "content view out of range");
            }

            _content = content;
            _contentOffset = offset;
            _contentLength = length;
        }

        /// <summary>A bare, unsigned Grouping Header frame.</summary>
        public byte[] Build()
        {
            return BuildFrame(null, false, null);
        }

        /// <summary>A bare Grouping Header frame, signed when <paramref name="signer"/> is not null.</summary>
        public byte[] Build(IGbcsSigner signer)
        {
            return BuildFrame(signer, false, null);
        }

        /// <summary>
        /// A frame signed when <paramref name="signer"/> is not null, inside a MAC Header when
        /// <paramref name="mac"/> is not null.
        /// </summary>
        public byte[] Build(IGbcsSigner signer, IGbcsMacProvider mac)
        {
            return BuildFrame(signer, mac != null, mac);
        }

        /// <summary>A frame inside a MAC Header keyed by <paramref name="macKey16"/>, signed when <paramref name="signer"/> is not null.</summary>
        public byte[] BuildWithMacKey(IGbcsSigner signer, byte[] macKey16)
        {
            return BuildFrame(signer, true, new GbcsMacKey(macKey16));
        }

        /// <summary>Bytes the APDU needs (DF through the signature field).</summary>
        private int ApduSize(bool signed)
        {
            int otherLength = OtherInformationLength();
            return 1
                + 1 + GbcsMessage.TransactionIdLength
                + 1 + GbcsMessage.SystemTitleLength
                + 1 + GbcsMessage.SystemTitleLength
                + (_dateTime == null ? 1 : 1 + DlmsDateTime.Size)
                + GbcsLength.EncodedSize(otherLength) + otherLength
                + GbcsLength.EncodedSize(_contentLength) + _contentLength
                + 1 + (signed ? GbcsMessage.SignatureLength : 0);
        }

        private int OtherInformationLength()
        {
            if (_supplementaryId == null)
            {
                return GbcsOtherInformation.MessageCodeOnlyLength;
            }

            if (_keyAgreementCertificate != null)
            {
                return GbcsOtherInformation.WithRemotePartyCounterLength + _keyAgreementCertificate.Length;
            }

            if (_hasSupplementaryOriginatorCounter)
            {
                return GbcsOtherInformation.WithOriginatorCounterLength;
            }

            return _hasSupplementaryCounter ? GbcsOtherInformation.WithRemotePartyCounterLength : GbcsOtherInformation.WithRemotePartyIdLength;
        }

        private void Validate()
        {
            if (CraFlag < GbcsCraFlag.Command || CraFlag > GbcsCraFlag.Alert)
            {
                throw new GbcsFormatException(GbcsError.BadCraFlag, "CRA flag " + CraFlag);
            }

            if (_originatorId == null || _targetId == null)
            {
                throw new GbcsFormatException(GbcsError.BadSystemTitle, "originator and target EUI-64 are required");
            }

            if (MessageCode < 0 || MessageCode > 0xFFFF)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "message code " + MessageCode + " out of range");
            }
        }

        private byte[] BuildFrame(IGbcsSigner signer, bool withMac, IGbcsMacProvider mac)
        {
            Validate();
            bool signed = signer != null;
            int apduSize = ApduSize(signed);
            int cipheredLength = GbcsMessage.SecurityHeaderLength + apduSize + GbcsMessage.MacLength;
            int total = withMac
                ? GbcsMessage.MacHeaderFixedLength + GbcsLength.EncodedSize(cipheredLength) + cipheredLength
                : apduSize;

            byte[] frame = new byte[total];
            int pos = 0;
            if (withMac)
            {
                frame[pos++] = GbcsMessage.MacHeaderTag;
                pos += GbcsMessage.MacHeaderFixedLength - 1;
                GbcsLength.Write(frame, ref pos, cipheredLength);
                frame[pos] = GbcsMessage.SecurityControlByte;
                pos += GbcsMessage.SecurityHeaderLength;
            }

            int apduStart = pos;
            frame[pos++] = GbcsMessage.GroupingHeaderTag;
            frame[pos++] = GbcsMessage.TransactionIdLength;
            frame[pos++] = (byte)CraFlag;
            GbcsMessage.WriteUInt64(frame, pos, OriginatorCounter);
            pos += 8;
            pos = WriteEui(frame, pos, _originatorId);
            pos = WriteEui(frame, pos, _targetId);
            if (_dateTime == null)
            {
                frame[pos++] = 0;
            }
            else
            {
                frame[pos++] = DlmsDateTime.Size;
                Array.Copy(_dateTime, 0, frame, pos, DlmsDateTime.Size);
                pos += DlmsDateTime.Size;
            }

            int otherLength = OtherInformationLength();
            GbcsLength.Write(frame, ref pos, otherLength);
            frame[pos++] = (byte)(MessageCode >> 8);
            frame[pos++] = (byte)MessageCode;
            if (_supplementaryId != null)
            {
                Array.Copy(_supplementaryId, 0, frame, pos, GbcsMessage.SystemTitleLength);
                pos += GbcsMessage.SystemTitleLength;
                if (_hasSupplementaryCounter)
                {
                    GbcsMessage.WriteUInt64(frame, pos, _supplementaryCounter);
                    pos += 8;
                }

                if (_hasSupplementaryOriginatorCounter)
                {
                    GbcsMessage.WriteUInt64(frame, pos, _supplementaryOriginatorCounter);
                    pos += 8;
                }
                else if (_keyAgreementCertificate != null)
                {
                    Array.Copy(_keyAgreementCertificate, 0, frame, pos, _keyAgreementCertificate.Length);
                    pos += _keyAgreementCertificate.Length;
                }
            }

            GbcsLength.Write(frame, ref pos, _contentLength);
            Array.Copy(_content, _contentOffset, frame, pos, _contentLength);
            pos += _contentLength;
            int contentEnd = pos;

            if (signed)
            {
                frame[pos++] = GbcsMessage.SignatureLength;
                byte[] hash = new byte[Sha256.HashSize];
                (_hasher ?? new Sha256()).ComputeHash(frame, apduStart + 1, contentEnd - (apduStart + 1), hash, 0);
                signer.Sign(hash, frame, pos);
                pos += GbcsMessage.SignatureLength;
            }
            else
            {
                frame[pos++] = 0;
            }

            if (withMac)
            {
                // The provider sees the finished frame (MAC still zero) through the same views a receiver uses.
                GbcsMessage parsed = GbcsMessage.Parse(frame);
                mac.ComputeMac(parsed, frame, pos);
            }

            return frame;
        }

        private static int WriteEui(byte[] frame, int pos, byte[] eui)
        {
            frame[pos++] = GbcsMessage.SystemTitleLength;
            Array.Copy(eui, 0, frame, pos, GbcsMessage.SystemTitleLength);
            return pos + GbcsMessage.SystemTitleLength;
        }

        private static byte[] CopyEui(byte[] value, string which)
        {
            if (value == null || value.Length != GbcsMessage.SystemTitleLength)
            {
                throw new GbcsFormatException(GbcsError.BadSystemTitle, which + " EUI-64 must be 8 bytes");
            }

            byte[] copy = new byte[GbcsMessage.SystemTitleLength];
            Array.Copy(value, 0, copy, 0, GbcsMessage.SystemTitleLength);
            return copy;
        }
    }
}
