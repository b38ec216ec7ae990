namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// SHA-1 (FIPS 180-4), one-shot only. Used for one thing: RFC 5280 method-2 key identifiers, which GBCS
    /// certificates carry (SKI/AKI = 0100b + low 60 bits of SHA-1 of the public key). Never for signatures.
    /// An instance holds its working state (about 0.5 KB) and hashes without allocating; the static forms are
    /// conveniences that use an instance of their own for the one call (nothing shared, nothing locked).
    /// </summary>
    public sealed class Sha1
    {
        /// <summary>Digest length in bytes.</summary>
        public const int HashSize = 20;

        /// <summary>Bytes an instance holds: message schedule, state and padding tail.</summary>
        public const int StorageBytes = 4 * 80 + 4 * 5 + 128;

        private readonly uint[] _w = new uint[80];
        private readonly uint[] _state = new uint[5];
        private readonly byte[] _tail = new byte[128];

        /// <summary>SHA-1 of the whole array as a new 20-byte array.</summary>
        public static byte[] Hash(byte[] data)
        {
            if (data == null)
            {
                throw new CryptoException(CryptoError.NullArgument, "data is null");
            }

            byte[] output = new byte[HashSize];
            Hash(data, 0, data.Length, output, 0);
            return output;
        }

        /// <summary>SHA-1 of <paramref name="count"/> bytes from <paramref name="offset"/> into a caller's buffer.</summary>
        public static void Hash(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            new Sha1().ComputeHash(data, offset, count, output, outputOffset);
        }

        /// <summary>As <see cref="Hash(byte[], int, int, byte[], int)"/> with this instance's state; allocates nothing.</summary>
        public void ComputeHash(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            CryptoException.CheckBuffer(data, offset, count, "data");
            CryptoException.CheckBuffer(output, outputOffset, HashSize, "output");
            _state[0] = 0x67452301;
            _state[1] = 0xEFCDAB89;
            _state[2] = 0x98BADCFE;
            _state[3] = 0x10325476;
            _state[4] = 0xC3D2E1F0;

            int whole = count & ~63;
            for (int i = 0; i < whole; i += 64)
            {
                Compress(data, offset + i);
            }

            // Padding: the rest, 0x80, zeros, 64-bit big-endian bit length; one or two blocks.
            int rest = count - whole;
            for (int i = 0; i < 128; i++)
            {
                _tail[i] = 0;
            }

            for (int i = 0; i < rest; i++)
            {
                _tail[i] = data[offset + whole + i];
            }

            _tail[rest] = 0x80;
            int tailLength = rest < 56 ? 64 : 128;
            ulong bits = (ulong)count << 3;
            for (int i = 0; i < 8; i++)
            {
                _tail[tailLength - 1 - i] = (byte)(bits >> (8 * i));
            }

            Compress(_tail, 0);
            if (tailLength == 128)
            {
                Compress(_tail, 64);
            }

            for (int i = 0; i < 5; i++)
            {
                uint v = _state[i];
                output[outputOffset + (4 * i)] = (byte)(v >> 24);
                output[outputOffset + (4 * i) + 1] = (byte)(v >> 16);
                output[outputOffset + (4 * i) + 2] = (byte)(v >> 8);
                output[outputOffset + (4 * i) + 3] = (byte)v;
            }
        }

        private void Compress(byte[] block, int offset)
        {
            uint[] w = _w;
            for (int t = 0; t < 16; t++)
            {
                int p = offset + (4 * t);
                w[t] = ((uint)block[p] << 24) | ((uint)block[p + 1] << 16) | ((uint)block[p + 2] << 8) | block[p + 3];
            }

            for (int t = 16; t < 80; t++)
            {
                uint x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16];
                w[t] = (x << 1) | (x >> 31);
            }

            uint a = _state[0];
            uint b = _state[1];
            uint c = _state[2];
            uint d = _state[3];
            uint e = _state[4];
            for (int t = 0; t < 80; t++)
            {
                uint f;
                uint k;
                if (t < 20)
                {
                    f = (b & c) | (~b & d);
                    k = 0x5A827999;
                }
                else if (t < 40)
                {
                    f = b ^ c ^ d;
                    k = 0x6ED9EBA1;
                }
                else if (t < 60)
                {
                    f = (b & c) | (b & d) | (c & d);
                    k = 0x8F1BBCDC;
                }
                else
                {
                    f = b ^ c ^ d;
                    k = 0xCA62C1D6;
                }

                uint temp = ((a << 5) | (a >> 27)) + f + e + k + w[t];
                e = d;
                d = c;
                c = (b << 30) | (b >> 2);
                b = a;
                a = temp;
            }

            _state[0] += a;
            _state[1] += b;
            _state[2] += c;
            _state[3] += d;
            _state[4] += e;
        }
    }
}
