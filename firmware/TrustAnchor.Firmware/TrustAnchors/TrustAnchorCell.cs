namespace TrustAnchor.Firmware.TrustAnchors
{
    /// <summary>
    /// One Trust Anchor Cell: which cell it is, whose it is (Entity Identifier, all zero for the root), the
    /// Subject Key Identifier the device reports, and the public key it verifies with. Immutable: the arrays
    /// are copied in, and callers must treat the arrays handed out as read-only.
    /// </summary>
    public sealed class TrustAnchorCell
    {
        public const int EntityIdLength = 8;
        public const int SubjectKeyIdLength = 8;
        public const int PublicKeyLength = 65;

        private readonly TrustAnchorCellIdentifier _id;
        private readonly byte[] _entityId;
        private readonly byte[] _subjectKeyId;
        private readonly byte[] _publicKey;

        public TrustAnchorCell(TrustAnchorCellIdentifier id, byte[] entityId, byte[] subjectKeyId, byte[] publicKey)
        {
            if (id == null)
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.InvalidCellIdentifier, "cell identifier missing");
            }

            string cell = id.ToString();
            if (entityId == null || entityId.Length != EntityIdLength)
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.InvalidEntityId,
                    "cell " + cell + ": Entity Identifier must be 8 bytes");
            }

            if (subjectKeyId == null || subjectKeyId.Length != SubjectKeyIdLength)
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.InvalidSubjectKeyId,
                    "cell " + cell + ": Subject Key Identifier must be 8 bytes");
            }

            // Uncompressed P-256 point only (GBCS profile); the certificate path already validated the point.
            if (publicKey == null || publicKey.Length != PublicKeyLength || publicKey[0] != 0x04)
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.InvalidPublicKey,
                    "cell " + cell + ": public key must be a 65-byte uncompressed P-256 point");
            }

            _id = id;
            _entityId = Copy(entityId);
            _subjectKeyId = Copy(subjectKeyId);
            _publicKey = Copy(publicKey);
        }

        public TrustAnchorCellIdentifier Id { get { return _id; } }

        /// <summary>The party's EUI-64 (8 bytes); all zero for the root cell.</summary>
        public byte[] EntityId { get { return _entityId; } }

        public byte[] SubjectKeyId { get { return _subjectKeyId; } }

        /// <summary>Uncompressed P-256 public key, 65 bytes (04 || X || Y).</summary>
        public byte[] PublicKey { get { return _publicKey; } }

        public bool HasPublicKey(byte[] publicKey)
        {
            return BytesEqual(_publicKey, publicKey);
        }

        public bool ContentEquals(TrustAnchorCell other)
        {
            return other != null && _id.Equals(other._id)
                && BytesEqual(_entityId, other._entityId)
                && BytesEqual(_subjectKeyId, other._subjectKeyId)
                && BytesEqual(_publicKey, other._publicKey);
        }

        internal static bool BytesEqual(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            int diff = 0;
            for (int i = 0; i < a.Length; i++)
            {
                diff |= a[i] ^ b[i];
            }

            return diff == 0;
        }

        private static byte[] Copy(byte[] source)
        {
            byte[] copy = new byte[source.Length];
            System.Array.Copy(source, 0, copy, 0, source.Length);
            return copy;
        }
    }
}
