using System;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// Scalar multiplication k P for secret k (signing nonces, private keys in key generation and ECDH), and the
    /// signing computation itself, with no branch and no memory index that depends on a secret.
    ///
    /// Points are in homogeneous projective coordinates (X : Y : Z), x = X/Z, y = Y/Z, and every group operation
    /// uses the complete formulas of Renes, Costello and Batina ("Complete addition formulas for prime order
    /// elliptic curves", EUROCRYPT 2016, a = -3): Algorithm 4 (addition, 12M + 2 multiplications by b),
    /// Algorithm 5 (mixed addition with an affine second point, 11M + 2m_b) and Algorithm 6 (doubling,
    /// 8M + 3S + 2m_b). "Complete" means one formula is right for every input - P + Q, P + P, P + (-P),
    /// P + O with O = (0 : 1 : 0) (Algorithm 5: any first point, the affine one not O) - so no input ever takes
    /// a different code path.
    ///
    /// Both multiplications write the scalar in the regular signed 5-bit recoding of Joye and Tunstall: an odd
    /// k &lt; 2^256 is k = sum d_i 2^(5 i), i = 0..51, with every digit odd, d_i in {+-1, +-3, .., +-31} (never 0,
    /// so the same operations run for every k). An even k is replaced by n - k (odd) and the result negated.
    /// Digit i's table entry |d_i| P is fetched by reading all sixteen entries and keeping one with a mask; its
    /// sign is applied by a masked negation of y. The field arithmetic (<see cref="P256Field"/>) is itself
    /// branch-free, and so is the final inversion of k G and k P (Fermat, fixed exponent); signing instead
    /// inverts values blinded by DRBG secrets with the faster variable-time algorithm (see <see cref="Sign"/>).
    ///
    /// Working storage (<see cref="StorageBytes"/>) is allocated once; nothing is allocated per operation, and
    /// everything derived from a secret is wiped afterwards.
    /// </summary>
    internal sealed class P256ConstantTime
    {
        private const int L = P256Field.Limbs;
        private const int Words = 3 * L;     // X, Y, Z per table entry
        private const int Window = 5;
        private const int Digits = 52;       // 52 x 5 = 260 >= 256 bits

        private readonly uint[] _table = new uint[16 * Words];
        private readonly uint[] _rx = new uint[L], _ry = new uint[L], _rz = new uint[L];
        private readonly uint[] _sx = new uint[L], _sy = new uint[L], _sz = new uint[L];
        private readonly uint[] _ax = new uint[L], _ay = new uint[L], _az = new uint[L];
        private readonly uint[] _t0 = new uint[L], _t1 = new uint[L], _t2 = new uint[L];
        private readonly uint[] _t3 = new uint[L], _t4 = new uint[L];

        // The recoded scalar (odd) and the signing nonce.
        private readonly uint[] _k = new uint[L], _nonce = new uint[L];

        /// <summary>Bytes of working storage held.</summary>
        internal int StorageBytes
        {
            get { return 4 * (_table.Length + 16 * L); }
        }

        /// <summary>
        /// (outX, outY) = k (px, py) for a valid affine point and a 256-bit k (little-endian limbs).
        /// Returns false when the result is the point at infinity (k = 0 mod n); then outX, outY are zero.
        /// Fixed 5-bit signed window: table[m] = (2m + 1) P, then 51 times five doublings and one addition.
        /// Additions use the complete Alg. 4 (the last one meets R = +-table point for k = n - 2 |d_0|).
        /// </summary>
        internal bool Multiply(uint[] k, uint[] px, uint[] py, uint[] outX, uint[] outY)
        {
            uint negate = MakeOdd(k);

            // table[0] = P, table[m] = table[m - 1] + 2P.
            P256Field.Copy(_rx, px);
            P256Field.Copy(_ry, py);
            P256Field.SetOne(_rz);
            Store(0, _rx, _ry, _rz);
            P256Field.Copy(_sx, px);
            P256Field.Copy(_sy, py);
            P256Field.SetOne(_sz);
            Double(_sx, _sy, _sz);
            for (int m = 1; m < 16; m++)
            {
                Add(_rx, _ry, _rz, _sx, _sy, _sz);
                Store(m, _rx, _ry, _rz);
            }

            // The top digit is always 1: R = P. Then R = 32 R + d_i P for i = 50 .. 0.
            P256Field.Copy(_rx, px);
            P256Field.Copy(_ry, py);
            P256Field.SetOne(_rz);
            for (int i = Digits - 2; i >= 0; i--)
            {
                // The five doublings in Jacobian coordinates (3M + 5S each instead of Alg. 6's 8M + 3S + 2m_b),
                // converted in and out with 2M + 1S each way. R here is k_(i+1) Q for the odd partial scalar
                // k_(i+1) = floor(k / 2^(5 i + 5)) | 1, in [1, 2^251], so R and its doubles are never O - the
                // one input (0, 0, 0 after conversion) dbl-2001-b would get wrong; no point has order 2.
                ProjectiveToJacobian(_rx, _ry, _rz);
                for (int j = 0; j < Window; j++)
                {
                    DoubleJacobian(_rx, _ry, _rz);
                }

                JacobianToProjective(_rx, _ry, _rz);

                int digit = Digit(_k, i);
                uint negative = (uint)(digit >> 31);
                Select((((digit ^ (int)negative) - (int)negative) - 1) >> 1);
                ConditionalNegate(_sy, negative);
                Add(_rx, _ry, _rz, _sx, _sy, _sz);
            }

            return ToAffine(negate, outX, outY);
        }

        /// <summary>
        /// (outX, outY) = k G for a 256-bit k (little-endian limbs); false when k G is infinity (k = 0 mod n).
        /// Uses the verifier's public G tables (<paramref name="tableG"/> = <see cref="P256Engine.TableG"/>:
        /// the odd multiples 1..31 of G_j = 2^(32 j) G, affine), so it needs no table of its own: digit i sits at
        /// bit 5 i = 32 j + s, so d_i 2^(5 i) G = 2^s (d_i G_j), and one chain of 31 doublings (s = 31 .. 0) with
        /// the digits of each s added in (Algorithm 5, the table point is affine) computes k G:
        /// 31 doublings and 52 mixed additions instead of 256 doublings.
        /// </summary>
        internal bool MultiplyBase(uint[] k, uint[] tableG, uint[] outX, uint[] outY)
        {
            uint negate = MakeOdd(k);
            MultiplyBaseProjective(tableG);
            return ToAffine(negate, outX, outY);
        }

        /// <summary>
        /// One ECDSA signature (r || s into signatureOut[offset .. offset + 64)) for the private key d and
        /// e = hash mod n (plain limbs), with nonces from the RFC 6979 generator, retrying (as 3.2 h.3 says)
        /// in the never-seen case r = 0 or s = 0. k^-1 is computed as b (k b)^-1 with the fast variable-time
        /// inversion: b is a secret, fresh per nonce (<see cref="Rfc6979Nonce.Blinding"/>), so k b is uniform
        /// and independent of k, and the inversion's timing says nothing about k. The projective Z of k G is
        /// inverted the same way, blinded by a second secret (<see cref="Rfc6979Nonce.FieldBlinding"/>).
        /// </summary>
        internal void Sign(uint[] d, uint[] e, Rfc6979Nonce nonces, uint[] tableG, byte[] signatureOut, int offset)
        {
            uint[] x = _ax, r = _ay, b = _az, t = _t4;
            try
            {
                while (true)
                {
                    nonces.Next(_nonce);

                    // R = k G (k in [1, n-1], so never infinity); r = x(R) mod n. The sign of y is irrelevant.
                    // x = X / Z with Z blinded by a secret field element beta: 1/Z = beta (Z beta)^-1, where Z beta
                    // is uniform and independent of Z, so the variable-time inversion's timing says nothing
                    // about Z (which, unblinded, would leak about k).
                    MakeOdd(_nonce);
                    MultiplyBaseProjective(tableG);
                    if (P256Field.IsZero(_rz))
                    {
                        continue;                               // unreachable: R is not O for k in [1, n-1]
                    }

                    nonces.FieldBlinding(b, _t1);
                    P256Field.Mul(_t0, _rz, b);
                    P256Field.InvertVartime(_t0, _t0);
                    P256Field.Mul(_t0, _t0, b);
                    P256Field.Mul(x, _rx, _t0);
                    P256Scalar.ReduceOnce(r, x);
                    if (P256Field.IsZero(r))
                    {
                        continue;
                    }

                    // s = k^-1 (e + r d) mod n in Montgomery arithmetic (MontMul(a, b) = a b R^-1):
                    // t = MontMul(r R, d) + e = r d + e; u = MontMul(R (k b)^-1, b R) = k^-1 R; s = MontMul(t, u).
                    nonces.Blinding(b);
                    P256Scalar.ToMontgomery(t, r);
                    P256Scalar.MontMul(t, t, d);
                    P256Scalar.Add(t, t, e);
                    P256Scalar.MontMul(_t0, _nonce, b);        // k b R^-1, in [1, n-1]: k, b nonzero, n prime
                    P256Scalar.InvertVartime(_t0, _t0);        // R (k b)^-1
                    P256Scalar.ToMontgomery(_t1, b);
                    P256Scalar.MontMul(_t0, _t0, _t1);         // k^-1 R
                    P256Scalar.MontMul(_t2, t, _t0);           // s
                    if (P256Field.IsZero(_t2))
                    {
                        continue;
                    }

                    P256Field.WriteBigEndian(signatureOut, offset, r);
                    P256Field.WriteBigEndian(signatureOut, offset + 32, _t2);
                    return;
                }
            }
            finally
            {
                Wipe();
            }
        }

        /// <summary>
        /// (_rx : _ry : _rz) = _k G for the odd _k (see <see cref="MultiplyBase"/>). Digit i of the recoding is
        /// at bit 5 i = 32 j + s: it is added at step s of the chain, from table piece j.
        /// </summary>
        private void MultiplyBaseProjective(uint[] tableG)
        {
            P256Field.SetZero(_rx);
            P256Field.SetOne(_ry);
            P256Field.SetZero(_rz);
            for (int s = 31; s >= 0; s--)
            {
                if (s < 31)
                {
                    Double(_rx, _ry, _rz);
                }

                // i with 5 i = s (mod 32): i = 13 s (mod 32), as 5 * 13 = 65 = 1 (mod 32).
                for (int i = (13 * s) & 31; i < Digits; i += 32)
                {
                    int digit = Digit(_k, i);
                    uint negative = (uint)(digit >> 31);
                    int piece = (Window * i) >> 5;
                    SelectAffine(tableG, piece * P256Engine.PointsG * P256Engine.AffineWords,
                        (((digit ^ (int)negative) - (int)negative) - 1) >> 1);
                    ConditionalNegate(_sy, negative);
                    AddMixed(_rx, _ry, _rz, _sx, _sy);
                }
            }
        }

        /// <summary>
        /// _k = k mod n when that is odd, else n - (k mod n) (odd, as n is); returns all ones in the second case
        /// (the result must then be negated), without a branch. k mod n = 0 gives _k = n and the result O.
        /// </summary>
        private uint MakeOdd(uint[] k)
        {
            P256Scalar.ReduceOnce(_k, k);
            uint even = (_k[0] & 1) - 1;
            uint[] n = P256Scalar.N;
            long acc = 0;
            for (int i = 0; i < L; i++)
            {
                acc = (acc >> 32) + n[i] - _k[i];
                _k[i] = (_k[i] & ~even) | ((uint)acc & even);
            }

            return even;
        }

        /// <summary>
        /// Digit i of the regular recoding of the odd k: with c_i = bits 5i .. 5i + 4,
        /// d_i = (c_i | 1) - 32 (1 - bit 5i + 5) for i &lt; 51, and d_51 = 1. (Joye-Tunstall: k_0 = k,
        /// d_i = (k_i mod 64) - 32, k_(i+1) = (k_i - d_i) / 32 = floor(k_i / 32) | 1, so no carries.)
        /// </summary>
        private static int Digit(uint[] k, int i)
        {
            if (i == Digits - 1)
            {
                return 1;
            }

            int bit = Window * i;
            int c = (int)(Bits(k, bit) & 0x1F) | 1;
            int next = (int)(Bits(k, bit + Window) & 1);
            return c - ((1 - next) << Window);
        }

        /// <summary>k shifted right by bit (bits above 255 read as 0); bit is public.</summary>
        private static uint Bits(uint[] k, int bit)
        {
            int limb = bit >> 5;
            int shift = bit & 31;
            if (limb >= L)
            {
                return 0;
            }

            uint v = k[limb] >> shift;
            if (shift != 0 && limb + 1 < L)
            {
                v |= k[limb + 1] << (32 - shift);
            }

            return v;
        }

        /// <summary>(_rx : _ry : _rz) to affine, y negated when negate is all ones; false (zeros) for O.</summary>
        private bool ToAffine(uint negate, uint[] outX, uint[] outY)
        {
            // Z = 0 only for the point at infinity; Invert(0) = 0.
            bool finite = !P256Field.IsZero(_rz);
            P256Field.Invert(_t0, _rz, _t1, _t2, _t3);
            P256Field.Mul(outX, _rx, _t0);
            P256Field.Mul(outY, _ry, _t0);
            ConditionalNegate(outY, negate);
            Wipe();
            return finite;
        }

        /// <summary>y = -y when mask is all ones, unchanged when it is zero (uses _t4).</summary>
        private void ConditionalNegate(uint[] y, uint mask)
        {
            P256Field.Neg(_t4, y);
            for (int j = 0; j < L; j++)
            {
                y[j] = (y[j] & ~mask) | (_t4[j] & mask);
            }
        }

        /// <summary>(_sx, _sy, _sz) = table[index], reading every entry (the index is secret).</summary>
        private void Select(int index)
        {
            uint[] t = _table;
            uint x0 = 0, x1 = 0, x2 = 0, x3 = 0, x4 = 0, x5 = 0, x6 = 0, x7 = 0;
            uint y0 = 0, y1 = 0, y2 = 0, y3 = 0, y4 = 0, y5 = 0, y6 = 0, y7 = 0;
            uint z0 = 0, z1 = 0, z2 = 0, z3 = 0, z4 = 0, z5 = 0, z6 = 0, z7 = 0;
            for (int i = 0; i < 16; i++)
            {
                uint mask = ~P256Field.MaskNonZero((uint)(i ^ index));
                int o = i * Words;
                x0 |= t[o] & mask;
                x1 |= t[o + 1] & mask;
                x2 |= t[o + 2] & mask;
                x3 |= t[o + 3] & mask;
                x4 |= t[o + 4] & mask;
                x5 |= t[o + 5] & mask;
                x6 |= t[o + 6] & mask;
                x7 |= t[o + 7] & mask;
                y0 |= t[o + 8] & mask;
                y1 |= t[o + 9] & mask;
                y2 |= t[o + 10] & mask;
                y3 |= t[o + 11] & mask;
                y4 |= t[o + 12] & mask;
                y5 |= t[o + 13] & mask;
                y6 |= t[o + 14] & mask;
                y7 |= t[o + 15] & mask;
                z0 |= t[o + 16] & mask;
                z1 |= t[o + 17] & mask;
                z2 |= t[o + 18] & mask;
                z3 |= t[o + 19] & mask;
                z4 |= t[o + 20] & mask;
                z5 |= t[o + 21] & mask;
                z6 |= t[o + 22] & mask;
                z7 |= t[o + 23] & mask;
            }

            uint[] sx = _sx, sy = _sy, sz = _sz;
            sx[0] = x0; sx[1] = x1; sx[2] = x2; sx[3] = x3; sx[4] = x4; sx[5] = x5; sx[6] = x6; sx[7] = x7;
            sy[0] = y0; sy[1] = y1; sy[2] = y2; sy[3] = y3; sy[4] = y4; sy[5] = y5; sy[6] = y6; sy[7] = y7;
            sz[0] = z0; sz[1] = z1; sz[2] = z2; sz[3] = z3; sz[4] = z4; sz[5] = z5; sz[6] = z6; sz[7] = z7;
        }

        /// <summary>(_sx, _sy) = entry index of the 16 affine points at table[offset ..], reading all of them.</summary>
        private void SelectAffine(uint[] table, int offset, int index)
        {
            // Accumulated in locals: one pass over the 256 words, each kept or dropped by the entry's mask.
            uint x0 = 0, x1 = 0, x2 = 0, x3 = 0, x4 = 0, x5 = 0, x6 = 0, x7 = 0;
            uint y0 = 0, y1 = 0, y2 = 0, y3 = 0, y4 = 0, y5 = 0, y6 = 0, y7 = 0;
            for (int i = 0; i < 16; i++)
            {
                uint mask = ~P256Field.MaskNonZero((uint)(i ^ index));
                int o = offset + i * P256Engine.AffineWords;
                x0 |= table[o] & mask;
                x1 |= table[o + 1] & mask;
                x2 |= table[o + 2] & mask;
                x3 |= table[o + 3] & mask;
                x4 |= table[o + 4] & mask;
                x5 |= table[o + 5] & mask;
                x6 |= table[o + 6] & mask;
                x7 |= table[o + 7] & mask;
                y0 |= table[o + 8] & mask;
                y1 |= table[o + 9] & mask;
                y2 |= table[o + 10] & mask;
                y3 |= table[o + 11] & mask;
                y4 |= table[o + 12] & mask;
                y5 |= table[o + 13] & mask;
                y6 |= table[o + 14] & mask;
                y7 |= table[o + 15] & mask;
            }

            uint[] sx = _sx, sy = _sy;
            sx[0] = x0; sx[1] = x1; sx[2] = x2; sx[3] = x3; sx[4] = x4; sx[5] = x5; sx[6] = x6; sx[7] = x7;
            sy[0] = y0; sy[1] = y1; sy[2] = y2; sy[3] = y3; sy[4] = y4; sy[5] = y5; sy[6] = y6; sy[7] = y7;
        }

        private void Store(int index, uint[] x, uint[] y, uint[] z)
        {
            Array.Copy(x, 0, _table, index * Words, L);
            Array.Copy(y, 0, _table, index * Words + L, L);
            Array.Copy(z, 0, _table, index * Words + 2 * L, L);
        }

        /// <summary>
        /// (x1, y1, z1) += (x2, y2, z2), complete (RCB 2016 Algorithm 4, a = -3). The second operand may be
        /// the first (doubling). Line-by-line as in the paper; the result goes through (_ax, _ay, _az) because
        /// the inputs are read until the end.
        /// </summary>
        internal void Add(uint[] x1, uint[] y1, uint[] z1, uint[] x2, uint[] y2, uint[] z2)
        {
            uint[] t0 = _t0, t1 = _t1, t2 = _t2, t3 = _t3, t4 = _t4;
            uint[] x3 = _ax, y3 = _ay, z3 = _az;
            uint[] b = P256Field.B;
            P256Field.Mul(t0, x1, x2);      // t0 = X1 X2
            P256Field.Mul(t1, y1, y2);      // t1 = Y1 Y2
            P256Field.Mul(t2, z1, z2);      // t2 = Z1 Z2
            P256Field.Add(t3, x1, y1);      // t3 = X1 + Y1
            P256Field.Add(t4, x2, y2);      // t4 = X2 + Y2
            P256Field.Mul(t3, t3, t4);      // t3 = t3 t4
            P256Field.Add(t4, t0, t1);      // t4 = t0 + t1
            P256Field.Sub(t3, t3, t4);      // t3 = t3 - t4        = X1 Y2 + X2 Y1
            P256Field.Add(t4, y1, z1);      // t4 = Y1 + Z1
            P256Field.Add(x3, y2, z2);      // X3 = Y2 + Z2
            P256Field.Mul(t4, t4, x3);      // t4 = t4 X3
            P256Field.Add(x3, t1, t2);      // X3 = t1 + t2
            P256Field.Sub(t4, t4, x3);      // t4 = t4 - X3        = Y1 Z2 + Y2 Z1
            P256Field.Add(x3, x1, z1);      // X3 = X1 + Z1
            P256Field.Add(y3, x2, z2);      // Y3 = X2 + Z2
            P256Field.Mul(x3, x3, y3);      // X3 = X3 Y3
            P256Field.Add(y3, t0, t2);      // Y3 = t0 + t2
            P256Field.Sub(y3, x3, y3);      // Y3 = X3 - Y3        = X1 Z2 + X2 Z1
            P256Field.Mul(z3, b, t2);       // Z3 = b t2
            P256Field.Sub(x3, y3, z3);      // X3 = Y3 - Z3
            P256Field.Add(z3, x3, x3);      // Z3 = X3 + X3
            P256Field.Add(x3, x3, z3);      // X3 = X3 + Z3
            P256Field.Sub(z3, t1, x3);      // Z3 = t1 - X3
            P256Field.Add(x3, t1, x3);      // X3 = t1 + X3
            P256Field.Mul(y3, b, y3);       // Y3 = b Y3
            P256Field.Add(t1, t2, t2);      // t1 = t2 + t2
            P256Field.Add(t2, t1, t2);      // t2 = t1 + t2        = 3 Z1 Z2
            P256Field.Sub(y3, y3, t2);      // Y3 = Y3 - t2
            P256Field.Sub(y3, y3, t0);      // Y3 = Y3 - t0
            P256Field.Add(t1, y3, y3);      // t1 = Y3 + Y3
            P256Field.Add(y3, t1, y3);      // Y3 = t1 + Y3
            P256Field.Add(t1, t0, t0);      // t1 = t0 + t0
            P256Field.Add(t0, t1, t0);      // t0 = t1 + t0        = 3 X1 X2
            P256Field.Sub(t0, t0, t2);      // t0 = t0 - t2
            P256Field.Mul(t1, t4, y3);      // t1 = t4 Y3
            P256Field.Mul(t2, t0, y3);      // t2 = t0 Y3
            P256Field.Mul(y3, x3, z3);      // Y3 = X3 Z3
            P256Field.Add(y3, y3, t2);      // Y3 = Y3 + t2
            P256Field.Mul(x3, x3, t3);      // X3 = X3 t3
            P256Field.Sub(x3, x3, t1);      // X3 = X3 - t1
            P256Field.Mul(z3, z3, t4);      // Z3 = Z3 t4
            P256Field.Mul(t1, t3, t0);      // t1 = t3 t0
            P256Field.Add(z3, z3, t1);      // Z3 = Z3 + t1
            P256Field.Copy(x1, x3);
            P256Field.Copy(y1, y3);
            P256Field.Copy(z1, z3);
        }

        /// <summary>
        /// (x1, y1, z1) += (x2, y2, 1), complete for any first point and an affine (so finite) second point
        /// (RCB 2016 Algorithm 5, a = -3: Algorithm 4 with Z2 = 1, 11M + 2m_b). Result through (_ax, _ay, _az).
        /// </summary>
        internal void AddMixed(uint[] x1, uint[] y1, uint[] z1, uint[] x2, uint[] y2)
        {
            uint[] t0 = _t0, t1 = _t1, t2 = _t2, t3 = _t3, t4 = _t4;
            uint[] x3 = _ax, y3 = _ay, z3 = _az;
            uint[] b = P256Field.B;
            P256Field.Mul(t0, x1, x2);      // t0 = X1 X2
            P256Field.Mul(t1, y1, y2);      // t1 = Y1 Y2
            P256Field.Add(t3, x2, y2);      // t3 = X2 + Y2
            P256Field.Add(t4, x1, y1);      // t4 = X1 + Y1
            P256Field.Mul(t3, t3, t4);      // t3 = t3 t4
            P256Field.Add(t4, t0, t1);      // t4 = t0 + t1
            P256Field.Sub(t3, t3, t4);      // t3 = t3 - t4        = X1 Y2 + X2 Y1
            P256Field.Mul(t4, y2, z1);      // t4 = Y2 Z1
            P256Field.Add(t4, t4, y1);      // t4 = t4 + Y1        = Y1 + Y2 Z1
            P256Field.Mul(y3, x2, z1);      // Y3 = X2 Z1
            P256Field.Add(y3, y3, x1);      // Y3 = Y3 + X1        = X1 + X2 Z1
            P256Field.Mul(z3, b, z1);       // Z3 = b Z1
            P256Field.Sub(x3, y3, z3);      // X3 = Y3 - Z3
            P256Field.Add(z3, x3, x3);      // Z3 = X3 + X3
            P256Field.Add(x3, x3, z3);      // X3 = X3 + Z3
            P256Field.Sub(z3, t1, x3);      // Z3 = t1 - X3
            P256Field.Add(x3, t1, x3);      // X3 = t1 + X3
            P256Field.Mul(y3, b, y3);       // Y3 = b Y3
            P256Field.Add(t1, z1, z1);      // t1 = Z1 + Z1
            P256Field.Add(t2, t1, z1);      // t2 = t1 + Z1        = 3 Z1
            P256Field.Sub(y3, y3, t2);      // Y3 = Y3 - t2
            P256Field.Sub(y3, y3, t0);      // Y3 = Y3 - t0
            P256Field.Add(t1, y3, y3);      // t1 = Y3 + Y3
            P256Field.Add(y3, t1, y3);      // Y3 = t1 + Y3
            P256Field.Add(t1, t0, t0);      // t1 = t0 + t0
            P256Field.Add(t0, t1, t0);      // t0 = t1 + t0        = 3 X1 X2
            P256Field.Sub(t0, t0, t2);      // t0 = t0 - t2
            P256Field.Mul(t1, t4, y3);      // t1 = t4 Y3
            P256Field.Mul(t2, t0, y3);      // t2 = t0 Y3
            P256Field.Mul(y3, x3, z3);      // Y3 = X3 Z3
            P256Field.Add(y3, y3, t2);      // Y3 = Y3 + t2
            P256Field.Mul(x3, x3, t3);      // X3 = X3 t3
            P256Field.Sub(x3, x3, t1);      // X3 = X3 - t1
            P256Field.Mul(z3, z3, t4);      // Z3 = Z3 t4
            P256Field.Mul(t1, t3, t0);      // t1 = t3 t0
            P256Field.Add(z3, z3, t1);      // Z3 = Z3 + t1
            P256Field.Copy(x1, x3);
            P256Field.Copy(y1, y3);
            P256Field.Copy(z1, z3);
        }

        /// <summary>
        /// (x, y, z) = 2 (x, y, z), complete (RCB 2016 Algorithm 6, a = -3, 8M + 3S + 2m_b; O stays O).
        /// Result through (_ax, _ay, _az).
        /// </summary>
        internal void Double(uint[] x, uint[] y, uint[] z)
        {
            uint[] t0 = _t0, t1 = _t1, t2 = _t2, t3 = _t3;
            uint[] x3 = _ax, y3 = _ay, z3 = _az;
            uint[] b = P256Field.B;
            P256Field.Sqr(t0, x);           // t0 = X^2
            P256Field.Sqr(t1, y);           // t1 = Y^2
            P256Field.Sqr(t2, z);           // t2 = Z^2
            P256Field.Mul(t3, x, y);        // t3 = X Y
            P256Field.Add(t3, t3, t3);      // t3 = t3 + t3
            P256Field.Mul(z3, x, z);        // Z3 = X Z
            P256Field.Add(z3, z3, z3);      // Z3 = Z3 + Z3
            P256Field.Mul(y3, b, t2);       // Y3 = b t2
            P256Field.Sub(y3, y3, z3);      // Y3 = Y3 - Z3
            P256Field.Add(x3, y3, y3);      // X3 = Y3 + Y3
            P256Field.Add(y3, x3, y3);      // Y3 = X3 + Y3
            P256Field.Sub(x3, t1, y3);      // X3 = t1 - Y3
            P256Field.Add(y3, t1, y3);      // Y3 = t1 + Y3
            P256Field.Mul(y3, x3, y3);      // Y3 = X3 Y3
            P256Field.Mul(x3, x3, t3);      // X3 = X3 t3
            P256Field.Add(t3, t2, t2);      // t3 = t2 + t2
            P256Field.Add(t2, t2, t3);      // t2 = t2 + t3        = 3 Z^2
            P256Field.Mul(z3, b, z3);       // Z3 = b Z3
            P256Field.Sub(z3, z3, t2);      // Z3 = Z3 - t2
            P256Field.Sub(z3, z3, t0);      // Z3 = Z3 - t0
            P256Field.Add(t3, z3, z3);      // t3 = Z3 + Z3
            P256Field.Add(z3, z3, t3);      // Z3 = Z3 + t3
            P256Field.Add(t3, t0, t0);      // t3 = t0 + t0
            P256Field.Add(t0, t3, t0);      // t0 = t3 + t0        = 3 X^2
            P256Field.Sub(t0, t0, t2);      // t0 = t0 - t2
            P256Field.Mul(t0, t0, z3);      // t0 = t0 Z3
            P256Field.Add(y3, y3, t0);      // Y3 = Y3 + t0
            P256Field.Mul(t0, y, z);        // t0 = Y Z
            P256Field.Add(t0, t0, t0);      // t0 = t0 + t0
            P256Field.Mul(z3, t0, z3);      // Z3 = t0 Z3
            P256Field.Sub(x3, x3, z3);      // X3 = X3 - Z3
            P256Field.Mul(z3, t0, t1);      // Z3 = t0 t1
            P256Field.Add(z3, z3, z3);      // Z3 = Z3 + Z3
            P256Field.Add(z3, z3, z3);      // Z3 = Z3 + Z3
            P256Field.Copy(x, x3);
            P256Field.Copy(y, y3);
            P256Field.Copy(z, z3);
        }

        /// <summary>(X : Y : Z) projective, x = X/Z, to Jacobian (X Z, Y Z^2, Z), x = X/Z^2, y = Y/Z^3.</summary>
        private void ProjectiveToJacobian(uint[] x, uint[] y, uint[] z)
        {
            P256Field.Sqr(_t0, z);
            P256Field.Mul(x, x, z);
            P256Field.Mul(y, y, _t0);
        }

        /// <summary>Jacobian (X, Y, Z) to projective (X Z : Y : Z^3).</summary>
        private void JacobianToProjective(uint[] x, uint[] y, uint[] z)
        {
            P256Field.Sqr(_t0, z);
            P256Field.Mul(x, x, z);
            P256Field.Mul(z, z, _t0);
        }

        /// <summary>
        /// (X, Y, Z) = 2 (X, Y, Z) in Jacobian coordinates: the verifier's branch-free "dbl-2001-b" (a = -3,
        /// 3M + 5S), <see cref="P256Engine.DoubleJacobian"/>, on this multiplier's temporaries. Not for the point
        /// at infinity (see the caller).
        /// </summary>
        private void DoubleJacobian(uint[] x, uint[] y, uint[] z)
        {
            P256Engine.DoubleJacobian(x, y, z, _t0, _t1, _t2, _t3, _t4, _az);
        }

        /// <summary>Clears everything derived from the secret scalar.</summary>
        private void Wipe()
        {
            Array.Clear(_table, 0, _table.Length);
            P256Field.SetZero(_rx);
            P256Field.SetZero(_ry);
            P256Field.SetZero(_rz);
            P256Field.SetZero(_sx);
            P256Field.SetZero(_sy);
            P256Field.SetZero(_sz);
            P256Field.SetZero(_ax);
            P256Field.SetZero(_ay);
            P256Field.SetZero(_az);
            P256Field.SetZero(_t0);
            P256Field.SetZero(_t1);
            P256Field.SetZero(_t2);
            P256Field.SetZero(_t3);
            P256Field.SetZero(_t4);
            P256Field.SetZero(_k);
            P256Field.SetZero(_nonce);
        }
    }
}
