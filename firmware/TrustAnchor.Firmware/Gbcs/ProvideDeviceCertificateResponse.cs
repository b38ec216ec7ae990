using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// CS02e response (0x000C): the Device Certificate asked for. Payload (our layout, gbcs-framing.md): <c>SEQUENCE { deviceCertificate Certificate }</c>; the certificate
    /// is a view into the payload.
    /// </summary>
    public sealed class ProvideDeviceCertificateResponse
    {
        public ProvideDeviceCertificateResponse(DerView certificate)
        {
            if (certificate == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no certificate");
            }

            Certificate = certificate;
        }

        public ProvideDeviceCertificateResponse(byte[] certificateDer)
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

        public static ProvideDeviceCertificateResponse Parse(GbcsMessage message)
        {
            GbcsPayload.Expect(message, GbcsMessageCodes.ProvideDeviceCertificates, "CS02e response");
            return Parse(message.Frame, message.ContentOffset, message.ContentLength);
        }

        public static ProvideDeviceCertificateResponse Parse(byte[] payload, int offset, int length)
        {
            GbcsDer.CheckView(payload, offset, length);
            try
            {
                DerReader outer = new DerReader(payload, offset, length);
                DerReader body = outer.ReadSequence();
                outer.ThrowIfNotEmpty();
                DerView certificate = GbcsDer.ReadView(ref body, DerTag.Sequence, "deviceCertificate");
                body.ThrowIfNotEmpty();
                return new ProvideDeviceCertificateResponse(certificate);
            }
            catch (GbcsFormatException)
            {
                throw;
            }
            catch (TrustAnchorException e)
            {
                throw GbcsDer.Wrap(e, "CS02e response");
            }
        }
    }
}
