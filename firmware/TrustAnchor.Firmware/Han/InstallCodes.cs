using System;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Han
{
    /// <summary>
    /// ZigBee install codes: 6, 8, 12 or 16 bytes followed by their CRC-16/X.25 (low byte first). The hub keeps
    /// only the link key derived from a code with the AES-MMO hash (ZigBee spec B.6), never the code.
    /// </summary>
    public static class InstallCodes
    {
        /// <summary>The 16-byte link key of an install code (with its CRC); a bad length or CRC throws <see cref="HanException"/>.</summary>
        public static byte[] LinkKey(byte[] codeWithCrc, int offset, int length)
        {
            if (codeWithCrc == null || offset < 0 || length < 0 || offset > codeWithCrc.Length - length)
            {
                throw new HanException(HanError.InvalidArgument, "install code view out of range");
            }

            int n = length - 2;
            if (n != 6 && n != 8 && n != 12 && n != 16)
            {
                throw new HanException(HanError.BadInstallCode, "an install code is 6, 8, 12 or 16 bytes plus a 2-byte CRC, not " + length.ToString() + " bytes");
            }

            int crc = Crc16X25(codeWithCrc, offset, n);
            if (codeWithCrc[offset + n] != (byte)crc || codeWithCrc[offset + n + 1] != (byte)(crc >> 8))
            {
                throw new HanException(HanError.BadInstallCode, "install code CRC does not match");
            }

            return MmoHash(codeWithCrc, offset, length);
        }

        /// <summary>CRC-16/X.25: reflected polynomial 0x1021 (0x8408), initial value and final XOR 0xFFFF.</summary>
        public static int Crc16X25(byte[] data, int offset, int length)
        {
            int crc = 0xFFFF;
            for (int i = 0; i < length; i++)
            {
                crc ^= data[offset + i];
                for (int b = 0; b < 8; b++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
                }
            }

            return crc ^ 0xFFFF;
        }

        /// <summary>
        /// Matyas–Meyer–Oseas on AES-128: H0 = 0, Hi = E(Hi-1, Mi) xor Mi, the message padded with a 1 bit, zeros
        /// and its length in bits (16 bits, for messages under 8 KiB as install codes are).
        /// </summary>
        public static byte[] MmoHash(byte[] message, int offset, int length)
        {
            int bits = length * 8;
            byte[] padded = new byte[((length + 1 + 2 + 15) / 16) * 16];
            Array.Copy(message, offset, padded, 0, length);
            padded[length] = 0x80;
            padded[padded.Length - 2] = (byte)(bits >> 8);
            padded[padded.Length - 1] = (byte)bits;

            byte[] hash = new byte[16];
            byte[] block = new byte[16];
            for (int at = 0; at < padded.Length; at += 16)
            {
                Aes128 aes = new Aes128(hash);
                aes.EncryptBlock(padded, at, block, 0);
                aes.Clear();
                for (int i = 0; i < 16; i++)
                {
                    hash[i] = (byte)(block[i] ^ padded[at + i]);
                }
            }

            Array.Clear(block, 0, block.Length);
            Array.Clear(padded, 0, padded.Length);
            return hash;
        }
    }
}
