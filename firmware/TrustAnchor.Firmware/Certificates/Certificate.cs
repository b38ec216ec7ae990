using System;

namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>
    /// An X.509 v3 certificate read from DER without copying it: every field is a view (offset, length) into
    /// <see cref="Der"/>. The byte[] properties (EntityId, SubjectKeyId, ...) copy their few bytes on first use and
    /// cache them; the allocation-free alternatives are the *Offset/*Length views and the Equals helpers.
    /// Parsing checks structure only; whether the certificate meets a GBCS profile is <see cref="CertificateProfile"/>'s
    /// question, and whether it chains to the root is <see cref="CertificationPath"/>'s.
    /// </summary>
    /// <summary>
    /// An X.509 v3 certificate read from DER without copying it. The parser fills small read-only views into
    /// <see cref="Der"/>: <see cref="Issuer"/> and <see cref="Subject"/> names, the <see cref="SubjectPublicKeyInfo"/>,
    /// the <see cref="Validity"/>, the <see cref="Extensions"/> and the <see cref="Signature"/> (algorithm, value and
    /// the signed TBS range); nothing here can be set from outside the parser. The convenience properties below read
    /// through those views; the byte[] ones (EntityId, SubjectKeyId, ...) copy their few bytes on first use and cache
    /// them, the *Offset/*Length views and the Equals helpers do not allocate.
    /// Parsing checks structure only; whether the certificate meets a GBCS profile is <see cref="CertificateProfile"/>'s
    /// question, and whether it chains to the root is <see cref="CertificationPath"/>'s.
    /// </summary>
    public sealed class Certificate
    {
        // The views are made once per certificate and refilled by the parser, so a reused slot allocates nothing.
        private readonly CertificateName _issuer = new CertificateName();
        private readonly CertificateName _subject = new CertificateName();
        private readonly SubjectPublicKeyInfo _subjectPublicKeyInfo = new SubjectPublicKeyInfo();
        private readonly CertificateValidity _validity = new CertificateValidity();
        private readonly CertificateExtensions _extensions = new CertificateExtensions();
        private readonly CertificateSignature _signature = new CertificateSignature();

        private byte[] _der;
        private int _offset;
        private int _length;
        private int _version;
        private int _serialOffset;
        private int _serialLength;
        private bool _hasUniqueIdentifiers;

        private byte[] _entityId;
        private byte[] _subjectKeyId;
        private byte[] _authorityKeyId;
        private byte[] _publicKey;
        private byte[] _hardwareModuleSerial;
        private object _key;

        internal Certificate()
        {
        }

        /// <summary>Parses one DER certificate that fills the whole array.</summary>
        public static Certificate Parse(byte[] der)
        {
            if (der == null)
            {
                throw new CertificateFormatException(CertificateError.InvalidArgument, "certificate: no data (null)");
            }

            return CertificateParser.Parse(der, 0, der.Length, new Certificate());
        }

        /// <summary>Parses one DER certificate that fills exactly <paramref name="length"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        public static Certificate Parse(byte[] buffer, int offset, int length)
        {
            return CertificateParser.Parse(buffer, offset, length, new Certificate());
        }

        /// <summary>
        /// As <see cref="Parse(byte[], int, int)"/>, but fills <paramref name="reuse"/> (when not null) instead of allocating,
        /// so a device can keep a few certificate slots and parse every incoming certificate without heap churn.
        /// The reused object's previous contents are lost whether or not parsing succeeds; after a failure it is empty.
        /// Its view objects (<see cref="Subject"/>, <see cref="Extensions"/>, ...) are kept and refilled, so a view held
        /// from before shows the new certificate.
        /// </summary>
        public static Certificate Parse(byte[] buffer, int offset, int length, Certificate reuse)
        {
            if (reuse == null)
            {
                reuse = new Certificate();
            }
            else
            {
                reuse.Clear();
            }

            try
            {
                return CertificateParser.Parse(buffer, offset, length, reuse);
            }
            catch (CertificateFormatException)
            {
                reuse.Clear();
                throw;
            }
        }

        // ------------------------------------------------------------------ views

        /// <summary>The issuer Name.</summary>
        public CertificateName Issuer
        {
            get { return _issuer; }
        }

        /// <summary>The subject Name (empty for a GBCS Device certificate).</summary>
        public CertificateName Subject
        {
            get { return _subject; }
        }

        /// <summary>Key algorithm, curve and key octets.</summary>
        public SubjectPublicKeyInfo SubjectPublicKeyInfo
        {
            get { return _subjectPublicKeyInfo; }
        }

        /// <summary>notBefore and notAfter.</summary>
        public CertificateValidity Validity
        {
            get { return _validity; }
        }

        /// <summary>The extensions GBCS uses, and the critical ones it does not.</summary>
        public CertificateExtensions Extensions
        {
            get { return _extensions; }
        }

        /// <summary>The signed TBS range, both algorithm fields and the signature value.</summary>
        public CertificateSignature Signature
        {
            get { return _signature; }
        }

        // ------------------------------------------------------------------ whole certificate

        /// <summary>The array the views refer to.</summary>
        public byte[] Der
        {
            get { return _der; }
        }

        /// <summary>Offset and length of the certificate's own encoding in <see cref="Der"/>.</summary>
        public int Offset
        {
            get { return _offset; }
        }

        public int Length
        {
            get { return _length; }
        }

        /// <summary>1, 2 or 3.</summary>
        public int Version
        {
            get { return _version; }
        }

        /// <summary>The signed bytes: the whole TBSCertificate TLV.</summary>
        public int TbsOffset
        {
            get { return _signature.TbsOffset; }
        }

        public int TbsLength
        {
            get { return _signature.TbsLength; }
        }

        /// <summary>The signature value (DER ECDSA-Sig-Value for GBCS) inside the signature BIT STRING.</summary>
        public int SignatureOffset
        {
            get { return _signature.ValueOffset; }
        }

        public int SignatureLength
        {
            get { return _signature.ValueLength; }
        }

        /// <summary>serialNumber content octets (two's complement, as encoded).</summary>
        public int SerialNumberOffset
        {
            get { return _serialOffset; }
        }

        public int SerialNumberLength
        {
            get { return _serialLength; }
        }

        /// <summary>issuerUniqueID or subjectUniqueID present (GBCS certificates have neither).</summary>
        public bool HasUniqueIdentifiers
        {
            get { return _hasUniqueIdentifiers; }
        }

        /// <summary>True when the signature algorithm (inside and outside the TBS) is ecdsa-with-SHA256 without parameters.</summary>
        public bool IsEcdsaWithSha256
        {
            get { return _signature.IsEcdsaWithSha256; }
        }

        // ------------------------------------------------------------------ names

        /// <summary>Remote Party Role from the subject's two-hex-digit OU; -1 when absent or not two hex digits.</summary>
        public int RemotePartyRole
        {
            get { return _subject.Role; }
        }

        /// <summary>Remote Party Role from the issuer's OU (07 for an Issuing OCA); -1 when absent.</summary>
        public int IssuerRemotePartyRole
        {
            get { return _issuer.Role; }
        }

        /// <summary>Entity Identifier (subject x500UniqueIdentifier data octets, 8 for EUI-64); null when absent.</summary>
        public byte[] EntityId
        {
            get
            {
                if (_entityId == null && _subject.EntityIdCount > 0)
                {
                    _entityId = Copy(_subject.EntityIdOffset, _subject.EntityIdLength);
                }

                return _entityId;
            }
        }

        public bool HasEntityId
        {
            get { return _subject.EntityIdCount > 0; }
        }

        public int EntityIdOffset
        {
            get { return _subject.EntityIdOffset; }
        }

        public int EntityIdLength
        {
            get { return _subject.EntityIdLength; }
        }

        /// <summary>Subject common name content view (length 0 when absent); the string type is left to the caller.</summary>
        public int SubjectCommonNameOffset
        {
            get { return _subject.CommonNameOffset; }
        }

        public int SubjectCommonNameLength
        {
            get { return _subject.CommonNameLength; }
        }

        public bool HasSubjectCommonName
        {
            get { return _subject.CommonNameCount > 0; }
        }

        /// <summary>Issuer and subject Name TLVs.</summary>
        public int IssuerNameOffset
        {
            get { return _issuer.Offset; }
        }

        public int IssuerNameLength
        {
            get { return _issuer.Length; }
        }

        public int SubjectNameOffset
        {
            get { return _subject.Offset; }
        }

        public int SubjectNameLength
        {
            get { return _subject.Length; }
        }

        /// <summary>Number of attributes in the subject Name (0 for a GBCS Device certificate).</summary>
        public int SubjectAttributeCount
        {
            get { return _subject.AttributeCount; }
        }

        /// <summary>Issuer Name equals subject Name (byte for byte, which DER makes exact).</summary>
        public bool IsSelfIssued
        {
            get { return _issuer.Matches(_subject); }
        }

        // ------------------------------------------------------------------ validity

        public DateTime NotBefore
        {
            get { return _validity.NotBefore; }
        }

        /// <summary>notAfter; 99991231235959Z reads as DateTime.MaxValue on nanoFramework (whose DateTime ends in 3000).</summary>
        public DateTime NotAfter
        {
            get { return _validity.NotAfter; }
        }

        // ------------------------------------------------------------------ key

        /// <summary>subjectPublicKey octets (65, 04||X||Y, for a GBCS certificate).</summary>
        public byte[] PublicKey
        {
            get
            {
                if (_publicKey == null)
                {
                    _publicKey = Copy(_subjectPublicKeyInfo.KeyOffset, _subjectPublicKeyInfo.KeyLength);
                }

                return _publicKey;
            }
        }

        public int PublicKeyOffset
        {
            get { return _subjectPublicKeyInfo.KeyOffset; }
        }

        public int PublicKeyLength
        {
            get { return _subjectPublicKeyInfo.KeyLength; }
        }

        /// <summary>True when the key equals <paramref name="key"/>[offset..offset+length).</summary>
        public bool PublicKeyEquals(byte[] key, int offset, int length)
        {
            return _subjectPublicKeyInfo.KeyEquals(key, offset, length);
        }

        public bool PublicKeyEquals(byte[] key)
        {
            return key != null && PublicKeyEquals(key, 0, key.Length);
        }

        /// <summary>
        /// The subject public key parsed and validated for verification (cached). Throws
        /// <see cref="Crypto.InvalidPublicKeyException"/> when it is not an uncompressed P-256 point.
        /// </summary>
        public Crypto.P256PublicKey Key
        {
            get
            {
                if (_key == null)
                {
                    int keyLength = _subjectPublicKeyInfo.KeyLength;
                    if (keyLength != Crypto.P256PublicKey.EncodedLength)
                    {
                        throw new Crypto.InvalidPublicKeyException(Crypto.CryptoError.PublicKeyWrongLength,
                            "certificate public key is " + keyLength.ToString() + " bytes, not a 65-byte uncompressed point");
                    }

                    _key = Crypto.P256PublicKey.Parse(_der, _subjectPublicKeyInfo.KeyOffset);
                }

                return (Crypto.P256PublicKey)_key;
            }
        }

        // ------------------------------------------------------------------ extensions

        /// <summary>subjectKeyIdentifier octets (8 for GBCS); null when absent.</summary>
        public byte[] SubjectKeyId
        {
            get
            {
                if (_subjectKeyId == null && _extensions.HasSubjectKeyId)
                {
                    _subjectKeyId = Copy(_extensions.SubjectKeyIdOffset, _extensions.SubjectKeyIdLength);
                }

                return _subjectKeyId;
            }
        }

        public bool HasSubjectKeyId
        {
            get { return _extensions.HasSubjectKeyId; }
        }

        public int SubjectKeyIdOffset
        {
            get { return _extensions.SubjectKeyIdOffset; }
        }

        public int SubjectKeyIdLength
        {
            get { return _extensions.SubjectKeyIdLength; }
        }

        public bool SubjectKeyIdEquals(byte[] keyId, int offset, int length)
        {
            return _extensions.SubjectKeyIdEquals(keyId, offset, length);
        }

        public bool SubjectKeyIdEquals(byte[] keyId)
        {
            return keyId != null && SubjectKeyIdEquals(keyId, 0, keyId.Length);
        }

        /// <summary>authorityKeyIdentifier keyIdentifier octets (8 for GBCS); null when absent.</summary>
        public byte[] AuthorityKeyId
        {
            get
            {
                if (_authorityKeyId == null && _extensions.HasAuthorityKeyId)
                {
                    _authorityKeyId = Copy(_extensions.AuthorityKeyIdOffset, _extensions.AuthorityKeyIdLength);
                }

                return _authorityKeyId;
            }
        }

        public bool HasAuthorityKeyId
        {
            get { return _extensions.HasAuthorityKeyId; }
        }

        public int AuthorityKeyIdOffset
        {
            get { return _extensions.AuthorityKeyIdOffset; }
        }

        public int AuthorityKeyIdLength
        {
            get { return _extensions.AuthorityKeyIdLength; }
        }

        public bool AuthorityKeyIdEquals(byte[] keyId, int offset, int length)
        {
            return _extensions.AuthorityKeyIdEquals(keyId, offset, length);
        }

        /// <summary>keyUsage flags (<see cref="KeyUsageBits"/>); 0 when the extension is absent (see <see cref="HasKeyUsageExtension"/>).</summary>
        public int KeyUsage
        {
            get { return _extensions.KeyUsage; }
        }

        public bool HasKeyUsageExtension
        {
            get { return _extensions.HasKeyUsage; }
        }

        /// <summary>basicConstraints cA.</summary>
        public bool IsCa
        {
            get { return _extensions.IsCa; }
        }

        /// <summary>basicConstraints pathLenConstraint, -1 when absent.</summary>
        public int PathLength
        {
            get { return _extensions.PathLength; }
        }

        /// <summary>Number of policies in certificatePolicies (0 when absent).</summary>
        public int PolicyCount
        {
            get { return _extensions.PolicyCount; }
        }

        /// <summary>True when certificatePolicies holds the policy whose content octets are <paramref name="encodedOid"/>.</summary>
        public bool HasPolicy(byte[] encodedOid)
        {
            return _extensions.HasPolicy(encodedOid);
        }

        /// <summary>Device certificates: hardwareModuleName hwSerialNum (the device's EUI-64); null otherwise.</summary>
        public byte[] HardwareModuleSerial
        {
            get
            {
                if (_hardwareModuleSerial == null && _extensions.HasHardwareModuleName)
                {
                    _hardwareModuleSerial = Copy(_extensions.HardwareSerialOffset, _extensions.HardwareSerialLength);
                }

                return _hardwareModuleSerial;
            }
        }

        // ------------------------------------------------------------------ parser only

        /// <summary>Forgets everything (for reuse by <see cref="Parse(byte[], int, int, Certificate)"/>); keeps the view objects.</summary>
        private void Clear()
        {
            _der = null;
            _offset = 0;
            _length = 0;
            _version = 0;
            _serialOffset = 0;
            _serialLength = 0;
            _hasUniqueIdentifiers = false;
            _issuer.Reset();
            _subject.Reset();
            _subjectPublicKeyInfo.Reset();
            _validity.Reset();
            _extensions.Reset();
            _signature.Reset();
            _entityId = null;
            _subjectKeyId = null;
            _authorityKeyId = null;
            _publicKey = null;
            _hardwareModuleSerial = null;
            _key = null;
        }

        internal void SetEncoding(byte[] der, int offset, int length)
        {
            _der = der;
            _offset = offset;
            _length = length;
        }

        internal void SetVersion(int version)
        {
            _version = version;
        }

        internal void SetSerialNumber(int offset, int length)
        {
            _serialOffset = offset;
            _serialLength = length;
        }

        internal void MarkUniqueIdentifiers()
        {
            _hasUniqueIdentifiers = true;
        }

        /// <summary>Parsed key cached by <see cref="Key"/> (kept as object so this file does not depend on its type).</summary>
        internal object CachedKey
        {
            get { return _key; }
        }

        private byte[] Copy(int offset, int length)
        {
            byte[] copy = new byte[length];
            Array.Copy(_der, offset, copy, 0, length);
            return copy;
        }
    }
}
