using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Gbcs;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>Signs with one key pair (the CS02c proof of possession, by the key just generated).</summary>
    internal sealed class KeyPairSigner : IGbcsSigner
    {
        private readonly P256KeyPair _pair;
        private readonly ISymmetricCryptoProvider _crypto;
        private readonly P256Context _p256;

        internal KeyPairSigner(P256KeyPair pair, ISymmetricCryptoProvider crypto, P256Context p256)
        {
            _pair = pair;
            _crypto = crypto;
            _p256 = p256;
        }

        public void Sign(byte[] hash32, byte[] signatureOut64, int offset)
        {
            DeviceSigning.Sign(_p256, _crypto, _pair.PrivateKey, hash32, signatureOut64, offset);
        }
    }
}
