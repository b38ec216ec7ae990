using System;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// A fixed-base table for one ECDH peer: the odd multiples 1..31 of 2^(32 j) Q for the eight pieces j (8 KB),
    /// the layout of the verifier's G table, so d Q runs as the constant-time fixed-base multiplication d G does
    /// (31 doublings and 52 mixed additions, every entry read under masks) instead of the variable-base one
    /// (255 doublings). The table is public data (multiples of a public key); building it costs about three
    /// variable-base multiplications, so it pays only for a peer met again and again. A board keeps none (8 KB
    /// each); a host's <see cref="IP256KeyTables"/> decides which peers get one.
    /// </summary>
    public sealed class P256PeerTable
    {
        /// <summary>uints per table: eight pieces of sixteen affine points.</summary>
        internal const int TableWords = P256Engine.Pieces * P256Engine.PointsG * P256Engine.AffineWords;

        /// <summary>Bytes a table holds (its points and the peer's encoding).</summary>
        public const int StorageBytes = 4 * TableWords + P256PublicKey.EncodedLength;

        private readonly byte[] _peer = new byte[P256PublicKey.EncodedLength];
        internal readonly uint[] Table = new uint[TableWords];

        private P256PeerTable()
        {
        }

        /// <summary>
        /// Validates the peer's 65-byte uncompressed key (<see cref="InvalidPublicKeyException"/> otherwise) and builds
        /// its table with the caller's context.
        /// </summary>
        public static P256PeerTable Build(P256Context context, byte[] peerPublicKey65)
        {
            P256Context.Check(context);
            P256PublicKey.CheckEncodedLength(peerPublicKey65);
            P256PeerTable table = new P256PeerTable();
            context.Engine.ValidatePublicKey(peerPublicKey65, 0, context.PointX, context.PointY);
            context.Engine.BuildTables(context.PointX, context.PointY, table.Table, P256Engine.PointsG);
            Array.Copy(peerPublicKey65, 0, table._peer, 0, P256PublicKey.EncodedLength);
            return table;
        }

        /// <summary>True when <paramref name="peerPublicKey65"/> is this table's peer (fixed-time comparison).</summary>
        public bool IsFor(byte[] peerPublicKey65)
        {
            return peerPublicKey65 != null && peerPublicKey65.Length == P256PublicKey.EncodedLength
                && SymmetricChecks.FixedTimeEquals(_peer, 0, peerPublicKey65, 0, P256PublicKey.EncodedLength);
        }
    }
}
