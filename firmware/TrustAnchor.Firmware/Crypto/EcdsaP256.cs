using System;
using System.Threading;

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
    /// The byte[]-key overloads keep the last key they parsed, so repeated checks against the same anchor key
    /// skip its validation and table building.
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
        private static byte[] _derScratch;

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
                        + P256PublicKey.EncodedLength + 2 * 4 * P256Field.Limbs;
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
                return _engine.Verify(CachedKey(publicKey), hash, 0, signature, 0, 32);
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
                P256PublicKey key = CachedKey(publicKey);
                if (!DecodeDer(derSignature, 0, derSignature.Length, _derScratch))
                {
                    return false;
                }

                return _engine.Verify(key, hash, 0, _derScratch, 0, 32);
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
                return _engine.Verify(key, hash, hashOffset, signature, signatureOffset, signatureOffset + 32);
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

                return _engine.Verify(key, hash, hashOffset, _derScratch, 0, 32);
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
        /// Strict DER decoding of ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } into r || s (32 bytes
        /// each, big-endian, left-padded) in out64. False for anything that is not the one DER encoding:
        /// wrong tags, long-form or indefinite lengths (the largest valid signature is 72 bytes, so a long form
        /// is never minimal), lengths that overrun or leave trailing bytes, empty, negative or non-minimal
        /// INTEGERs, magnitudes above 32 bytes. (Range checks on the values come later.)
        /// </summary>
        internal static bool DecodeDer(byte[] der, int offset, int length, byte[] out64)
        {
            int end = offset + length;
            int pos = offset;
            if (length < 2 || der[pos] != 0x30)
            {
                return false;
            }

            int sequenceLength = der[pos + 1];
            pos += 2;
            if (sequenceLength >= 0x80 || sequenceLength != end - pos)
            {
                return false;
            }

            pos = DecodeInteger(der, pos, end, out64, 0);
            if (pos < 0)
            {
                return false;
            }

            pos = DecodeInteger(der, pos, end, out64, 32);
            return pos == end;
        }

        /// <summary>Reads one INTEGER at pos; returns the position after it or -1.</summary>
        private static int DecodeInteger(byte[] der, int pos, int end, byte[] out64, int outOffset)
        {
            if (end - pos < 2 || der[pos] != 0x02)
            {
                return -1;
            }

            int length = der[pos + 1];
            pos += 2;
            if (length == 0 || length >= 0x80 || length > end - pos)
            {
                return -1;
            }

            int first = der[pos];
            if ((first & 0x80) != 0)
            {
                return -1; // negative
            }

            if (first == 0 && length > 1 && (der[pos + 1] & 0x80) == 0)
            {
                return -1; // a leading zero that is not needed for the sign: not minimal
            }

            int magnitudeOffset = pos;
            int magnitudeLength = length;
            if (first == 0 && length > 1)
            {
                magnitudeOffset++;
                magnitudeLength--;
            }

            if (magnitudeLength > 32)
            {
                return -1;
            }

            Array.Clear(out64, outOffset, 32);
            Array.Copy(der, magnitudeOffset, out64, outOffset + 32 - magnitudeLength, magnitudeLength);
            return pos + length;
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
            _engine.BuildTables(key.X, key.Y, key.Table, P256Engine.PointsQ);
            key.SetEncoded(data, offset);
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

        private static P256PublicKey CachedKey(byte[] publicKey)
        {
            if (_cachedKeyValid && _cachedKey.Equals(publicKey, 0))
            {
                return _cachedKey;
            }

            _cachedKeyValid = false;
            LoadKeyLocked(_cachedKey, publicKey, 0);
            _cachedKeyValid = true;
            return _cachedKey;
        }

        private static void EnsureInitialised()
        {
            if (_engine == null)
            {
                _engine = new P256Engine();
                _cachedKey = new P256PublicKey();
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
