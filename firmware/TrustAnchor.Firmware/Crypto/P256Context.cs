namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// Everything one P-256 operation writes to: the verification engine's working storage (its G table is
    /// shared, read-only), the constant-time multiplier for secret scalars, the cache of keys met by the byte[]
    /// overloads, and scratch buffers. One thread at a time holds a context (<see cref="P256Concurrency"/>), so
    /// nothing in here needs a lock of its own and nothing is allocated per operation.
    /// </summary>
    internal sealed class P256Context
    {
        /// <summary>Held (Monitor) by the thread using this context.</summary>
        internal readonly object Gate = new object();

        internal readonly P256Engine Engine;
        internal readonly P256KeyCache Keys;

        /// <summary>ECDH peer tables; null when the host allows none (a board).</summary>
        internal readonly P256PeerTableCache PeerTables;

        /// <summary>r || s decoded from a DER signature.</summary>
        internal readonly byte[] DerScratch = new byte[EcdsaP256.SignatureSize];

        /// <summary>Hashes for certification path validation: the TBS digest and the whole certificate's digest.</summary>
        internal readonly byte[] HashScratch = new byte[EcdsaP256.HashSize];
        internal readonly byte[] DigestScratch = new byte[EcdsaP256.HashSize];

        /// <summary>Coordinates for a validation that keeps no key.</summary>
        internal readonly uint[] PointX = new uint[P256Field.Limbs];
        internal readonly uint[] PointY = new uint[P256Field.Limbs];

        /// <summary>The last Issuing OCA key a certification path parsed: nearly every path has the same one.</summary>
        internal P256PublicKey LastIssuerKey;

        // Bookkeeping for P256Concurrency, changed only under its lock.
        internal int Users;
        internal int OwnerThreadId;
        internal int Depth;             // acquisitions by the owner not yet released; 0: no owner

        private P256ConstantTime _constantTime;

        internal P256Context(uint[] sharedTableG, int cachedKeys, int peerTables, bool wideKeyTables)
        {
            Engine = new P256Engine(sharedTableG);
            Keys = new P256KeyCache(cachedKeys, wideKeyTables);
            PeerTables = peerTables > 0 ? new P256PeerTableCache(peerTables) : null;
        }

        /// <summary>The constant-time multiplier, created on first use (a verifier-only device never pays for it).</summary>
        internal P256ConstantTime ConstantTime
        {
            get
            {
                if (_constantTime == null)
                {
                    _constantTime = new P256ConstantTime();
                }

                return _constantTime;
            }
        }
    }
}
