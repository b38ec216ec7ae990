namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// <see cref="ISymmetricCryptoProvider"/> over our own <see cref="Aes128"/> (table S-box) and <see cref="HmacSha256"/>:
    /// the default, and what runs wherever nanoFramework's native cryptography is missing (the nanoCLR emulator
    /// registers none of it). Stateless; one shared instance.
    /// </summary>
    public sealed class ManagedSymmetricCrypto : ISymmetricCryptoProvider
    {
        public static readonly ManagedSymmetricCrypto Instance = new ManagedSymmetricCrypto();

        private ManagedSymmetricCrypto()
        {
        }

        public void EncryptAesEcb(byte[] key16, byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
        {
            SymmetricCryptoProviderChecks.EcbArguments(key16, input, inputOffset, count, output, outputOffset);
            Aes128 aes = new Aes128(key16);
            for (int done = 0; done < count; done += Aes128.BlockSize)
            {
                aes.EncryptBlock(input, inputOffset + done, output, outputOffset + done);
            }

            aes.Clear();
        }

        public void ComputeHmacSha256(byte[] key, byte[] data, int offset, int count, byte[] macOut, int macOffset)
        {
            SymmetricCryptoProviderChecks.HmacArguments(key, data, offset, count, macOut, macOffset);
            HmacSha256 mac = new HmacSha256(key);
            mac.Update(data, offset, count);
            mac.Final(macOut, macOffset);
            mac.Clear();
        }
    }
}
