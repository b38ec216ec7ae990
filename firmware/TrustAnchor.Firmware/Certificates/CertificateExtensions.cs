namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>
    /// The extensions GBCS uses, decoded and validated at parse time, as read-only values and views into the
    /// certificate's DER: subjectKeyIdentifier, authorityKeyIdentifier, keyUsage, basicConstraints, certificatePolicies,
    /// subjectAltName (with its hardwareModuleName otherName) and the critical extensions outside that set (counted,
    /// the first one's OID kept). Filled by <see cref="CertificateParser"/> only.
    /// </summary>
    public sealed class CertificateExtensions
    {
        private byte[] _der;
        private int _count;

        private bool _hasSubjectKeyId;
        private bool _subjectKeyIdCritical;
        private int _subjectKeyIdOffset;
        private int _subjectKeyIdLength;

        private bool _hasAuthorityKeyIdExtension;
        private bool _authorityKeyIdCritical;
        private bool _hasAuthorityKeyId;
        private bool _authorityKeyIdHasIssuerOrSerial;
        private int _authorityKeyIdOffset;
        private int _authorityKeyIdLength;

        private bool _hasKeyUsage;
        private bool _keyUsageCritical;
        private int _keyUsage;

        private bool _hasBasicConstraints;
        private bool _basicConstraintsCritical;
        private bool _isCa;
        private int _pathLength = -1;

        private bool _hasPolicies;
        private bool _policiesCritical;
        private int _policyCount;
        private int _policiesOffset;
        private int _policiesLength;

        private bool _hasSubjectAltName;
        private bool _subjectAltNameCritical;
        private int _subjectAltNameCount;
        private bool _hasHardwareModuleName;
        private int _hardwareTypeOffset;
        private int _hardwareTypeLength;
        private int _hardwareSerialOffset;
        private int _hardwareSerialLength;

        private int _unknownCriticalCount;
        private int _firstUnknownCriticalOidOffset;
        private int _firstUnknownCriticalOidLength;

        internal CertificateExtensions()
        {
        }

        /// <summary>The array the offsets refer to (the certificate's <see cref="Certificate.Der"/>); null without extensions.</summary>
        public byte[] Der
        {
            get { return _der; }
        }

        /// <summary>Extensions in the certificate, known or not.</summary>
        public int Count
        {
            get { return _count; }
        }

        // ------------------------------------------------------------------ subjectKeyIdentifier

        public bool HasSubjectKeyId
        {
            get { return _hasSubjectKeyId; }
        }

        public bool SubjectKeyIdCritical
        {
            get { return _subjectKeyIdCritical; }
        }

        /// <summary>The key identifier octets (8 for GBCS).</summary>
        public int SubjectKeyIdOffset
        {
            get { return _subjectKeyIdOffset; }
        }

        public int SubjectKeyIdLength
        {
            get { return _subjectKeyIdLength; }
        }

        public bool SubjectKeyIdEquals(byte[] keyId, int offset, int length)
        {
            return _hasSubjectKeyId && Bytes.Equal(_der, _subjectKeyIdOffset, _subjectKeyIdLength, keyId, offset, length);
        }

        // ------------------------------------------------------------------ authorityKeyIdentifier

        /// <summary>The authorityKeyIdentifier extension is present (with or without a keyIdentifier).</summary>
        public bool HasAuthorityKeyIdExtension
        {
            get { return _hasAuthorityKeyIdExtension; }
        }

        public bool AuthorityKeyIdCritical
        {
            get { return _authorityKeyIdCritical; }
        }

        /// <summary>The extension holds a [0] keyIdentifier.</summary>
        public bool HasAuthorityKeyId
        {
            get { return _hasAuthorityKeyId; }
        }

        /// <summary>The extension holds [1] authorityCertIssuer or [2] authorityCertSerialNumber (GBCS has neither).</summary>
        public bool AuthorityKeyIdHasIssuerOrSerial
        {
            get { return _authorityKeyIdHasIssuerOrSerial; }
        }

        /// <summary>The [0] keyIdentifier octets (8 for GBCS).</summary>
        public int AuthorityKeyIdOffset
        {
            get { return _authorityKeyIdOffset; }
        }

        public int AuthorityKeyIdLength
        {
            get { return _authorityKeyIdLength; }
        }

        public bool AuthorityKeyIdEquals(byte[] keyId, int offset, int length)
        {
            return _hasAuthorityKeyId && Bytes.Equal(_der, _authorityKeyIdOffset, _authorityKeyIdLength, keyId, offset, length);
        }

        // ------------------------------------------------------------------ keyUsage

        public bool HasKeyUsage
        {
            get { return _hasKeyUsage; }
        }

        public bool KeyUsageCritical
        {
            get { return _keyUsageCritical; }
        }

        /// <summary>keyUsage flags (<see cref="KeyUsageBits"/>); 0 when absent.</summary>
        public int KeyUsage
        {
            get { return _keyUsage; }
        }

        // ------------------------------------------------------------------ basicConstraints

        public bool HasBasicConstraints
        {
            get { return _hasBasicConstraints; }
        }

        public bool BasicConstraintsCritical
        {
            get { return _basicConstraintsCritical; }
        }

        /// <summary>basicConstraints cA (false when absent).</summary>
        public bool IsCa
        {
            get { return _isCa; }
        }

        /// <summary>pathLenConstraint, -1 when absent.</summary>
        public int PathLength
        {
            get { return _pathLength; }
        }

        // ------------------------------------------------------------------ certificatePolicies

        public bool HasPolicies
        {
            get { return _hasPolicies; }
        }

        public bool PoliciesCritical
        {
            get { return _policiesCritical; }
        }

        /// <summary>Policies in certificatePolicies (0 when absent).</summary>
        public int PolicyCount
        {
            get { return _policyCount; }
        }

        /// <summary>Content of the SEQUENCE OF PolicyInformation.</summary>
        public int PoliciesOffset
        {
            get { return _policiesOffset; }
        }

        public int PoliciesLength
        {
            get { return _policiesLength; }
        }

        /// <summary>True when certificatePolicies holds the policy whose content octets are <paramref name="encodedOid"/>.</summary>
        public bool HasPolicy(byte[] encodedOid)
        {
            if (!_hasPolicies)
            {
                return false;
            }

            // Structure was validated by the parser, so this walk cannot fail.
            Asn1.DerReader policies = new Asn1.DerReader(_der, _policiesOffset, _policiesLength);
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

        // ------------------------------------------------------------------ subjectAltName

        public bool HasSubjectAltName
        {
            get { return _hasSubjectAltName; }
        }

        public bool SubjectAltNameCritical
        {
            get { return _subjectAltNameCritical; }
        }

        /// <summary>GeneralNames in subjectAltName (a GBCS Device certificate has exactly one).</summary>
        public int SubjectAltNameCount
        {
            get { return _subjectAltNameCount; }
        }

        /// <summary>subjectAltName holds an otherName hardwareModuleName (RFC 4108); the views below are the first one's.</summary>
        public bool HasHardwareModuleName
        {
            get { return _hasHardwareModuleName; }
        }

        /// <summary>Content octets of the hwType OID.</summary>
        public int HardwareTypeOffset
        {
            get { return _hardwareTypeOffset; }
        }

        public int HardwareTypeLength
        {
            get { return _hardwareTypeLength; }
        }

        /// <summary>hwSerialNum octets (the device's EUI-64 for GBCS).</summary>
        public int HardwareSerialOffset
        {
            get { return _hardwareSerialOffset; }
        }

        public int HardwareSerialLength
        {
            get { return _hardwareSerialLength; }
        }

        // ------------------------------------------------------------------ outside the profile

        /// <summary>Critical extensions this firmware does not interpret (any is a profile violation).</summary>
        public int UnknownCriticalCount
        {
            get { return _unknownCriticalCount; }
        }

        /// <summary>Content octets of the first such extension's OID.</summary>
        public int FirstUnknownCriticalOidOffset
        {
            get { return _firstUnknownCriticalOidOffset; }
        }

        public int FirstUnknownCriticalOidLength
        {
            get { return _firstUnknownCriticalOidLength; }
        }

        // ------------------------------------------------------------------ parser only

        internal void Reset()
        {
            _der = null;
            _count = 0;
            _hasSubjectKeyId = false;
            _subjectKeyIdCritical = false;
            _subjectKeyIdOffset = 0;
            _subjectKeyIdLength = 0;
            _hasAuthorityKeyIdExtension = false;
            _authorityKeyIdCritical = false;
            _hasAuthorityKeyId = false;
            _authorityKeyIdHasIssuerOrSerial = false;
            _authorityKeyIdOffset = 0;
            _authorityKeyIdLength = 0;
            _hasKeyUsage = false;
            _keyUsageCritical = false;
            _keyUsage = 0;
            _hasBasicConstraints = false;
            _basicConstraintsCritical = false;
            _isCa = false;
            _pathLength = -1;
            _hasPolicies = false;
            _policiesCritical = false;
            _policyCount = 0;
            _policiesOffset = 0;
            _policiesLength = 0;
            _hasSubjectAltName = false;
            _subjectAltNameCritical = false;
            _subjectAltNameCount = 0;
            _hasHardwareModuleName = false;
            _hardwareTypeOffset = 0;
            _hardwareTypeLength = 0;
            _hardwareSerialOffset = 0;
            _hardwareSerialLength = 0;
            _unknownCriticalCount = 0;
            _firstUnknownCriticalOidOffset = 0;
            _firstUnknownCriticalOidLength = 0;
        }

        /// <summary>Counts one more extension (the parser has already refused duplicates).</summary>
        internal void AddExtension(byte[] der)
        {
            _der = der;
            _count++;
        }

        internal void SetSubjectKeyId(bool critical, int offset, int length)
        {
            _hasSubjectKeyId = true;
            _subjectKeyIdCritical = critical;
            _subjectKeyIdOffset = offset;
            _subjectKeyIdLength = length;
        }

        internal void SetAuthorityKeyId(bool critical, bool hasKeyId, int offset, int length, bool hasIssuerOrSerial)
        {
            _hasAuthorityKeyIdExtension = true;
            _authorityKeyIdCritical = critical;
            _hasAuthorityKeyId = hasKeyId;
            _authorityKeyIdOffset = offset;
            _authorityKeyIdLength = length;
            _authorityKeyIdHasIssuerOrSerial = hasIssuerOrSerial;
        }

        internal void SetKeyUsage(bool critical, int flags)
        {
            _hasKeyUsage = true;
            _keyUsageCritical = critical;
            _keyUsage = flags;
        }

        internal void SetBasicConstraints(bool critical, bool isCa, int pathLength)
        {
            _hasBasicConstraints = true;
            _basicConstraintsCritical = critical;
            _isCa = isCa;
            _pathLength = pathLength;
        }

        internal void SetPolicies(bool critical, int offset, int length, int count)
        {
            _hasPolicies = true;
            _policiesCritical = critical;
            _policiesOffset = offset;
            _policiesLength = length;
            _policyCount = count;
        }

        internal void SetSubjectAltName(bool critical, int count)
        {
            _hasSubjectAltName = true;
            _subjectAltNameCritical = critical;
            _subjectAltNameCount = count;
        }

        internal void SetHardwareModuleName(int typeOffset, int typeLength, int serialOffset, int serialLength)
        {
            _hasHardwareModuleName = true;
            _hardwareTypeOffset = typeOffset;
            _hardwareTypeLength = typeLength;
            _hardwareSerialOffset = serialOffset;
            _hardwareSerialLength = serialLength;
        }

        internal void AddUnknownCritical(int oidOffset, int oidLength)
        {
            if (_unknownCriticalCount == 0)
            {
                _firstUnknownCriticalOidOffset = oidOffset;
                _firstUnknownCriticalOidLength = oidLength;
            }

            _unknownCriticalCount++;
        }
    }
}
