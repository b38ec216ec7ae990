using System;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// AES-128 block encryption (FIPS 197), pure managed, encrypt direction only (GCM needs nothing else).
    /// </summary>
    /// <remarks>
    /// Two S-box strategies:
    /// <list type="bullet">
    /// <item>Table (default): one 256-byte S-box lookup per byte. The index is secret, so on a core with a data
    /// cache (Cortex-M7, desktop CPUs) the access pattern can leak key bits to a co-located attacker
    /// (Bernstein/Osvik-Shamir-Tromer cache timing). On cacheless Cortex-M0/M3/M4 parts flash/SRAM access time
    /// is uniform, and this table is 256 bytes, not the 4 KB T-tables of fast software AES, which narrows it further.</item>
    /// <item>Computed (<c>constantTime: true</c>): the S-box is evaluated as x^254 in GF(2^8) followed by the affine
    /// map, with mask arithmetic only — no secret-dependent index or branch. About 10x slower; in GBCS each MAC
    /// costs just two blocks plus the key schedule, so it is affordable where the threat model asks for it.</item>
    /// </list>
    /// MixColumns uses a branch-free xtime in both modes.
    /// </remarks>
    public sealed class Aes128
    {
        public const int BlockSize = 16;
        public const int KeySize = 16;

        private const int Rounds = 10;

        private readonly byte[] _roundKeys = new byte[BlockSize * (Rounds + 1)];
        private readonly bool _constantTime;
        private readonly byte[] _state = new byte[BlockSize];

        /// <summary>AES-128 with the table S-box.</summary>
        public Aes128(byte[] key16)
            : this(key16, false)
        {
        }

        /// <summary>AES-128; <paramref name="constantTime"/> selects the computed (table-free) S-box.</summary>
        public Aes128(byte[] key16, bool constantTime)
        {
            SymmetricChecks.Length(key16, KeySize, SymmetricCryptoError.BadKeyLength, "AES-128 key");
            _constantTime = constantTime;
            ExpandKey(key16);
        }

        /// <summary>True when this instance evaluates the S-box without table lookups.</summary>
        public bool IsConstantTime
        {
            get { return _constantTime; }
        }

        /// <summary>Encrypts one 16-byte block; input and output may overlap (the same array and offset is fine).</summary>
        public void EncryptBlock(byte[] input, int inOff, byte[] output, int outOff)
        {
            SymmetricChecks.Range(input, inOff, BlockSize, "AES input block");
            SymmetricChecks.Range(output, outOff, BlockSize, "AES output block");

            byte[] s = _state;
            byte[] rk = _roundKeys;
            for (int i = 0; i < BlockSize; i++)
            {
                s[i] = (byte)(input[inOff + i] ^ rk[i]);
            }

            for (int round = 1; round <= Rounds; round++)
            {
                for (int i = 0; i < BlockSize; i++)
                {
                    s[i] = SubByte(s[i]);
                }

                ShiftRows(s);
                if (round != Rounds)
                {
                    MixColumns(s);
                }

                int k = round * BlockSize;
                for (int i = 0; i < BlockSize; i++)
                {
                    s[i] ^= rk[k + i];
                }
            }

            Array.Copy(s, 0, output, outOff, BlockSize);
            Array.Clear(s, 0, BlockSize);
        }

        /// <summary>Wipes the key schedule; the instance must not be used afterwards.</summary>
        public void Clear()
        {
            Array.Clear(_roundKeys, 0, _roundKeys.Length);
        }

        private void ExpandKey(byte[] key)
        {
            byte[] w = _roundKeys;
            Array.Copy(key, 0, w, 0, KeySize);
            int rcon = 1;
            for (int i = KeySize; i < w.Length; i += 4)
            {
                byte t0 = w[i - 4];
                byte t1 = w[i - 3];
                byte t2 = w[i - 2];
                byte t3 = w[i - 1];
                if (i % KeySize == 0)
                {
                    // RotWord, SubWord, Rcon.
                    byte r = t0;
                    t0 = (byte)(SubByte(t1) ^ rcon);
                    t1 = SubByte(t2);
                    t2 = SubByte(t3);
                    t3 = SubByte(r);
                    rcon = XTime(rcon);
                }

                w[i] = (byte)(w[i - KeySize] ^ t0);
                w[i + 1] = (byte)(w[i - KeySize + 1] ^ t1);
                w[i + 2] = (byte)(w[i - KeySize + 2] ^ t2);
                w[i + 3] = (byte)(w[i - KeySize + 3] ^ t3);
            }
        }

        private byte SubByte(byte x)
        {
            return _constantTime ? ComputedSubByte(x) : SBox[x];
        }

        private static void ShiftRows(byte[] s)
        {
            // State is column-major: s[r + 4c]. Row r rotates left by r.
            byte t = s[1];
            s[1] = s[5];
            s[5] = s[9];
            s[9] = s[13];
            s[13] = t;

            t = s[2];
            s[2] = s[10];
            s[10] = t;
            t = s[6];
            s[6] = s[14];
            s[14] = t;

            t = s[15];
            s[15] = s[11];
            s[11] = s[7];
            s[7] = s[3];
            s[3] = t;
        }

        private static void MixColumns(byte[] s)
        {
            for (int c = 0; c < BlockSize; c += 4)
            {
                int a0 = s[c];
                int a1 = s[c + 1];
                int a2 = s[c + 2];
                int a3 = s[c + 3];
                int all = a0 ^ a1 ^ a2 ^ a3;
                s[c] = (byte)(a0 ^ all ^ XTime(a0 ^ a1));
                s[c + 1] = (byte)(a1 ^ all ^ XTime(a1 ^ a2));
                s[c + 2] = (byte)(a2 ^ all ^ XTime(a2 ^ a3));
                s[c + 3] = (byte)(a3 ^ all ^ XTime(a3 ^ a0));
            }
        }

        /// <summary>Multiply by x in GF(2^8) without a data-dependent branch.</summary>
        private static int XTime(int a)
        {
            return ((a << 1) ^ (0x1B & -((a >> 7) & 1))) & 0xFF;
        }

        /// <summary>GF(2^8) multiply, fixed 8 iterations, masks instead of branches.</summary>
        private static int GfMul(int a, int b)
        {
            int r = 0;
            for (int i = 0; i < 8; i++)
            {
                r ^= a & -(b & 1);
                b >>= 1;
                a = XTime(a);
            }

            return r;
        }

        /// <summary>S(x) = affine(x^254); x^254 is the field inverse (and maps 0 to 0, as AES requires).</summary>
        internal static byte ComputedSubByte(byte x)
        {
            int x2 = GfMul(x, x);
            int x3 = GfMul(x2, x);
            int x6 = GfMul(x3, x3);
            int x12 = GfMul(x6, x6);
            int x15 = GfMul(x12, x3);
            int x30 = GfMul(x15, x15);
            int x60 = GfMul(x30, x30);
            int x120 = GfMul(x60, x60);
            int x240 = GfMul(x120, x120);
            int x252 = GfMul(x240, x12);
            int b = GfMul(x252, x2);
            int s = b ^ Rotl8(b, 1) ^ Rotl8(b, 2) ^ Rotl8(b, 3) ^ Rotl8(b, 4) ^ 0x63;
            return (byte)s;
        }

        private static int Rotl8(int b, int n)
        {
            return ((b << n) | (b >> (8 - n))) & 0xFF;
        }

        internal static readonly byte[] SBox = new byte[]
        {
            0x63, 0x7C, 0x77, 0x7B, 0xF2, 0x6B, 0x6F, 0xC5, 0x30, 0x01, 0x67, 0x2B, 0xFE, 0xD7, 0xAB, 0x76,
            0xCA, 0x82, 0xC9, 0x7D, 0xFA, 0x59, 0x47, 0xF0, 0xAD, 0xD4, 0xA2, 0xAF, 0x9C, 0xA4, 0x72, 0xC0,
            0xB7, 0xFD, 0x93, 0x26, 0x36, 0x3F, 0xF7, 0xCC, 0x34, 0xA5, 0xE5, 0xF1, 0x71, 0xD8, 0x31, 0x15,
            0x04, 0xC7, 0x23, 0xC3, 0x18, 0x96, 0x05, 0x9A, 0x07, 0x12, 0x80, 0xE2, 0xEB, 0x27, 0xB2, 0x75,
            0x09, 0x83, 0x2C, 0x1A, 0x1B, 0x6E, 0x5A, 0xA0, 0x52, 0x3B, 0xD6, 0xB3, 0x29, 0xE3, 0x2F, 0x84,
            0x53, 0xD1, 0x00, 0xED, 0x20, 0xFC, 0xB1, 0x5B, 0x6A, 0xCB, 0xBE, 0x39, 0x4A, 0x4C, 0x58, 0xCF,
            0xD0, 0xEF, 0xAA, 0xFB, 0x43, 0x4D, 0x33, 0x85, 0x45, 0xF9, 0x02, 0x7F, 0x50, 0x3C, 0x9F, 0xA8,
            0x51, 0xA3, 0x40, 0x8F, 0x92, 0x9D, 0x38, 0xF5, 0xBC, 0xB6, 0xDA, 0x21, 0x10, 0xFF, 0xF3, 0xD2,
            0xCD, 0x0C, 0x13, 0xEC, 0x5F, 0x97, 0x44, 0x17, 0xC4, 0xA7, 0x7E, 0x3D, 0x64, 0x5D, 0x19, 0x73,
            0x60, 0x81, 0x4F, 0xDC, 0x22, 0x2A, 0x90, 0x88, 0x46, 0xEE, 0xB8, 0x14, 0xDE, 0x5E, 0x0B, 0xDB,
            0xE0, 0x32, 0x3A, 0x0A, 0x49, 0x06, 0x24, 0x5C, 0xC2, 0xD3, 0xAC, 0x62, 0x91, 0x95, 0xE4, 0x79,
            0xE7, 0xC8, 0x37, 0x6D, 0x8D, 0xD5, 0x4E, 0xA9, 0x6C, 0x56, 0xF4, 0xEA, 0x65, 0x7A, 0xAE, 0x08,
            0xBA, 0x78, 0x25, 0x2E, 0x1C, 0xA6, 0xB4, 0xC6, 0xE8, 0xDD, 0x74, 0x1F, 0x4B, 0xBD, 0x8B, 0x8A,
            0x70, 0x3E, 0xB5, 0x66, 0x48, 0x03, 0xF6, 0x0E, 0x61, 0x35, 0x57, 0xB9, 0x86, 0xC1, 0x1D, 0x9E,
            0xE1, 0xF8, 0x98, 0x11, 0x69, 0xD9, 0x8E, 0x94, 0x9B, 0x1E, 0x87, 0xE9, 0xCE, 0x55, 0x28, 0xDF,
            0x8C, 0xA1, 0x89, 0x0D, 0xBF, 0xE6, 0x42, 0x68, 0x41, 0x99, 0x2D, 0x0F, 0xB0, 0x54, 0xBB, 0x16,
        };
    }
}
