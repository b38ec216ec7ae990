using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>The one place the device makes ECDSA signatures (responses, alerts, CS02c proof of possession).</summary>
    internal static class DeviceSigning
    {
        internal static void Sign(byte[] privateKey32, byte[] hash32, byte[] signatureOut64, int offset)
        {
            EcdsaP256.SignHash(privateKey32, hash32, signatureOut64, offset);
        }
    }
}
