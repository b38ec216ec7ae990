using System;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104 / FIPS 198-1) over <see cref="Sha256"/>. Use the static <see cref="Compute(byte[], byte[], int, int)"/>
    /// for one-shot MACs, or an instance for incremental input (the keyed pads are prepared once per key).
    /// </summary>
    public sealed class HmacSha256
    {
        public const int MacSize = 32;
        private const int BlockSize = 64;

        private readonly byte[] _innerPad = new byte[BlockSize];
        private readonly byte[] _outerPad = new byte[BlockSize];
        private readonly Sha256 _inner = new Sha256();
        private readonly Sha256 _outer = new Sha256();
        private readonly byte[] _innerHash = new byte[Sha256.HashSize];

        public HmacSha256(byte[] key)
        {
            SetKey(key);
        }

        /// <summary>
        /// Re-keys this instance (as a new one would be, without allocating): the DRBG of RFC 6979 changes its
        /// key several times per signature.
        /// </summary>
        internal void SetKey(byte[] key)
        {
            SymmetricChecks.NotNull(key, "HMAC key");
            byte[] k = key;
            int length = key.Length;
            if (length > BlockSize)
            {
                Sha256.Hash(key, 0, length, _innerHash, 0);
                k = _innerHash;
                length = Sha256.HashSize;
            }

            for (int i = 0; i < BlockSize; i++)
            {
                byte b = i < length ? k[i] : (byte)0;
                _innerPad[i] = (byte)(b ^ 0x36);
                _outerPad[i] = (byte)(b ^ 0x5C);
            }

            Array.Clear(_innerHash, 0, Sha256.HashSize);
            Reset();
        }

        /// <summary>One-shot HMAC-SHA256 of a range.</summary>
        public static byte[] Compute(byte[] key, byte[] data, int offset, int count)
        {
            SymmetricChecks.Range(data, offset, count, "HMAC data");
            HmacSha256 mac = new HmacSha256(key);
            mac.Update(data, offset, count);
            byte[] result = mac.Final();
            mac.Clear();
            return result;
        }

        /// <summary>One-shot HMAC-SHA256 of a whole array.</summary>
        public static byte[] Compute(byte[] key, byte[] data)
        {
            SymmetricChecks.NotNull(data, "HMAC data");
            return Compute(key, data, 0, data.Length);
        }

        /// <summary>True when the 32-byte <paramref name="mac"/> at <paramref name="macOffset"/> matches, compared in fixed time.</summary>
        public static bool Verify(byte[] key, byte[] data, int offset, int count, byte[] mac, int macOffset)
        {
            SymmetricChecks.Range(mac, macOffset, MacSize, "HMAC to verify");
            byte[] expected = Compute(key, data, offset, count);
            bool ok = SymmetricChecks.FixedTimeEquals(expected, 0, mac, macOffset, MacSize);
            Array.Clear(expected, 0, MacSize);
            return ok;
        }

        public void Update(byte[] data, int offset, int count)
        {
            SymmetricChecks.Range(data, offset, count, "HMAC data");
            _inner.Update(data, offset, count);
        }

        /// <summary>Writes the MAC and resets for the next message under the same key.</summary>
        public void Final(byte[] output, int outputOffset)
        {
            SymmetricChecks.Range(output, outputOffset, MacSize, "HMAC output");
            _inner.Final(_innerHash, 0);
            _outer.Update(_innerHash, 0, Sha256.HashSize);
            _outer.Final(output, outputOffset);
            Array.Clear(_innerHash, 0, Sha256.HashSize);
            Reset();
        }

        public byte[] Final()
        {
            byte[] output = new byte[MacSize];
            Final(output, 0);
            return output;
        }

        public void Reset()
        {
            _inner.Reset();
            _inner.Update(_innerPad, 0, BlockSize);
            _outer.Reset();
            _outer.Update(_outerPad, 0, BlockSize);
        }

        /// <summary>Wipes the keyed pads; the instance must not be used afterwards.</summary>
        public void Clear()
        {
            Array.Clear(_innerPad, 0, BlockSize);
            Array.Clear(_outerPad, 0, BlockSize);
            _inner.Reset();
            _outer.Reset();
        }
    }
}
