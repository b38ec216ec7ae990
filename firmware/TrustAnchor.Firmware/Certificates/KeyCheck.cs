namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>Validates a certificate's key as a P-256 point (once the crypto layer provides P256PublicKey).</summary>
    internal static class KeyCheck
    {
        public static bool IsValidP256(Certificate certificate)
        {
            // Until P256PublicKey lands, shape checks in CertificateProfile are all that is applied.
            return true;
        }
    }
}
