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
            return DeviceCertificatePayload.Encode(Certificate);
        }

        public static ProvideDeviceCertificateResponse Parse(GbcsMessage message)
        {
            GbcsPayload.Expect(message, GbcsMessageCodes.ProvideDeviceCertificates, "CS02e response");
            return Parse(message.Frame, message.ContentOffset, message.ContentLength);
        }

        public static ProvideDeviceCertificateResponse Parse(byte[] payload, int offset, int length)
        {
            return new ProvideDeviceCertificateResponse(DeviceCertificatePayload.Parse(payload, offset, length, "CS02e response"));
        }
    }
}
