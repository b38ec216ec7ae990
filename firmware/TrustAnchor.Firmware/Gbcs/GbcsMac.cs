using System;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// The GBCS MAC (NOTES section 7; the AAD layout is our reading): AES-128-GCM tag of 12 bytes over an empty
    /// plaintext, IV = originator EUI-64 || 00 00 00 00, AAD = <see cref="AadPrefix"/> || the APDU from <c>DF</c>
    /// through the signature field. The key comes from <see cref="GbcsKdf"/> with
    /// <see cref="BuildKdfOtherInfo(GbcsMessage)"/> and the ECDH secret of the two parties' key-agreement keys.
    /// </summary>
    public static class GbcsMac
    {
        /// <summary>Security control byte 0x11 followed by five zero bytes, as in NOTES section 7.</summary>
        internal static readonly byte[] AadPrefix = new byte[] { 0x11, 0x00, 0x00, 0x00, 0x00, 0x00 };

        /// <summary>The full AAD for a MAC-protected message (a fresh array).</summary>
        public static byte[] BuildAad(GbcsMessage message)
        {
            RequireMac(message);
            byte[] aad = new byte[AadPrefix.Length + message.MacAadLength];
            Array.Copy(AadPrefix, 0, aad, 0, AadPrefix.Length);
            Array.Copy(message.Frame, message.MacAadOffset, aad, AadPrefix.Length, message.MacAadLength);
            return aad;
        }

        /// <summary>KDF OtherInfo taken from the message's own Grouping Header (originator, CRA, counter, target).</summary>
        public static byte[] BuildKdfOtherInfo(GbcsMessage message)
        {
            if (message == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no message");
            }

            return GbcsKdf.BuildOtherInfo(message.OriginatorId, message.CraFlag, message.OriginatorCounter, message.TargetId);
        }

        /// <summary>The 12-byte MAC the message should carry under <paramref name="key16"/> (our managed AES).</summary>
        public static byte[] Compute(byte[] key16, GbcsMessage message)
        {
            return Compute(ManagedSymmetricCrypto.Instance, key16, message);
        }

        /// <summary>The 12-byte MAC with the AES block cipher of <paramref name="crypto"/> (a board's native AES).</summary>
        public static byte[] Compute(ISymmetricCryptoProvider crypto, byte[] key16, GbcsMessage message)
        {
            RequireMac(message);
            byte[] aad = BuildAad(message);
            return AesGcm128.ComputeGmac(crypto, key16, message.GetMacIv(), aad, 0, aad.Length, GbcsMessage.MacLength);
        }

        /// <summary>True when the message's MAC verifies under <paramref name="key16"/> (constant-time compare).</summary>
        public static bool Verify(byte[] key16, GbcsMessage message)
        {
            return Verify(ManagedSymmetricCrypto.Instance, key16, message);
        }

        /// <summary>As <see cref="Verify(byte[], GbcsMessage)"/>, with the AES block cipher of <paramref name="crypto"/>.</summary>
        public static bool Verify(ISymmetricCryptoProvider crypto, byte[] key16, GbcsMessage message)
        {
            RequireMac(message);
            byte[] aad = BuildAad(message);
            return AesGcm128.VerifyGmac(crypto, key16, message.GetMacIv(), aad, 0, aad.Length, message.Frame, message.MacOffset, GbcsMessage.MacLength);
        }

        private static void RequireMac(GbcsMessage message)
        {
            if (message == null || !message.HasMac)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "message has no MAC Header");
            }
        }
    }
}
