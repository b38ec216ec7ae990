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

        /// <summary>One HMAC instance, re-keyed whenever K changes (allocation-free DRBG steps).</summary>
        private readonly HmacSha256 _mac;
        private bool _first = true;

        /// <param name="privateKey">int2octets(x): the private key, 32 bytes big-endian, already in [1, n-1].</param>
        /// <param name="hash">h1, 32 bytes.</param>
        internal Rfc6979Nonce(byte[] privateKey, byte[] hash)
        {
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
            _mac = new HmacSha256(_k);
            for (byte separator = 0; separator < 2; separator++)
            {
                _mac.Update(_v, 0, Size);
                _one[0] = separator;
                _mac.Update(_one, 0, 1);
                _mac.Update(privateKey, 0, Size);
                _mac.Update(reducedHash, 0, Size);
                _mac.Final(_k, 0);
                _mac.SetKey(_k);
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
            _mac.Update(_v, 0, Size);
            _one[0] = tag;
            _mac.Update(_one, 0, 1);
            _mac.Final(_t, 0);
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
            _mac.Clear();
            Array.Clear(_k, 0, Size);
            Array.Clear(_v, 0, Size);
        }

        private void Reseed()
        {
            _mac.Update(_v, 0, Size);
            _one[0] = 0x00;
            _mac.Update(_one, 0, 1);
            _mac.Final(_k, 0);
            _mac.SetKey(_k);
            UpdateV();
        }

        /// <summary>V = HMAC_K(V) with the current K (the instance is keyed with K).</summary>
        private void UpdateV()
        {
            _mac.Update(_v, 0, Size);
            _mac.Final(_v, 0);
        }
    }
}
