using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Gbcs;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>Signs with one key pair (the CS02c proof of possession, by the key just generated).</summary>
    internal sealed class KeyPairSigner : IGbcsSigner
    {
        private readonly P256KeyPair _pair;
        private readonly ISymmetricCryptoProvider _crypto;

        internal KeyPairSigner(P256KeyPair pair, ISymmetricCryptoProvider crypto)
        {
            _pair = pair;
            _crypto = crypto;
        }

        public void Sign(byte[] hash32, byte[] signatureOut64, int offset)
        {
            DeviceSigning.Sign(_crypto, _pair.PrivateKey, hash32, signatureOut64, offset);
        }
    }
}
