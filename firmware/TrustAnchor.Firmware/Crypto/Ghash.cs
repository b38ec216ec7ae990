using System;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// GHASH (SP 800-38D 6.4) over 16-byte blocks, the last partial block zero-padded per <see cref="Update"/> call.
    /// Multiplication is the shift-and-add of Algorithm 1 with masks in place of branches: constant time in H and data.
    /// </summary>
    internal sealed class Ghash
    {
        private readonly uint[] _h = new uint[4];
        private readonly uint[] _y = new uint[4];

        internal Ghash(byte[] hashKey16)
        {
            for (int i = 0; i < 4; i++)
            {
                _h[i] = ReadUInt32(hashKey16, 4 * i);
            }
        }

        /// <summary>Absorbs <paramref name="count"/> bytes; a trailing partial block is padded with zeros.</summary>
        internal void Update(byte[] data, int offset, int count)
        {
            int end = offset + count;
            while (offset < end)
            {
                int n = end - offset;
                if (n >= 16)
                {
                    for (int i = 0; i < 4; i++)
                    {
                        _y[i] ^= ReadUInt32(data, offset + 4 * i);
                    }

                    n = 16;
                }
                else
                {
                    for (int i = 0; i < n; i++)
                    {
                        int word = i >> 2;
                        int shift = 24 - 8 * (i & 3);
                        _y[word] ^= (uint)data[offset + i] << shift;
                    }
                }

                MultiplyByH();
                offset += n;
            }
        }

        internal void UpdateLengths(ulong aadBits, ulong dataBits)
        {
            _y[0] ^= (uint)(aadBits >> 32);
            _y[1] ^= (uint)aadBits;
            _y[2] ^= (uint)(dataBits >> 32);
            _y[3] ^= (uint)dataBits;
            MultiplyByH();
        }

        internal void Final(byte[] output16)
        {
            for (int i = 0; i < 4; i++)
            {
                WriteUInt32(_y[i], output16, 4 * i);
            }
        }

        internal void Clear()
        {
            Array.Clear(_h, 0, 4);
            Array.Clear(_y, 0, 4);
        }

        /// <summary>Y = Y * H in GCM's reflected bit order.</summary>
        private void MultiplyByH()
        {
            // V and Z live in locals (registers) for the 128 steps; every step does the same work whatever the bit.
            uint v0 = _h[0], v1 = _h[1], v2 = _h[2], v3 = _h[3];
            uint z0 = 0, z1 = 0, z2 = 0, z3 = 0;
            for (int word = 0; word < 4; word++)
            {
                uint x = _y[word];
                for (int bit = 31; bit >= 0; bit--)
                {
                    uint take = 0u - ((x >> bit) & 1u);
                    z0 ^= v0 & take;
                    z1 ^= v1 & take;
                    z2 ^= v2 & take;
                    z3 ^= v3 & take;

                    // V = V >> 1, folding in R = 0xE1 || 0^120 when the bit shifted out was set.
                    uint reduce = 0u - (v3 & 1u);
                    v3 = (v3 >> 1) | (v2 << 31);
                    v2 = (v2 >> 1) | (v1 << 31);
                    v1 = (v1 >> 1) | (v0 << 31);
                    v0 = (v0 >> 1) ^ (0xE1000000u & reduce);
                }
            }

            _y[0] = z0;
            _y[1] = z1;
            _y[2] = z2;
            _y[3] = z3;
        }

        private static uint ReadUInt32(byte[] b, int off)
        {
            return ((uint)b[off] << 24) | ((uint)b[off + 1] << 16) | ((uint)b[off + 2] << 8) | b[off + 3];
        }

        private static void WriteUInt32(uint value, byte[] b, int off)
        {
            b[off] = (byte)(value >> 24);
            b[off + 1] = (byte)(value >> 16);
            b[off + 2] = (byte)(value >> 8);
            b[off + 3] = (byte)value;
        }
    }
}
