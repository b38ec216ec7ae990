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
    public sealed class Certificate
    {
        // Filled by CertificateParser. Offsets are into Der.
        internal byte[] DerBuffer;
        internal int CertOffset;
        internal int CertLength;
        internal int VersionNumber;
        internal int SerialOff;
        internal int SerialLen;
        internal int TbsOff;
        internal int TbsLen;
        internal int TbsSigAlgOff;      // whole AlgorithmIdentifier TLV
        internal int TbsSigAlgLen;
        internal int TbsSigAlgOidOff;
        internal int TbsSigAlgOidLen;
        internal bool TbsSigAlgHasParameters;
        internal int SigAlgOff;
        internal int SigAlgLen;
        internal int SigAlgOidOff;
        internal int SigAlgOidLen;
        internal bool SigAlgHasParameters;
        internal int SignatureOff;
        internal int SignatureLen;
        internal NameFields Issuer;
        internal NameFields Subject;
        internal DateTime NotBeforeTime;
        internal DateTime NotAfterTime;
        internal int NotBeforeTag;
        internal int NotAfterTag;
        internal int NotAfterValueOff;
        internal int NotAfterValueLen;
        internal int KeyAlgOidOff;
        internal int KeyAlgOidLen;
        internal int KeyParamsTag;      // 0 when absent
        internal int KeyParamsOff;      // content of the parameters element
        internal int KeyParamsLen;
        internal int KeyOff;
        internal int KeyLen;
        internal bool HasUniqueIds;

        internal int ExtensionCount;
        internal bool HasSki;
        internal bool SkiCritical;
        internal int SkiOff;
        internal int SkiLen;
        internal bool HasAki;
        internal bool AkiCritical;
        internal bool AkiHasKeyId;
        internal bool AkiHasIssuerOrSerial;
        internal int AkiOff;
        internal int AkiLen;
        internal bool HasKeyUsage;
        internal bool KeyUsageCritical;
        internal int KeyUsageFlags;
        internal bool HasBasicConstraints;
        internal bool BasicConstraintsCritical;
        internal bool Ca;
        internal int PathLen = -1;
        internal bool HasPolicies;
        internal bool PoliciesCritical;
        internal int PolicyTotal;
        internal int PoliciesOff;       // content of the SEQUENCE OF PolicyInformation
        internal int PoliciesLen;
        internal bool HasSubjectAltName;
        internal bool SubjectAltNameCritical;
        internal int SubjectAltNameCount;
        internal bool HasHardwareModuleName;
        internal int HardwareTypeOff;
        internal int HardwareTypeLen;
        internal int HardwareSerialOff;
        internal int HardwareSerialLen;
        internal int UnknownCriticalCount;
        internal int FirstUnknownCriticalOidOff;
        internal int FirstUnknownCriticalOidLen;

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

        // ------------------------------------------------------------------ whole certificate

        /// <summary>The array the views refer to.</summary>
        public byte[] Der
        {
            get { return DerBuffer; }
        }

        /// <summary>Offset and length of the certificate's own encoding in <see cref="Der"/>.</summary>
        public int Offset
        {
            get { return CertOffset; }
        }

        public int Length
        {
            get { return CertLength; }
        }

        /// <summary>1, 2 or 3.</summary>
        public int Version
        {
            get { return VersionNumber; }
        }

        /// <summary>The signed bytes: the whole TBSCertificate TLV.</summary>
        public int TbsOffset
        {
            get { return TbsOff; }
        }

        public int TbsLength
        {
            get { return TbsLen; }
        }

        /// <summary>The signature value (DER ECDSA-Sig-Value for GBCS) inside the signature BIT STRING.</summary>
        public int SignatureOffset
        {
            get { return SignatureOff; }
        }

        public int SignatureLength
        {
            get { return SignatureLen; }
        }

        /// <summary>serialNumber content octets (two's complement, as encoded).</summary>
        public int SerialNumberOffset
        {
            get { return SerialOff; }
        }

        public int SerialNumberLength
        {
            get { return SerialLen; }
        }

        /// <summary>True when the signature algorithm (inside and outside the TBS) is ecdsa-with-SHA256 without parameters.</summary>
        public bool IsEcdsaWithSha256
        {
            get
            {
                return !TbsSigAlgHasParameters && !SigAlgHasParameters
                    && Asn1.Oids.Matches(Asn1.Oids.EcdsaWithSha256, DerBuffer, TbsSigAlgOidOff, TbsSigAlgOidLen)
                    && Asn1.Oids.Matches(Asn1.Oids.EcdsaWithSha256, DerBuffer, SigAlgOidOff, SigAlgOidLen);
            }
        }

        // ------------------------------------------------------------------ names

        /// <summary>Remote Party Role from the subject's two-hex-digit OU; -1 when absent or not two hex digits.</summary>
        public int RemotePartyRole
        {
            get { return Subject.Role; }
        }

        /// <summary>Remote Party Role from the issuer's OU (07 for an Issuing OCA); -1 when absent.</summary>
        public int IssuerRemotePartyRole
        {
            get { return Issuer.Role; }
        }

        /// <summary>Entity Identifier (subject x500UniqueIdentifier data octets, 8 for EUI-64); null when absent.</summary>
        public byte[] EntityId
        {
            get
            {
                if (_entityId == null && Subject.EntityIdCount > 0)
                {
                    _entityId = Copy(Subject.EntityIdOffset, Subject.EntityIdLength);
                }

                return _entityId;
            }
        }

        public bool HasEntityId
        {
            get { return Subject.EntityIdCount > 0; }
        }

        public int EntityIdOffset
        {
            get { return Subject.EntityIdOffset; }
        }

        public int EntityIdLength
        {
            get { return Subject.EntityIdLength; }
        }

        /// <summary>Subject common name content view (length 0 when absent); the string type is left to the caller.</summary>
        public int SubjectCommonNameOffset
        {
            get { return Subject.CommonNameOffset; }
        }

        public int SubjectCommonNameLength
        {
            get { return Subject.CommonNameLength; }
        }

        public bool HasSubjectCommonName
        {
            get { return Subject.CommonNameCount > 0; }
        }

        /// <summary>Issuer and subject Name TLVs.</summary>
        public int IssuerNameOffset
        {
            get { return Issuer.Offset; }
        }

        public int IssuerNameLength
        {
            get { return Issuer.Length; }
        }

        public int SubjectNameOffset
        {
            get { return Subject.Offset; }
        }

        public int SubjectNameLength
        {
            get { return Subject.Length; }
        }

        /// <summary>Number of attributes in the subject Name (0 for a GBCS Device certificate).</summary>
        public int SubjectAttributeCount
        {
            get { return Subject.AttributeCount; }
        }

        /// <summary>Issuer Name equals subject Name (byte for byte, which DER makes exact).</summary>
        public bool IsSelfIssued
        {
            get { return Bytes.Equal(DerBuffer, Issuer.Offset, Issuer.Length, DerBuffer, Subject.Offset, Subject.Length); }
        }

        // ------------------------------------------------------------------ validity

        public DateTime NotBefore
        {
            get { return NotBeforeTime; }
        }

        /// <summary>notAfter; 99991231235959Z reads as DateTime.MaxValue on nanoFramework (whose DateTime ends in 3000).</summary>
        public DateTime NotAfter
        {
            get { return NotAfterTime; }
        }

        // ------------------------------------------------------------------ key

        /// <summary>subjectPublicKey octets (65, 04||X||Y, for a GBCS certificate).</summary>
        public byte[] PublicKey
        {
            get
            {
                if (_publicKey == null)
                {
                    _publicKey = Copy(KeyOff, KeyLen);
                }

                return _publicKey;
            }
        }

        public int PublicKeyOffset
        {
            get { return KeyOff; }
        }

        public int PublicKeyLength
        {
            get { return KeyLen; }
        }

        /// <summary>True when the key equals <paramref name="key"/>[offset..offset+length).</summary>
        public bool PublicKeyEquals(byte[] key, int offset, int length)
        {
            return Bytes.Equal(DerBuffer, KeyOff, KeyLen, key, offset, length);
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
                    if (KeyLen != Crypto.P256PublicKey.EncodedLength)
                    {
                        throw new Crypto.InvalidPublicKeyException(Crypto.CryptoError.PublicKeyWrongLength,
                            "certificate public key is " + KeyLen.ToString() + " bytes, not a 65-byte uncompressed point");
                    }

                    _key = Crypto.P256PublicKey.Parse(DerBuffer, KeyOff);
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
                if (_subjectKeyId == null && HasSki)
                {
                    _subjectKeyId = Copy(SkiOff, SkiLen);
                }

                return _subjectKeyId;
            }
        }

        public bool HasSubjectKeyId
        {
            get { return HasSki; }
        }

        public int SubjectKeyIdOffset
        {
            get { return SkiOff; }
        }

        public int SubjectKeyIdLength
        {
            get { return SkiLen; }
        }

        public bool SubjectKeyIdEquals(byte[] keyId, int offset, int length)
        {
            return HasSki && Bytes.Equal(DerBuffer, SkiOff, SkiLen, keyId, offset, length);
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
                if (_authorityKeyId == null && AkiHasKeyId)
                {
                    _authorityKeyId = Copy(AkiOff, AkiLen);
                }

                return _authorityKeyId;
            }
        }

        public bool HasAuthorityKeyId
        {
            get { return AkiHasKeyId; }
        }

        public int AuthorityKeyIdOffset
        {
            get { return AkiOff; }
        }

        public int AuthorityKeyIdLength
        {
            get { return AkiLen; }
        }

        public bool AuthorityKeyIdEquals(byte[] keyId, int offset, int length)
        {
            return AkiHasKeyId && Bytes.Equal(DerBuffer, AkiOff, AkiLen, keyId, offset, length);
        }

        /// <summary>keyUsage flags (<see cref="KeyUsageBits"/>); 0 when the extension is absent (see <see cref="HasKeyUsageExtension"/>).</summary>
        public int KeyUsage
        {
            get { return KeyUsageFlags; }
        }

        public bool HasKeyUsageExtension
        {
            get { return HasKeyUsage; }
        }

        /// <summary>basicConstraints cA.</summary>
        public bool IsCa
        {
            get { return Ca; }
        }

        /// <summary>basicConstraints pathLenConstraint, -1 when absent.</summary>
        public int PathLength
        {
            get { return PathLen; }
        }

        /// <summary>Number of policies in certificatePolicies (0 when absent).</summary>
        public int PolicyCount
        {
            get { return PolicyTotal; }
        }

        /// <summary>True when certificatePolicies holds the policy whose content octets are <paramref name="encodedOid"/>.</summary>
        public bool HasPolicy(byte[] encodedOid)
        {
            if (!HasPolicies)
            {
                return false;
            }

            // Structure was validated by the parser, so this walk cannot fail.
            Asn1.DerReader policies = new Asn1.DerReader(DerBuffer, PoliciesOff, PoliciesLen);
            while (policies.HasData)
            {
                Asn1.DerReader info = policies.ReadSequence();
                if (info.ReadObjectIdentifierEquals(encodedOid))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Device certificates: hardwareModuleName hwSerialNum (the device's EUI-64); null otherwise.</summary>
        public byte[] HardwareModuleSerial
        {
            get
            {
                if (_hardwareModuleSerial == null && HasHardwareModuleName)
                {
                    _hardwareModuleSerial = Copy(HardwareSerialOff, HardwareSerialLen);
                }

                return _hardwareModuleSerial;
            }
        }

        // ------------------------------------------------------------------ internals

        /// <summary>Forgets everything (for reuse by <see cref="Parse(byte[], int, int, Certificate)"/>).</summary>
        private void Clear()
        {
            DerBuffer = null;
            CertOffset = 0;
            CertLength = 0;
            VersionNumber = 0;
            SerialOff = 0;
            SerialLen = 0;
            TbsOff = 0;
            TbsLen = 0;
            TbsSigAlgOff = 0;
            TbsSigAlgLen = 0;
            TbsSigAlgOidOff = 0;
            TbsSigAlgOidLen = 0;
            TbsSigAlgHasParameters = false;
            SigAlgOff = 0;
            SigAlgLen = 0;
            SigAlgOidOff = 0;
            SigAlgOidLen = 0;
            SigAlgHasParameters = false;
            SignatureOff = 0;
            SignatureLen = 0;
            Issuer = default(NameFields);
            Issuer.Role = -1;
            Subject = default(NameFields);
            Subject.Role = -1;
            NotBeforeTime = default(DateTime);
            NotAfterTime = default(DateTime);
            NotBeforeTag = 0;
            NotAfterTag = 0;
            NotAfterValueOff = 0;
            NotAfterValueLen = 0;
            KeyAlgOidOff = 0;
            KeyAlgOidLen = 0;
            KeyParamsTag = 0;
            KeyParamsOff = 0;
            KeyParamsLen = 0;
            KeyOff = 0;
            KeyLen = 0;
            HasUniqueIds = false;
            ExtensionCount = 0;
            HasSki = false;
            SkiCritical = false;
            SkiOff = 0;
            SkiLen = 0;
            HasAki = false;
            AkiCritical = false;
            AkiHasKeyId = false;
            AkiHasIssuerOrSerial = false;
            AkiOff = 0;
            AkiLen = 0;
            HasKeyUsage = false;
            KeyUsageCritical = false;
            KeyUsageFlags = 0;
            HasBasicConstraints = false;
            BasicConstraintsCritical = false;
            Ca = false;
            PathLen = -1;
            HasPolicies = false;
            PoliciesCritical = false;
            PolicyTotal = 0;
            PoliciesOff = 0;
            PoliciesLen = 0;
            HasSubjectAltName = false;
            SubjectAltNameCritical = false;
            SubjectAltNameCount = 0;
            HasHardwareModuleName = false;
            HardwareTypeOff = 0;
            HardwareTypeLen = 0;
            HardwareSerialOff = 0;
            HardwareSerialLen = 0;
            UnknownCriticalCount = 0;
            FirstUnknownCriticalOidOff = 0;
            FirstUnknownCriticalOidLen = 0;
            _entityId = null;
            _subjectKeyId = null;
            _authorityKeyId = null;
            _publicKey = null;
            _hardwareModuleSerial = null;
            _key = null;
        }

        /// <summary>Parsed key cached by the crypto layer (kept as object so this file does not depend on its type).</summary>
        internal object CachedKey
        {
            get { return _key; }
            set { _key = value; }
        }

        private byte[] Copy(int offset, int length)
        {
            byte[] copy = new byte[length];
            Array.Copy(DerBuffer, offset, copy, 0, length);
            return copy;
        }
    }
}
