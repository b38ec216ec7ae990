namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// Where a <see cref="P256Context"/> looks for precomputed tables before it works without them: the seam for a
    /// host's speed-ups (key tables shared by many virtual devices, wide tables, ECDH peer tables). A board passes
    /// none: each <see cref="P256PublicKey"/> then builds its own tables on its first verification, a key given as
    /// bytes is verified without tables, and ECDH multiplies by the variable-base ladder.
    ///
    /// Every method is called on the thread that holds the context and may use the context to build a table
    /// (<see cref="P256PublicKey.ParseWithTables"/>, <see cref="P256PeerTable.Build"/>); an
    /// implementation shared by several contexts must be safe for concurrent calls. What it returns must never
    /// change afterwards (it is read without a lock).
    /// </summary>
    public interface IP256KeyTables
    {
        /// <summary>A key with tables for the same point as <paramref name="key"/> (already validated, without tables
        /// of its own), or null: the context then builds the key's own tables.</summary>
        P256PublicKey WithTables(P256Context context, P256PublicKey key);

        /// <summary>A validated key with tables for these 65 bytes (at offset 0), or null: the context then validates
        /// them and verifies without tables.</summary>
        P256PublicKey WithTables(P256Context context, byte[] publicKey65);

        /// <summary>A fixed-base table for this ECDH peer (65 bytes, already validated), or null: the context then
        /// multiplies by the variable-base ladder.</summary>
        P256PeerTable PeerTable(P256Context context, byte[] peerPublicKey65);
    }
}
