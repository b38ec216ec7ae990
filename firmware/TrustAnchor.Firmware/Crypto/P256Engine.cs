using System;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// The P-256 group operations for signature verification, with all their working storage allocated once.
    ///
    /// Curve: y^2 = x^3 - 3x + b over GF(p), prime order n, generator G (SEC 2 2.4.2). Cofactor 1, so every
    /// affine point that satisfies the equation is in the group, and no point has order 2 (y is never 0).
    ///
    /// Points are kept in Jacobian coordinates (X, Y, Z) for x = X/Z^2, y = Y/Z^3; Z = 0 is the point at
    /// infinity. That makes doubling and addition inversion-free. Everything here handles public data only
    /// (signatures, public keys), so the corner cases (infinity, P == Q, P == -Q) are plain branches; the
    /// secret-scalar paths live in <see cref="P256ConstantTime"/>.
    ///
    /// Verification computes u1 G + u2 Q with Strauss-Shamir interleaving: one shared chain of doublings,
    /// adding a precomputed odd multiple of G or Q whenever a signed-digit (wNAF) representation of u1 or u2
    /// has a non-zero digit. Each 256-bit scalar is split into eight 32-bit pieces, k = sum k_j 2^(32 j), with a
    /// table for each P_j = 2^(32 j) P, which cuts the doublings to 32 (instead of 256) at the cost of eight tables:
    ///   u1 G + u2 Q = sum_j u1_j (2^(32 j) G) + sum_j u2_j (2^(32 j) Q).
    /// The number of additions does not depend on the split (about 256 / (w + 1) per scalar), only the doublings.
    /// The G tables are static (built on first use); the Q tables are built once per key by <see cref="P256PublicKey"/>.
    /// Operation count per verification: 32 doublings (3M + 5S), about 37 + 51 mixed additions (8M + 3S),
    /// one inversion mod n (binary, variable time) and no inversion mod p (the final x-coordinate test is projective).
    /// </summary>
    internal sealed class P256Engine
    {
        /// <summary>
        /// Pieces each scalar is split into, and their width in bits. Eight 32-bit pieces: 32 doublings per
        /// verification; the price is eight tables per point (G: 8 KB static; each key: 2 KB).
        /// </summary>
        internal const int Pieces = 8;
        internal const int PieceBits = 32;
        private const int PieceLimbs = PieceBits / 32;

        /// <summary>wNAF window for G: 16 odd multiples (1G..31G) per piece.</summary>
        internal const int WindowG = 6;

        /// <summary>wNAF window for Q: 4 odd multiples (1Q..7Q) per piece (smaller: a device holds many keys).</summary>
        internal const int WindowQ = 4;

        internal const int PointsG = 1 << (WindowG - 2);
        internal const int PointsQ = 1 << (WindowQ - 2);

        /// <summary>Points converted to affine together when building tables (a key's whole table).</summary>
        private const int MaxBatch = Pieces * PointsQ;

        /// <summary>uints per affine point in a table: x then y.</summary>
        internal const int AffineWords = 16;

        /// <summary>wNAF digits of a piece: bit positions 0..PieceBits (the recoding can carry one position up).</summary>
        private const int DigitCount = PieceBits + 1;

        /// <summary>wNAF digits of a whole 256-bit scalar (positions 0..256).</summary>
        private const int WholeDigitCount = 257;

        private const int L = P256Field.Limbs;

        // SEC 2 generator, little-endian limbs.
        internal static readonly uint[] Gx =
        {
            0xD898C296, 0xF4A13945, 0x2DEB33A0, 0x77037D81, 0x63A440F2, 0xF8BCE6E5, 0xE12C4247, 0x6B17D1F2,
        };

        internal static readonly uint[] Gy =
        {
            0x37BF51F5, 0xCBB64068, 0x6B315ECE, 0x2BCE3357, 0x7C0F9E16, 0x8EE7EB4A, 0xFE1A7F9B, 0x4FE342E2,
        };

        /// <summary>
        /// Odd multiples of each 2^(PieceBits j) G, affine: PointsG x 16 words per piece. A constant of the curve
        /// (<see cref="P256GeneratorTable"/>), read-only, so every engine reads the same one.
        /// </summary>
        internal readonly uint[] TableG;

        // Field temporaries. The point routines use disjoint sets so they can call each other.
        private readonly uint[] _t0 = new uint[L], _t1 = new uint[L], _t2 = new uint[L], _t3 = new uint[L];
        private readonly uint[] _t4 = new uint[L], _t5 = new uint[L], _t6 = new uint[L], _t7 = new uint[L];
        private readonly uint[] _i0 = new uint[L], _i1 = new uint[L], _i2 = new uint[L];

        // The accumulator point and the table point being added.
        private readonly uint[] _x = new uint[L], _y = new uint[L], _z = new uint[L];
        private readonly uint[] _px = new uint[L], _py = new uint[L], _qx = new uint[L], _qy = new uint[L];

        // Scalars.
        private readonly uint[] _e = new uint[L], _r = new uint[L], _s = new uint[L], _w = new uint[L];
        private readonly uint[] _u1 = new uint[L], _u2 = new uint[L];

        // wNAF digits: piece j of u1 at j * DigitCount, piece j of u2 at (Pieces + j) * DigitCount.
        private readonly byte[] _digits = new byte[2 * Pieces * DigitCount];

        // A key without tables (verified once): its odd multiples 1Q, 3Q, 5Q, 7Q, affine.
        private readonly uint[] _plainQ = new uint[PointsQ * AffineWords];

        // Table construction: the Zs of up to MaxBatch Jacobian points and their prefix products.
        private readonly uint[] _zs = new uint[MaxBatch * L];
        private readonly uint[] _prefix = new uint[MaxBatch * L];

        /// <summary>Working storage over the curve's G table.</summary>
        internal P256Engine()
            : this(P256GeneratorTable.Table)
        {
        }

        /// <summary>Working storage over <paramref name="tableG"/> (filled by the caller: the G table's own builder).</summary>
        internal P256Engine(uint[] tableG)
        {
            TableG = tableG;
        }

        /// <summary>Bytes of an engine's working storage (the G table it reads is not its own).</summary>
        internal const int WorkingBytes = 4 * (24 * L + PointsQ * AffineWords + 2 * MaxBatch * L) + 2 * Pieces * DigitCount;

        /// <summary>Bytes of every array an engine reads or writes: the G table plus its working storage.</summary>
        internal int StorageBytes
        {
            get { return 4 * TableG.Length + WorkingBytes; }
        }

        // ---------------------------------------------------------------------------------------------
        // Point arithmetic (Jacobian, in place on _x, _y, _z)
        // ---------------------------------------------------------------------------------------------

        /// <summary>
        /// (X, Y, Z) = 2 (X, Y, Z). "dbl-2001-b" (Bernstein-Lange EFD), which uses a = -3:
        ///   delta = Z^2, gamma = Y^2, beta = X gamma, alpha = 3 (X - delta)(X + delta)  [= 3x^2 - 3 scaled]
        ///   X3 = alpha^2 - 8 beta, Z3 = (Y + Z)^2 - gamma - delta  [= 2YZ], Y3 = alpha (4 beta - X3) - 8 gamma^2.
        /// 3M + 5S. Infinity (Z = 0) maps to Z3 = 0; y is never 0 on this curve, so no other special case.
        /// </summary>
        private void Double(uint[] x, uint[] y, uint[] z)
        {
            DoubleJacobian(x, y, z, _t0, _t1, _t2, _t3, _t4, _t5);
        }

        /// <summary>
        /// The doubling above with the caller's six temporaries: no branch and no secret-dependent index, so the
        /// constant-time multiplier (<see cref="P256ConstantTime"/>) uses it too, for points it knows are not O.
        /// </summary>
        internal static void DoubleJacobian(uint[] x, uint[] y, uint[] z, uint[] delta, uint[] gamma, uint[] beta,
            uint[] alpha, uint[] t, uint[] u)
        {
            P256Field.Sqr(delta, z);
            P256Field.Sqr(gamma, y);
            P256Field.Mul(beta, x, gamma);

            P256Field.Sub(t, x, delta);
            P256Field.Add(u, x, delta);
            P256Field.Mul(t, t, u);
            P256Field.Add(alpha, t, t);
            P256Field.Add(alpha, alpha, t);

            P256Field.Add(t, y, z);
            P256Field.Sqr(t, t);
            P256Field.Sub(t, t, gamma);
            P256Field.Sub(z, t, delta);

            P256Field.Add(beta, beta, beta);
            P256Field.Add(beta, beta, beta);     // 4 beta
            P256Field.Sqr(t, alpha);
            P256Field.Sub(t, t, beta);
            P256Field.Sub(x, t, beta);           // X3 = alpha^2 - 8 beta

            P256Field.Sub(t, beta, x);
            P256Field.Mul(t, alpha, t);
            P256Field.Sqr(u, gamma);
            P256Field.Add(u, u, u);
            P256Field.Add(u, u, u);
            P256Field.Add(u, u, u);              // 8 gamma^2
            P256Field.Sub(y, t, u);
        }

        /// <summary>
        /// (X, Y, Z) += (x2, y2), the second point affine ("madd", 8M + 3S):
        ///   U2 = x2 Z^2, S2 = y2 Z^3 bring the affine point to the accumulator's Z;
        ///   H = U2 - X, R = S2 - Y; H = 0 means equal x: the same point (R = 0, so double) or its negative
        ///   (the sum is infinity). Otherwise
        ///   X3 = R^2 - H^3 - 2 X H^2, Y3 = R (X H^2 - X3) - Y H^3, Z3 = Z H.
        /// </summary>
        private void AddAffine(uint[] x, uint[] y, uint[] z, uint[] x2, uint[] y2)
        {
            if (P256Field.IsZero(z))
            {
                P256Field.Copy(x, x2);
                P256Field.Copy(y, y2);
                P256Field.SetOne(z);
                return;
            }

            uint[] zz = _t0, h = _t1, r = _t2, hh = _t3, hhh = _t4, v = _t5, t = _t6;
            P256Field.Sqr(zz, z);
            P256Field.Mul(h, x2, zz);
            P256Field.Sub(h, h, x);              // H = U2 - X
            P256Field.Mul(r, y2, z);
            P256Field.Mul(r, r, zz);
            P256Field.Sub(r, r, y);              // R = S2 - Y
            if (P256Field.IsZero(h))
            {
                if (P256Field.IsZero(r))
                {
                    Double(x, y, z);
                }
                else
                {
                    P256Field.SetZero(z);
                }

                return;
            }

            P256Field.Sqr(hh, h);
            P256Field.Mul(hhh, hh, h);
            P256Field.Mul(v, x, hh);             // X H^2
            P256Field.Mul(z, z, h);

            P256Field.Sqr(t, r);
            P256Field.Sub(t, t, hhh);
            P256Field.Sub(t, t, v);
            P256Field.Sub(x, t, v);              // X3

            P256Field.Sub(t, v, x);
            P256Field.Mul(t, r, t);
            P256Field.Mul(hhh, y, hhh);
            P256Field.Sub(y, t, hhh);            // Y3
        }

        /// <summary>
        /// Reads and validates an uncompressed SEC 1 point 04 || X || Y at offset (65 bytes available):
        /// both coordinates below p and y^2 = x^3 - 3x + b. With cofactor 1 that is the whole public-key
        /// validation (SEC 1 3.2.2.1 / NIST SP 800-56A 5.6.2.3.3: nQ = O holds for every curve point).
        /// Throws <see cref="InvalidPublicKeyException"/>.
        /// </summary>
        internal void ValidatePublicKey(byte[] data, int offset, uint[] x, uint[] y)
        {
            ValidatePublicKey(data, offset, x, y, _t0, _t1, _t2);
        }

        /// <summary>As <see cref="ValidatePublicKey(byte[], int, uint[], uint[])"/> with the caller's three temporaries.</summary>
        internal static void ValidatePublicKey(byte[] data, int offset, uint[] x, uint[] y, uint[] lhs, uint[] rhs, uint[] three)
        {
            if (data[offset] != 0x04)
            {
                throw new InvalidPublicKeyException(CryptoError.PublicKeyNotUncompressed,
                    "public key must be an uncompressed point (first byte 0x04), found 0x" + data[offset].ToString("X2"));
            }

            bool xOk = P256Field.FromBytes(x, data, offset + 1);
            bool yOk = P256Field.FromBytes(y, data, offset + 33);
            if (!xOk || !yOk)
            {
                throw new InvalidPublicKeyException(CryptoError.PublicKeyCoordinateOutOfRange,
                    "public key coordinate is not below the field prime p");
            }

            // rhs = x^3 - 3x + b = (x^2 - 3) x + b
            P256Field.SetZero(three);
            three[0] = 3;
            P256Field.Sqr(rhs, x);
            P256Field.Sub(rhs, rhs, three);
            P256Field.Mul(rhs, rhs, x);
            P256Field.Add(rhs, rhs, P256Field.B);
            P256Field.Sqr(lhs, y);
            if (!P256Field.Equal(lhs, rhs))
            {
                throw new InvalidPublicKeyException(CryptoError.PublicKeyNotOnCurve,
                    "public key is not a point on the P-256 curve");
            }
        }

        // ---------------------------------------------------------------------------------------------
        // Precomputed tables
        // ---------------------------------------------------------------------------------------------

        /// <summary>
        /// Fills table with the odd multiples 1 P_j, 3 P_j, ..., (2 count - 1) P_j of P_j = 2^(PieceBits j) P
        /// for each piece j (slot j count + m holds (2m + 1) P_j), all affine (x, y), 16 words per slot.
        /// P = (px, py) must be a valid point. Uses two field inversions for a key's table (Montgomery's trick:
        /// one inversion of the product of all Zs, then two multiplications peel off each 1/Z).
        /// </summary>
        internal void BuildTables(uint[] px, uint[] py, uint[] table, int count)
        {
            // 1. Bases P_j and their doubles 2 P_j, Jacobian, parked in slots 2j and 2j + 1 (Z in _zs).
            //    n is prime, so none of these is infinity and no later step meets a doubling or infinity case.
            P256Field.Copy(_x, px);
            P256Field.Copy(_y, py);
            P256Field.SetOne(_z);
            for (int j = 0; j < Pieces; j++)
            {
                if (j > 0)
                {
                    for (int i = 0; i < PieceBits; i++)
                    {
                        Double(_x, _y, _z);
                    }
                }

                StoreJacobian(table, 2 * j, 2 * j);
                P256Field.Copy(_px, _x);
                P256Field.Copy(_py, _y);
                P256Field.Copy(_qx, _z);
                Double(_x, _y, _z);
                StoreJacobian(table, 2 * j + 1, 2 * j + 1);
                P256Field.Copy(_x, _px);
                P256Field.Copy(_y, _py);
                P256Field.Copy(_z, _qx);
            }

            BatchToAffine(table, 0, 2 * Pieces);

            // 2. Odd multiples, highest piece first: piece j's output slots only overlap parked bases of pieces
            //    already done, and its own base is read before anything is written. Converted to affine in
            //    batches of at most MaxBatch slots.
            int piecesPerBatch = MaxBatch / count;
            for (int group = Pieces - piecesPerBatch; group >= 0; group -= piecesPerBatch)
            {
                for (int j = group + piecesPerBatch - 1; j >= group; j--)
                {
                    uint[] bx = _px, by = _py, dx = _qx, dy = _qy;
                    LoadAffine(table, 2 * j, bx, by);
                    LoadAffine(table, 2 * j + 1, dx, dy);
                    P256Field.Copy(_x, bx);
                    P256Field.Copy(_y, by);
                    P256Field.SetOne(_z);
                    for (int m = 0; m < count; m++)
                    {
                        if (m > 0)
                        {
                            AddAffine(_x, _y, _z, dx, dy);       // (2m + 1) P_j = (2m - 1) P_j + 2 P_j
                        }

                        StoreJacobian(table, j * count + m, j * count + m - group * count);
                    }
                }

                BatchToAffine(table, group * count, piecesPerBatch * count);
            }
        }

        /// <summary>Slot gets (_x, _y); _zs[zIndex] gets _z.</summary>
        private void StoreJacobian(uint[] table, int slot, int zIndex)
        {
            Array.Copy(_x, 0, table, slot * AffineWords, L);
            Array.Copy(_y, 0, table, slot * AffineWords + L, L);
            Array.Copy(_z, 0, _zs, zIndex * L, L);
        }

        private static void LoadAffine(uint[] table, int slot, uint[] x, uint[] y)
        {
            Array.Copy(table, slot * AffineWords, x, 0, L);
            Array.Copy(table, slot * AffineWords + L, y, 0, L);
        }

        /// <summary>
        /// Slots first .. first + n - 1 hold Jacobian X, Y with Z in _zs[0 .. n - 1]; rewrites them as affine
        /// x = X / Z^2, y = Y / Z^3. prefix[k] = Z0 ... Zk; inv = 1 / prefix[n - 1]; walking down,
        /// 1/Zk = inv prefix[k - 1] and then inv = inv Zk = 1 / prefix[k - 1].
        /// </summary>
        private void BatchToAffine(uint[] table, int first, int n)
        {
            uint[] acc = _t7, zk = _e, inv = _w, zInv = _s;
            Array.Copy(_zs, 0, _prefix, 0, L);
            for (int k = 1; k < n; k++)
            {
                Array.Copy(_prefix, (k - 1) * L, acc, 0, L);
                Array.Copy(_zs, k * L, zk, 0, L);
                P256Field.Mul(acc, acc, zk);
                Array.Copy(acc, 0, _prefix, k * L, L);
            }

            Array.Copy(_prefix, (n - 1) * L, acc, 0, L);
            P256Field.Invert(inv, acc, _i0, _i1, _i2);
            for (int k = n - 1; k >= 0; k--)
            {
                if (k > 0)
                {
                    Array.Copy(_prefix, (k - 1) * L, acc, 0, L);
                    P256Field.Mul(zInv, inv, acc);
                    Array.Copy(_zs, k * L, zk, 0, L);
                    P256Field.Mul(inv, inv, zk);
                }
                else
                {
                    P256Field.Copy(zInv, inv);
                }

                int slot = first + k;
                LoadAffine(table, slot, _x, _y);
                P256Field.Sqr(_t6, zInv);
                P256Field.Mul(_x, _x, _t6);
                P256Field.Mul(_t6, _t6, zInv);
                P256Field.Mul(_y, _y, _t6);
                Array.Copy(_x, 0, table, slot * AffineWords, L);
                Array.Copy(_y, 0, table, slot * AffineWords + L, L);
            }
        }

        // ---------------------------------------------------------------------------------------------
        // ECDSA verification core
        // ---------------------------------------------------------------------------------------------

        /// <summary>
        /// SEC 1 4.1.4 / FIPS 186-4 6.4.2 for a validated key (its tables), hash[hashOffset..+32] and
        /// r, s as 32-byte big-endian values at rOffset / sOffset of sig.
        /// </summary>
        internal bool Verify(P256PublicKey key, byte[] hash, int hashOffset, byte[] sig, int rOffset, int sOffset)
        {
            if (!ComputeScalars(hash, hashOffset, sig, rOffset, sOffset))
            {
                return false;
            }

            // 4. Signed-digit recoding of every piece of u1 and u2 (u2's window fits the key's table: 4 odd
            //    multiples per piece, or 16 in a host's wide cache slot, as G's).
            int pointsQ = key.TablePoints;
            int windowQ = pointsQ == PointsG ? WindowG : WindowQ;
            for (int j = 0; j < Pieces; j++)
            {
                Wnaf(_digits, j * DigitCount, _u1, j * PieceLimbs, WindowG);
                Wnaf(_digits, (Pieces + j) * DigitCount, _u2, j * PieceLimbs, windowQ);
            }

            // 5. R = u1 G + u2 Q, most significant digit first.
            uint[] tableQ = key.Table;
            byte[] digits = _digits;
            bool started = false;
            P256Field.SetZero(_z);
            for (int i = DigitCount - 1; i >= 0; i--)
            {
                if (started)
                {
                    Double(_x, _y, _z);
                }

                for (int j = 0; j < Pieces; j++)
                {
                    byte dg = digits[j * DigitCount + i];
                    if (dg != 0)
                    {
                        AddDigit(dg, TableG, j * PointsG * AffineWords);
                        started = true;
                    }

                    byte dq = digits[(Pieces + j) * DigitCount + i];
                    if (dq != 0)
                    {
                        AddDigit(dq, tableQ, j * pointsQ * AffineWords);
                        started = true;
                    }
                }
            }

            // 6. R = infinity: reject. Otherwise accept iff x(R) mod n = r.
            if (P256Field.IsZero(_z))
            {
                return false;
            }

            return XCoordinateMatches();
        }

        /// <summary>
        /// As <see cref="Verify"/> for a validated key (qx, qy) that has no tables - one seen for the first time,
        /// which may never be seen again. Building its tables costs 224 doublings and two inversions before
        /// the 32-doubling verification; here u2 Q runs over the whole 256-bit u2 instead (one chain of 256
        /// doublings, which the eight 32-bit pieces of u1 G join for its last 32), with only the four odd
        /// multiples 1Q..7Q (six mixed additions, one inversion). Same result, about 20% less work.
        /// </summary>
        internal bool VerifyWithoutTables(uint[] qx, uint[] qy, byte[] hash, int hashOffset, byte[] sig, int rOffset, int sOffset)
        {
            if (!ComputeScalars(hash, hashOffset, sig, rOffset, sOffset))
            {
                return false;
            }

            // 4. u1: eight 32-bit pieces as in Verify; u2: one wNAF over all 256 bits (257 positions), placed
            //    after them. (8 * 33 + 257 = 521 of the 528 digit bytes.)
            for (int j = 0; j < Pieces; j++)
            {
                Wnaf(_digits, j * DigitCount, _u1, j * PieceLimbs, WindowG);
            }

            int u2At = Pieces * DigitCount;
            WnafWhole(_digits, u2At, _u2, WindowQ);

            // 5. 1Q, 3Q, 5Q, 7Q: Q + Q + Q ... in Jacobian coordinates, then affine with one inversion.
            P256Field.Copy(_px, qx);
            P256Field.Copy(_py, qy);
            P256Field.Copy(_x, qx);
            P256Field.Copy(_y, qy);
            P256Field.SetOne(_z);
            StoreJacobian(_plainQ, 0, 0);
            for (int m = 1; m < PointsQ; m++)
            {
                AddAffine(_x, _y, _z, _px, _py);
                AddAffine(_x, _y, _z, _px, _py);
                StoreJacobian(_plainQ, m, m);
            }

            BatchToAffine(_plainQ, 0, PointsQ);

            // 6. R = u1 G + u2 Q over 257 positions; u1's digits live in the bottom 33.
            byte[] digits = _digits;
            bool started = false;
            P256Field.SetZero(_z);
            for (int i = WholeDigitCount - 1; i >= 0; i--)
            {
                if (started)
                {
                    Double(_x, _y, _z);
                }

                if (i < DigitCount)
                {
                    for (int j = 0; j < Pieces; j++)
                    {
                        byte dg = digits[j * DigitCount + i];
                        if (dg != 0)
                        {
                            AddDigit(dg, TableG, j * PointsG * AffineWords);
                            started = true;
                        }
                    }
                }

                byte dq = digits[u2At + i];
                if (dq != 0)
                {
                    AddDigit(dq, _plainQ, 0);
                    started = true;
                }
            }

            if (P256Field.IsZero(_z))
            {
                return false;
            }

            return XCoordinateMatches();
        }

        /// <summary>Steps 1-3 of verification: range checks on r, s; e; u1 = e / s and u2 = r / s (mod n).</summary>
        private bool ComputeScalars(byte[] hash, int hashOffset, byte[] sig, int rOffset, int sOffset)
        {
            // 1. r, s in [1, n-1].
            P256Field.ReadBigEndian(_r, sig, rOffset);
            P256Field.ReadBigEndian(_s, sig, sOffset);
            if (!P256Scalar.IsInRange(_r) || !P256Scalar.IsInRange(_s))
            {
                return false;
            }

            // 2. e = the hash as an integer (P-256 uses all 256 bits), reduced mod n (e < 2^256 < 2n).
            P256Field.ReadBigEndian(_e, hash, hashOffset);
            P256Scalar.ReduceOnce(_e, _e);

            // 3. w = s^-1 (s is public: the fast variable-time inversion), into Montgomery form;
            //    u1 = e w, u2 = r w then come out plain because MontMul divides by R.
            P256Scalar.InvertVartime(_w, _s);
            P256Scalar.ToMontgomery(_w, _w);
            P256Scalar.MontMul(_u1, _e, _w);
            P256Scalar.MontMul(_u2, _r, _w);
            return true;
        }

        /// <summary>
        /// x(R) mod n == r without inverting Z: x(R) = X/Z^2, so test r Z^2 == X (mod p). x(R) lies in [0, p)
        /// and p &gt; n, so x(R) mod n == r also holds when x(R) = r + n, possible only while r + n &lt; p.
        /// </summary>
        private bool XCoordinateMatches()
        {
            uint[] zz = _t0, t = _t1;
            P256Field.Sqr(zz, _z);
            P256Field.Mul(t, _r, zz);                 // r < n < p: already a field element
            if (P256Field.Equal(t, _x))
            {
                return true;
            }

            // r + n, if that stays below p.
            ulong c = 0;
            uint[] rn = _t2;
            uint[] n = P256Scalar.N;
            for (int i = 0; i < L; i++)
            {
                c = (c >> 32) + _r[i] + n[i];
                rn[i] = (uint)c;
            }

            if ((c >> 32) != 0 || !P256Field.IsBelow(rn, P256Field.P))
            {
                return false;
            }

            P256Field.Mul(t, rn, zz);
            return P256Field.Equal(t, _x);
        }

        /// <summary>Adds +-(|d|) P from table for a non-zero digit d (two's-complement byte).</summary>
        private void AddDigit(byte encodedDigit, uint[] table, int tableOffset)
        {
            int d = encodedDigit;
            if (d > 127)
            {
                d -= 256;
            }

            int index = (d < 0 ? -d : d) >> 1;                // |d| = 2 index + 1
            int offset = tableOffset + index * AffineWords;
            uint[] qx = _qx, qy = _qy;
            for (int i = 0; i < L; i++)
            {
                qx[i] = table[offset + i];
                qy[i] = table[offset + L + i];
            }

            if (d < 0)
            {
                P256Field.Neg(_qy, _qy);                      // -(x, y) = (x, -y)
            }

            AddAffine(_x, _y, _z, _qx, _qy);
        }

        /// <summary>
        /// The same recoding as <see cref="Wnaf"/> over all 256 bits of k, into digits[at .. at + 257); position
        /// 256 absorbs the final carry.
        /// </summary>
        private static void WnafWhole(byte[] digits, int at, uint[] k, int w)
        {
            Array.Clear(digits, at, WholeDigitCount);
            int carry = 0;
            int bit = 0;
            while (bit < WholeDigitCount)
            {
                if (ReadBits(k, bit, 1) == carry)
                {
                    bit++;
                    continue;
                }

                int now = w;
                if (now > WholeDigitCount - bit)
                {
                    now = WholeDigitCount - bit;
                }

                int word = ReadBits(k, bit, now) + carry;
                carry = (word >> (w - 1)) & 1;
                word -= carry << w;
                digits[at + bit] = (byte)word;
                bit += now;
            }
        }

        /// <summary>count (at most 8) bits of the 256-bit k from position bit; positions from 256 up read 0.</summary>
        private static int ReadBits(uint[] k, int bit, int count)
        {
            if (bit >= 32 * L)
            {
                return 0;
            }

            int limb = bit >> 5;
            int shift = bit & 31;
            ulong v = k[limb] >> shift;
            if (limb + 1 < L && shift != 0)
            {
                v |= (ulong)k[limb + 1] << (32 - shift);
            }

            return (int)(v & (((ulong)1 << count) - 1));
        }

        /// <summary>
        /// Width-w NAF of the piece of k starting at limb limbOffset, into digits[at .. at + DigitCount):
        /// each digit is 0 or odd in [-(2^(w-1) - 1), 2^(w-1) - 1], sum digit_i 2^i = the piece, and any w
        /// consecutive digits hold at most one non-zero, so about PieceBits / (w + 1) additions per piece.
        /// (Recoding as in libsecp256k1's ecmult_wnaf: start a w-bit window wherever the current bit differs
        /// from the running carry - so the window value is odd; a value of 2^(w-1) or more is taken as negative,
        /// value - 2^w, carrying 1 upwards.) The top position (PieceBits) absorbs the final carry. Digits are
        /// stored as two's-complement bytes.
        /// </summary>
        private static void Wnaf(byte[] digits, int at, uint[] k, int limbOffset, int w)
        {
            Array.Clear(digits, at, DigitCount);

            // The piece (one 32-bit limb) as a wider integer, so windows may run past its top: those bits read 0.
            ulong piece = k[limbOffset];

            int carry = 0;
            int bit = 0;
            while (bit < DigitCount)
            {
                int current = bit < PieceBits ? (int)((piece >> bit) & 1) : 0;
                if (current == carry)
                {
                    bit++;
                    continue;
                }

                int now = w;
                if (now > DigitCount - bit)
                {
                    now = DigitCount - bit;
                }

                // (C# masks shift counts to 6 bits: never shift by 64.)
                ulong window = bit < PieceBits ? (piece >> bit) & (((ulong)1 << now) - 1) : 0;
                int word = (int)window + carry;
                carry = (word >> (w - 1)) & 1;
                word -= carry << w;
                digits[at + bit] = (byte)word;
                bit += now;
            }
        }
    }
}
