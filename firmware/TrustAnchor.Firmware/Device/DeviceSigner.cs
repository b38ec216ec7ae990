using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Gbcs;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>Signs the device's responses and alerts with its DS private key (RFC 6979 deterministic ECDSA).</summary>
    internal sealed class DeviceSigner : IGbcsSigner
    {
        private readonly DeviceCredentials _credentials;

        internal DeviceSigner(DeviceCredentials credentials)
        {
            _credentials = credentials;
        }

        public void Sign(byte[] hash32, byte[] signatureOut64, int offset)
        {
            DeviceSigning.Sign(_credentials.Signing.PrivateKey, hash32, signatureOut64, offset);
        }
    }
}
