using System;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// Known-answer tests for an <see cref="ISymmetricCryptoProvider"/>, run by a board before it trusts its native
    /// cryptography: a target image without the natives throws, and a wrong one would make every MAC fail. Two AES
    /// blocks in one call (FIPS-197 appendix C.1, the shape the GBCS MAC uses), HMAC-SHA256 with a short key and with
    /// a key longer than the block (RFC 4231 test cases 2 and 6).
    /// </summary>
    public static class SymmetricSelfTest
    {
        private static readonly byte[] AesPlain =
        {
            0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF,
        };

        private static readonly byte[] AesCipher =
        {
            0x69, 0xC4, 0xE0, 0xD8, 0x6A, 0x7B, 0x04, 0x30, 0xD8, 0xCD, 0xB7, 0x80, 0x70, 0xB4, 0xC5, 0x5A,
        };

        private static readonly byte[] ShortKey = { 0x4A, 0x65, 0x66, 0x65 }; // "Jefe"

        private static readonly byte[] ShortKeyData =
        {
            0x77, 0x68, 0x61, 0x74, 0x20, 0x64, 0x6F, 0x20, 0x79, 0x61, 0x20, 0x77, 0x61, 0x6E, 0x74, 0x20,
            0x66, 0x6F, 0x72, 0x20, 0x6E, 0x6F, 0x74, 0x68, 0x69, 0x6E, 0x67, 0x3F,
        };

        private static readonly byte[] ShortKeyMac =
        {
            0x5B, 0xDC, 0xC1, 0x46, 0xBF, 0x60, 0x75, 0x4E, 0x6A, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75, 0xC7,
            0x5A, 0x00, 0x3F, 0x08, 0x9D, 0x27, 0x39, 0x83, 0x9D, 0xEC, 0x58, 0xB9, 0x64, 0xEC, 0x38, 0x43,
        };

        private static readonly byte[] LongKeyData =
        {
            0x54, 0x65, 0x73, 0x74, 0x20, 0x55, 0x73, 0x69, 0x6E, 0x67, 0x20, 0x4C, 0x61, 0x72, 0x67, 0x65,
            0x72, 0x20, 0x54, 0x68, 0x61, 0x6E, 0x20, 0x42, 0x6C, 0x6F, 0x63, 0x6B, 0x2D, 0x53, 0x69, 0x7A,
            0x65, 0x20, 0x4B, 0x65, 0x79, 0x20, 0x2D, 0x20, 0x48, 0x61, 0x73, 0x68, 0x20, 0x4B, 0x65, 0x79,
            0x20, 0x46, 0x69, 0x72, 0x73, 0x74,
        };

        private static readonly byte[] LongKeyMac =
        {
            0x60, 0xE4, 0x31, 0x59, 0x1E, 0xE0, 0xB6, 0x7F, 0x0D, 0x8A, 0x26, 0xAA, 0xCB, 0xF5, 0xB7, 0x7F,
            0x8E, 0x0B, 0xC6, 0x21, 0x37, 0x28, 0xC5, 0x14, 0x05, 0x46, 0x04, 0x0F, 0x0E, 0xE3, 0x7F, 0x54,
        };

        /// <summary>True when every known answer comes out right; false when one is wrong or the provider throws.</summary>
        public static bool Passes(ISymmetricCryptoProvider provider)
        {
            if (provider == null)
            {
                return false;
            }

            try
            {
                return AesPasses(provider) && HmacPasses(provider);
            }
            catch (Exception)
            {
                // A target without the natives throws (NotImplemented/NotSupported, missing method): not usable.
                return false;
            }
        }

        private static bool AesPasses(ISymmetricCryptoProvider provider)
        {
            byte[] key = new byte[16];
            byte[] input = new byte[32];
            for (int i = 0; i < 16; i++)
            {
                key[i] = (byte)i;
                input[i] = AesPlain[i];
                input[16 + i] = AesPlain[i];
            }

            byte[] output = new byte[32];
            provider.EncryptAesEcb(key, input, 0, 32, output, 0);
            return Same(output, 0, AesCipher) && Same(output, 16, AesCipher);
        }

        private static bool HmacPasses(ISymmetricCryptoProvider provider)
        {
            byte[] mac = new byte[HmacSha256.MacSize];
            provider.ComputeHmacSha256(ShortKey, ShortKeyData, 0, ShortKeyData.Length, mac, 0);
            if (!Same(mac, 0, ShortKeyMac))
            {
                return false;
            }

            byte[] longKey = new byte[131];
            for (int i = 0; i < longKey.Length; i++)
            {
                longKey[i] = 0xAA;
            }

            provider.ComputeHmacSha256(longKey, LongKeyData, 0, LongKeyData.Length, mac, 0);
            return Same(mac, 0, LongKeyMac);
        }

        private static bool Same(byte[] actual, int offset, byte[] expected)
        {
            return SymmetricChecks.FixedTimeEquals(actual, offset, expected, 0, expected.Length);
        }
    }
}
