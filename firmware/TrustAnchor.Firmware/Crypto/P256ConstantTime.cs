using System;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// Scalar multiplication k P for secret k (signing nonces, private keys in key generation and ECDH), with no
    /// branch and no memory index that depends on k.
    ///
    /// Points are in homogeneous projective coordinates (X : Y : Z), x = X/Z, y = Y/Z, and every addition and
    /// doubling uses the complete addition law of Renes, Costello and Batina ("Complete addition formulas for
    /// prime order elliptic curves", EUROCRYPT 2016, Algorithm 4 for a = -3). "Complete" means the one
    /// formula is right for every pair of inputs - P + Q, P + P, P + (-P), P + O with O = (0 : 1 : 0) - so no
    /// input ever takes a different code path. Cost 12M + 2 multiplications by b per operation; slower than the
    /// verifier's Jacobian formulas, but signing is rare and must not leak.
    ///
    /// The multiplication is a fixed 4-bit window: table[i] = i P for i = 0..15, then for each nibble of k
    /// from the top, four doublings and the addition of table[nibble]. The table entry is fetched by reading
    /// all sixteen entries and keeping one with a mask, so the memory access pattern is the same for every k.
    /// The field arithmetic (<see cref="P256Field"/>) is itself branch-free, and so is the final inversion
    /// (Fermat, fixed exponent).
    /// </summary>
    internal sealed class P256ConstantTime
    {
        private const int L = P256Field.Limbs;
        private const int Words = 3 * L;     // X, Y, Z per table entry

        private readonly uint[] _table = new uint[16 * Words];
        private readonly uint[] _rx = new uint[L], _ry = new uint[L], _rz = new uint[L];
        private readonly uint[] _sx = new uint[L], _sy = new uint[L], _sz = new uint[L];
        private readonly uint[] _ax = new uint[L], _ay = new uint[L], _az = new uint[L];
        private readonly uint[] _t0 = new uint[L], _t1 = new uint[L], _t2 = new uint[L];
        private readonly uint[] _t3 = new uint[L], _t4 = new uint[L];
        private readonly uint[] _i0 = new uint[L], _i1 = new uint[L], _i2 = new uint[L];

        /// <summary>Bytes of working storage held.</summary>
        internal int StorageBytes
        {
            get { return 4 * (_table.Length + 17 * L); }
        }

        /// <summary>
        /// (outX, outY) = k (px, py) for a valid affine point and a 256-bit k (little-endian limbs).
        /// Returns false when the result is the point at infinity (k = 0 mod n); then outX, outY are zero.
        /// </summary>
        internal bool Multiply(uint[] k, uint[] px, uint[] py, uint[] outX, uint[] outY)
        {
            // table[0] = O = (0 : 1 : 0), table[1] = P, table[i] = table[i - 1] + P.
            P256Field.SetZero(_sx);
            P256Field.SetOne(_sy);
            P256Field.SetZero(_sz);
            Store(0, _sx, _sy, _sz);
            P256Field.Copy(_sx, px);
            P256Field.Copy(_sy, py);
            P256Field.SetOne(_sz);
            Store(1, _sx, _sy, _sz);
            P256Field.Copy(_rx, px);
            P256Field.Copy(_ry, py);
            P256Field.SetOne(_rz);
            for (int i = 2; i < 16; i++)
            {
                Add(_rx, _ry, _rz, _sx, _sy, _sz);
                Store(i, _rx, _ry, _rz);
            }

            // R = O; then per nibble (most significant first): R = 16 R + table[nibble].
            P256Field.SetZero(_rx);
            P256Field.SetOne(_ry);
            P256Field.SetZero(_rz);
            for (int position = 63; position >= 0; position--)
            {
                for (int d = 0; d < 4; d++)
                {
                    Add(_rx, _ry, _rz, _rx, _ry, _rz);
                }

                int nibble = (int)((k[position >> 3] >> ((position & 7) * 4)) & 0xF);
                Select(nibble);
                Add(_rx, _ry, _rz, _sx, _sy, _sz);
            }

            // Affine: x = X / Z, y = Y / Z (Z = 0 only for the point at infinity; Invert(0) = 0).
            bool finite = !P256Field.IsZero(_rz);
            P256Field.Invert(_t0, _rz, _i0, _i1, _i2);
            P256Field.Mul(outX, _rx, _t0);
            P256Field.Mul(outY, _ry, _t0);
            Wipe();
            return finite;
        }

        /// <summary>
        /// (outX, outY) = k G for a 256-bit k (little-endian limbs); false when k G is infinity (k = 0 mod n).
        /// A 4-way comb (as BearSSL's p256_mulgen): with k_t = bits t, 64 + t, 128 + t, 192 + t of k,
        /// k G = sum_t 2^t (k_t . (G, 2^64 G, 2^128 G, 2^192 G)), so 64 doublings and 64 additions of
        /// table[k_t] (table[i] = sum of the 2^(64 j) G whose bit j is set in i) replace the 256 doublings of
        /// <see cref="Multiply"/>. Same complete formulas and the same all-entries masked lookup, so nothing
        /// here branches on or indexes by k either. The 2^(64 j) G are the first entries of the verifier's
        /// public G tables (<paramref name="tableG"/> = <see cref="P256Engine.TableG"/>, piece 2 j).
        /// </summary>
        internal bool MultiplyBase(uint[] k, uint[] tableG, uint[] outX, uint[] outY)
        {
            // table[0] = O; table[2^j] = 2^(64 j) G; table[2^j + i] = table[i] + 2^(64 j) G for i < 2^j.
            P256Field.SetZero(_sx);
            P256Field.SetOne(_sy);
            P256Field.SetZero(_sz);
            Store(0, _sx, _sy, _sz);
            for (int j = 0; j < 4; j++)
            {
                int o = 2 * j * P256Engine.PointsG * P256Engine.AffineWords;
                Array.Copy(tableG, o, _sx, 0, L);
                Array.Copy(tableG, o + L, _sy, 0, L);
                P256Field.SetOne(_sz);
                int bit = 1 << j;
                Store(bit, _sx, _sy, _sz);
                for (int i = 1; i < bit; i++)
                {
                    Array.Copy(_table, i * Words, _rx, 0, L);
                    Array.Copy(_table, i * Words + L, _ry, 0, L);
                    Array.Copy(_table, i * Words + 2 * L, _rz, 0, L);
                    Add(_rx, _ry, _rz, _sx, _sy, _sz);
                    Store(bit + i, _rx, _ry, _rz);
                }
            }

            // R = O; then for t = 63 .. 0: R = 2 R + table[k_t].
            P256Field.SetZero(_rx);
            P256Field.SetOne(_ry);
            P256Field.SetZero(_rz);
            for (int t = 63; t >= 0; t--)
            {
                Add(_rx, _ry, _rz, _rx, _ry, _rz);
                int limb = t >> 5;
                int shift = t & 31;
                int index = (int)(((k[limb] >> shift) & 1)
                    | (((k[limb + 2] >> shift) & 1) << 1)
                    | (((k[limb + 4] >> shift) & 1) << 2)
                    | (((k[limb + 6] >> shift) & 1) << 3));
                Select(index);
                Add(_rx, _ry, _rz, _sx, _sy, _sz);
            }

            bool finite = !P256Field.IsZero(_rz);
            P256Field.Invert(_t0, _rz, _i0, _i1, _i2);
            P256Field.Mul(outX, _rx, _t0);
            P256Field.Mul(outY, _ry, _t0);
            Wipe();
            return finite;
        }

        /// <summary>(_sx, _sy, _sz) = table[index], reading every entry (the index is secret).</summary>
        private void Select(int index)
        {
            uint[] t = _table;
            uint[] sx = _sx, sy = _sy, sz = _sz;
            for (int j = 0; j < L; j++)
            {
                sx[j] = 0;
                sy[j] = 0;
                sz[j] = 0;
            }

            for (int i = 0; i < 16; i++)
            {
                uint mask = ~P256Field.MaskNonZero((uint)(i ^ index));
                int o = i * Words;
                for (int j = 0; j < L; j++)
                {
                    sx[j] |= t[o + j] & mask;
                    sy[j] |= t[o + L + j] & mask;
                    sz[j] |= t[o + 2 * L + j] & mask;
                }
            }
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
        private void Add(uint[] x1, uint[] y1, uint[] z1, uint[] x2, uint[] y2, uint[] z2)
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
        }
    }
}
