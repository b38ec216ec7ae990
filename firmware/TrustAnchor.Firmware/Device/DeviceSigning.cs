using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>The one place the device makes ECDSA signatures (responses, alerts, CS02c proof of possession).</summary>
    internal static class DeviceSigning
    {
        /// <summary>Signs with the HMAC-SHA256 of the device's provider running the RFC 6979 nonce DRBG.</summary>
        internal static void Sign(P256Context p256, ISymmetricCryptoProvider crypto, byte[] privateKey32, byte[] hash32, byte[] signatureOut64, int offset)
        {
            EcdsaP256.SignHash(p256, crypto, privateKey32, hash32, signatureOut64, offset);
        }
    }
}
