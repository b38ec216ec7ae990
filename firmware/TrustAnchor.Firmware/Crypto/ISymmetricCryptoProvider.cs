namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// The two symmetric primitives the device spends its time in, given to it at construction: the AES-128
    /// block cipher under the GBCS MAC (GCM's hash key and tag mask) and HMAC-SHA256 (the RFC 6979 nonce DRBG of
    /// every signature). The host, the simulator and the emulator use <see cref="ManagedSymmetricCrypto"/> (our
    /// code); a board passes one over nanoFramework.System.Security.Cryptography, whose native AES and HMAC
    /// (mbedTLS) run far faster than managed code under the interpreter. GHASH, SHA-256 and P-256 stay ours:
    /// nanoFramework offers none of them.
    /// </summary>
    /// <remarks>
    /// Implementations check their arguments (typed <see cref="SymmetricCryptoException"/>), keep no state between
    /// calls and may be called from several threads.
    /// </remarks>
    public interface ISymmetricCryptoProvider
    {
        /// <summary>
        /// AES-128 in ECB mode: encrypts <paramref name="count"/> bytes (whole 16-byte blocks, each on its own) of
        /// <paramref name="input"/> under <paramref name="key16"/> into <paramref name="output"/>. The ranges may be the same.
        /// </summary>
        void EncryptAesEcb(byte[] key16, byte[] input, int inputOffset, int count, byte[] output, int outputOffset);

        /// <summary>HMAC-SHA256 of data[offset, offset + count) under <paramref name="key"/>: 32 bytes into macOut at macOffset.</summary>
        void ComputeHmacSha256(byte[] key, byte[] data, int offset, int count, byte[] macOut, int macOffset);
    }
}
