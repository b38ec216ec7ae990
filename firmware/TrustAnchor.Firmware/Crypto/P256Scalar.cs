using System;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// Arithmetic modulo the P-256 group order n (scalars: r, s, hashes, private keys, nonces).
    ///
    /// n has no special form, so multiplication is Montgomery's: with R = 2^256, MontMul(a, b) = a b R^-1 mod n.
    /// Values in "Montgomery form" carry an extra factor R; multiplying a plain value by a Montgomery-form
    /// value gives a plain product, which ECDSA uses to get u1 = e/s and u2 = r/s straight out of one
    /// MontMul each. Limbs as in <see cref="P256Field"/>: uint[8], little-endian, fully reduced in [0, n).
    /// Nothing branches on values, so signing (secret nonce k) can use the same code.
    /// </summary>
    internal static class P256Scalar
    {
        public const int Limbs = 8;

        // n, little-endian limbs (SEC 2 2.4.2).
        private const uint N0 = 0xFC632551, N1 = 0xF3B9CAC2, N2 = 0xA7179E84, N3 = 0xBCE6FAAD;
        private const uint N4 = 0xFFFFFFFF, N5 = 0xFFFFFFFF, N6 = 0x00000000, N7 = 0xFFFFFFFF;

        /// <summary>-n^-1 mod 2^32: the factor that makes the low word vanish in each reduction step.</summary>
        internal const uint N0Inverse = 0xEE00BC4F;

        internal static readonly uint[] N = { N0, N1, N2, N3, N4, N5, N6, N7 };

        /// <summary>R^2 mod n, to bring a plain value into Montgomery form with one MontMul.</summary>
        internal static readonly uint[] RSquared = ComputeRSquared();

        /// <summary>r = a b R^-1 mod n. r may alias a or b.</summary>
        public static void MontMul(uint[] r, uint[] a, uint[] b)
        {
            uint a7 = a[7];
            uint a0 = a[0];
            uint a1 = a[1];
            uint a2 = a[2];
            uint a3 = a[3];
            uint a4 = a[4];
            uint a5 = a[5];
            uint a6 = a[6];
            uint b7 = b[7];
            uint b0 = b[0];
            uint b1 = b[1];
            uint b2 = b[2];
            uint b3 = b[3];
            uint b4 = b[4];
            uint b5 = b[5];
            uint b6 = b[6];
            ulong t;
            t = (ulong)a0 * b0;
            uint c0 = (uint)t;
            t = (t >> 32) + (ulong)a0 * b1;
            uint c1 = (uint)t;
            t = (t >> 32) + (ulong)a0 * b2;
            uint c2 = (uint)t;
            t = (t >> 32) + (ulong)a0 * b3;
            uint c3 = (uint)t;
            t = (t >> 32) + (ulong)a0 * b4;
            uint c4 = (uint)t;
            t = (t >> 32) + (ulong)a0 * b5;
            uint c5 = (uint)t;
            t = (t >> 32) + (ulong)a0 * b6;
            uint c6 = (uint)t;
            t = (t >> 32) + (ulong)a0 * b7;
            uint c7 = (uint)t;
            uint c8 = (uint)(t >> 32);
            t = (ulong)a1 * b0 + c1;
            c1 = (uint)t;
            t = (t >> 32) + (ulong)a1 * b1 + c2;
            c2 = (uint)t;
            t = (t >> 32) + (ulong)a1 * b2 + c3;
            c3 = (uint)t;
            t = (t >> 32) + (ulong)a1 * b3 + c4;
            c4 = (uint)t;
            t = (t >> 32) + (ulong)a1 * b4 + c5;
            c5 = (uint)t;
            t = (t >> 32) + (ulong)a1 * b5 + c6;
            c6 = (uint)t;
            t = (t >> 32) + (ulong)a1 * b6 + c7;
            c7 = (uint)t;
            t = (t >> 32) + (ulong)a1 * b7 + c8;
            c8 = (uint)t;
            uint c9 = (uint)(t >> 32);
            t = (ulong)a2 * b0 + c2;
            c2 = (uint)t;
            t = (t >> 32) + (ulong)a2 * b1 + c3;
            c3 = (uint)t;
            t = (t >> 32) + (ulong)a2 * b2 + c4;
            c4 = (uint)t;
            t = (t >> 32) + (ulong)a2 * b3 + c5;
            c5 = (uint)t;
            t = (t >> 32) + (ulong)a2 * b4 + c6;
            c6 = (uint)t;
            t = (t >> 32) + (ulong)a2 * b5 + c7;
            c7 = (uint)t;
            t = (t >> 32) + (ulong)a2 * b6 + c8;
            c8 = (uint)t;
            t = (t >> 32) + (ulong)a2 * b7 + c9;
            c9 = (uint)t;
            uint c10 = (uint)(t >> 32);
            t = (ulong)a3 * b0 + c3;
            c3 = (uint)t;
            t = (t >> 32) + (ulong)a3 * b1 + c4;
            c4 = (uint)t;
            t = (t >> 32) + (ulong)a3 * b2 + c5;
            c5 = (uint)t;
            t = (t >> 32) + (ulong)a3 * b3 + c6;
            c6 = (uint)t;
            t = (t >> 32) + (ulong)a3 * b4 + c7;
            c7 = (uint)t;
            t = (t >> 32) + (ulong)a3 * b5 + c8;
            c8 = (uint)t;
            t = (t >> 32) + (ulong)a3 * b6 + c9;
            c9 = (uint)t;
            t = (t >> 32) + (ulong)a3 * b7 + c10;
            c10 = (uint)t;
            uint c11 = (uint)(t >> 32);
            t = (ulong)a4 * b0 + c4;
            c4 = (uint)t;
            t = (t >> 32) + (ulong)a4 * b1 + c5;
            c5 = (uint)t;
            t = (t >> 32) + (ulong)a4 * b2 + c6;
            c6 = (uint)t;
            t = (t >> 32) + (ulong)a4 * b3 + c7;
            c7 = (uint)t;
            t = (t >> 32) + (ulong)a4 * b4 + c8;
            c8 = (uint)t;
            t = (t >> 32) + (ulong)a4 * b5 + c9;
            c9 = (uint)t;
            t = (t >> 32) + (ulong)a4 * b6 + c10;
            c10 = (uint)t;
            t = (t >> 32) + (ulong)a4 * b7 + c11;
            c11 = (uint)t;
            uint c12 = (uint)(t >> 32);
            t = (ulong)a5 * b0 + c5;
            c5 = (uint)t;
            t = (t >> 32) + (ulong)a5 * b1 + c6;
            c6 = (uint)t;
            t = (t >> 32) + (ulong)a5 * b2 + c7;
            c7 = (uint)t;
            t = (t >> 32) + (ulong)a5 * b3 + c8;
            c8 = (uint)t;
            t = (t >> 32) + (ulong)a5 * b4 + c9;
            c9 = (uint)t;
            t = (t >> 32) + (ulong)a5 * b5 + c10;
            c10 = (uint)t;
            t = (t >> 32) + (ulong)a5 * b6 + c11;
            c11 = (uint)t;
            t = (t >> 32) + (ulong)a5 * b7 + c12;
            c12 = (uint)t;
            uint c13 = (uint)(t >> 32);
            t = (ulong)a6 * b0 + c6;
            c6 = (uint)t;
            t = (t >> 32) + (ulong)a6 * b1 + c7;
            c7 = (uint)t;
            t = (t >> 32) + (ulong)a6 * b2 + c8;
            c8 = (uint)t;
            t = (t >> 32) + (ulong)a6 * b3 + c9;
            c9 = (uint)t;
            t = (t >> 32) + (ulong)a6 * b4 + c10;
            c10 = (uint)t;
            t = (t >> 32) + (ulong)a6 * b5 + c11;
            c11 = (uint)t;
            t = (t >> 32) + (ulong)a6 * b6 + c12;
            c12 = (uint)t;
            t = (t >> 32) + (ulong)a6 * b7 + c13;
            c13 = (uint)t;
            uint c14 = (uint)(t >> 32);
            t = (ulong)a7 * b0 + c7;
            c7 = (uint)t;
            t = (t >> 32) + (ulong)a7 * b1 + c8;
            c8 = (uint)t;
            t = (t >> 32) + (ulong)a7 * b2 + c9;
            c9 = (uint)t;
            t = (t >> 32) + (ulong)a7 * b3 + c10;
            c10 = (uint)t;
            t = (t >> 32) + (ulong)a7 * b4 + c11;
            c11 = (uint)t;
            t = (t >> 32) + (ulong)a7 * b5 + c12;
            c12 = (uint)t;
            t = (t >> 32) + (ulong)a7 * b6 + c13;
            c13 = (uint)t;
            t = (t >> 32) + (ulong)a7 * b7 + c14;
            c14 = (uint)t;
            uint c15 = (uint)(t >> 32);
            MontgomeryReduce(r, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15);
        }

        /// <summary>r = a^2 R^-1 mod n.</summary>
        public static void MontSqr(uint[] r, uint[] a)
        {
            uint a7 = a[7];
            uint a0 = a[0];
            uint a1 = a[1];
            uint a2 = a[2];
            uint a3 = a[3];
            uint a4 = a[4];
            uint a5 = a[5];
            uint a6 = a[6];
            ulong t;
            t = (ulong)a0 * a1;
            uint c1 = (uint)t;
            t = (t >> 32) + (ulong)a0 * a2;
            uint c2 = (uint)t;
            t = (t >> 32) + (ulong)a0 * a3;
            uint c3 = (uint)t;
            t = (t >> 32) + (ulong)a0 * a4;
            uint c4 = (uint)t;
            t = (t >> 32) + (ulong)a0 * a5;
            uint c5 = (uint)t;
            t = (t >> 32) + (ulong)a0 * a6;
            uint c6 = (uint)t;
            t = (t >> 32) + (ulong)a0 * a7;
            uint c7 = (uint)t;
            uint c8 = (uint)(t >> 32);
            t = (ulong)a1 * a2 + c3;
            c3 = (uint)t;
            t = (t >> 32) + (ulong)a1 * a3 + c4;
            c4 = (uint)t;
            t = (t >> 32) + (ulong)a1 * a4 + c5;
            c5 = (uint)t;
            t = (t >> 32) + (ulong)a1 * a5 + c6;
            c6 = (uint)t;
            t = (t >> 32) + (ulong)a1 * a6 + c7;
            c7 = (uint)t;
            t = (t >> 32) + (ulong)a1 * a7 + c8;
            c8 = (uint)t;
            uint c9 = (uint)(t >> 32);
            t = (ulong)a2 * a3 + c5;
            c5 = (uint)t;
            t = (t >> 32) + (ulong)a2 * a4 + c6;
            c6 = (uint)t;
            t = (t >> 32) + (ulong)a2 * a5 + c7;
            c7 = (uint)t;
            t = (t >> 32) + (ulong)a2 * a6 + c8;
            c8 = (uint)t;
            t = (t >> 32) + (ulong)a2 * a7 + c9;
            c9 = (uint)t;
            uint c10 = (uint)(t >> 32);
            t = (ulong)a3 * a4 + c7;
            c7 = (uint)t;
            t = (t >> 32) + (ulong)a3 * a5 + c8;
            c8 = (uint)t;
            t = (t >> 32) + (ulong)a3 * a6 + c9;
            c9 = (uint)t;
            t = (t >> 32) + (ulong)a3 * a7 + c10;
            c10 = (uint)t;
            uint c11 = (uint)(t >> 32);
            t = (ulong)a4 * a5 + c9;
            c9 = (uint)t;
            t = (t >> 32) + (ulong)a4 * a6 + c10;
            c10 = (uint)t;
            t = (t >> 32) + (ulong)a4 * a7 + c11;
            c11 = (uint)t;
            uint c12 = (uint)(t >> 32);
            t = (ulong)a5 * a6 + c11;
            c11 = (uint)t;
            t = (t >> 32) + (ulong)a5 * a7 + c12;
            c12 = (uint)t;
            uint c13 = (uint)(t >> 32);
            t = (ulong)a6 * a7 + c13;
            c13 = (uint)t;
            uint c14 = (uint)(t >> 32);
            uint c15 = c14 >> 31;
            c14 = (c14 << 1) | (c13 >> 31);
            c13 = (c13 << 1) | (c12 >> 31);
            c12 = (c12 << 1) | (c11 >> 31);
            c11 = (c11 << 1) | (c10 >> 31);
            c10 = (c10 << 1) | (c9 >> 31);
            c9 = (c9 << 1) | (c8 >> 31);
            c8 = (c8 << 1) | (c7 >> 31);
            c7 = (c7 << 1) | (c6 >> 31);
            c6 = (c6 << 1) | (c5 >> 31);
            c5 = (c5 << 1) | (c4 >> 31);
            c4 = (c4 << 1) | (c3 >> 31);
            c3 = (c3 << 1) | (c2 >> 31);
            c2 = (c2 << 1) | (c1 >> 31);
            c1 = c1 << 1;
            t = (ulong)a0 * a0;
            uint c0 = (uint)t;
            t = (t >> 32) + c1;
            c1 = (uint)t;
            t = (t >> 32) + (ulong)a1 * a1 + c2;
            c2 = (uint)t;
            t = (t >> 32) + c3;
            c3 = (uint)t;
            t = (t >> 32) + (ulong)a2 * a2 + c4;
            c4 = (uint)t;
            t = (t >> 32) + c5;
            c5 = (uint)t;
            t = (t >> 32) + (ulong)a3 * a3 + c6;
            c6 = (uint)t;
            t = (t >> 32) + c7;
            c7 = (uint)t;
            t = (t >> 32) + (ulong)a4 * a4 + c8;
            c8 = (uint)t;
            t = (t >> 32) + c9;
            c9 = (uint)t;
            t = (t >> 32) + (ulong)a5 * a5 + c10;
            c10 = (uint)t;
            t = (t >> 32) + c11;
            c11 = (uint)t;
            t = (t >> 32) + (ulong)a6 * a6 + c12;
            c12 = (uint)t;
            t = (t >> 32) + c13;
            c13 = (uint)t;
            t = (t >> 32) + (ulong)a7 * a7 + c14;
            c14 = (uint)t;
            t = (t >> 32) + c15;
            c15 = (uint)t;
            MontgomeryReduce(r, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15);
        }

        /// <summary>
        /// r = c R^-1 mod n for the 512-bit product c = (c15..c0): eight word-by-word Montgomery steps (each adds m n
        /// with m = c_i (-n^-1) mod 2^32 so the low word vanishes), then <see cref="Finish"/>. Shared by
        /// <see cref="MontMul"/> and <see cref="MontSqr"/>, which differ only in how they form c.
        /// </summary>
        private static void MontgomeryReduce(uint[] r, uint c0, uint c1, uint c2, uint c3, uint c4, uint c5, uint c6, uint c7,
            uint c8, uint c9, uint c10, uint c11, uint c12, uint c13, uint c14, uint c15)
        {
            ulong t;
            uint m;
            ulong extra = 0;
            m = c0 * N0Inverse;
            t = ((ulong)m * N0 + c0) >> 32;
            t += (ulong)m * N1 + c1;
            c1 = (uint)t;
            t >>= 32;
            t += (ulong)m * N2 + c2;
            c2 = (uint)t;
            t >>= 32;
            t += (ulong)m * N3 + c3;
            c3 = (uint)t;
            t >>= 32;
            t += (ulong)m * N4 + c4;
            c4 = (uint)t;
            t >>= 32;
            t += (ulong)m * N5 + c5;
            c5 = (uint)t;
            t >>= 32;
            t += (ulong)m * N6 + c6;
            c6 = (uint)t;
            t >>= 32;
            t += (ulong)m * N7 + c7;
            c7 = (uint)t;
            t >>= 32;
            t += c8 + extra;
            c8 = (uint)t;
            extra = t >> 32;
            m = c1 * N0Inverse;
            t = ((ulong)m * N0 + c1) >> 32;
            t += (ulong)m * N1 + c2;
            c2 = (uint)t;
            t >>= 32;
            t += (ulong)m * N2 + c3;
            c3 = (uint)t;
            t >>= 32;
            t += (ulong)m * N3 + c4;
            c4 = (uint)t;
            t >>= 32;
            t += (ulong)m * N4 + c5;
            c5 = (uint)t;
            t >>= 32;
            t += (ulong)m * N5 + c6;
            c6 = (uint)t;
            t >>= 32;
            t += (ulong)m * N6 + c7;
            c7 = (uint)t;
            t >>= 32;
            t += (ulong)m * N7 + c8;
            c8 = (uint)t;
            t >>= 32;
            t += c9 + extra;
            c9 = (uint)t;
            extra = t >> 32;
            m = c2 * N0Inverse;
            t = ((ulong)m * N0 + c2) >> 32;
            t += (ulong)m * N1 + c3;
            c3 = (uint)t;
            t >>= 32;
            t += (ulong)m * N2 + c4;
            c4 = (uint)t;
            t >>= 32;
            t += (ulong)m * N3 + c5;
            c5 = (uint)t;
            t >>= 32;
            t += (ulong)m * N4 + c6;
            c6 = (uint)t;
            t >>= 32;
            t += (ulong)m * N5 + c7;
            c7 = (uint)t;
            t >>= 32;
            t += (ulong)m * N6 + c8;
            c8 = (uint)t;
            t >>= 32;
            t += (ulong)m * N7 + c9;
            c9 = (uint)t;
            t >>= 32;
            t += c10 + extra;
            c10 = (uint)t;
            extra = t >> 32;
            m = c3 * N0Inverse;
            t = ((ulong)m * N0 + c3) >> 32;
            t += (ulong)m * N1 + c4;
            c4 = (uint)t;
            t >>= 32;
            t += (ulong)m * N2 + c5;
            c5 = (uint)t;
            t >>= 32;
            t += (ulong)m * N3 + c6;
            c6 = (uint)t;
            t >>= 32;
            t += (ulong)m * N4 + c7;
            c7 = (uint)t;
            t >>= 32;
            t += (ulong)m * N5 + c8;
            c8 = (uint)t;
            t >>= 32;
            t += (ulong)m * N6 + c9;
            c9 = (uint)t;
            t >>= 32;
            t += (ulong)m * N7 + c10;
            c10 = (uint)t;
            t >>= 32;
            t += c11 + extra;
            c11 = (uint)t;
            extra = t >> 32;
            m = c4 * N0Inverse;
            t = ((ulong)m * N0 + c4) >> 32;
            t += (ulong)m * N1 + c5;
            c5 = (uint)t;
            t >>= 32;
            t += (ulong)m * N2 + c6;
            c6 = (uint)t;
            t >>= 32;
            t += (ulong)m * N3 + c7;
            c7 = (uint)t;
            t >>= 32;
            t += (ulong)m * N4 + c8;
            c8 = (uint)t;
            t >>= 32;
            t += (ulong)m * N5 + c9;
            c9 = (uint)t;
            t >>= 32;
            t += (ulong)m * N6 + c10;
            c10 = (uint)t;
            t >>= 32;
            t += (ulong)m * N7 + c11;
            c11 = (uint)t;
            t >>= 32;
            t += c12 + extra;
            c12 = (uint)t;
            extra = t >> 32;
            m = c5 * N0Inverse;
            t = ((ulong)m * N0 + c5) >> 32;
            t += (ulong)m * N1 + c6;
            c6 = (uint)t;
            t >>= 32;
            t += (ulong)m * N2 + c7;
            c7 = (uint)t;
            t >>= 32;
            t += (ulong)m * N3 + c8;
            c8 = (uint)t;
            t >>= 32;
            t += (ulong)m * N4 + c9;
            c9 = (uint)t;
            t >>= 32;
            t += (ulong)m * N5 + c10;
            c10 = (uint)t;
            t >>= 32;
            t += (ulong)m * N6 + c11;
            c11 = (uint)t;
            t >>= 32;
            t += (ulong)m * N7 + c12;
            c12 = (uint)t;
            t >>= 32;
            t += c13 + extra;
            c13 = (uint)t;
            extra = t >> 32;
            m = c6 * N0Inverse;
            t = ((ulong)m * N0 + c6) >> 32;
            t += (ulong)m * N1 + c7;
            c7 = (uint)t;
            t >>= 32;
            t += (ulong)m * N2 + c8;
            c8 = (uint)t;
            t >>= 32;
            t += (ulong)m * N3 + c9;
            c9 = (uint)t;
            t >>= 32;
            t += (ulong)m * N4 + c10;
            c10 = (uint)t;
            t >>= 32;
            t += (ulong)m * N5 + c11;
            c11 = (uint)t;
            t >>= 32;
            t += (ulong)m * N6 + c12;
            c12 = (uint)t;
            t >>= 32;
            t += (ulong)m * N7 + c13;
            c13 = (uint)t;
            t >>= 32;
            t += c14 + extra;
            c14 = (uint)t;
            extra = t >> 32;
            m = c7 * N0Inverse;
            t = ((ulong)m * N0 + c7) >> 32;
            t += (ulong)m * N1 + c8;
            c8 = (uint)t;
            t >>= 32;
            t += (ulong)m * N2 + c9;
            c9 = (uint)t;
            t >>= 32;
            t += (ulong)m * N3 + c10;
            c10 = (uint)t;
            t >>= 32;
            t += (ulong)m * N4 + c11;
            c11 = (uint)t;
            t >>= 32;
            t += (ulong)m * N5 + c12;
            c12 = (uint)t;
            t >>= 32;
            t += (ulong)m * N6 + c13;
            c13 = (uint)t;
            t >>= 32;
            t += (ulong)m * N7 + c14;
            c14 = (uint)t;
            t >>= 32;
            t += c15 + extra;
            c15 = (uint)t;
            extra = t >> 32;
            Finish(r, c8, c9, c10, c11, c12, c13, c14, c15, (uint)extra);
        }

        /// <summary>
        /// Montgomery reduction leaves (carry, s) &lt; 2n: subtract n unless that borrows past the carry (masked).
        /// </summary>
        private static void Finish(uint[] r, uint s0, uint s1, uint s2, uint s3, uint s4, uint s5, uint s6, uint s7,
            uint carry)
        {
            long acc = (long)s0 - N0;
            uint d0 = (uint)acc;
            acc = (acc >> 32) + s1 - N1;
            uint d1 = (uint)acc;
            acc = (acc >> 32) + s2 - N2;
            uint d2 = (uint)acc;
            acc = (acc >> 32) + s3 - N3;
            uint d3 = (uint)acc;
            acc = (acc >> 32) + s4 - N4;
            uint d4 = (uint)acc;
            acc = (acc >> 32) + s5 - N5;
            uint d5 = (uint)acc;
            acc = (acc >> 32) + s6 - N6;
            uint d6 = (uint)acc;
            acc = (acc >> 32) + s7 - N7;
            uint d7 = (uint)acc;
            acc = (acc >> 32) + carry;
            uint keep = (uint)acc;
            r[7] = (s7 & keep) | (d7 & ~keep);
            r[0] = (s0 & keep) | (d0 & ~keep);
            r[1] = (s1 & keep) | (d1 & ~keep);
            r[2] = (s2 & keep) | (d2 & ~keep);
            r[3] = (s3 & keep) | (d3 & ~keep);
            r[4] = (s4 & keep) | (d4 & ~keep);
            r[5] = (s5 & keep) | (d5 & ~keep);
            r[6] = (s6 & keep) | (d6 & ~keep);
        }

        /// <summary>r = a R mod n (into Montgomery form).</summary>
        public static void ToMontgomery(uint[] r, uint[] a)
        {
            MontMul(r, a, RSquared);
        }

        /// <summary>r = (a + b) mod n for a, b in [0, n).</summary>
        public static void Add(uint[] r, uint[] a, uint[] b)
        {
            ulong t = 0;
            uint s0, s1, s2, s3, s4, s5, s6, s7;
            t = (ulong)a[0] + b[0]; s0 = (uint)t;
            t = (t >> 32) + a[1] + b[1]; s1 = (uint)t;
            t = (t >> 32) + a[2] + b[2]; s2 = (uint)t;
            t = (t >> 32) + a[3] + b[3]; s3 = (uint)t;
            t = (t >> 32) + a[4] + b[4]; s4 = (uint)t;
            t = (t >> 32) + a[5] + b[5]; s5 = (uint)t;
            t = (t >> 32) + a[6] + b[6]; s6 = (uint)t;
            t = (t >> 32) + a[7] + b[7]; s7 = (uint)t;
            Finish(r, s0, s1, s2, s3, s4, s5, s6, s7, (uint)(t >> 32));
        }

        /// <summary>r = a mod n for any 256-bit a (a &lt; 2^256 &lt; 2n, so one masked subtraction).</summary>
        public static void ReduceOnce(uint[] r, uint[] a)
        {
            Finish(r, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], 0);
        }

        /// <summary>True when 1 &lt;= a &lt;= n - 1 (the range ECDSA requires of r, s and private keys).</summary>
        public static bool IsInRange(uint[] a)
        {
            return !P256Field.IsZero(a) && P256Field.IsBelow(a, N);
        }

        /// <summary>
        /// r = a^-1 in Montgomery form, for a in Montgomery form, by Fermat: a^(n-2) (n is prime).
        /// The exponent is public and fixed, so the 4-bit window indices below depend on n only, never on a:
        /// the same sequence of operations runs for every input (nonces included). table: 16 x 8 words.
        /// </summary>
        public static void Invert(uint[] r, uint[] a, uint[] table, uint[] acc, uint[] tmp)
        {
            // table[i] = a^i (Montgomery form), i = 0..15; a^0 = R mod n = MontMul(1, R^2).
            SetOne(tmp);
            MontMul(tmp, tmp, RSquared);
            Array.Copy(tmp, 0, table, 0, Limbs);
            Array.Copy(a, 0, table, Limbs, Limbs);
            for (int i = 2; i < 16; i++)
            {
                Load(acc, table, (i - 1) * Limbs);
                MontMul(acc, acc, a);
                Array.Copy(acc, 0, table, i * Limbs, Limbs);
            }

            // n - 2, most significant limb first, 4 bits at a time.
            bool started = false;
            for (int limb = 7; limb >= 0; limb--)
            {
                uint e = N[limb];
                if (limb == 0)
                {
                    e -= 2; // n is odd with low limb >= 2: no borrow
                }

                for (int shift = 28; shift >= 0; shift -= 4)
                {
                    int nibble = (int)((e >> shift) & 0xF);
                    if (started)
                    {
                        MontSqr(acc, acc);
                        MontSqr(acc, acc);
                        MontSqr(acc, acc);
                        MontSqr(acc, acc);
                        Load(tmp, table, nibble * Limbs);
                        MontMul(acc, acc, tmp);
                    }
                    else
                    {
                        Load(acc, table, nibble * Limbs);
                        started = true;
                    }
                }
            }

            Array.Copy(acc, 0, r, 0, Limbs);
        }

        /// <summary>
        /// r = a^-1 mod n (plain form) for a in [1, n-1], by the binary extended Euclidean algorithm
        /// (Hankerson-Menezes-Vanstone, Guide to ECC, Algorithm 2.22). Variable time - its branches follow the
        /// bits of a - so only for public values (the s of a signature being verified); several times faster
        /// than <see cref="Invert"/>'s 300-odd Montgomery multiplications. Works on four 64-bit words in locals.
        ///
        /// Invariants: u = x1 a and v = x2 a (mod n), gcd(u, v) = 1. Each round strips factors of two from u
        /// and v (halving x1, x2 mod n alongside: an odd x becomes x + n first, so the halving is exact), then
        /// subtracts the smaller from the larger. u + v shrinks every round; the one that reaches 1 carries a^-1.
        /// </summary>
        public static void InvertVartime(uint[] r, uint[] a)
        {
            InvertVartime(r, a, ((ulong)N1 << 32) | N0, ((ulong)N3 << 32) | N2, ((ulong)N5 << 32) | N4, ((ulong)N7 << 32) | N6);
        }

        /// <summary>
        /// r = a^-1 mod m for an odd prime m = (n3 n2 n1 n0) above 2^255 (n or the field prime p) and a in
        /// [1, m-1], by the binary algorithm described at <see cref="InvertVartime(uint[], uint[])"/>. Variable time.
        /// </summary>
        internal static void InvertVartime(uint[] r, uint[] a, ulong n0, ulong n1, ulong n2, ulong n3)
        {
            ulong u0 = ((ulong)a[1] << 32) | a[0], u1 = ((ulong)a[3] << 32) | a[2];
            ulong u2 = ((ulong)a[5] << 32) | a[4], u3 = ((ulong)a[7] << 32) | a[6];
            ulong v0 = n0, v1 = n1, v2 = n2, v3 = n3;
            ulong x0 = 1, x1 = 0, x2 = 0, x3 = 0;       // u = x a
            ulong y0 = 0, y1 = 0, y2 = 0, y3 = 0;       // v = y a
            ulong c, t, b, b2;

            while (!(u0 == 1 && (u1 | u2 | u3) == 0) && !(v0 == 1 && (v1 | v2 | v3) == 0))
            {
                while ((u0 & 1) == 0)
                {
                    u0 = (u0 >> 1) | (u1 << 63);
                    u1 = (u1 >> 1) | (u2 << 63);
                    u2 = (u2 >> 1) | (u3 << 63);
                    u3 >>= 1;
                    c = 0;
                    if ((x0 & 1) != 0)
                    {
                        // x += n (257 bits, the carry kept in c)
                        x0 += n0; c = x0 < n0 ? 1UL : 0UL;
                        t = x1 + c; c = t < c ? 1UL : 0UL; x1 = t + n1; c |= x1 < n1 ? 1UL : 0UL;
                        t = x2 + c; c = t < c ? 1UL : 0UL; x2 = t + n2; c |= x2 < n2 ? 1UL : 0UL;
                        t = x3 + c; c = t < c ? 1UL : 0UL; x3 = t + n3; c |= x3 < n3 ? 1UL : 0UL;
                    }

                    x0 = (x0 >> 1) | (x1 << 63);
                    x1 = (x1 >> 1) | (x2 << 63);
                    x2 = (x2 >> 1) | (x3 << 63);
                    x3 = (x3 >> 1) | (c << 63);
                }

                while ((v0 & 1) == 0)
                {
                    v0 = (v0 >> 1) | (v1 << 63);
                    v1 = (v1 >> 1) | (v2 << 63);
                    v2 = (v2 >> 1) | (v3 << 63);
                    v3 >>= 1;
                    c = 0;
                    if ((y0 & 1) != 0)
                    {
                        y0 += n0; c = y0 < n0 ? 1UL : 0UL;
                        t = y1 + c; c = t < c ? 1UL : 0UL; y1 = t + n1; c |= y1 < n1 ? 1UL : 0UL;
                        t = y2 + c; c = t < c ? 1UL : 0UL; y2 = t + n2; c |= y2 < n2 ? 1UL : 0UL;
                        t = y3 + c; c = t < c ? 1UL : 0UL; y3 = t + n3; c |= y3 < n3 ? 1UL : 0UL;
                    }

                    y0 = (y0 >> 1) | (y1 << 63);
                    y1 = (y1 >> 1) | (y2 << 63);
                    y2 = (y2 >> 1) | (y3 << 63);
                    y3 = (y3 >> 1) | (c << 63);
                }

                bool uNotBelowV = u3 != v3 ? u3 > v3 : u2 != v2 ? u2 > v2 : u1 != v1 ? u1 > v1 : u0 >= v0;
                if (uNotBelowV)
                {
                    // u -= v; x = x - y mod n
                    b = u0 < v0 ? 1UL : 0UL; u0 -= v0;
                    t = u1 - v1; b2 = u1 < v1 ? 1UL : 0UL; u1 = t - b; b = b2 | (t < b ? 1UL : 0UL);
                    t = u2 - v2; b2 = u2 < v2 ? 1UL : 0UL; u2 = t - b; b = b2 | (t < b ? 1UL : 0UL);
                    u3 = u3 - v3 - b;

                    b = x0 < y0 ? 1UL : 0UL; x0 -= y0;
                    t = x1 - y1; b2 = x1 < y1 ? 1UL : 0UL; x1 = t - b; b = b2 | (t < b ? 1UL : 0UL);
                    t = x2 - y2; b2 = x2 < y2 ? 1UL : 0UL; x2 = t - b; b = b2 | (t < b ? 1UL : 0UL);
                    t = x3 - y3; b2 = x3 < y3 ? 1UL : 0UL; x3 = t - b; b = b2 | (t < b ? 1UL : 0UL);
                    if (b != 0)
                    {
                        x0 += n0; c = x0 < n0 ? 1UL : 0UL;
                        t = x1 + c; c = t < c ? 1UL : 0UL; x1 = t + n1; c |= x1 < n1 ? 1UL : 0UL;
                        t = x2 + c; c = t < c ? 1UL : 0UL; x2 = t + n2; c |= x2 < n2 ? 1UL : 0UL;
                        x3 = x3 + c + n3;
                    }
                }
                else
                {
                    // v -= u; y = y - x mod n
                    b = v0 < u0 ? 1UL : 0UL; v0 -= u0;
                    t = v1 - u1; b2 = v1 < u1 ? 1UL : 0UL; v1 = t - b; b = b2 | (t < b ? 1UL : 0UL);
                    t = v2 - u2; b2 = v2 < u2 ? 1UL : 0UL; v2 = t - b; b = b2 | (t < b ? 1UL : 0UL);
                    v3 = v3 - u3 - b;

                    b = y0 < x0 ? 1UL : 0UL; y0 -= x0;
                    t = y1 - x1; b2 = y1 < x1 ? 1UL : 0UL; y1 = t - b; b = b2 | (t < b ? 1UL : 0UL);
                    t = y2 - x2; b2 = y2 < x2 ? 1UL : 0UL; y2 = t - b; b = b2 | (t < b ? 1UL : 0UL);
                    t = y3 - x3; b2 = y3 < x3 ? 1UL : 0UL; y3 = t - b; b = b2 | (t < b ? 1UL : 0UL);
                    if (b != 0)
                    {
                        y0 += n0; c = y0 < n0 ? 1UL : 0UL;
                        t = y1 + c; c = t < c ? 1UL : 0UL; y1 = t + n1; c |= y1 < n1 ? 1UL : 0UL;
                        t = y2 + c; c = t < c ? 1UL : 0UL; y2 = t + n2; c |= y2 < n2 ? 1UL : 0UL;
                        y3 = y3 + c + n3;
                    }
                }
            }

            if (!(u0 == 1 && (u1 | u2 | u3) == 0))
            {
                x0 = y0;
                x1 = y1;
                x2 = y2;
                x3 = y3;
            }

            r[7] = (uint)(x3 >> 32);
            r[0] = (uint)x0;
            r[1] = (uint)(x0 >> 32);
            r[2] = (uint)x1;
            r[3] = (uint)(x1 >> 32);
            r[4] = (uint)x2;
            r[5] = (uint)(x2 >> 32);
            r[6] = (uint)x3;
        }

        private static void Load(uint[] r, uint[] table, int offset)
        {
            Array.Copy(table, offset, r, 0, Limbs);
        }

        private static void SetOne(uint[] r)
        {
            Array.Clear(r, 0, Limbs);
            r[0] = 1;
        }

        private static uint[] ComputeRSquared()
        {
            // 2^256 mod n = 2^256 - n (n > 2^255); then double 256 times mod n: 2^256 * 2^256 = R^2.
            uint[] v = new uint[Limbs];
            long acc = 0;
            uint[] n = { N0, N1, N2, N3, N4, N5, N6, N7 };
            for (int i = 0; i < Limbs; i++)
            {
                acc = (acc >> 32) - n[i];
                v[i] = (uint)acc;
            }

            for (int i = 0; i < 256; i++)
            {
                Add(v, v, v);
            }

            return v;
        }
    }
}
