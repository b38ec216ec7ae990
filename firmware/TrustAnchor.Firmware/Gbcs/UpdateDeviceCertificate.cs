using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// CS02d Update Device Certificates command (0x000B): the Device Certificate issued for the key pair made by CS02c. Payload (our layout, gbcs-framing.md): <c>SEQUENCE { deviceCertificate Certificate }</c>; the certificate
    /// is a view into the payload.
    /// </summary>
    public sealed class UpdateDeviceCertificate
    {
        public UpdateDeviceCertificate(DerView certificate)
        {
            if (certificate == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no certificate");
            }

            Certificate = certificate;
        }

        public UpdateDeviceCertificate(byte[] certificateDer)
            : this(new DerView(certificateDer))
        {
        }

        public DerView Certificate { get; private set; }

        public byte[] Encode()
        {
            DerWriter w = new DerWriter(Certificate.Length + 8);
            w.PushSequence();
            w.WriteEncoded(Certificate.Buffer, Certificate.Offset, Certificate.Length);
            w.PopSequence();
            return w.ToArray();
        }

        public static UpdateDeviceCertificate Parse(GbcsMessage message)
        {
            GbcsPayload.Expect(message, GbcsMessageCodes.UpdateDeviceCertificates, "CS02d command");
            return Parse(message.Frame, message.ContentOffset, message.ContentLength);
        }

        public static UpdateDeviceCertificate Parse(byte[] payload, int offset, int length)
        {
            GbcsDer.CheckView(payload, offset, length);
            try
            {
                DerReader outer = new DerReader(payload, offset, length);
                DerReader body = outer.ReadSequence();
                outer.ThrowIfNotEmpty();
                DerView certificate = GbcsDer.ReadView(ref body, DerTag.Sequence, "deviceCertificate");
                body.ThrowIfNotEmpty();
                return new UpdateDeviceCertificate(certificate);
            }
            catch (GbcsFormatException)
            {
                throw;
            }
            catch (TrustAnchorException e)
            {
                throw GbcsDer.Wrap(e, "CS02d command");
            }
        }
    }
}
