using System;
using System.Security.Cryptography;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Board
{
    /// <summary>
    /// <see cref="ISymmetricCryptoProvider"/> over nanoFramework.System.Security.Cryptography: its Aes (ECB) and
    /// HMACSHA256 call the target's native mbedTLS, far faster than our managed AES and HMAC under the interpreter.
    /// Needs a target image built with the cryptography natives (the ESP32 and the listed STM32 targets have them;
    /// the nanoCLR emulator does not: use <see cref="ManagedSymmetricCrypto"/> there). Same results as ours, which a
    /// host test checks with .NET's Aes/HMACSHA256 standing in for the native ones.
    /// </summary>
    public sealed class NativeSymmetricCrypto : ISymmetricCryptoProvider
    {
        public void EncryptAesEcb(byte[] key16, byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
        {
            SymmetricCryptoProviderChecks.EcbArguments(key16, input, inputOffset, count, output, outputOffset);
            if (count == 0)
            {
                return;
            }

            // nanoFramework's Aes encrypts a whole array: hand it exactly the blocks.
            byte[] blocks = Slice(input, inputOffset, count);
            Aes aes = new Aes(CipherMode.ECB);
            aes.Key = key16;
            byte[] encrypted = aes.Encrypt(blocks);
            if (encrypted == null || encrypted.Length != count)
            {
                throw new SymmetricCryptoException(SymmetricCryptoError.RangeOutsideBuffer, "native AES returned the wrong length");
            }

            Array.Copy(encrypted, 0, output, outputOffset, count);
            Array.Clear(encrypted, 0, encrypted.Length);
            if (blocks != input)
            {
                Array.Clear(blocks, 0, blocks.Length);
            }
        }

        public void ComputeHmacSha256(byte[] key, byte[] data, int offset, int count, byte[] macOut, int macOffset)
        {
            SymmetricCryptoProviderChecks.HmacArguments(key, data, offset, count, macOut, macOffset);
            byte[] message = Slice(data, offset, count);
            using (HMACSHA256 hmac = new HMACSHA256(key))
            {
                byte[] mac = hmac.ComputeHash(message);
                if (mac == null || mac.Length != HmacSha256.MacSize)
                {
                    throw new SymmetricCryptoException(SymmetricCryptoError.RangeOutsideBuffer, "native HMAC returned the wrong length");
                }

                Array.Copy(mac, 0, macOut, macOffset, HmacSha256.MacSize);
                Array.Clear(mac, 0, mac.Length);
            }

            if (message != data)
            {
                Array.Clear(message, 0, message.Length);
            }
        }

        // The whole array when the range is all of it, otherwise a copy of the range.
        private static byte[] Slice(byte[] buffer, int offset, int count)
        {
            if (offset == 0 && count == buffer.Length)
            {
                return buffer;
            }

            byte[] copy = new byte[count];
            Array.Copy(buffer, offset, copy, 0, count);
            return copy;
        }
    }
}
