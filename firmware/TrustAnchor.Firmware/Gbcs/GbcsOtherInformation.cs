using System;
using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// The Grouping Header's Other Information, typed by its length (NOTES section 7): 2 = Message Code only;
    /// 10 = + Supplementary Remote Party ID (EUI-64); 18 = + Supplementary Remote Party Counter; 26 = + Supplementary
    /// Originator Counter (responses to such commands); more than 26 = the 18-byte form followed by the Supplementary
    /// Remote Party's Key Agreement certificate (DER X.509; commands sent on behalf of an Other User). Any other
    /// length is <see cref="GbcsError.BadOtherInformation"/>. Fields are views into the frame plus small copies.
    /// </summary>
    public sealed class GbcsOtherInformation
    {
        /// <summary>Length of the Message Code-only form.</summary>
        public const int MessageCodeOnlyLength = 2;
        /// <summary>Length with the Supplementary Remote Party ID.</summary>
        public const int WithRemotePartyIdLength = 10;
        /// <summary>Length with the Supplementary Remote Party ID and Counter.</summary>
        public const int WithRemotePartyCounterLength = 18;
        /// <summary>Length with the Supplementary Remote Party ID, its Counter and the Supplementary Originator Counter.</summary>
        public const int WithOriginatorCounterLength = 26;

        private const int IdLength = 8;
        private const int CounterLength = 8;

        private byte[] _frame;

        private GbcsOtherInformation()
        {
        }

        /// <summary>Offset of the value (the Message Code's first byte) in the frame.</summary>
        public int Offset { get; private set; }

        /// <summary>Length of the value: 2, 10, 18, 26 or more than 26.</summary>
        public int Length { get; private set; }

        /// <summary>One of <see cref="GbcsOtherInformationForm"/>.</summary>
        public int Form { get; private set; }

        public int MessageCode { get; private set; }

        public bool HasSupplementaryRemotePartyId { get; private set; }

        /// <summary>Offset of the Supplementary Remote Party ID; -1 when absent.</summary>
        public int SupplementaryRemotePartyIdOffset { get; private set; }

        /// <summary>The Supplementary Remote Party ID (EUI-64, a copy) or null.</summary>
        public byte[] SupplementaryRemotePartyId { get; private set; }

        public bool HasSupplementaryRemotePartyCounter { get; private set; }

        public ulong SupplementaryRemotePartyCounter { get; private set; }

        public bool HasSupplementaryOriginatorCounter { get; private set; }

        public ulong SupplementaryOriginatorCounter { get; private set; }

        /// <summary>True in the form longer than 26: the Supplementary Remote Party's Key Agreement certificate follows.</summary>
        public bool HasKeyAgreementCertificate { get; private set; }

        /// <summary>Offset of the certificate's DER (its <c>30</c> tag) in the frame; -1 when absent.</summary>
        public int KeyAgreementCertificateOffset { get; private set; }

        /// <summary>Length of the certificate's DER; 0 when absent.</summary>
        public int KeyAgreementCertificateLength { get; private set; }

        /// <summary>A copy of the Key Agreement certificate's DER, or null.</summary>
        public byte[] CopyKeyAgreementCertificate()
        {
            if (!HasKeyAgreementCertificate)
            {
                return null;
            }

            byte[] copy = new byte[KeyAgreementCertificateLength];
            Array.Copy(_frame, KeyAgreementCertificateOffset, copy, 0, KeyAgreementCertificateLength);
            return copy;
        }

        /// <summary>
        /// Reads the Other Information value of <paramref name="length"/> bytes at <paramref name="offset"/> (the caller
        /// has checked it lies inside <paramref name="frame"/>). Throws <see cref="GbcsFormatException"/> for a length
        /// GBCS does not define or a certificate that is not one DER SEQUENCE filling the rest.
        /// </summary>
        public static GbcsOtherInformation Read(byte[] frame, int offset, int length)
        {
            if (frame == null || offset < 0 || length < 0 || offset > frame.Length - length)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "other-information view out of range");
            }

            GbcsOtherInformation info = new GbcsOtherInformation();
            info._frame = frame;
            info.Offset = offset;
            info.Length = length;
            info.SupplementaryRemotePartyIdOffset = -1;
            info.KeyAgreementCertificateOffset = -1;
            if (length == MessageCodeOnlyLength)
            {
                info.Form = GbcsOtherInformationForm.MessageCodeOnly;
            }
            else if (length == WithRemotePartyIdLength)
            {
                info.Form = GbcsOtherInformationForm.WithRemotePartyId;
            }
            else if (length == WithRemotePartyCounterLength)
            {
                info.Form = GbcsOtherInformationForm.WithRemotePartyCounter;
            }
            else if (length == WithOriginatorCounterLength)
            {
                info.Form = GbcsOtherInformationForm.WithOriginatorCounter;
            }
            else if (length > WithOriginatorCounterLength)
            {
                info.Form = GbcsOtherInformationForm.WithKeyAgreementCertificate;
            }
            else
            {
                throw new GbcsFormatException(GbcsError.BadOtherInformation, "other-information length " + length + " is not 2, 10, 18, 26 or more than 26");
            }

            info.MessageCode = (frame[offset] << 8) | frame[offset + 1];
            if (length >= WithRemotePartyIdLength)
            {
                info.HasSupplementaryRemotePartyId = true;
                info.SupplementaryRemotePartyIdOffset = offset + 2;
                info.SupplementaryRemotePartyId = new byte[IdLength];
                Array.Copy(frame, offset + 2, info.SupplementaryRemotePartyId, 0, IdLength);
            }

            if (length >= WithRemotePartyCounterLength)
            {
                info.HasSupplementaryRemotePartyCounter = true;
                info.SupplementaryRemotePartyCounter = GbcsMessage.ReadUInt64(frame, offset + 2 + IdLength);
            }

            if (info.Form == GbcsOtherInformationForm.WithOriginatorCounter)
            {
                info.HasSupplementaryOriginatorCounter = true;
                info.SupplementaryOriginatorCounter = GbcsMessage.ReadUInt64(frame, offset + 2 + IdLength + CounterLength);
            }
            else if (info.Form == GbcsOtherInformationForm.WithKeyAgreementCertificate)
            {
                int certStart = offset + WithRemotePartyCounterLength;
                int certLength = length - WithRemotePartyCounterLength;
                CheckCertificate(frame, certStart, certLength);
                info.HasKeyAgreementCertificate = true;
                info.KeyAgreementCertificateOffset = certStart;
                info.KeyAgreementCertificateLength = certLength;
            }

            return info;
        }

        /// <summary>The certificate must be exactly one DER SEQUENCE; its contents are the device's business, not the framing's.</summary>
        internal static void CheckCertificate(byte[] frame, int start, int length)
        {
            if (length < 2 || frame[start] != DerTag.Sequence)
            {
                throw new GbcsFormatException(GbcsError.BadOtherInformation, "other-information of " + (length + WithRemotePartyCounterLength)
                    + " bytes: the Key Agreement certificate does not start with a DER SEQUENCE");
            }

            try
            {
                DerReader reader = new DerReader(frame, start, length);
                reader.ReadSequence();
                reader.ThrowIfNotEmpty();
            }
            catch (TrustAnchorException e)
            {
                throw new GbcsFormatException(GbcsError.BadOtherInformation, "other-information Key Agreement certificate is not one DER element: " + e.Message, e);
            }
        }
    }
}
