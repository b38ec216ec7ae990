using System;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// SHA-256 (FIPS 180-4), pure managed, for boards whose runtime has no hash class.
    /// One instance holds 64 + 32 + 64 words/bytes of state and never allocates after construction: an owner that
    /// hashes often (a device, a verifier's <see cref="P256Context"/>, the store) keeps one and calls
    /// <see cref="ComputeHash(byte[], int, int, byte[], int)"/>. The static one-shot forms are conveniences
    /// that use an instance of their own for the one call (nothing shared, nothing locked).
    /// </summary>
    public sealed class Sha256
    {
        /// <summary>Digest length in bytes.</summary>
        public const int HashSize = 32;

        /// <summary>Compression block length in bytes.</summary>
        public const int BlockSize = 64;

        // FIPS 180-4 4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes.
        private static readonly uint[] K =
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        /// <summary>Bytes an instance holds: its state, message schedule and block.</summary>
        public const int StorageBytes = 4 * 8 + 4 * 64 + BlockSize;

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _w = new uint[64];
        private readonly byte[] _block = new byte[BlockSize];
        private int _blockFill;
        private ulong _totalBytes;

        public Sha256()
        {
            Reset();
        }

        /// <summary>SHA-256 of the whole array.</summary>
        public static byte[] Hash(byte[] data)
        {
            if (data == null)
            {
                throw new CryptoException(CryptoError.NullArgument, "data is null");
            }

            return Hash(data, 0, data.Length);
        }

        /// <summary>SHA-256 of <paramref name="count"/> bytes from <paramref name="offset"/>.</summary>
        public static byte[] Hash(byte[] data, int offset, int count)
        {
            byte[] output = new byte[HashSize];
            Hash(data, offset, count, output, 0);
            return output;
        }

        /// <summary>SHA-256 into a caller's buffer, with an instance of its own for this call.</summary>
        public static void Hash(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            new Sha256().ComputeHash(data, offset, count, output, outputOffset);
        }

        /// <summary>
        /// SHA-256 of <paramref name="count"/> bytes from <paramref name="offset"/> into a caller's buffer, as one
        /// message (any message in progress is discarded); allocates nothing. The instance is reset afterwards.
        /// </summary>
        public void ComputeHash(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            CryptoException.CheckBuffer(data, offset, count, "data");
            CryptoException.CheckBuffer(output, outputOffset, HashSize, "output");
            Reset();
            Update(data, offset, count);
            Final(output, outputOffset);
        }

        /// <summary>Starts a new message (FIPS 180-4 5.3.3 initial hash value).</summary>
        public void Reset()
        {
            _state[0] = 0x6a09e667;
            _state[1] = 0xbb67ae85;
            _state[2] = 0x3c6ef372;
            _state[3] = 0xa54ff53a;
            _state[4] = 0x510e527f;
            _state[5] = 0x9b05688c;
            _state[6] = 0x1f83d9ab;
            _state[7] = 0x5be0cd19;
            _blockFill = 0;
            _totalBytes = 0;
            Array.Clear(_block, 0, BlockSize);
        }

        /// <summary>Absorbs more message bytes.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            CryptoException.CheckBuffer(data, offset, count, "data");
            _totalBytes += (ulong)count;

            // Top up a partly filled block first.
            if (_blockFill > 0)
            {
                int take = BlockSize - _blockFill;
                if (take > count)
                {
                    take = count;
                }

                Array.Copy(data, offset, _block, _blockFill, take);
                _blockFill += take;
                offset += take;
                count -= take;
                if (_blockFill < BlockSize)
                {
                    return;
                }

                Compress(_block, 0);
                _blockFill = 0;
            }

            // Whole blocks straight from the caller's buffer: no copy.
            while (count >= BlockSize)
            {
                Compress(data, offset);
                offset += BlockSize;
                count -= BlockSize;
            }

            if (count > 0)
            {
                Array.Copy(data, offset, _block, 0, count);
                _blockFill = count;
            }
        }

        /// <summary>Pads, writes the 32-byte digest and resets for the next message.</summary>
        public void Final(byte[] output, int outputOffset)
        {
            CryptoException.CheckBuffer(output, outputOffset, HashSize, "output");

            ulong bitLength = _totalBytes << 3;

            // FIPS 180-4 5.1.1: 0x80, zeros to 56 mod 64, then the 64-bit big-endian bit length.
            _block[_blockFill++] = 0x80;
            if (_blockFill > 56)
            {
                Array.Clear(_block, _blockFill, BlockSize - _blockFill);
                Compress(_block, 0);
                _blockFill = 0;
            }

            Array.Clear(_block, _blockFill, 56 - _blockFill);
            for (int i = 0; i < 8; i++)
            {
                _block[56 + i] = (byte)(bitLength >> (56 - 8 * i));
            }

            Compress(_block, 0);

            for (int i = 0; i < 8; i++)
            {
                uint v = _state[i];
                output[outputOffset + 4 * i] = (byte)(v >> 24);
                output[outputOffset + 4 * i + 1] = (byte)(v >> 16);
                output[outputOffset + 4 * i + 2] = (byte)(v >> 8);
                output[outputOffset + 4 * i + 3] = (byte)v;
            }

            Reset();
        }

        /// <summary>Pads and returns the digest as a new array; resets for the next message.</summary>
        public byte[] Final()
        {
            byte[] output = new byte[HashSize];
            Final(output, 0);
            return output;
        }

        private void Compress(byte[] block, int offset)
        {
            uint[] w = _w;
            for (int t = 0; t < 16; t++)
            {
                int p = offset + 4 * t;
                w[t] = ((uint)block[p] << 24) | ((uint)block[p + 1] << 16) | ((uint)block[p + 2] << 8) | block[p + 3];
            }

            for (int t = 16; t < 64; t++)
            {
                uint x = w[t - 15];
                uint y = w[t - 2];
                uint s0 = ((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3);
                uint s1 = ((y >> 17) | (y << 15)) ^ ((y >> 19) | (y << 13)) ^ (y >> 10);
                w[t] = s1 + w[t - 7] + s0 + w[t - 16];
            }

            uint a = _state[0], b = _state[1], c = _state[2], d = _state[3];
            uint e = _state[4], f = _state[5], g = _state[6], h = _state[7];
            uint[] k = K;
            for (int t = 0; t < 64; t++)
            {
                uint bigSigma1 = ((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7));
                uint ch = (e & f) ^ (~e & g);
                uint t1 = h + bigSigma1 + ch + k[t] + w[t];
                uint bigSigma0 = ((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10));
                uint maj = (a & b) ^ (a & c) ^ (b & c);
                uint t2 = bigSigma0 + maj;
                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }

            _state[0] += a;
            _state[1] += b;
            _state[2] += c;
            _state[3] += d;
            _state[4] += e;
            _state[5] += f;
            _state[6] += g;
            _state[7] += h;
        }
    }
}
