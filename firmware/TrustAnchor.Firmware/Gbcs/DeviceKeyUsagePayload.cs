using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// The payload CS02c and CS02e commands share (our layout, gbcs-framing.md): <c>SEQUENCE { keyUsage BIT STRING }</c>.
    /// <see cref="IssueSecurityCredentials"/> and <see cref="ProvideDeviceCertificate"/> keep their own types and
    /// check the usage is a device one; this is their one codec.
    /// </summary>
    internal static class DeviceKeyUsagePayload
    {
        internal static byte[] Encode(KeyUsage keyUsage)
        {
            DerWriter w = new DerWriter(16);
            w.PushSequence();
            GbcsDer.WriteKeyUsage(w, keyUsage);
            w.PopSequence();
            return w.ToArray();
        }

        /// <summary>The key usage octet, not yet checked against the device usages; errors name <paramref name="what"/>.</summary>
        internal static KeyUsage Parse(byte[] payload, int offset, int length, string what)
        {
            GbcsDer.CheckView(payload, offset, length);
            try
            {
                DerReader outer = new DerReader(payload, offset, length);
                DerReader body = outer.ReadSequence();
                outer.ThrowIfNotEmpty();
                KeyUsage keyUsage = (KeyUsage)GbcsDer.ReadKeyUsage(ref body);
                body.ThrowIfNotEmpty();
                return keyUsage;
            }
            catch (GbcsFormatException)
            {
                throw;
            }
            catch (TrustAnchorException e)
            {
                throw GbcsDer.Wrap(e, what);
            }
        }
    }
}
