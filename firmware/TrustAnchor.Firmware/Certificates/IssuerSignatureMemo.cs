using System;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>
    /// Remembers that an exact certification-path certificate (the Issuing OCA: SHA-256 of its whole DER and its
    /// length) carried a signature that verified under an exact Root OCA key (all 65 bytes), so that a CS02b
    /// replacing several cells verifies the Issuing OCA once instead of once per certificate. Only the signature
    /// outcome is remembered: every structural and time check still runs on every validation, and any other
    /// certificate bytes or root key misses and is verified again. Failures are never remembered.
    /// Fixed memory (a few entries, oldest replaced first), allocated once. Used by
    /// <see cref="CertificationPath.Validate(Certificate, Certificate[], P256PublicKey, byte[], bool, DateTime, IssuerSignatureMemo, out int)"/>
    /// under its lock; give each device its own memo.
    /// </summary>
    public sealed class IssuerSignatureMemo
    {
        /// <summary>A device holds one root and, in practice, one or two Issuing OCAs at a time.</summary>
        public const int DefaultEntries = 2;

        /// <summary>Upper bound on entries, so that a memo's memory stays small on a device.</summary>
        public const int MaxEntries = 8;

        private const int DigestSize = Sha256.HashSize;
        private const int KeySize = P256PublicKey.EncodedLength;

        private readonly byte[] _digests;
        private readonly int[] _lengths;
        private readonly byte[] _rootKeys;
        private readonly bool[] _used;
        private int _next;

        /// <summary>A memo of <see cref="DefaultEntries"/> entries.</summary>
        public IssuerSignatureMemo()
            : this(DefaultEntries)
        {
        }

        /// <summary>A memo of 1 to <see cref="MaxEntries"/> entries.</summary>
        public IssuerSignatureMemo(int entries)
        {
            if (entries < 1 || entries > MaxEntries)
            {
                throw new CertificateFormatException(CertificateError.InvalidArgument,
                    "an issuer signature memo holds 1 to " + MaxEntries.ToString() + " entries, not " + entries.ToString());
            }

            _digests = new byte[entries * DigestSize];
            _lengths = new int[entries];
            _rootKeys = new byte[entries * KeySize];
            _used = new bool[entries];
        }

        /// <summary>Number of entries this memo can hold.</summary>
        public int Capacity
        {
            get { return _used.Length; }
        }

        /// <summary>Number of entries in use.</summary>
        public int Count
        {
            get
            {
                int count = 0;
                for (int i = 0; i < _used.Length; i++)
                {
                    if (_used[i])
                    {
                        count++;
                    }
                }

                return count;
            }
        }

        /// <summary>Forgets everything (e.g. after a root replacement, although entries for another root never match).</summary>
        public void Clear()
        {
            for (int i = 0; i < _used.Length; i++)
            {
                _used[i] = false;
                _lengths[i] = 0;
            }

            Array.Clear(_digests, 0, _digests.Length);
            Array.Clear(_rootKeys, 0, _rootKeys.Length);
            _next = 0;
        }

        /// <summary>True when a certificate with this whole-DER digest and length verified under exactly rootKey.</summary>
        internal bool Contains(byte[] digest, int digestOffset, int derLength, P256PublicKey rootKey)
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && _lengths[i] == derLength
                    && Bytes.Equal(_digests, i * DigestSize, DigestSize, digest, digestOffset, DigestSize)
                    && rootKey.Equals(_rootKeys, i * KeySize))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Records a verified signature, replacing the oldest entry when full.</summary>
        internal void Add(byte[] digest, int digestOffset, int derLength, P256PublicKey rootKey)
        {
            if (Contains(digest, digestOffset, derLength, rootKey))
            {
                return;
            }

            int slot = _next;
            _next = (_next + 1) % _used.Length;
            Array.Copy(digest, digestOffset, _digests, slot * DigestSize, DigestSize);
            rootKey.CopyTo(_rootKeys, slot * KeySize);
            _lengths[slot] = derLength;
            _used[slot] = true;
        }
    }
}
