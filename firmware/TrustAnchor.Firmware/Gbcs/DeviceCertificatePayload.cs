using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// The payload CS02d commands and CS02e responses share (our layout, gbcs-framing.md):
    /// <c>SEQUENCE { deviceCertificate Certificate }</c>. <see cref="UpdateDeviceCertificate"/> and
    /// <see cref="ProvideDeviceCertificateResponse"/> keep their own types; this is their one codec.
    /// </summary>
    internal static class DeviceCertificatePayload
    {
        internal static byte[] Encode(DerView certificate)
        {
            DerWriter w = new DerWriter(certificate.Length + 8);
            w.PushSequence();
            w.WriteEncoded(certificate.Buffer, certificate.Offset, certificate.Length);
            w.PopSequence();
            return w.ToArray();
        }

        /// <summary>The certificate as a view into <paramref name="payload"/>; errors name <paramref name="what"/>.</summary>
        internal static DerView Parse(byte[] payload, int offset, int length, string what)
        {
            GbcsDer.CheckView(payload, offset, length);
            try
            {
                DerReader outer = new DerReader(payload, offset, length);
                DerReader body = outer.ReadSequence();
                outer.ThrowIfNotEmpty();
                DerView certificate = GbcsDer.ReadView(ref body, DerTag.Sequence, "deviceCertificate");
                body.ThrowIfNotEmpty();
                return certificate;
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
