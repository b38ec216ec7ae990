using System;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// A validated P-256 public key (SEC 1 uncompressed point 04 || X || Y), parsed once and then verified
    /// against many times, as a Trust Anchor Cell's key is. Parsing checks the encoding and that the point is
    /// on the curve (cheap). The first verification with the key then precomputes its tables (odd multiples of
    /// Q, 2^32 Q, ..., 2^224 Q: <see cref="PrecomputedBytes"/> bytes, about the work of two verifications), so
    /// every verification needs only 32 doublings; a key that is parsed but never verified with (a leaf
    /// certificate's, say) costs neither the time nor the memory.
    /// </summary>
    public sealed class P256PublicKey
    {
        /// <summary>Length of the uncompressed encoding.</summary>
        public const int EncodedLength = 65;

        /// <summary>Bytes of precomputed table a key carries once it has been verified with.</summary>
        public const int PrecomputedBytes = 4 * P256Engine.Pieces * P256Engine.PointsQ * P256Engine.AffineWords;

        private readonly byte[] _encoded = new byte[EncodedLength];
        internal readonly uint[] X = new uint[P256Field.Limbs];
        internal readonly uint[] Y = new uint[P256Field.Limbs];
        /// <summary>The verification tables; null until the first verification builds them.</summary>
        internal uint[] Table;

        /// <summary>Odd multiples per piece in <see cref="Table"/>: <see cref="P256Engine.PointsQ"/> (a key's own
        /// tables) or <see cref="P256Engine.PointsG"/> (wide tables a host builds, <see cref="ParseWithTables"/>).</summary>
        internal int TablePoints = P256Engine.PointsQ;

        internal P256PublicKey()
        {
        }

        /// <summary>Parses and validates a 65-byte uncompressed key; throws <see cref="InvalidPublicKeyException"/>.</summary>
        public static P256PublicKey Parse(byte[] uncompressed65)
        {
            CheckEncodedLength(uncompressed65);
            return Parse(uncompressed65, 0);
        }

        /// <summary>Parses and validates the 65 bytes at offset; throws <see cref="InvalidPublicKeyException"/>.</summary>
        public static P256PublicKey Parse(byte[] data, int offset)
        {
            if (data == null)
            {
                throw new InvalidPublicKeyException(CryptoError.NullArgument, "public key is null");
            }

            if (offset < 0 || offset > data.Length || data.Length - offset < EncodedLength)
            {
                throw new InvalidPublicKeyException(CryptoError.PublicKeyWrongLength,
                    "public key needs 65 bytes at offset " + offset.ToString() + " of a " + data.Length.ToString() + "-byte buffer");
            }

            P256PublicKey key = new P256PublicKey();
            uint[] lhs = new uint[P256Field.Limbs], rhs = new uint[P256Field.Limbs], three = new uint[P256Field.Limbs];
            P256Engine.ValidatePublicKey(data, offset, key.X, key.Y, lhs, rhs, three);
            key.SetEncoded(data, offset);
            return key;
        }

        /// <summary>
        /// Parses and validates the 65 bytes at offset and builds the key's verification tables now, with the
        /// caller's context: narrow (4 odd multiples per piece, <see cref="PrecomputedBytes"/>, as a key's first
        /// verification builds them) or, with <paramref name="wide"/>, 16 per piece (8 KB; about a quarter fewer
        /// additions for Q per verification). For a host's <see cref="IP256KeyTables"/>: a board lets keys build
        /// their own. Throws <see cref="InvalidPublicKeyException"/>.
        /// </summary>
        public static P256PublicKey ParseWithTables(P256Context context, byte[] data, int offset, bool wide)
        {
            P256Context.Check(context);
            P256PublicKey key = Parse(data, offset);
            int points = wide ? P256Engine.PointsG : P256Engine.PointsQ;
            uint[] table = new uint[P256Engine.Pieces * points * P256Engine.AffineWords];
            context.Engine.BuildTables(key.X, key.Y, table, points);
            key.TablePoints = points;
            key.Table = table;
            return key;
        }

        /// <summary>True once the key holds verification tables (built by its first verification or by <see cref="ParseWithTables"/>).</summary>
        public bool HasTables
        {
            get { return Table != null; }
        }

        /// <summary>True when the key's tables are wide (16 odd multiples per piece).</summary>
        public bool HasWideTables
        {
            get { return Table != null && TablePoints == P256Engine.PointsG; }
        }

        internal static void CheckEncodedLength(byte[] uncompressed65)
        {
            if (uncompressed65 == null)
            {
                throw new InvalidPublicKeyException(CryptoError.NullArgument, "public key is null");
            }

            if (uncompressed65.Length != EncodedLength)
            {
                throw new InvalidPublicKeyException(CryptoError.PublicKeyWrongLength,
                    "public key must be 65 bytes (uncompressed point), found " + uncompressed65.Length.ToString());
            }
        }

        /// <summary>The 65-byte encoding itself (not a copy): for comparisons inside the assembly.</summary>
        internal byte[] Encoded
        {
            get { return _encoded; }
        }

        internal void SetEncoded(byte[] data, int offset)
        {
            Array.Copy(data, offset, _encoded, 0, EncodedLength);
        }

        /// <summary>Writes the 65-byte uncompressed encoding to dest at offset.</summary>
        public void CopyTo(byte[] dest, int offset)
        {
            CryptoException.CheckBuffer(dest, offset, EncodedLength, "dest");
            Array.Copy(_encoded, 0, dest, offset, EncodedLength);
        }

        /// <summary>The 65-byte uncompressed encoding (a copy).</summary>
        public byte[] ToArray()
        {
            byte[] copy = new byte[EncodedLength];
            Array.Copy(_encoded, 0, copy, 0, EncodedLength);
            return copy;
        }

        /// <summary>True when other is exactly this key's 65-byte encoding.</summary>
        public bool Equals(byte[] uncompressed65)
        {
            return uncompressed65 != null && uncompressed65.Length == EncodedLength && Equals(uncompressed65, 0);
        }

        /// <summary>True when the 65 bytes at offset are this key's encoding (false if fewer are available).</summary>
        public bool Equals(byte[] data, int offset)
        {
            if (data == null || offset < 0 || offset > data.Length || data.Length - offset < EncodedLength)
            {
                return false;
            }

            int diff = 0;
            for (int i = 0; i < EncodedLength; i++)
            {
                diff |= data[offset + i] ^ _encoded[i];
            }

            return diff == 0;
        }

        public override bool Equals(object obj)
        {
            P256PublicKey other = obj as P256PublicKey;
            return other != null && Equals(other._encoded, 0);
        }

        public override int GetHashCode()
        {
            // X's low bytes: already uniformly distributed.
            return (int)X[0];
        }
    }
}
