using System;
using TrustAnchor.Firmware.Certificates;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// The device's cryptographic checks on a command: the ACB MAC, the Grouping Header signature, and what
    /// certificate-path checks reuse (the root key's tables, the Issuing OCA memo). It owns the caches that make
    /// them cheap and counts the ECDSA verifications; it reads the device's own KA key, never changes it.
    /// </summary>
    internal sealed class CommandVerifier
    {
        private readonly DeviceCredentials _credentials;
        private readonly ISymmetricCryptoProvider _crypto;
        private readonly P256Context _p256;
        // The Issuing OCA's signature under the root, verified once rather than once per replaced cell.
        private readonly IssuerSignatureMemo _issuerSignatures = new IssuerSignatureMemo();
        private byte[] _rootKeyBytes;
        private P256PublicKey _rootKey;
        private byte[] _acbKeyForSecret;
        private byte[] _acbSharedSecret;
        private int _credentialsVersion;
        private int _signatureVerifications;

        internal CommandVerifier(DeviceCredentials credentials, ISymmetricCryptoProvider crypto, P256Context p256)
        {
            _credentials = credentials;
            _crypto = crypto;
            _p256 = p256;
        }

        /// <summary>The device's P-256 context, which every verification of a command runs in.</summary>
        internal P256Context P256
        {
            get { return _p256; }
        }

        /// <summary>ECDSA signature verifications performed so far (frames and certificate paths).</summary>
        internal int SignatureVerifications
        {
            get { return _signatureVerifications; }
        }

        internal IssuerSignatureMemo IssuerSignatures
        {
            get { return _issuerSignatures; }
        }

        internal void CountSignatureVerifications(int count)
        {
            _signatureVerifications += count;
        }

        /// <summary>Step 3: the Access Control Broker's MAC (key from ECDH between my KA key and the ACB KA cell).</summary>
        internal void VerifyAcbMac(GbcsMessage message, TrustAnchorState state)
        {
            if (!message.HasMac)
            {
                throw new CommandRejection(ProcessingStep.Mac, GbcsAlertCodes.TrustedSourceAuthenticationFailure, "ACB MAC missing");
            }

            TrustAnchorCell acb = state.FindCell(RemotePartyRole.AccessControlBroker, TrustAnchorCellIdentifier.KeyUsageKeyAgreement, CellUsage.Management);
            if (acb == null)
            {
                throw new CommandRejection(ProcessingStep.Mac, GbcsAlertCodes.TrustedSourceAuthenticationFailure, "device holds no ACB KA cell");
            }

            byte[] key = GbcsKdf.DeriveKey(AcbSharedSecret(acb.PublicKey), GbcsMac.BuildKdfOtherInfo(message));
            bool ok = GbcsMac.Verify(_crypto, key, message);
            Array.Clear(key, 0, key.Length);
            if (!ok)
            {
                throw new CommandRejection(ProcessingStep.Mac, GbcsAlertCodes.TrustedSourceAuthenticationFailure, "ACB MAC does not verify");
            }
        }

        /// <summary>Step 7: the Grouping Header signature by the key in <paramref name="cell"/>.</summary>
        internal void VerifySignature(GbcsMessage message, TrustAnchorCell cell)
        {
            if (!message.HasSignature)
            {
                throw new CommandRejection(ProcessingStep.Signature, GbcsAlertCodes.TrustedSourceAuthenticationFailure, "signature missing");
            }

            _signatureVerifications++;
            if (!message.VerifySignature(_p256, cell.PublicKey))
            {
                throw new CommandRejection(ProcessingStep.Signature, GbcsAlertCodes.TrustedSourceAuthenticationFailure,
                    "signature does not verify with " + cell.Id.ToString());
            }
        }

        /// <summary>
        /// The root cell's key, parsed once: parsing builds the verification tables, which costs as much as several
        /// verifications, and the root changes only by a root replacement.
        /// </summary>
        internal P256PublicKey RootKey(byte[] rootPublicKey)
        {
            if (_rootKey == null || !SameBytes(_rootKeyBytes, rootPublicKey))
            {
                _rootKey = P256PublicKey.Parse(rootPublicKey);
                _rootKeyBytes = new byte[rootPublicKey.Length];
                Array.Copy(rootPublicKey, 0, _rootKeyBytes, 0, rootPublicKey.Length);
            }

            return _rootKey;
        }

        /// <summary>
        /// Z = ECDH(my KA private key, ACB KA public key). Both keys are static, so Z is computed once per ACB key
        /// (a new ACB key after mode 4, or a new device KA key after CS02d, computes it again).
        /// </summary>
        private byte[] AcbSharedSecret(byte[] acbPublicKey)
        {
            if (_acbSharedSecret == null || !SameBytes(_acbKeyForSecret, acbPublicKey) || _credentialsVersion != _credentials.Version)
            {
                if (_acbSharedSecret != null)
                {
                    Array.Clear(_acbSharedSecret, 0, _acbSharedSecret.Length);
                }

                _acbSharedSecret = EcdhP256.SharedSecret(_p256, _credentials.KeyAgreementKey.PrivateKey, acbPublicKey);
                _acbKeyForSecret = new byte[acbPublicKey.Length];
                Array.Copy(acbPublicKey, 0, _acbKeyForSecret, 0, acbPublicKey.Length);
                _credentialsVersion = _credentials.Version;
            }

            return _acbSharedSecret;
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
