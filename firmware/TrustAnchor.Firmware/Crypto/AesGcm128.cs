using System;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// AES-128-GCM (NIST SP 800-38D) with a 96-bit IV, pure managed. GBCS uses it as GMAC: empty plaintext,
    /// the APDU as additional authenticated data, a 12-byte tag.
    /// </summary>
    /// <remarks>
    /// GHASH multiplies bit by bit with masks (no tables indexed by H or by data, no branches on either), so its
    /// timing does not depend on the hash key. The block cipher is <see cref="Aes128"/> with its table S-box unless
    /// <c>constantTime</c> is requested (see the remarks there). Tags from 12 to 16 bytes are accepted, as .NET does;
    /// shorter tags weaken forgery resistance and GBCS does not use them.
    /// </remarks>
    public static class AesGcm128
    {
        public const int IvSize = 12;
        public const int MinTagSize = 12;
        public const int MaxTagSize = 16;

        /// <summary>Tag over <paramref name="aad"/> and the ciphertext of <paramref name="plaintext"/> (which may be null when its count is 0).</summary>
        public static byte[] ComputeTag(byte[] key, byte[] iv12, byte[] aad, int aadOffset, int aadCount,
            byte[] plaintext, int pOff, int pCount, int tagLength)
        {
            CheckTagLength(tagLength);
            byte[] tag = new byte[tagLength];
            Run(key, iv12, aad, aadOffset, aadCount, plaintext, pOff, pCount, null, 0, true, false, tag, 0, tagLength);
            return tag;
        }

        /// <summary>GMAC: the tag over <paramref name="aad"/> with empty plaintext (the GBCS MAC).</summary>
        public static byte[] ComputeGmac(byte[] key, byte[] iv12, byte[] aad, int aadOffset, int aadCount, int tagLength)
        {
            return ComputeTag(key, iv12, aad, aadOffset, aadCount, null, 0, 0, tagLength);
        }

        /// <summary>
        /// True when <paramref name="tag"/> is the tag <see cref="ComputeTag"/> would give. The comparison takes the
        /// same time wherever the tags differ.
        /// </summary>
        public static bool VerifyTag(byte[] key, byte[] iv12, byte[] aad, int aadOffset, int aadCount,
            byte[] plaintext, int pOff, int pCount, byte[] tag, int tagOffset, int tagLength)
        {
            CheckTagLength(tagLength);
            SymmetricChecks.Range(tag, tagOffset, tagLength, "GCM tag");
            byte[] expected = new byte[tagLength];
            Run(key, iv12, aad, aadOffset, aadCount, plaintext, pOff, pCount, null, 0, true, false, expected, 0, tagLength);
            bool ok = SymmetricChecks.FixedTimeEquals(expected, 0, tag, tagOffset, tagLength);
            Array.Clear(expected, 0, tagLength);
            return ok;
        }

        /// <summary>GMAC verification (empty plaintext).</summary>
        public static bool VerifyGmac(byte[] key, byte[] iv12, byte[] aad, int aadOffset, int aadCount,
            byte[] tag, int tagOffset, int tagLength)
        {
            return VerifyTag(key, iv12, aad, aadOffset, aadCount, null, 0, 0, tag, tagOffset, tagLength);
        }

        /// <summary>
        /// GMAC with the AES block cipher of <paramref name="aes"/> (the device's provider: on a board, native AES).
        /// The cipher is needed for two blocks only, E(0) (the hash key) and E(J0) (the tag mask), so both go in one
        /// ECB call; GHASH over the AAD stays ours. Same tag as <see cref="ComputeGmac(byte[], byte[], byte[], int, int, int)"/>.
        /// </summary>
        public static byte[] ComputeGmac(ISymmetricCryptoProvider aes, byte[] key, byte[] iv12, byte[] aad, int aadOffset, int aadCount, int tagLength)
        {
            CheckTagLength(tagLength);
            byte[] tag = new byte[tagLength];
            Gmac(aes, key, iv12, aad, aadOffset, aadCount, tag, 0, tagLength);
            return tag;
        }

        /// <summary>GMAC verification with the provider's AES (constant-time compare); see <see cref="ComputeGmac(ISymmetricCryptoProvider, byte[], byte[], byte[], int, int, int)"/>.</summary>
        public static bool VerifyGmac(ISymmetricCryptoProvider aes, byte[] key, byte[] iv12, byte[] aad, int aadOffset, int aadCount,
            byte[] tag, int tagOffset, int tagLength)
        {
            CheckTagLength(tagLength);
            SymmetricChecks.Range(tag, tagOffset, tagLength, "GCM tag");
            byte[] expected = new byte[tagLength];
            Gmac(aes, key, iv12, aad, aadOffset, aadCount, expected, 0, tagLength);
            bool ok = SymmetricChecks.FixedTimeEquals(expected, 0, tag, tagOffset, tagLength);
            Array.Clear(expected, 0, tagLength);
            return ok;
        }

        /// <summary>Authenticated encryption: ciphertext (same length as the plaintext) and tag.</summary>
        public static void Encrypt(byte[] key, byte[] iv12, byte[] aad, int aadOffset, int aadCount,
            byte[] plaintext, int pOff, int pCount, byte[] ciphertext, int cOff, byte[] tag, int tagOffset, int tagLength)
        {
            CheckTagLength(tagLength);
            SymmetricChecks.Range(ciphertext, cOff, pCount, "GCM ciphertext output");
            SymmetricChecks.Range(tag, tagOffset, tagLength, "GCM tag output");
            Run(key, iv12, aad, aadOffset, aadCount, plaintext, pOff, pCount, ciphertext, cOff, true, true, tag, tagOffset, tagLength);
        }

        /// <summary>
        /// Authenticated decryption. Returns false, writing nothing to <paramref name="plaintext"/>, when the tag does not verify.
        /// </summary>
        public static bool Decrypt(byte[] key, byte[] iv12, byte[] aad, int aadOffset, int aadCount,
            byte[] ciphertext, int cOff, int cCount, byte[] tag, int tagOffset, int tagLength, byte[] plaintext, int pOff)
        {
            CheckTagLength(tagLength);
            SymmetricChecks.Range(tag, tagOffset, tagLength, "GCM tag");
            SymmetricChecks.Range(plaintext, pOff, cCount, "GCM plaintext output");
            byte[] expected = new byte[tagLength];

            // Tag first (GHASH runs over the ciphertext), plaintext only once it verified.
            Run(key, iv12, aad, aadOffset, aadCount, ciphertext, cOff, cCount, null, 0, false, false, expected, 0, tagLength);
            bool ok = SymmetricChecks.FixedTimeEquals(expected, 0, tag, tagOffset, tagLength);
            Array.Clear(expected, 0, tagLength);
            if (!ok)
            {
                return false;
            }

            byte[] unused = new byte[MaxTagSize];
            Run(key, iv12, null, 0, 0, ciphertext, cOff, cCount, plaintext, pOff, false, true, unused, 0, MaxTagSize);
            return true;
        }

        private static void Gmac(ISymmetricCryptoProvider aes, byte[] key, byte[] iv12, byte[] aad, int aadOffset, int aadCount,
            byte[] tag, int tagOffset, int tagLength)
        {
            SymmetricChecks.NotNull(aes, "AES provider");
            SymmetricChecks.Length(key, Aes128.KeySize, SymmetricCryptoError.BadKeyLength, "AES-GCM key");
            SymmetricChecks.Length(iv12, IvSize, SymmetricCryptoError.BadIvLength, "AES-GCM IV");
            if (aad != null || aadCount != 0)
            {
                SymmetricChecks.Range(aad, aadOffset, aadCount, "GCM additional data");
            }

            // Block 0: 0^128 (E gives the hash key H); block 1: J0 = IV || 0^31 || 1 (E gives the tag mask).
            byte[] blocks = new byte[2 * Aes128.BlockSize];
            Array.Copy(iv12, 0, blocks, Aes128.BlockSize, IvSize);
            blocks[2 * Aes128.BlockSize - 1] = 1;
            byte[] encrypted = new byte[2 * Aes128.BlockSize];
            aes.EncryptAesEcb(key, blocks, 0, blocks.Length, encrypted, 0);

            byte[] block = new byte[Aes128.BlockSize];
            Array.Copy(encrypted, 0, block, 0, Aes128.BlockSize);
            Ghash ghash = new Ghash(block);
            if (aadCount > 0)
            {
                ghash.Update(aad, aadOffset, aadCount);
            }

            ghash.UpdateLengths((ulong)aadCount * 8, 0);
            ghash.Final(block);
            for (int i = 0; i < tagLength; i++)
            {
                tag[tagOffset + i] = (byte)(block[i] ^ encrypted[Aes128.BlockSize + i]);
            }

            ghash.Clear();
            Array.Clear(block, 0, block.Length);
            Array.Clear(encrypted, 0, encrypted.Length);
        }

        private static void CheckTagLength(int tagLength)
        {
            if (tagLength < MinTagSize || tagLength > MaxTagSize)
            {
                throw new SymmetricCryptoException(SymmetricCryptoError.BadTagLength,
                    "GCM tag length must be 12 to 16 bytes, got " + tagLength);
            }
        }

        /// <summary>
        /// One pass of GCM. <paramref name="input"/> is plaintext when <paramref name="inputIsPlaintext"/> (GHASH then
        /// covers the keystream-xored output), ciphertext otherwise. Output is written only when <paramref name="writeOutput"/>.
        /// </summary>
        private static void Run(byte[] key, byte[] iv12, byte[] aad, int aadOffset, int aadCount,
            byte[] input, int inOff, int inCount, byte[] output, int outOff, bool inputIsPlaintext, bool writeOutput,
            byte[] tag, int tagOffset, int tagLength)
        {
            SymmetricChecks.Length(key, Aes128.KeySize, SymmetricCryptoError.BadKeyLength, "AES-GCM key");
            SymmetricChecks.Length(iv12, IvSize, SymmetricCryptoError.BadIvLength, "AES-GCM IV");
            if (aad != null || aadCount != 0)
            {
                SymmetricChecks.Range(aad, aadOffset, aadCount, "GCM additional data");
            }

            if (input != null || inCount != 0)
            {
                SymmetricChecks.Range(input, inOff, inCount, "GCM input");
            }

            Aes128 aes = new Aes128(key);
            byte[] block = new byte[Aes128.BlockSize];
            aes.EncryptBlock(block, 0, block, 0);
            Ghash ghash = new Ghash(block);

            // J0 = IV || 0^31 || 1; the first keystream block is inc32(J0).
            byte[] counter = new byte[Aes128.BlockSize];
            Array.Copy(iv12, 0, counter, 0, IvSize);
            counter[15] = 1;
            byte[] tagMask = new byte[Aes128.BlockSize];
            aes.EncryptBlock(counter, 0, tagMask, 0);

            if (aadCount > 0)
            {
                ghash.Update(aad, aadOffset, aadCount);
            }

            byte[] keystream = new byte[Aes128.BlockSize];
            byte[] cipherBlock = new byte[Aes128.BlockSize];
            int done = 0;
            while (done < inCount)
            {
                Increment32(counter);
                aes.EncryptBlock(counter, 0, keystream, 0);
                int n = inCount - done;
                if (n > Aes128.BlockSize)
                {
                    n = Aes128.BlockSize;
                }

                for (int i = 0; i < n; i++)
                {
                    byte inByte = input[inOff + done + i];
                    byte outByte = (byte)(inByte ^ keystream[i]);
                    cipherBlock[i] = inputIsPlaintext ? outByte : inByte;
                    if (writeOutput)
                    {
                        output[outOff + done + i] = outByte;
                    }
                }

                ghash.Update(cipherBlock, 0, n);
                done += n;
            }

            ghash.UpdateLengths((ulong)aadCount * 8, (ulong)inCount * 8);
            ghash.Final(block);
            for (int i = 0; i < tagLength; i++)
            {
                tag[tagOffset + i] = (byte)(block[i] ^ tagMask[i]);
            }

            aes.Clear();
            Array.Clear(block, 0, block.Length);
            Array.Clear(tagMask, 0, tagMask.Length);
            Array.Clear(keystream, 0, keystream.Length);
            Array.Clear(cipherBlock, 0, cipherBlock.Length);
            ghash.Clear();
        }

        private static void Increment32(byte[] counter)
        {
            for (int i = 15; i >= 12; i--)
            {
                counter[i]++;
                if (counter[i] != 0)
                {
                    break;
                }
            }
        }
    }
}
