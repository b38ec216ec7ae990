using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>Validates a certificate's key as a P-256 point (no allocation).</summary>
    internal static class KeyCheck
    {
        public static bool IsValidP256(Certificate certificate)
        {
            return P256KeyValidation.IsValid(certificate.Der, certificate.PublicKeyOffset, certificate.PublicKeyLength);
        }
    }
}
