namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// The argument rules of <see cref="ISymmetricCryptoProvider"/>, public so a board's provider (a separate
    /// assembly) refuses bad input with the same typed errors as ours.
    /// </summary>
    public static class SymmetricCryptoProviderChecks
    {
        /// <summary>Key of 16 bytes, a whole number of blocks, both ranges inside their buffers.</summary>
        public static void EcbArguments(byte[] key16, byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
        {
            SymmetricChecks.Length(key16, Aes128.KeySize, SymmetricCryptoError.BadKeyLength, "AES-128 key");
            SymmetricChecks.Range(input, inputOffset, count, "AES input");
            SymmetricChecks.Range(output, outputOffset, count, "AES output");
            if (count % Aes128.BlockSize != 0)
            {
                throw new SymmetricCryptoException(SymmetricCryptoError.RangeOutsideBuffer,
                    "AES-ECB input must be whole 16-byte blocks, got " + count + " bytes");
            }
        }

        /// <summary>A key (any length), the data range and 32 bytes of output room.</summary>
        public static void HmacArguments(byte[] key, byte[] data, int offset, int count, byte[] macOut, int macOffset)
        {
            SymmetricChecks.NotNull(key, "HMAC key");
            SymmetricChecks.Range(data, offset, count, "HMAC data");
            SymmetricChecks.Range(macOut, macOffset, HmacSha256.MacSize, "HMAC output");
        }
    }
}
