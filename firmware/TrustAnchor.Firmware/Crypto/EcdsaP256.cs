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
    /// Memory: every operation borrows a preallocated <see cref="P256Context"/> (the G tables, shared, plus
    /// working storage, <see cref="TableBytes"/>), created by the first call; one on a board, more when a host
    /// asks (<see cref="P256Concurrency"/>). After that a verification allocates nothing.
    /// A <see cref="P256PublicKey"/> builds its tables on its first verification (allocating them, once per
    /// key). The byte[]-key overloads keep the keys they meet in preallocated slots (<see cref="P256KeyCache"/>), so
    /// repeated checks against the same anchor key skip its validation and table building, and a key seen once
    /// is verified without tables (its second use in a row builds them).
    /// </summary>
    public static class EcdsaP256
    {
        /// <summary>Raw signature length: r || s, 32 bytes each.</summary>
        public const int SignatureSize = 64;

        /// <summary>Hash length accepted (SHA-256).</summary>
        public const int HashSize = 32;

        /// <summary>
        /// Bytes of tables and working storage the verifier holds once initialised on a board (one context with one
        /// cached key: the G tables, the working buffers, the key cache and the DER scratch). Per parsed key add
        /// <see cref="P256PublicKey.PrecomputedBytes"/>; a host that allows more contexts or cached keys
        /// (<see cref="P256Concurrency"/>) adds working storage and key cache for each.
        /// </summary>
        public static int TableBytes
        {
            get
            {
                P256Context context = P256Concurrency.Acquire();
                try
                {
                    return context.Engine.StorageBytes + SignatureSize + P256KeyCache.StorageBytesFor(1);
                }
                finally
                {
                    P256Concurrency.Release(context);
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

            P256Context context = P256Concurrency.Acquire();
            try
            {
                return VerifyHash(context, publicKey, hash, signature);
            }
            finally
            {
                P256Concurrency.Release(context);
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

            P256Context context = P256Concurrency.Acquire();
            try
            {
                P256PublicKey key = context.Keys.Find(context.Engine, publicKey);
                if (!DecodeDer(derSignature, 0, derSignature.Length, context.DerScratch))
                {
                    return false;
                }

                return Verify(context, key, hash, 0, context.DerScratch, 0);
            }
            finally
            {
                P256Concurrency.Release(context);
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

            P256Context context = P256Concurrency.Acquire();
            try
            {
                return context.Engine.Verify(WithTables(context, key), hash, hashOffset, signature, signatureOffset, signatureOffset + 32);
            }
            finally
            {
                P256Concurrency.Release(context);
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

            P256Context context = P256Concurrency.Acquire();
            try
            {
                return VerifyDer(context, key, hash, hashOffset, der, derOffset, derLength);
            }
            finally
            {
                P256Concurrency.Release(context);
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
            SignHash(null, privateKey32, hash, signatureOut, offset);
        }

        /// <summary>
        /// As <see cref="SignHash(byte[], byte[], byte[], int)"/>, the RFC 6979 nonce DRBG run on the HMAC-SHA256 of
        /// <paramref name="hmac"/> (a board's native HMAC; null or <see cref="ManagedSymmetricCrypto"/>: ours). The
        /// signature is the same whichever HMAC computes it.
        /// </summary>
        public static void SignHash(ISymmetricCryptoProvider hmac, byte[] privateKey32, byte[] hash, byte[] signatureOut, int offset)
        {
            CheckHash(hash);
            CryptoException.CheckBuffer(signatureOut, offset, SignatureSize, "signatureOut");
            uint[] d = new uint[P256Field.Limbs];
            P256KeyPair.ReadPrivateKey(privateKey32, d);

            uint[] e = new uint[P256Field.Limbs];
            Rfc6979Nonce nonces = new Rfc6979Nonce(privateKey32, hash, hmac);

            // e = hash mod n (P-256 takes all 256 bits of SHA-256).
            P256Field.ReadBigEndian(e, hash, 0);
            P256Scalar.ReduceOnce(e, e);

            P256Context context = P256Concurrency.Acquire();
            try
            {
                context.ConstantTime.Sign(d, e, nonces, context.Engine.TableG, signatureOut, offset);
            }
            finally
            {
                P256Concurrency.Release(context);
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

        /// <summary>Validates the key bytes into <paramref name="key"/> (its tables are built on first verification).</summary>
        internal static void LoadKey(P256PublicKey key, byte[] data, int offset)
        {
            P256Context context = P256Concurrency.Acquire();
            try
            {
                context.Engine.ValidatePublicKey(data, offset, key.X, key.Y);
                key.SetEncoded(data, offset);
            }
            finally
            {
                P256Concurrency.Release(context);
            }
        }

        /// <summary>Raw r || s (64 bytes, checked by the caller) with a context already held; the key through its cache.</summary>
        internal static bool VerifyHash(P256Context context, byte[] publicKey, byte[] hash, byte[] signature)
        {
            return Verify(context, context.Keys.Find(context.Engine, publicKey), hash, 0, signature, 0);
        }

        /// <summary>A DER signature over hash[hashOffset .. +32) with a context already held.</summary>
        internal static bool VerifyDer(P256Context context, P256PublicKey key, byte[] hash, int hashOffset, byte[] der, int derOffset, int derLength)
        {
            if (!DecodeDer(der, derOffset, derLength, context.DerScratch))
            {
                return false;
            }

            return context.Engine.Verify(WithTables(context, key), hash, hashOffset, context.DerScratch, 0, 32);
        }

        /// <summary>
        /// The key with tables: its own; else the context's cached copy of the same point (the Root OCA key, say,
        /// that every device parses for itself); else, with a host's wide cache, a slot built for it; else its own,
        /// built now (allocated once per key) and remembered in the cache. Two threads meeting a new key at once may both build; each publishes a complete table.
        /// </summary>
        private static P256PublicKey WithTables(P256Context context, P256PublicKey key)
        {
            if (key.Table != null)
            {
                return key;
            }

            P256PublicKey cached = context.Keys.FindWithTables(key);
            if (cached != null)
            {
                return cached;
            }

            if (context.Keys.Wide)
            {
                return context.Keys.Build(context.Engine, key);
            }

            uint[] table = new uint[P256Engine.Pieces * P256Engine.PointsQ * P256Engine.AffineWords];
            context.Engine.BuildTables(key.X, key.Y, table, P256Engine.PointsQ);
            key.Table = table;
            context.Keys.Remember(key);
            return key;
        }

        /// <summary>Raw r || s with a key from the context's cache, with or without its tables.</summary>
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
