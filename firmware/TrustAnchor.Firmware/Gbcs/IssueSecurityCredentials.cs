using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// CS02c Issue Security Credentials command (0x000A): the device generates a new key pair for this usage and answers with a PKCS#10 request (<see cref="IssueSecurityCredentialsResponse"/>). Payload (our layout, gbcs-framing.md): <c>SEQUENCE { keyUsage BIT STRING }</c> naming the
    /// digitalSignature (0x80) or keyAgreement (0x08) key.
    /// </summary>
    public sealed class IssueSecurityCredentials
    {
        public IssueSecurityCredentials(int keyUsage)
        {
            GbcsDer.CheckDeviceKeyUsage(keyUsage);
            KeyUsage = keyUsage;
        }

        /// <summary>0x80 digitalSignature or 0x08 keyAgreement.</summary>
        public int KeyUsage { get; private set; }

        public byte[] Encode()
        {
            DerWriter w = new DerWriter(16);
            w.PushSequence();
            GbcsDer.WriteKeyUsage(w, KeyUsage);
            w.PopSequence();
            return w.ToArray();
        }

        public static IssueSecurityCredentials Parse(GbcsMessage message)
        {
            GbcsPayload.Expect(message, GbcsMessageCodes.IssueSecurityCredentials, "CS02c command");
            return Parse(message.Frame, message.ContentOffset, message.ContentLength);
        }

        public static IssueSecurityCredentials Parse(byte[] payload, int offset, int length)
        {
            GbcsDer.CheckView(payload, offset, length);
            try
            {
                DerReader outer = new DerReader(payload, offset, length);
                DerReader body = outer.ReadSequence();
                outer.ThrowIfNotEmpty();
                int keyUsage = GbcsDer.ReadKeyUsage(ref body);
                body.ThrowIfNotEmpty();
                return new IssueSecurityCredentials(keyUsage);
            }
            catch (GbcsFormatException)
            {
                throw;
            }
            catch (TrustAnchorException e)
            {
                throw GbcsDer.Wrap(e, "CS02c command");
            }
        }
    }
}
