using System;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// Deterministic ECDSA nonces (RFC 6979 section 3.2) for P-256 with SHA-256: an HMAC-SHA256 DRBG keyed by the
    /// private key and the message hash. A board has no trustworthy random source in managed code, and a
    /// repeated or biased nonce reveals the private key; this makes k a secret function of (d, h) instead.
    /// For P-256/SHA-256, qlen = hlen = 256, so bits2int is plain big-endian decoding and each candidate is one
    /// HMAC output.
    /// </summary>
    internal sealed class Rfc6979Nonce
    {
        private const int Size = 32;
        private readonly byte[] _k = new byte[Size];
        private readonly byte[] _v = new byte[Size];
        private readonly byte[] _t = new byte[Size];
        private readonly byte[] _one = new byte[1];

        /// <summary>Our HMAC, one instance re-keyed whenever K changes (allocation-free DRBG steps); null with a provider.</summary>
        private readonly HmacSha256 _mac;

        /// <summary>A board's HMAC (native), one-shot calls over <see cref="_input"/>; null for our own HMAC.</summary>
        private readonly ISymmetricCryptoProvider _provider;
        private readonly byte[] _input;
        private readonly byte[] _next;
        private bool _first = true;

        /// <param name="privateKey">int2octets(x): the private key, 32 bytes big-endian, already in [1, n-1].</param>
        /// <param name="hash">h1, 32 bytes.</param>
        internal Rfc6979Nonce(byte[] privateKey, byte[] hash)
            : this(privateKey, hash, null)
        {
        }

        /// <param name="privateKey">int2octets(x): the private key, 32 bytes big-endian, already in [1, n-1].</param>
        /// <param name="hash">h1, 32 bytes.</param>
        /// <param name="hmac">The device's HMAC provider; null or <see cref="ManagedSymmetricCrypto"/> runs our HMAC in place.</param>
        internal Rfc6979Nonce(byte[] privateKey, byte[] hash, ISymmetricCryptoProvider hmac)
        {
            if (hmac != null && !(hmac is ManagedSymmetricCrypto))
            {
                _provider = hmac;
                _input = new byte[Size + 1 + Size + Size];
                _next = new byte[Size];
            }

            // bits2octets(h1) = int2octets(bits2int(h1) mod q); h1 < 2^256 < 2q, so one subtraction at most.
            uint[] z = new uint[P256Field.Limbs];
            P256Field.ReadBigEndian(z, hash, 0);
            P256Scalar.ReduceOnce(z, z);
            byte[] reducedHash = _t;
            P256Field.WriteBigEndian(reducedHash, 0, z);

            // b, c: V = 0x01 0x01 ..., K = 0x00 0x00 ...
            for (int i = 0; i < Size; i++)
            {
                _v[i] = 0x01;
                _k[i] = 0x00;
            }

            // d .. g: K = HMAC_K(V || 0x00 || x || h), V = HMAC_K(V), then the same with 0x01.
            if (_provider == null)
            {
                _mac = new HmacSha256(_k);
            }

            for (byte separator = 0; separator < 2; separator++)
            {
                NewK(separator, privateKey, reducedHash);
                UpdateV();
            }

            Array.Clear(reducedHash, 0, Size);
            Array.Clear(z, 0, z.Length);
        }

        /// <summary>
        /// Step h: the next candidate k in [1, n-1], big-endian into k32. Later calls (after a k that gave
        /// r = 0 or s = 0) first step the DRBG with K = HMAC_K(V || 0x00), V = HMAC_K(V), as 3.2 h.3 says.
        /// </summary>
        internal void Next(byte[] k32, uint[] kLimbs)
        {
            Next(kLimbs);
            Array.Copy(_v, 0, k32, 0, Size);
        }

        /// <summary>Step h as <see cref="Next(byte[], uint[])"/>, the candidate k into limbs only.</summary>
        internal void Next(uint[] kLimbs)
        {
            if (!_first)
            {
                Reseed();
            }

            _first = false;
            while (true)
            {
                UpdateV();                                  // T = V = HMAC_K(V): one block is qlen bits
                P256Field.ReadBigEndian(kLimbs, _v, 0);
                if (P256Scalar.IsInRange(kLimbs))
                {
                    return;
                }

                Reseed();
            }
        }

        /// <summary>
        /// A secret blinding factor for the current candidate k, in [1, n-1]: HMAC_K(V || 0x02) mod n (1 in the
        /// 2^-255-likely case that is 0). K is the DRBG's secret key and V = k, so b is a PRF output no one
        /// else can compute, fresh per candidate; 0x02 never occurs as the separator byte of RFC 6979's own
        /// HMAC inputs, and K and V are left as they were, so the nonce sequence stays RFC 6979's.
        /// </summary>
        internal void Blinding(uint[] b)
        {
            Derive(0x02, b);
            P256Scalar.ReduceOnce(b, b);
            SetOneIfZero(b);
        }

        /// <summary>As <see cref="Blinding"/>, a second, independent factor in [1, p-1]: HMAC_K(V || 0x03) mod p.</summary>
        internal void FieldBlinding(uint[] beta, uint[] zero)
        {
            Derive(0x03, beta);
            P256Field.SetZero(zero);
            P256Field.Add(beta, beta, zero);        // below 2^256 < 2p: one masked subtraction of p
            SetOneIfZero(beta);
        }

        private void Derive(byte tag, uint[] output)
        {
            MacOfV(tag, null, null, _t);
            P256Field.ReadBigEndian(output, _t, 0);
            Array.Clear(_t, 0, Size);
        }

        private static void SetOneIfZero(uint[] v)
        {
            uint zero = ~P256Field.MaskNonZero(v[0] | v[1] | v[2] | v[3] | v[4] | v[5] | v[6] | v[7]);
            v[0] |= zero & 1;
        }

        /// <summary>Wipes the DRBG state.</summary>
        internal void Clear()
        {
            if (_mac != null)
            {
                _mac.Clear();
            }
            else
            {
                Array.Clear(_input, 0, _input.Length);
                Array.Clear(_next, 0, Size);
            }

            Array.Clear(_k, 0, Size);
            Array.Clear(_v, 0, Size);
        }

        private void Reseed()
        {
            NewK(0x00, null, null);
            UpdateV();
        }

        /// <summary>V = HMAC_K(V) with the current K.</summary>
        private void UpdateV()
        {
            MacOfV(-1, null, null, _v);
        }

        /// <summary>K = HMAC_K(V || separator [|| x || h]), and the HMAC re-keyed with it.</summary>
        private void NewK(byte separator, byte[] x, byte[] h)
        {
            if (_provider == null)
            {
                MacOfV(separator, x, h, _k);
                _mac.SetKey(_k);
                return;
            }

            MacOfV(separator, x, h, _next);
            Array.Copy(_next, 0, _k, 0, Size);
        }

        /// <summary>output = HMAC_K(V [|| separator] [|| x || h]); separator -1 means none.</summary>
        private void MacOfV(int separator, byte[] x, byte[] h, byte[] output)
        {
            if (_provider == null)
            {
                _mac.Update(_v, 0, Size);
                if (separator >= 0)
                {
                    _one[0] = (byte)separator;
                    _mac.Update(_one, 0, 1);
                }

                if (x != null)
                {
                    _mac.Update(x, 0, Size);
                    _mac.Update(h, 0, Size);
                }

                _mac.Final(output, 0);
                return;
            }

            Array.Copy(_v, 0, _input, 0, Size);
            int n = Size;
            if (separator >= 0)
            {
                _input[n++] = (byte)separator;
            }

            if (x != null)
            {
                Array.Copy(x, 0, _input, n, Size);
                Array.Copy(h, 0, _input, n + Size, Size);
                n += 2 * Size;
            }

            _provider.ComputeHmacSha256(_k, _input, 0, n, output, 0);
        }
    }
}
