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
            return DeviceCertificatePayload.Encode(Certificate);
        }

        public static UpdateDeviceCertificate Parse(GbcsMessage message)
        {
            GbcsPayload.Expect(message, GbcsMessageCodes.UpdateDeviceCertificates, "CS02d command");
            return Parse(message.Frame, message.ContentOffset, message.ContentLength);
        }

        public static UpdateDeviceCertificate Parse(byte[] payload, int offset, int length)
        {
            return new UpdateDeviceCertificate(DeviceCertificatePayload.Parse(payload, offset, length, "CS02d command"));
        }
    }
}
