using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Gbcs;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>Signs with one key pair (the CS02c proof of possession, by the key just generated).</summary>
    internal sealed class KeyPairSigner : IGbcsSigner
    {
        private readonly P256KeyPair _pair;

        internal KeyPairSigner(P256KeyPair pair)
        {
            _pair = pair;
        }

        public void Sign(byte[] hash32, byte[] signatureOut64, int offset)
        {
            DeviceSigning.Sign(_pair.PrivateKey, hash32, signatureOut64, offset);
        }
    }
}
