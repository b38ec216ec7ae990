using System;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// A P-256 key pair: the private scalar d (32 bytes, big-endian, in [1, n-1]) and the public point d G
    /// (65-byte uncompressed encoding). d G is computed with the constant-time multiplier.
    /// </summary>
    public sealed class P256KeyPair
    {
        /// <summary>Draws that fall outside [1, n-1] are retried; n is within 2^-32 of 2^256, so a source that
        /// fails this many times in a row is broken, not unlucky.</summary>
        private const int MaxDraws = 64;

        private P256KeyPair(byte[] privateKey, byte[] publicKey)
        {
            PrivateKey = privateKey;
            PublicKey = publicKey;
        }

        /// <summary>d, 32 bytes big-endian.</summary>
        public byte[] PrivateKey { get; private set; }

        /// <summary>d G, 65 bytes: 04 || X || Y.</summary>
        public byte[] PublicKey { get; private set; }

        /// <summary>
        /// A fresh key pair: d by rejection sampling of 32-byte draws from entropy until 1 &lt;= d &lt;= n - 1
        /// (uniform over the valid range, unlike reducing mod n). Throws <see cref="CryptoException"/>
        /// (<see cref="CryptoError.EntropyFailure"/>) if the source keeps producing out-of-range values.
        /// </summary>
        public static P256KeyPair Generate(IEntropySource entropy)
        {
            if (entropy == null)
            {
                throw new CryptoException(CryptoError.NullArgument, "entropy source is null");
            }

            byte[] d32 = new byte[32];
            uint[] d = new uint[P256Field.Limbs];
            for (int attempt = 0; attempt < MaxDraws; attempt++)
            {
                entropy.GetBytes(d32, 0, 32);
                P256Field.ReadBigEndian(d, d32, 0);
                if (P256Scalar.IsInRange(d))
                {
                    byte[] publicKey = ComputePublicKey(d);
                    Array.Clear(d, 0, d.Length);
                    return new P256KeyPair(d32, publicKey);
                }
            }

            Array.Clear(d32, 0, d32.Length);
            Array.Clear(d, 0, d.Length);
            throw new CryptoException(CryptoError.EntropyFailure,
                "entropy source gave no private key in [1, n-1] in " + MaxDraws.ToString() + " draws");
        }

        /// <summary>The key pair for an existing private key (copied); throws <see cref="CryptoException"/> when
        /// it is not 32 bytes or not in [1, n-1].</summary>
        public static P256KeyPair FromPrivateKey(byte[] d32)
        {
            uint[] d = new uint[P256Field.Limbs];
            ReadPrivateKey(d32, d);
            byte[] publicKey = ComputePublicKey(d);
            Array.Clear(d, 0, d.Length);
            byte[] copy = new byte[32];
            Array.Copy(d32, 0, copy, 0, 32);
            return new P256KeyPair(copy, publicKey);
        }

        /// <summary>Checks a private key's length and range and reads it into limbs.</summary>
        internal static void ReadPrivateKey(byte[] d32, uint[] d)
        {
            if (d32 == null || d32.Length != 32)
            {
                throw new CryptoException(CryptoError.InvalidPrivateKey, "private key must be 32 bytes");
            }

            P256Field.ReadBigEndian(d, d32, 0);
            if (!P256Scalar.IsInRange(d))
            {
                Array.Clear(d, 0, d.Length);
                throw new CryptoException(CryptoError.InvalidPrivateKey, "private key must be in [1, n-1]");
            }
        }

        private static byte[] ComputePublicKey(uint[] d)
        {
            uint[] x = new uint[P256Field.Limbs], y = new uint[P256Field.Limbs];

            // A multiplier for this one computation: key generation is rare, and a pair owns no context.
            new P256ConstantTime().MultiplyBase(d, P256GeneratorTable.Table, x, y);

            byte[] publicKey = new byte[P256PublicKey.EncodedLength];
            publicKey[0] = 0x04;
            P256Field.WriteBigEndian(publicKey, 1, x);
            P256Field.WriteBigEndian(publicKey, 33, y);
            return publicKey;
        }
    }
}
