namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// Everything a P-256 operation writes to, owned by its caller (as BearSSL's and p256-m's callers own theirs):
    /// the verifier's working storage (the G table it reads is a constant of the curve), the constant-time
    /// multiplier for secret scalars, the DER and certification-path scratch and hash. A device, or any other
    /// verifier or signer, creates one and passes it to <see cref="EcdsaP256"/>, <see cref="EcdhP256"/> and
    /// <see cref="Certificates.CertificationPath"/>; nothing is allocated per operation and nothing is shared with
    /// another owner. Use it from one thread at a time (a device handles one command at a time).
    ///
    /// A board creates it with no <see cref="IP256KeyTables"/>: the context then remembers one key given as bytes
    /// with its tables (<see cref="P256KeyCache"/>, the Trust Anchor Cell key a device checks again and again). A
    /// host running many virtual devices passes its shared tables instead (the seam through which its key caches,
    /// wide tables and ECDH peer tables come in).
    /// </summary>
    public sealed class P256Context
    {
        /// <summary>Keys with tables a context without host tables remembers (a board's budget: 16 KB in all).</summary>
        internal const int BoardCachedKeys = 1;

        internal readonly P256Engine Engine = new P256Engine();

        /// <summary>The host's precomputed tables; null on a board.</summary>
        internal readonly IP256KeyTables Tables;

        /// <summary>A board's one-key memory for keys given as bytes (a Trust Anchor Cell's); null when a host's tables serve instead.</summary>
        internal readonly P256KeyCache Keys;

        /// <summary>r || s decoded from a DER signature.</summary>
        internal readonly byte[] DerScratch = new byte[EcdsaP256.SignatureSize];

        /// <summary>Hashes for certification path validation: the TBS digest and the whole certificate's digest.</summary>
        internal readonly byte[] HashScratch = new byte[EcdsaP256.HashSize];
        internal readonly byte[] DigestScratch = new byte[EcdsaP256.HashSize];
        internal readonly Sha256 Sha = new Sha256();

        /// <summary>A key given as bytes and verified without tables.</summary>
        internal readonly P256PublicKey ScratchKey = new P256PublicKey();

        /// <summary>Coordinates for a validation that keeps no key.</summary>
        internal readonly uint[] PointX = new uint[P256Field.Limbs];
        internal readonly uint[] PointY = new uint[P256Field.Limbs];

        /// <summary>SHA-1 for key identifiers (certificate profile checks).</summary>
        internal readonly Sha1 Sha1 = new Sha1();
        internal readonly byte[] KeyIdScratch = new byte[Sha1.HashSize];

        /// <summary>The last Issuing OCA key a certification path parsed: nearly every path has the same one.</summary>
        internal P256PublicKey LastIssuerKey;

        private P256ConstantTime _constantTime;

        /// <summary>A context with no precomputed tables but the keys' own (a board's).</summary>
        public P256Context()
            : this(null)
        {
        }

        /// <summary>A context that asks <paramref name="tables"/> (a host's; null: none) for precomputed tables first.</summary>
        public P256Context(IP256KeyTables tables)
        {
            Tables = tables;
            Keys = tables == null ? new P256KeyCache(BoardCachedKeys) : null;
        }

        /// <summary>
        /// Bytes this context holds (its multiplier once created), not counting the shared G table
        /// (<see cref="EcdsaP256.TableBytes"/> counts that) nor a host's tables.
        /// </summary>
        public int StorageBytes
        {
            get
            {
                return P256Engine.WorkingBytes + EcdsaP256.SignatureSize + 2 * EcdsaP256.HashSize + Sha256.StorageBytes
                    + Sha1.StorageBytes + Sha1.HashSize + 2 * 4 * P256Field.Limbs + P256PublicKey.EncodedLength + 2 * 4 * P256Field.Limbs
                    + (Keys == null ? 0 : Keys.StorageBytes) + (_constantTime == null ? 0 : _constantTime.StorageBytes);
            }
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

        internal static void Check(P256Context context)
        {
            if (context == null)
            {
                throw new CryptoException(CryptoError.NullArgument, "P-256 context is null");
            }
        }
    }
}
