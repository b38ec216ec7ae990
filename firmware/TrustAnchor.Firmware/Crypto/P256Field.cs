using System;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// Arithmetic in GF(p), p = 2^256 - 2^224 + 2^192 + 2^96 - 1 (the P-256 field prime).
    ///
    /// An element is a uint[8] of little-endian 32-bit limbs holding the value fully reduced, in [0, p).
    /// Every operation loads its operands into locals first, so the result may alias either input.
    /// Products are 32x32->64-bit multiplies (the widest a Cortex-M / Xtensa core does natively), summed
    /// column by column (product scanning, "Comba"): each 64-bit product is split into its 32-bit halves,
    /// added to two 64-bit column sums that cannot overflow (at most 8 terms of 2^32 each), so no carry
    /// flag is needed and only a few values are live at a time.
    ///
    /// Reduction uses the special form of p (NIST "fast reduction", FIPS 186-4 D.2.3 / Guide to ECC Alg. 2.29)
    /// instead of Montgomery: because 2^256 = 2^224 - 2^192 - 2^96 + 1 (mod p), each high word of a 512-bit
    /// product can be folded into the low half with additions and subtractions only. No operation branches
    /// on the values it handles: the final corrections are masked, so the same code serves the secret-scalar paths.
    /// </summary>
    internal static class P256Field
    {
        public const int Limbs = 8;

        /// <summary>p, little-endian limbs.</summary>
        internal static readonly uint[] P =
        {
            0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000, 0x00000000, 0x00000000, 0x00000001, 0xFFFFFFFF,
        };

        /// <summary>The curve coefficient b of y^2 = x^3 - 3x + b (SEC 2 2.4.2).</summary>
        internal static readonly uint[] B =
        {
            0x27D2604B, 0x3BCE3C3E, 0xCC53B0F6, 0x651D06B0, 0x769886BC, 0xB3EBBD55, 0xAA3A93E7, 0x5AC635D8,
        };

        // r = c mod p for a 512-bit c = (c15..c0).
        // 
        // Writing c = sum c_i 2^(32 i) and repeatedly substituting 2^256 = 2^224 - 2^192 - 2^96 + 1 gives
        // (Solinas; FIPS 186-4 D.2.3) c = s1 + 2 s2 + 2 s3 + s4 + s5 - s6 - s7 - s8 - s9 (mod p) with
        // s1 = (c7,  c6,  c5,  c4,  c3,  c2,  c1,  c0)
        // s2 = (c15, c14, c13, c12, c11, 0,   0,   0)
        // s3 = (0,   c15, c14, c13, c12, 0,   0,   0)
        // s4 = (c15, c14, 0,   0,   0,   c10, c9,  c8)
        // s5 = (c8,  c13, c15, c14, c13, c11, c10, c9)
        // s6 = (c10, c8,  0,   0,   0,   c13, c12, c11)
        // s7 = (c11, c9,  0,   0,   c15, c14, c13, c12)
        // s8 = (c12, 0,   c10, c9,  c8,  c15, c14, c13)
        // s9 = (c13, 0,   c11, c10, c9,  0,   c15, c14)
        // (words listed most significant first). Summing column by column in a signed 64-bit accumulator
        // leaves a 256-bit value plus a small signed carry "top" in [-4, 6]. Folding top * 2^256 back in as
        // top * (2^224 - 2^192 - 2^96 + 1) twice brings the value into [0, 2^256): after the first fold the
        // carry is -1, 0 or 1 and the value is far enough from the boundary that the second fold cannot carry.
        // One masked subtraction of p then gives [0, p), since 2^256 < 2p.
        //
        // Mul and Sqr carry this reduction inline (a call with 17 arguments costs more than it saves).

        /// <summary>r = a * b mod p.</summary>
        public static void Mul(uint[] r, uint[] a, uint[] b)
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
            ulong lo, hi, carry = 0, p;
            lo = carry; hi = 0;
            p = (ulong)a0 * b0; lo += (uint)p; hi += p >> 32;
            uint c0 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a0 * b1; lo += (uint)p; hi += p >> 32;
            p = (ulong)a1 * b0; lo += (uint)p; hi += p >> 32;
            uint c1 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a0 * b2; lo += (uint)p; hi += p >> 32;
            p = (ulong)a1 * b1; lo += (uint)p; hi += p >> 32;
            p = (ulong)a2 * b0; lo += (uint)p; hi += p >> 32;
            uint c2 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a0 * b3; lo += (uint)p; hi += p >> 32;
            p = (ulong)a1 * b2; lo += (uint)p; hi += p >> 32;
            p = (ulong)a2 * b1; lo += (uint)p; hi += p >> 32;
            p = (ulong)a3 * b0; lo += (uint)p; hi += p >> 32;
            uint c3 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a0 * b4; lo += (uint)p; hi += p >> 32;
            p = (ulong)a1 * b3; lo += (uint)p; hi += p >> 32;
            p = (ulong)a2 * b2; lo += (uint)p; hi += p >> 32;
            p = (ulong)a3 * b1; lo += (uint)p; hi += p >> 32;
            p = (ulong)a4 * b0; lo += (uint)p; hi += p >> 32;
            uint c4 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a0 * b5; lo += (uint)p; hi += p >> 32;
            p = (ulong)a1 * b4; lo += (uint)p; hi += p >> 32;
            p = (ulong)a2 * b3; lo += (uint)p; hi += p >> 32;
            p = (ulong)a3 * b2; lo += (uint)p; hi += p >> 32;
            p = (ulong)a4 * b1; lo += (uint)p; hi += p >> 32;
            p = (ulong)a5 * b0; lo += (uint)p; hi += p >> 32;
            uint c5 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a0 * b6; lo += (uint)p; hi += p >> 32;
            p = (ulong)a1 * b5; lo += (uint)p; hi += p >> 32;
            p = (ulong)a2 * b4; lo += (uint)p; hi += p >> 32;
            p = (ulong)a3 * b3; lo += (uint)p; hi += p >> 32;
            p = (ulong)a4 * b2; lo += (uint)p; hi += p >> 32;
            p = (ulong)a5 * b1; lo += (uint)p; hi += p >> 32;
            p = (ulong)a6 * b0; lo += (uint)p; hi += p >> 32;
            uint c6 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a0 * b7; lo += (uint)p; hi += p >> 32;
            p = (ulong)a1 * b6; lo += (uint)p; hi += p >> 32;
            p = (ulong)a2 * b5; lo += (uint)p; hi += p >> 32;
            p = (ulong)a3 * b4; lo += (uint)p; hi += p >> 32;
            p = (ulong)a4 * b3; lo += (uint)p; hi += p >> 32;
            p = (ulong)a5 * b2; lo += (uint)p; hi += p >> 32;
            p = (ulong)a6 * b1; lo += (uint)p; hi += p >> 32;
            p = (ulong)a7 * b0; lo += (uint)p; hi += p >> 32;
            uint c7 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a1 * b7; lo += (uint)p; hi += p >> 32;
            p = (ulong)a2 * b6; lo += (uint)p; hi += p >> 32;
            p = (ulong)a3 * b5; lo += (uint)p; hi += p >> 32;
            p = (ulong)a4 * b4; lo += (uint)p; hi += p >> 32;
            p = (ulong)a5 * b3; lo += (uint)p; hi += p >> 32;
            p = (ulong)a6 * b2; lo += (uint)p; hi += p >> 32;
            p = (ulong)a7 * b1; lo += (uint)p; hi += p >> 32;
            uint c8 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a2 * b7; lo += (uint)p; hi += p >> 32;
            p = (ulong)a3 * b6; lo += (uint)p; hi += p >> 32;
            p = (ulong)a4 * b5; lo += (uint)p; hi += p >> 32;
            p = (ulong)a5 * b4; lo += (uint)p; hi += p >> 32;
            p = (ulong)a6 * b3; lo += (uint)p; hi += p >> 32;
            p = (ulong)a7 * b2; lo += (uint)p; hi += p >> 32;
            uint c9 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a3 * b7; lo += (uint)p; hi += p >> 32;
            p = (ulong)a4 * b6; lo += (uint)p; hi += p >> 32;
            p = (ulong)a5 * b5; lo += (uint)p; hi += p >> 32;
            p = (ulong)a6 * b4; lo += (uint)p; hi += p >> 32;
            p = (ulong)a7 * b3; lo += (uint)p; hi += p >> 32;
            uint c10 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a4 * b7; lo += (uint)p; hi += p >> 32;
            p = (ulong)a5 * b6; lo += (uint)p; hi += p >> 32;
            p = (ulong)a6 * b5; lo += (uint)p; hi += p >> 32;
            p = (ulong)a7 * b4; lo += (uint)p; hi += p >> 32;
            uint c11 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a5 * b7; lo += (uint)p; hi += p >> 32;
            p = (ulong)a6 * b6; lo += (uint)p; hi += p >> 32;
            p = (ulong)a7 * b5; lo += (uint)p; hi += p >> 32;
            uint c12 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a6 * b7; lo += (uint)p; hi += p >> 32;
            p = (ulong)a7 * b6; lo += (uint)p; hi += p >> 32;
            uint c13 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a7 * b7; lo += (uint)p; hi += p >> 32;
            uint c14 = (uint)lo;
            carry = (lo >> 32) + hi;
            uint c15 = (uint)carry;
            // ---- reduction (see the comment above Mul) ----
            long acc = (long)c0 + c8 + c9 - c11 - c12 - c13 - c14;
            uint r0 = (uint)acc;
            acc >>= 32;
            acc += (long)c1 + c9 + c10 - c12 - c13 - c14 - c15;
            uint r1 = (uint)acc;
            acc >>= 32;
            acc += (long)c2 + c10 + c11 - c13 - c14 - c15;
            uint r2 = (uint)acc;
            acc >>= 32;
            acc += (long)c3 + 2L * c11 + 2L * c12 + c13 - c15 - c8 - c9;
            uint r3 = (uint)acc;
            acc >>= 32;
            acc += (long)c4 + 2L * c12 + 2L * c13 + c14 - c9 - c10;
            uint r4 = (uint)acc;
            acc >>= 32;
            acc += (long)c5 + 2L * c13 + 2L * c14 + c15 - c10 - c11;
            uint r5 = (uint)acc;
            acc >>= 32;
            acc += (long)c6 + 3L * c14 + 2L * c15 + c13 - c8 - c9;
            uint r6 = (uint)acc;
            acc >>= 32;
            acc += (long)c7 + 3L * c15 + c8 - c10 - c11 - c12 - c13;
            uint r7 = (uint)acc;
            long top = acc >> 32;
            // fold top * 2^256 = top * (2^224 - 2^192 - 2^96 + 1)
            acc = (long)r0 + top;
            r0 = (uint)acc;
            acc = (acc >> 32) + r1;
            r1 = (uint)acc;
            acc = (acc >> 32) + r2;
            r2 = (uint)acc;
            acc = (acc >> 32) + r3 - top;
            r3 = (uint)acc;
            acc = (acc >> 32) + r4;
            r4 = (uint)acc;
            acc = (acc >> 32) + r5;
            r5 = (uint)acc;
            acc = (acc >> 32) + r6 - top;
            r6 = (uint)acc;
            acc = (acc >> 32) + r7 + top;
            r7 = (uint)acc;
            top = acc >> 32;
            // and again: top is now -1, 0 or 1, and this fold cannot carry out
            // fold top * 2^256 = top * (2^224 - 2^192 - 2^96 + 1)
            acc = (long)r0 + top;
            r0 = (uint)acc;
            acc = (acc >> 32) + r1;
            r1 = (uint)acc;
            acc = (acc >> 32) + r2;
            r2 = (uint)acc;
            acc = (acc >> 32) + r3 - top;
            r3 = (uint)acc;
            acc = (acc >> 32) + r4;
            r4 = (uint)acc;
            acc = (acc >> 32) + r5;
            r5 = (uint)acc;
            acc = (acc >> 32) + r6 - top;
            r6 = (uint)acc;
            acc = (acc >> 32) + r7 + top;
            r7 = (uint)acc;
            top = acc >> 32;
            // subtract p unless that borrows (value < p): masked, no branch
            acc = (long)r0 - 0xFFFFFFFF;
            uint d0 = (uint)acc;
            acc = (acc >> 32) + r1 - 0xFFFFFFFF;
            uint d1 = (uint)acc;
            acc = (acc >> 32) + r2 - 0xFFFFFFFF;
            uint d2 = (uint)acc;
            acc = (acc >> 32) + r3;
            uint d3 = (uint)acc;
            acc = (acc >> 32) + r4;
            uint d4 = (uint)acc;
            acc = (acc >> 32) + r5;
            uint d5 = (uint)acc;
            acc = (acc >> 32) + r6 - 1;
            uint d6 = (uint)acc;
            acc = (acc >> 32) + r7 - 0xFFFFFFFF;
            uint d7 = (uint)acc;
            uint keep = (uint)(acc >> 32);
            r[7] = (r7 & keep) | (d7 & ~keep);
            r[0] = (r0 & keep) | (d0 & ~keep);
            r[1] = (r1 & keep) | (d1 & ~keep);
            r[2] = (r2 & keep) | (d2 & ~keep);
            r[3] = (r3 & keep) | (d3 & ~keep);
            r[4] = (r4 & keep) | (d4 & ~keep);
            r[5] = (r5 & keep) | (d5 & ~keep);
            r[6] = (r6 & keep) | (d6 & ~keep);
        }

        /// <summary>r = a^2 mod p (36 word products instead of 64).</summary>
        public static void Sqr(uint[] r, uint[] a)
        {
            uint a7 = a[7];
            uint a0 = a[0];
            uint a1 = a[1];
            uint a2 = a[2];
            uint a3 = a[3];
            uint a4 = a[4];
            uint a5 = a[5];
            uint a6 = a[6];
            ulong lo, hi, carry = 0, p;
            lo = carry; hi = 0;
            p = (ulong)a0 * a0; lo += (uint)p; hi += p >> 32;
            uint c0 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a0 * a1; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            uint c1 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a0 * a2; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a1 * a1; lo += (uint)p; hi += p >> 32;
            uint c2 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a0 * a3; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a1 * a2; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            uint c3 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a0 * a4; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a1 * a3; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a2 * a2; lo += (uint)p; hi += p >> 32;
            uint c4 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a0 * a5; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a1 * a4; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a2 * a3; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            uint c5 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a0 * a6; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a1 * a5; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a2 * a4; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a3 * a3; lo += (uint)p; hi += p >> 32;
            uint c6 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a0 * a7; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a1 * a6; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a2 * a5; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a3 * a4; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            uint c7 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a1 * a7; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a2 * a6; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a3 * a5; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a4 * a4; lo += (uint)p; hi += p >> 32;
            uint c8 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a2 * a7; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a3 * a6; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a4 * a5; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            uint c9 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a3 * a7; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a4 * a6; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a5 * a5; lo += (uint)p; hi += p >> 32;
            uint c10 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a4 * a7; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a5 * a6; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            uint c11 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a5 * a7; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            p = (ulong)a6 * a6; lo += (uint)p; hi += p >> 32;
            uint c12 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a6 * a7; lo += (ulong)(uint)p << 1; hi += (p >> 32) << 1;
            uint c13 = (uint)lo;
            carry = (lo >> 32) + hi;
            lo = carry; hi = 0;
            p = (ulong)a7 * a7; lo += (uint)p; hi += p >> 32;
            uint c14 = (uint)lo;
            carry = (lo >> 32) + hi;
            uint c15 = (uint)carry;
            // ---- reduction (see the comment above Mul) ----
            long acc = (long)c0 + c8 + c9 - c11 - c12 - c13 - c14;
            uint r0 = (uint)acc;
            acc >>= 32;
            acc += (long)c1 + c9 + c10 - c12 - c13 - c14 - c15;
            uint r1 = (uint)acc;
            acc >>= 32;
            acc += (long)c2 + c10 + c11 - c13 - c14 - c15;
            uint r2 = (uint)acc;
            acc >>= 32;
            acc += (long)c3 + 2L * c11 + 2L * c12 + c13 - c15 - c8 - c9;
            uint r3 = (uint)acc;
            acc >>= 32;
            acc += (long)c4 + 2L * c12 + 2L * c13 + c14 - c9 - c10;
            uint r4 = (uint)acc;
            acc >>= 32;
            acc += (long)c5 + 2L * c13 + 2L * c14 + c15 - c10 - c11;
            uint r5 = (uint)acc;
            acc >>= 32;
            acc += (long)c6 + 3L * c14 + 2L * c15 + c13 - c8 - c9;
            uint r6 = (uint)acc;
            acc >>= 32;
            acc += (long)c7 + 3L * c15 + c8 - c10 - c11 - c12 - c13;
            uint r7 = (uint)acc;
            long top = acc >> 32;
            // fold top * 2^256 = top * (2^224 - 2^192 - 2^96 + 1)
            acc = (long)r0 + top;
            r0 = (uint)acc;
            acc = (acc >> 32) + r1;
            r1 = (uint)acc;
            acc = (acc >> 32) + r2;
            r2 = (uint)acc;
            acc = (acc >> 32) + r3 - top;
            r3 = (uint)acc;
            acc = (acc >> 32) + r4;
            r4 = (uint)acc;
            acc = (acc >> 32) + r5;
            r5 = (uint)acc;
            acc = (acc >> 32) + r6 - top;
            r6 = (uint)acc;
            acc = (acc >> 32) + r7 + top;
            r7 = (uint)acc;
            top = acc >> 32;
            // and again: top is now -1, 0 or 1, and this fold cannot carry out
            // fold top * 2^256 = top * (2^224 - 2^192 - 2^96 + 1)
            acc = (long)r0 + top;
            r0 = (uint)acc;
            acc = (acc >> 32) + r1;
            r1 = (uint)acc;
            acc = (acc >> 32) + r2;
            r2 = (uint)acc;
            acc = (acc >> 32) + r3 - top;
            r3 = (uint)acc;
            acc = (acc >> 32) + r4;
            r4 = (uint)acc;
            acc = (acc >> 32) + r5;
            r5 = (uint)acc;
            acc = (acc >> 32) + r6 - top;
            r6 = (uint)acc;
            acc = (acc >> 32) + r7 + top;
            r7 = (uint)acc;
            top = acc >> 32;
            // subtract p unless that borrows (value < p): masked, no branch
            acc = (long)r0 - 0xFFFFFFFF;
            uint d0 = (uint)acc;
            acc = (acc >> 32) + r1 - 0xFFFFFFFF;
            uint d1 = (uint)acc;
            acc = (acc >> 32) + r2 - 0xFFFFFFFF;
            uint d2 = (uint)acc;
            acc = (acc >> 32) + r3;
            uint d3 = (uint)acc;
            acc = (acc >> 32) + r4;
            uint d4 = (uint)acc;
            acc = (acc >> 32) + r5;
            uint d5 = (uint)acc;
            acc = (acc >> 32) + r6 - 1;
            uint d6 = (uint)acc;
            acc = (acc >> 32) + r7 - 0xFFFFFFFF;
            uint d7 = (uint)acc;
            uint keep = (uint)(acc >> 32);
            r[7] = (r7 & keep) | (d7 & ~keep);
            r[0] = (r0 & keep) | (d0 & ~keep);
            r[1] = (r1 & keep) | (d1 & ~keep);
            r[2] = (r2 & keep) | (d2 & ~keep);
            r[3] = (r3 & keep) | (d3 & ~keep);
            r[4] = (r4 & keep) | (d4 & ~keep);
            r[5] = (r5 & keep) | (d5 & ~keep);
            r[6] = (r6 & keep) | (d6 & ~keep);
        }

        /// <summary>r = a + b mod p.</summary>
        public static void Add(uint[] r, uint[] a, uint[] b)
        {
            // a + b &lt; 2p &lt; 2^257: add with carry, then subtract p unless that borrows past the carry.
            ulong t = (ulong)a[7] + b[7];
            t = (ulong)a[0] + b[0];
            uint s0 = (uint)t;
            t = (t >> 32) + a[1] + b[1];
            uint s1 = (uint)t;
            t = (t >> 32) + a[2] + b[2];
            uint s2 = (uint)t;
            t = (t >> 32) + a[3] + b[3];
            uint s3 = (uint)t;
            t = (t >> 32) + a[4] + b[4];
            uint s4 = (uint)t;
            t = (t >> 32) + a[5] + b[5];
            uint s5 = (uint)t;
            t = (t >> 32) + a[6] + b[6];
            uint s6 = (uint)t;
            t = (t >> 32) + a[7] + b[7];
            uint s7 = (uint)t;
            uint carry = (uint)(t >> 32);
            long acc = (long)s0 - 0xFFFFFFFF;
            uint d0 = (uint)acc;
            acc = (acc >> 32) + s1 - 0xFFFFFFFF;
            uint d1 = (uint)acc;
            acc = (acc >> 32) + s2 - 0xFFFFFFFF;
            uint d2 = (uint)acc;
            acc = (acc >> 32) + s3;
            uint d3 = (uint)acc;
            acc = (acc >> 32) + s4;
            uint d4 = (uint)acc;
            acc = (acc >> 32) + s5;
            uint d5 = (uint)acc;
            acc = (acc >> 32) + s6 - 1;
            uint d6 = (uint)acc;
            acc = (acc >> 32) + s7 - 0xFFFFFFFF;
            uint d7 = (uint)acc;
            acc = (acc >> 32) + carry;

            // acc is -1 when (carry, s) < p: keep s; 0 when it is not: take s - p.
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

        /// <summary>r = a - b mod p.</summary>
        public static void Sub(uint[] r, uint[] a, uint[] b)
        {
            long acc = (long)a[7] - b[7];
            acc = (long)a[0] - b[0];
            uint s0 = (uint)acc;
            acc = (acc >> 32) + a[1] - b[1];
            uint s1 = (uint)acc;
            acc = (acc >> 32) + a[2] - b[2];
            uint s2 = (uint)acc;
            acc = (acc >> 32) + a[3] - b[3];
            uint s3 = (uint)acc;
            acc = (acc >> 32) + a[4] - b[4];
            uint s4 = (uint)acc;
            acc = (acc >> 32) + a[5] - b[5];
            uint s5 = (uint)acc;
            acc = (acc >> 32) + a[6] - b[6];
            uint s6 = (uint)acc;
            acc = (acc >> 32) + a[7] - b[7];
            uint s7 = (uint)acc;

            // On borrow (a &lt; b) add p back; mask is all ones then, zero otherwise.
            uint mask = (uint)(acc >> 32);
            acc = (long)s0 + (0xFFFFFFFF & mask);
            r[0] = (uint)acc;
            acc = (acc >> 32) + s1 + (0xFFFFFFFF & mask);
            r[1] = (uint)acc;
            acc = (acc >> 32) + s2 + (0xFFFFFFFF & mask);
            r[2] = (uint)acc;
            acc = (acc >> 32) + s3;
            r[3] = (uint)acc;
            acc = (acc >> 32) + s4;
            r[4] = (uint)acc;
            acc = (acc >> 32) + s5;
            r[5] = (uint)acc;
            acc = (acc >> 32) + s6 + (1 & mask);
            r[6] = (uint)acc;
            acc = (acc >> 32) + s7 + (0xFFFFFFFF & mask);
            r[7] = (uint)acc;
        }

        /// <summary>r = -a mod p.</summary>
        public static void Neg(uint[] r, uint[] a)
        {
            // p - a, then map p back to 0 (a = 0) with a mask so the result stays fully reduced.
            long acc = (long)0xFFFFFFFF - a[0];
            uint s0 = (uint)acc;
            acc = (acc >> 32) + 0xFFFFFFFF - a[1];
            uint s1 = (uint)acc;
            acc = (acc >> 32) + 0xFFFFFFFF - a[2];
            uint s2 = (uint)acc;
            acc = (acc >> 32) - a[3];
            uint s3 = (uint)acc;
            acc = (acc >> 32) - a[4];
            uint s4 = (uint)acc;
            acc = (acc >> 32) - a[5];
            uint s5 = (uint)acc;
            acc = (acc >> 32) + 1 - a[6];
            uint s6 = (uint)acc;
            acc = (acc >> 32) + 0xFFFFFFFF - a[7];
            uint s7 = (uint)acc;
            uint nonZero = a[0] | a[1] | a[2] | a[3] | a[4] | a[5] | a[6] | a[7];
            uint mask = MaskNonZero(nonZero);
            r[0] = s0 & mask;
            r[1] = s1 & mask;
            r[2] = s2 & mask;
            r[3] = s3 & mask;
            r[4] = s4 & mask;
            r[5] = s5 & mask;
            r[6] = s6 & mask;
            r[7] = s7 & mask;
        }

        /// <summary>All ones when x != 0, zero when x == 0, without a branch.</summary>
        public static uint MaskNonZero(uint x)
        {
            // (x | -x) has its top bit set exactly when x != 0.
            return (uint)(-(int)((x | (uint)(-(int)x)) >> 31));
        }

        /// <summary>r = a^-1 mod p by Fermat (a^(p-2)): a fixed exponent, so no branch on a. Returns 0 for a = 0.</summary>
        public static void Invert(uint[] r, uint[] a, uint[] t1, uint[] t2, uint[] t3)
        {
            // p - 2 = 2^256 - 2^224 + 2^192 + 2^96 - 3, in bits (most significant first):
            //   32 ones, 31 zeros then a one, 96 zeros, 64 ones, 30 ones, a zero, a one.
            // With x_k = a^(2^k - 1) (k ones): x2, x3, x6, x12, x15, x30, x31, x32 by the addition chain
            // 2 = 1 + 1, 3 = 2 + 1, 6 = 3 + 3, 12 = 6 + 6, 15 = 12 + 3, 30 = 15 + 15, 31 = 30 + 1, 32 = 31 + 1,
            // then shift-and-multiply: 255 squarings and 13 multiplications in all. r is written last (may alias a).
            Sqr(t1, a);
            Mul(t1, t1, a);             // t1 = x2
            Sqr(t2, t1);
            Mul(t2, t2, a);             // t2 = x3
            Sqr(t1, t2);
            Sqr(t1, t1);
            Sqr(t1, t1);
            Mul(t1, t1, t2);            // t1 = x6
            Sqr(t3, t1);
            for (int i = 1; i < 6; i++) Sqr(t3, t3);
            Mul(t3, t3, t1);            // t3 = x12
            Sqr(t3, t3);
            Sqr(t3, t3);
            Sqr(t3, t3);
            Mul(t3, t3, t2);            // t3 = x15
            Sqr(t2, t3);
            for (int i = 1; i < 15; i++) Sqr(t2, t2);
            Mul(t2, t2, t3);            // t2 = x30
            Sqr(t3, t2);
            Mul(t3, t3, a);             // x31
            Sqr(t3, t3);
            Mul(t3, t3, a);             // t3 = x32

            Sqr(t1, t3);
            for (int i = 1; i < 32; i++) Sqr(t1, t1);
            Mul(t1, t1, a);             // ones(32) 0^31 1
            for (int i = 0; i < 128; i++) Sqr(t1, t1);
            Mul(t1, t1, t3);            // .. 0^96 ones(32)
            for (int i = 0; i < 32; i++) Sqr(t1, t1);
            Mul(t1, t1, t3);            // .. ones(64)
            for (int i = 0; i < 30; i++) Sqr(t1, t1);
            Mul(t1, t1, t2);            // .. ones(94)
            Sqr(t1, t1);
            Sqr(t1, t1);
            Mul(r, t1, a);              // .. 0 1
        }

        /// <summary>
        /// r = a^-1 mod p for a in [1, p-1] by the binary extended Euclidean algorithm: variable time, so only for
        /// values that are public or blinded by a secret random factor (the signer inverts Z b, not Z).
        /// </summary>
        public static void InvertVartime(uint[] r, uint[] a)
        {
            P256Scalar.InvertVartime(r, a, 0xFFFFFFFFFFFFFFFFUL, 0x00000000FFFFFFFFUL, 0UL, 0xFFFFFFFF00000001UL);
        }

        public static void Copy(uint[] r, uint[] a)
        {
            Array.Copy(a, 0, r, 0, Limbs);
        }

        public static void SetZero(uint[] r)
        {
            Array.Clear(r, 0, Limbs);
        }

        public static void SetOne(uint[] r)
        {
            Array.Clear(r, 0, Limbs);
            r[0] = 1;
        }

        public static bool IsZero(uint[] a)
        {
            return (a[0] | a[1] | a[2] | a[3] | a[4] | a[5] | a[6] | a[7]) == 0;
        }

        public static bool Equal(uint[] a, uint[] b)
        {
            uint diff = 0;
            for (int i = 0; i < Limbs; i++)
            {
                diff |= a[i] ^ b[i];
            }

            return diff == 0;
        }

        /// <summary>Reads 32 big-endian bytes into limbs; returns false (r is still written) when the value is not below p.</summary>
        public static bool FromBytes(uint[] r, byte[] data, int offset)
        {
            ReadBigEndian(r, data, offset);
            return IsBelow(r, P);
        }

        internal static void ReadBigEndian(uint[] r, byte[] data, int offset)
        {
            for (int i = 0; i < Limbs; i++)
            {
                int p = offset + 28 - 4 * i;
                r[i] = ((uint)data[p] << 24) | ((uint)data[p + 1] << 16) | ((uint)data[p + 2] << 8) | data[p + 3];
            }
        }

        internal static void WriteBigEndian(byte[] output, int offset, uint[] a)
        {
            for (int i = 0; i < Limbs; i++)
            {
                uint v = a[i];
                int p = offset + 28 - 4 * i;
                output[p] = (byte)(v >> 24);
                output[p + 1] = (byte)(v >> 16);
                output[p + 2] = (byte)(v >> 8);
                output[p + 3] = (byte)v;
            }
        }

        /// <summary>a &lt; m as 256-bit integers (no branch on the values).</summary>
        internal static bool IsBelow(uint[] a, uint[] m)
        {
            long acc = 0;
            for (int i = 0; i < Limbs; i++)
            {
                acc = (acc >> 32) + a[i] - m[i];
            }

            return (acc >> 32) != 0;
        }
    }
}
