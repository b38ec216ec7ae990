using System;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// The GBCS key derivation for MAC keys: the NIST SP 800-56A single-step (concatenation) KDF with SHA-256, one
    /// round, truncated to an AES-128 key: <c>key = SHA-256(00 00 00 01 || Z || OtherInfo)[0..16)</c>.
    /// </summary>
    public static class GbcsKdf
    {
        public const int SharedSecretSize = 32;
        public const int KeySize = 16;
        public const int EntityIdSize = 8;

        /// <summary>AlgorithmID bytes GBCS fixes for this KDF (NOTES §7).</summary>
        private static readonly byte[] AlgorithmId = new byte[] { 0x60, 0x85, 0x74, 0x06, 0x08, 0x03, 0x00 };

        /// <summary>Size of the OtherInfo that <see cref="BuildOtherInfo"/> produces.</summary>
        public const int OtherInfoSize = 7 + EntityIdSize + 1 + 1 + 8 + EntityIdSize;

        /// <summary>Derives the 16-byte AES key from the 32-byte ECDH shared secret <paramref name="z32"/> and OtherInfo.</summary>
        public static byte[] DeriveKey(byte[] z32, byte[] otherInfo)
        {
            SymmetricChecks.Length(z32, SharedSecretSize, SymmetricCryptoError.BadSecretLength, "KDF shared secret Z");
            SymmetricChecks.NotNull(otherInfo, "KDF OtherInfo");

            Sha256 sha = new Sha256();
            byte[] counter = new byte[] { 0x00, 0x00, 0x00, 0x01 };
            sha.Update(counter, 0, counter.Length);
            sha.Update(z32, 0, z32.Length);
            sha.Update(otherInfo, 0, otherInfo.Length);
            byte[] digest = sha.Final();

            byte[] key = new byte[KeySize];
            Array.Copy(digest, 0, key, 0, KeySize);
            Array.Clear(digest, 0, digest.Length);
            return key;
        }

        /// <summary>
        /// OtherInfo for a GBCS message: AlgorithmID (<c>60 85 74 06 08 03 00</c>) || originator EUI-64 ||
        /// <c>09</c> || CRA flag || Originator Counter (8 bytes, big-endian) || recipient EUI-64. The originator
        /// is the Grouping Header's Originator ID and the recipient its Target ID [inferred, NOTES §7].
        /// </summary>
        public static byte[] BuildOtherInfo(byte[] originatorId, int craFlag, ulong originatorCounter, byte[] recipientId)
        {
            SymmetricChecks.Length(originatorId, EntityIdSize, SymmetricCryptoError.BadIdentifierLength, "originator entity identifier");
            SymmetricChecks.Length(recipientId, EntityIdSize, SymmetricCryptoError.BadIdentifierLength, "recipient entity identifier");
            if (craFlag < 0 || craFlag > 0xFF)
            {
                throw new SymmetricCryptoException(SymmetricCryptoError.BadIdentifierLength, "CRA flag must fit one byte, got " + craFlag);
            }

            byte[] info = new byte[OtherInfoSize];
            int p = 0;
            Array.Copy(AlgorithmId, 0, info, p, AlgorithmId.Length);
            p += AlgorithmId.Length;
            Array.Copy(originatorId, 0, info, p, EntityIdSize);
            p += EntityIdSize;
            info[p++] = 0x09;
            info[p++] = (byte)craFlag;
            for (int shift = 56; shift >= 0; shift -= 8)
            {
                info[p++] = (byte)(originatorCounter >> shift);
            }

            Array.Copy(recipientId, 0, info, p, EntityIdSize);
            return info;
        }

        /// <summary>
        /// The GBCS MAC IV: originator EUI-64 || <c>00 00 00 00</c> [inferred, NOTES §7]. Counters make each
        /// (key, IV) pair distinct because the key already binds the transaction ID.
        /// </summary>
        public static byte[] BuildMacIv(byte[] originatorId)
        {
            SymmetricChecks.Length(originatorId, EntityIdSize, SymmetricCryptoError.BadIdentifierLength, "originator entity identifier");
            byte[] iv = new byte[AesGcm128.IvSize];
            Array.Copy(originatorId, 0, iv, 0, EntityIdSize);
            return iv;
        }
    }
}
