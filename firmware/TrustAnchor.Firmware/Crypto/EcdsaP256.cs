using System;
using System.Threading;
using TrustAnchor.Firmware.Asn1;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// ECDSA over P-256 with SHA-256 hashes (FIPS 186-4, SEC 1): verification of raw r || s (as GBCS carries
    /// signatures) and of DER ECDSA-Sig-Value (as X.509 does).
    ///
    /// Every signature that does not verify gives false - malformed ones included (wrong length, non-DER,
    /// r or s out of [1, n-1]). A bad public key or hash argument is the caller's error and throws
    /// (<see cref="InvalidPublicKeyException"/>, <see cref="CryptoException"/>).
    ///
    /// Memory: one preallocated engine (static G tables plus all working storage, <see cref="TableBytes"/>),
    /// created by the first call and shared under a monitor; after that a verification allocates nothing.
    /// A <see cref="P256PublicKey"/> builds its tables on its first verification (allocating them, once per
    /// key). The byte[]-key overloads keep the last key they parsed in a preallocated slot, so repeated checks
    /// against the same anchor key skip its validation and table building, and a key seen once is verified
    /// without tables (its second use in a row builds them).
    /// </summary>
    public static class EcdsaP256
    {
        /// <summary>Raw signature length: r || s, 32 bytes each.</summary>
        public const int SignatureSize = 64;

        /// <summary>Hash length accepted (SHA-256).</summary>
        public const int HashSize = 32;

        private static readonly object Sync = new object();
        private static P256Engine _engine;
        private static P256PublicKey _cachedKey;
        private static bool _cachedKeyValid;
        private static P256PublicKey _seenKey;
        private static bool _seenKeyValid;
        private static byte[] _derScratch;
        private static P256ConstantTime _constantTime;

        /// <summary>
        /// Bytes of static tables and working storage the verifier holds once initialised (the G tables, the
        /// working buffers, the one-key cache and the DER scratch). Per parsed key add <see cref="P256PublicKey.PrecomputedBytes"/>.
        /// </summary>
        public static int TableBytes
        {
            get
            {
                Monitor.Enter(Sync);
                try
                {
                    EnsureInitialised();
                    return _engine.StorageBytes + SignatureSize + P256PublicKey.PrecomputedBytes
                        + 2 * (P256PublicKey.EncodedLength + 2 * 4 * P256Field.Limbs);
                }
                finally
                {
                    Monitor.Exit(Sync);
                }
            }
        }

        /// <summary>Verifies raw r || s (64 bytes) over a 32-byte hash with a 65-byte uncompressed public key.</summary>
        public static bool VerifyHash(byte[] publicKey, byte[] hash, byte[] signature)
        {
            P256PublicKey.CheckEncodedLength(publicKey);
            CheckHash(hash);
            if (signature == null || signature.Length != SignatureSize)
            {
                return false;
            }

            Monitor.Enter(Sync);
            try
            {
                EnsureInitialised();
                return VerifyLocked(KeyFromBytes(publicKey), hash, signature);
            }
            finally
            {
                Monitor.Exit(Sync);
            }
        }

        /// <summary>Verifies a DER ECDSA-Sig-Value over a 32-byte hash with a 65-byte uncompressed public key.</summary>
        public static bool VerifyHashDer(byte[] publicKey, byte[] hash, byte[] derSignature)
        {
            P256PublicKey.CheckEncodedLength(publicKey);
            CheckHash(hash);
            if (derSignature == null)
            {
                return false;
            }

            Monitor.Enter(Sync);
            try
            {
                EnsureInitialised();
                P256PublicKey key = KeyFromBytes(publicKey);
                if (!DecodeDer(derSignature, 0, derSignature.Length, _derScratch))
                {
                    return false;
                }

                return VerifyLocked(key, hash, _derScratch);
            }
            finally
            {
                Monitor.Exit(Sync);
            }
        }

        /// <summary>Verifies raw r || s at signatureOffset over the 32 bytes at hashOffset.</summary>
        public static bool VerifyHash(P256PublicKey key, byte[] hash, int hashOffset, byte[] signature, int signatureOffset)
        {
            CheckKey(key);
            CryptoException.CheckBuffer(hash, hashOffset, HashSize, "hash");
            if (signature == null || signatureOffset < 0 || signatureOffset > signature.Length
                || signature.Length - signatureOffset < SignatureSize)
            {
                return false;
            }

            Monitor.Enter(Sync);
            try
            {
                EnsureInitialised();
                return _engine.Verify(WithTables(key), hash, hashOffset, signature, signatureOffset, signatureOffset + 32);
            }
            finally
            {
                Monitor.Exit(Sync);
            }
        }

        /// <summary>Verifies raw r || s (64 bytes) over a 32-byte hash.</summary>
        public static bool VerifyHash(P256PublicKey key, byte[] hash, byte[] signature)
        {
            CheckHash(hash);
            if (signature == null || signature.Length != SignatureSize)
            {
                CheckKey(key);
                return false;
            }

            return VerifyHash(key, hash, 0, signature, 0);
        }

        /// <summary>Verifies the DER ECDSA-Sig-Value occupying exactly der[derOffset .. derOffset + derLength).</summary>
        public static bool VerifyHashDer(P256PublicKey key, byte[] hash, int hashOffset, byte[] der, int derOffset, int derLength)
        {
            CheckKey(key);
            CryptoException.CheckBuffer(hash, hashOffset, HashSize, "hash");
            if (der == null || derOffset < 0 || derLength < 0 || derOffset > der.Length || derLength > der.Length - derOffset)
            {
                return false;
            }

            Monitor.Enter(Sync);
            try
            {
                EnsureInitialised();
                if (!DecodeDer(der, derOffset, derLength, _derScratch))
                {
                    return false;
                }

                return _engine.Verify(WithTables(key), hash, hashOffset, _derScratch, 0, 32);
            }
            finally
            {
                Monitor.Exit(Sync);
            }
        }

        /// <summary>Verifies a DER ECDSA-Sig-Value (the whole array) over a 32-byte hash.</summary>
        public static bool VerifyHashDer(P256PublicKey key, byte[] hash, byte[] derSignature)
        {
            CheckHash(hash);
            if (derSignature == null)
            {
                CheckKey(key);
                return false;
            }

            return VerifyHashDer(key, hash, 0, derSignature, 0, derSignature.Length);
        }

        /// <summary>
        /// Signs a 32-byte hash with a 32-byte big-endian private key in [1, n-1]; returns raw r || s (64 bytes).
        /// Deterministic (RFC 6979): the same key and hash always give the same signature, and no random
        /// source is needed. The nonce multiplication k G is constant-time.
        /// </summary>
        public static byte[] SignHash(byte[] privateKey32, byte[] hash)
        {
            byte[] signature = new byte[SignatureSize];
            SignHash(privateKey32, hash, signature, 0);
            return signature;
        }

        /// <summary>Signs into signatureOut[offset .. offset + 64) as r || s; see <see cref="SignHash(byte[], byte[])"/>.</summary>
        public static void SignHash(byte[] privateKey32, byte[] hash, byte[] signatureOut, int offset)
        {
            CheckHash(hash);
            CryptoException.CheckBuffer(signatureOut, offset, SignatureSize, "signatureOut");
            uint[] d = new uint[P256Field.Limbs];
            P256KeyPair.ReadPrivateKey(privateKey32, d);

            uint[] e = new uint[P256Field.Limbs], k = new uint[P256Field.Limbs], r = new uint[P256Field.Limbs];
            uint[] s = new uint[P256Field.Limbs], x = new uint[P256Field.Limbs], y = new uint[P256Field.Limbs];
            uint[] t = new uint[P256Field.Limbs], u = new uint[P256Field.Limbs], table = new uint[16 * P256Field.Limbs];
            byte[] k32 = new byte[32];
            Rfc6979Nonce nonces = new Rfc6979Nonce(privateKey32, hash);

            // e = hash mod n (P-256 takes all 256 bits of SHA-256).
            P256Field.ReadBigEndian(e, hash, 0);
            P256Scalar.ReduceOnce(e, e);

            Monitor.Enter(Sync);
            try
            {
                P256ConstantTime constantTime = ConstantTimeLocked;
                uint[] tableG = EngineLocked.TableG;
                constantTime.Sign(d, e, nonces, tableG, signatureOut, offset);
            }
            finally
            {
                Monitor.Exit(Sync);
                nonces.Clear();
                Array.Clear(d, 0, d.Length);
                Array.Clear(k, 0, k.Length);
                Array.Clear(k32, 0, k32.Length);
                Array.Clear(t, 0, t.Length);
                Array.Clear(u, 0, u.Length);
                Array.Clear(table, 0, table.Length);
            }
        }

        /// <summary>The constant-time multiplier, created on first use; call with the lock held.</summary>
        internal static P256ConstantTime ConstantTimeLocked
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

        /// <summary>
        /// Strict DER decoding of ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } into r || s (32 bytes
        /// each, big-endian, left-padded) in out64, with the firmware's <see cref="DerReader"/> (which refuses
        /// every non-DER form: wrong tags, indefinite or non-minimal lengths, overruns, trailing bytes, empty,
        /// negative or non-minimal INTEGERs). False for any of those and for magnitudes above 32 bytes; the
        /// range checks on r and s come later. Only malformed input takes the exception path, so a well-formed
        /// signature still allocates nothing.
        /// </summary>
        internal static bool DecodeDer(byte[] der, int offset, int length, byte[] out64)
        {
            int rOffset, rLength, sOffset, sLength;
            try
            {
                DerReader outer = new DerReader(der, offset, length);
                DerReader sequence = outer.ReadSequence();
                outer.ThrowIfNotEmpty();
                sequence.ReadIntegerBytes(out rOffset, out rLength);
                sequence.ReadIntegerBytes(out sOffset, out sLength);
                sequence.ThrowIfNotEmpty();
            }
            catch (DerFormatException)
            {
                return false;
            }

            if (rLength > 32 || sLength > 32)
            {
                return false;
            }

            Array.Clear(out64, 0, SignatureSize);
            Array.Copy(der, rOffset, out64, 32 - rLength, rLength);
            Array.Copy(der, sOffset, out64, 64 - sLength, sLength);
            return true;
        }

        /// <summary>Validates the key bytes and builds its tables, under the engine lock.</summary>
        internal static void LoadKey(P256PublicKey key, byte[] data, int offset)
        {
            Monitor.Enter(Sync);
            try
            {
                EnsureInitialised();
                LoadKeyLocked(key, data, offset);
            }
            finally
            {
                Monitor.Exit(Sync);
            }
        }

        private static void LoadKeyLocked(P256PublicKey key, byte[] data, int offset)
        {
            _engine.ValidatePublicKey(data, offset, key.X, key.Y);
            key.SetEncoded(data, offset);
        }

        /// <summary>The key's tables, built (and allocated, once per key) on its first verification.</summary>
        private static P256PublicKey WithTables(P256PublicKey key)
        {
            if (key.Table == null)
            {
                uint[] table = new uint[P256Engine.Pieces * P256Engine.PointsQ * P256Engine.AffineWords];
                _engine.BuildTables(key.X, key.Y, table, P256Engine.PointsQ);
                key.Table = table;
            }

            return key;
        }

        /// <summary>The engine under the lock, for the other P-256 operations in this assembly.</summary>
        internal static object Lock
        {
            get { return Sync; }
        }

        internal static P256Engine EngineLocked
        {
            get
            {
                EnsureInitialised();
                return _engine;
            }
        }

        /// <summary>
        /// The validated key for the byte[] overloads: the cached key (with tables) when it is this key; this
        /// key given tables when it is the key seen last without them (a second use in a row says it is a key
        /// verified against repeatedly, like a Trust Anchor's); otherwise this key without tables, remembered
        /// as the one seen last. A key verified once never pays for tables it would not use again.
        /// </summary>
        private static P256PublicKey KeyFromBytes(byte[] publicKey)
        {
            if (_cachedKeyValid && _cachedKey.Equals(publicKey, 0))
            {
                return _cachedKey;
            }

            if (_seenKeyValid && _seenKey.Equals(publicKey, 0))
            {
                _seenKeyValid = false;
                _cachedKeyValid = false;
                LoadKeyLocked(_cachedKey, publicKey, 0);
                _engine.BuildTables(_cachedKey.X, _cachedKey.Y, _cachedKey.Table, P256Engine.PointsQ);
                _cachedKeyValid = true;
                return _cachedKey;
            }

            _seenKeyValid = false;
            LoadKeyLocked(_seenKey, publicKey, 0);
            _seenKeyValid = true;
            return _seenKey;
        }

        /// <summary>Raw r || s in rs[0 .. 64) with a key from <see cref="KeyFromBytes"/>, with or without its tables.</summary>
        private static bool VerifyLocked(P256PublicKey key, byte[] hash, byte[] rs)
        {
            if (key.Table == null)
            {
                return _engine.VerifyWithoutTables(key.X, key.Y, hash, 0, rs, 0, 32);
            }

            return _engine.Verify(key, hash, 0, rs, 0, 32);
        }

        private static void EnsureInitialised()
        {
            if (_engine == null)
            {
                _engine = new P256Engine();
                _cachedKey = new P256PublicKey();
                _cachedKey.Table = new uint[P256Engine.Pieces * P256Engine.PointsQ * P256Engine.AffineWords];
                _seenKey = new P256PublicKey();
                _derScratch = new byte[SignatureSize];
            }
        }

        private static void CheckHash(byte[] hash)
        {
            if (hash == null)
            {
                throw new CryptoException(CryptoError.NullArgument, "hash is null");
            }

            if (hash.Length != HashSize)
            {
                throw new CryptoException(CryptoError.WrongHashLength,
                    "hash must be 32 bytes (SHA-256), found " + hash.Length.ToString());
            }
        }

        private static void CheckKey(P256PublicKey key)
        {
            if (key == null)
            {
                throw new InvalidPublicKeyException(CryptoError.NullArgument, "public key is null");
            }
        }
    }
}
