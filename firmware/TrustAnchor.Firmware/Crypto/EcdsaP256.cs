using System;
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
    /// Memory: every operation runs in a <see cref="P256Context"/> its caller owns (working storage; the G table
    /// is a constant of the curve): with one, a verification allocates nothing. A <see cref="P256PublicKey"/>
    /// builds its tables on its first verification (allocating them, once per key) unless the context's
    /// <see cref="IP256KeyTables"/> (a host's) has tables for the same point; a key given as bytes is validated
    /// and verified without tables unless the host's tables have it. The overloads without a context are
    /// conveniences for one-off calls: each creates a context for the call (about 4 KB) and keeps nothing.
    /// </summary>
    public static class EcdsaP256
    {
        /// <summary>Raw signature length: r || s, 32 bytes each.</summary>
        public const int SignatureSize = 64;

        /// <summary>Hash length accepted (SHA-256).</summary>
        public const int HashSize = 32;

        /// <summary>
        /// Bytes of tables and working storage a board's verifier holds: the G table (a constant, 8 KB), one
        /// context's engine working storage, DER scratch and one-key cache. Per key verified with add
        /// <see cref="P256PublicKey.PrecomputedBytes"/>; the whole context is <see cref="P256Context.StorageBytes"/>.
        /// </summary>
        public static int TableBytes
        {
            get { return 4 * P256GeneratorTable.Table.Length + P256Engine.WorkingBytes + SignatureSize + P256KeyCache.StorageBytesFor(P256Context.BoardCachedKeys); }
        }

        /// <summary>Verifies raw r || s (64 bytes) over a 32-byte hash with a 65-byte uncompressed public key.</summary>
        public static bool VerifyHash(byte[] publicKey, byte[] hash, byte[] signature)
        {
            return VerifyHash(new P256Context(), publicKey, hash, signature);
        }

        /// <summary>As <see cref="VerifyHash(byte[], byte[], byte[])"/> in the caller's context.</summary>
        public static bool VerifyHash(P256Context context, byte[] publicKey, byte[] hash, byte[] signature)
        {
            P256Context.Check(context);
            P256PublicKey.CheckEncodedLength(publicKey);
            CheckHash(hash);
            if (signature == null || signature.Length != SignatureSize)
            {
                return false;
            }

            return VerifyEncoded(context, publicKey, hash, signature, 0);
        }

        /// <summary>Verifies a DER ECDSA-Sig-Value over a 32-byte hash with a 65-byte uncompressed public key.</summary>
        public static bool VerifyHashDer(byte[] publicKey, byte[] hash, byte[] derSignature)
        {
            return VerifyHashDer(new P256Context(), publicKey, hash, derSignature);
        }

        /// <summary>As <see cref="VerifyHashDer(byte[], byte[], byte[])"/> in the caller's context.</summary>
        public static bool VerifyHashDer(P256Context context, byte[] publicKey, byte[] hash, byte[] derSignature)
        {
            P256Context.Check(context);
            P256PublicKey.CheckEncodedLength(publicKey);
            CheckHash(hash);
            if (derSignature == null)
            {
                return false;
            }

            // The key is validated before the signature is looked at: a bad key is the caller's error either way.
            P256PublicKey key = EncodedKey(context, publicKey);
            if (!DecodeDer(derSignature, 0, derSignature.Length, context.DerScratch))
            {
                return false;
            }

            return Verify(context, key, hash, 0, context.DerScratch, 0);
        }

        /// <summary>Verifies raw r || s at signatureOffset over the 32 bytes at hashOffset.</summary>
        public static bool VerifyHash(P256PublicKey key, byte[] hash, int hashOffset, byte[] signature, int signatureOffset)
        {
            return VerifyHash(new P256Context(), key, hash, hashOffset, signature, signatureOffset);
        }

        /// <summary>As <see cref="VerifyHash(P256PublicKey, byte[], int, byte[], int)"/> in the caller's context.</summary>
        public static bool VerifyHash(P256Context context, P256PublicKey key, byte[] hash, int hashOffset, byte[] signature, int signatureOffset)
        {
            P256Context.Check(context);
            CheckKey(key);
            CryptoException.CheckBuffer(hash, hashOffset, HashSize, "hash");
            if (signature == null || signatureOffset < 0 || signatureOffset > signature.Length
                || signature.Length - signatureOffset < SignatureSize)
            {
                return false;
            }

            return context.Engine.Verify(WithTables(context, key), hash, hashOffset, signature, signatureOffset, signatureOffset + 32);
        }

        /// <summary>Verifies raw r || s (64 bytes) over a 32-byte hash.</summary>
        public static bool VerifyHash(P256PublicKey key, byte[] hash, byte[] signature)
        {
            return VerifyHash(new P256Context(), key, hash, signature);
        }

        /// <summary>As <see cref="VerifyHash(P256PublicKey, byte[], byte[])"/> in the caller's context.</summary>
        public static bool VerifyHash(P256Context context, P256PublicKey key, byte[] hash, byte[] signature)
        {
            CheckHash(hash);
            if (signature == null || signature.Length != SignatureSize)
            {
                P256Context.Check(context);
                CheckKey(key);
                return false;
            }

            return VerifyHash(context, key, hash, 0, signature, 0);
        }

        /// <summary>Verifies the DER ECDSA-Sig-Value occupying exactly der[derOffset .. derOffset + derLength).</summary>
        public static bool VerifyHashDer(P256PublicKey key, byte[] hash, int hashOffset, byte[] der, int derOffset, int derLength)
        {
            return VerifyHashDer(new P256Context(), key, hash, hashOffset, der, derOffset, derLength);
        }

        /// <summary>As <see cref="VerifyHashDer(P256PublicKey, byte[], int, byte[], int, int)"/> in the caller's context.</summary>
        public static bool VerifyHashDer(P256Context context, P256PublicKey key, byte[] hash, int hashOffset, byte[] der, int derOffset, int derLength)
        {
            P256Context.Check(context);
            CheckKey(key);
            CryptoException.CheckBuffer(hash, hashOffset, HashSize, "hash");
            if (der == null || derOffset < 0 || derLength < 0 || derOffset > der.Length || derLength > der.Length - derOffset)
            {
                return false;
            }

            return VerifyDer(context, key, hash, hashOffset, der, derOffset, derLength);
        }

        /// <summary>Verifies a DER ECDSA-Sig-Value (the whole array) over a 32-byte hash.</summary>
        public static bool VerifyHashDer(P256PublicKey key, byte[] hash, byte[] derSignature)
        {
            return VerifyHashDer(new P256Context(), key, hash, derSignature);
        }

        /// <summary>As <see cref="VerifyHashDer(P256PublicKey, byte[], byte[])"/> in the caller's context.</summary>
        public static bool VerifyHashDer(P256Context context, P256PublicKey key, byte[] hash, byte[] derSignature)
        {
            CheckHash(hash);
            if (derSignature == null)
            {
                P256Context.Check(context);
                CheckKey(key);
                return false;
            }

            return VerifyHashDer(context, key, hash, 0, derSignature, 0, derSignature.Length);
        }

        /// <summary>
        /// Signs a 32-byte hash with a 32-byte big-endian private key in [1, n-1]; returns raw r || s (64 bytes).
        /// Deterministic (RFC 6979): the same key and hash always give the same signature, and no random
        /// source is needed. The nonce multiplication k G is constant-time.
        /// </summary>
        public static byte[] SignHash(byte[] privateKey32, byte[] hash)
        {
            byte[] signature = new byte[SignatureSize];
            SignHash(new P256Context(), null, privateKey32, hash, signature, 0);
            return signature;
        }

        /// <summary>Signs into signatureOut[offset .. offset + 64) as r || s; see <see cref="SignHash(byte[], byte[])"/>.</summary>
        public static void SignHash(byte[] privateKey32, byte[] hash, byte[] signatureOut, int offset)
        {
            SignHash(new P256Context(), null, privateKey32, hash, signatureOut, offset);
        }

        /// <summary>As <see cref="SignHash(P256Context, ISymmetricCryptoProvider, byte[], byte[], byte[], int)"/> in a context for this call.</summary>
        public static void SignHash(ISymmetricCryptoProvider hmac, byte[] privateKey32, byte[] hash, byte[] signatureOut, int offset)
        {
            SignHash(new P256Context(), hmac, privateKey32, hash, signatureOut, offset);
        }

        /// <summary>
        /// As <see cref="SignHash(byte[], byte[], byte[], int)"/> in the caller's context, the RFC 6979 nonce DRBG run
        /// on the HMAC-SHA256 of <paramref name="hmac"/> (a board's native HMAC; null or
        /// <see cref="ManagedSymmetricCrypto"/>: ours). The signature is the same whichever HMAC computes it.
        /// </summary>
        public static void SignHash(P256Context context, ISymmetricCryptoProvider hmac, byte[] privateKey32, byte[] hash, byte[] signatureOut, int offset)
        {
            P256Context.Check(context);
            CheckHash(hash);
            CryptoException.CheckBuffer(signatureOut, offset, SignatureSize, "signatureOut");
            uint[] d = new uint[P256Field.Limbs];
            P256KeyPair.ReadPrivateKey(privateKey32, d);

            uint[] e = new uint[P256Field.Limbs];
            Rfc6979Nonce nonces = new Rfc6979Nonce(privateKey32, hash, hmac);

            // e = hash mod n (P-256 takes all 256 bits of SHA-256).
            P256Field.ReadBigEndian(e, hash, 0);
            P256Scalar.ReduceOnce(e, e);

            try
            {
                context.ConstantTime.Sign(d, e, nonces, context.Engine.TableG, signatureOut, offset);
            }
            finally
            {
                nonces.Clear();
                Array.Clear(d, 0, d.Length);
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

        /// <summary>Raw r || s at rsOffset (64 bytes, checked by the caller) with a 65-byte key (length checked).</summary>
        internal static bool VerifyEncoded(P256Context context, byte[] publicKey, byte[] hash, byte[] rs, int rsOffset)
        {
            return Verify(context, EncodedKey(context, publicKey), hash, 0, rs, rsOffset);
        }

        /// <summary>A DER signature over hash[hashOffset .. +32) in the caller's context.</summary>
        internal static bool VerifyDer(P256Context context, P256PublicKey key, byte[] hash, int hashOffset, byte[] der, int derOffset, int derLength)
        {
            if (!DecodeDer(der, derOffset, derLength, context.DerScratch))
            {
                return false;
            }

            return context.Engine.Verify(WithTables(context, key), hash, hashOffset, context.DerScratch, 0, 32);
        }

        /// <summary>
        /// The validated key for 65 bytes: on a board, through its one-key cache; with a host's tables, theirs
        /// when they have them, otherwise validated into the context's scratch key, without tables (throws
        /// <see cref="InvalidPublicKeyException"/> for bytes that are not a valid point).
        /// </summary>
        private static P256PublicKey EncodedKey(P256Context context, byte[] publicKey)
        {
            if (context.Tables == null)
            {
                return context.Keys.Find(context.Engine, publicKey);
            }

            P256PublicKey tabled = context.Tables.WithTables(context, publicKey);
            if (tabled != null)
            {
                return tabled;
            }

            P256PublicKey scratch = context.ScratchKey;
            context.Engine.ValidatePublicKey(publicKey, 0, scratch.X, scratch.Y);
            scratch.SetEncoded(publicKey, 0);
            return scratch;
        }

        /// <summary>
        /// The key with tables: its own; else the host's tables for the same point (the Root OCA key, say, that
        /// every virtual device parses for itself) or the board cache's copy; else its own, built now (allocated
        /// once per key) and remembered in the board cache. Two threads meeting a new key at once may both build;
        /// each publishes a complete table.
        /// </summary>
        private static P256PublicKey WithTables(P256Context context, P256PublicKey key)
        {
            if (key.Table != null)
            {
                return key;
            }

            P256PublicKey tabled = context.Tables == null ? context.Keys.FindWithTables(key) : context.Tables.WithTables(context, key);
            if (tabled != null)
            {
                return tabled;
            }

            uint[] table = new uint[P256Engine.Pieces * P256Engine.PointsQ * P256Engine.AffineWords];
            context.Engine.BuildTables(key.X, key.Y, table, P256Engine.PointsQ);
            key.Table = table;
            if (context.Keys != null)
            {
                context.Keys.Remember(key);
            }

            return key;
        }

        /// <summary>Raw r || s with a key with or without its tables.</summary>
        private static bool Verify(P256Context context, P256PublicKey key, byte[] hash, int hashOffset, byte[] rs, int rsOffset)
        {
            if (key.Table == null)
            {
                return context.Engine.VerifyWithoutTables(key.X, key.Y, hash, hashOffset, rs, rsOffset, rsOffset + 32);
            }

            return context.Engine.Verify(key, hash, hashOffset, rs, rsOffset, rsOffset + 32);
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
