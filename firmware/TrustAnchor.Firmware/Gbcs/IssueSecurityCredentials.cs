using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// CS02c Issue Security Credentials command (0x000A): the device generates a new key pair for this usage and answers with a PKCS#10 request (<see cref="IssueSecurityCredentialsResponse"/>). Payload (our layout, gbcs-framing.md): <c>SEQUENCE { keyUsage BIT STRING }</c> naming the
    /// digitalSignature (0x80) or keyAgreement (0x08) key.
    /// </summary>
    public sealed class IssueSecurityCredentials
    {
        public IssueSecurityCredentials(KeyUsage keyUsage)
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

        public static IssueSecurityCredentials Parse(GbcsMessage message)
        {
            GbcsPayload.Expect(message, GbcsMessageCodes.IssueSecurityCredentials, "CS02c command");
            return Parse(message.Frame, message.ContentOffset, message.ContentLength);
        }

        public static IssueSecurityCredentials Parse(byte[] payload, int offset, int length)
        {
            return new IssueSecurityCredentials(DeviceKeyUsagePayload.Parse(payload, offset, length, "CS02c command"));
        }
    }
}
