using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>Validates a certificate's key as a P-256 point (no allocation in a caller's context).</summary>
    internal static class KeyCheck
    {
        public static bool IsValidP256(Certificate certificate, P256Context context)
        {
            return P256KeyValidation.IsValid(context, certificate.Der, certificate.PublicKeyOffset, certificate.PublicKeyLength);
        }
    }
}
