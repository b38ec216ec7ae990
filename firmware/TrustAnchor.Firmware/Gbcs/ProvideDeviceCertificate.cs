using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// CS02e Provide Device Certificates command (0x000C): asks for the Device Certificate of one key usage. Payload (our layout, gbcs-framing.md): <c>SEQUENCE { keyUsage BIT STRING }</c> naming the
    /// digitalSignature (0x80) or keyAgreement (0x08) key.
    /// </summary>
    public sealed class ProvideDeviceCertificate
    {
        public ProvideDeviceCertificate(KeyUsage keyUsage)
        {
            GbcsDer.CheckDeviceKeyUsage(keyUsage);
            KeyUsage = keyUsage;
        }

        /// <summary>0x80 digitalSignature or 0x08 keyAgreement.</summary>
        public KeyUsage KeyUsage { get; private set; }

        public byte[] Encode()
        {
            return DeviceKeyUsagePayload.Encode(KeyUsage);
        }

        public static ProvideDeviceCertificate Parse(GbcsMessage message)
        {
            GbcsPayload.Expect(message, GbcsMessageCodes.ProvideDeviceCertificates, "CS02e command");
            return Parse(message.Frame, message.ContentOffset, message.ContentLength);
        }

        public static ProvideDeviceCertificate Parse(byte[] payload, int offset, int length)
        {
            return new ProvideDeviceCertificate(DeviceKeyUsagePayload.Parse(payload, offset, length, "CS02e command"));
        }
    }
}
