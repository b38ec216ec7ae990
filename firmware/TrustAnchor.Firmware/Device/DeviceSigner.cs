using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Gbcs;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>Signs the device's responses and alerts with its DS private key (RFC 6979 deterministic ECDSA).</summary>
    internal sealed class DeviceSigner : IGbcsSigner
    {
        private readonly DeviceCredentials _credentials;
        private readonly ISymmetricCryptoProvider _crypto;
        private readonly P256Context _p256;

        internal DeviceSigner(DeviceCredentials credentials, ISymmetricCryptoProvider crypto, P256Context p256)
        {
            _credentials = credentials;
            _crypto = crypto;
            _p256 = p256;
        }

        public void Sign(byte[] hash32, byte[] signatureOut64, int offset)
        {
            DeviceSigning.Sign(_p256, _crypto, _credentials.Signing.PrivateKey, hash32, signatureOut64, offset);
        }
    }
}
