namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>
    /// One code per GBCS certificate-profile rule (NOTES §4, GBCS section 12; RFC 5280 where GBCS relies on it).
    /// Range 0x024x-0x029x.
    /// </summary>
    public static class ProfileViolationCode
    {
        // --- all certificates ---
        public const int NotVersion3 = 0x0241;
        /// <summary>Signature algorithm is not ecdsa-with-SHA256 without parameters.</summary>
        public const int WrongSignatureAlgorithm = 0x0242;
        /// <summary>TBS signature AlgorithmIdentifier differs from the outer signatureAlgorithm (RFC 5280 4.1.1.2).</summary>
        public const int SignatureAlgorithmMismatch = 0x0243;
        /// <summary>Public key algorithm is not id-ecPublicKey.</summary>
        public const int WrongPublicKeyAlgorithm = 0x0244;
        /// <summary>Key parameters are not namedCurve prime256v1.</summary>
        public const int WrongCurve = 0x0245;
        /// <summary>Public key in compressed form (GBCS: uncompressed only).</summary>
        public const int CompressedPublicKey = 0x0246;
        /// <summary>Public key is not 65 octets 04||X||Y, or not a point on P-256.</summary>
        public const int PublicKeyMalformed = 0x0247;
        /// <summary>serialNumber is not a positive integer of at most 20 octets (RFC 5280 4.1.2.2).</summary>
        public const int SerialNumberInvalid = 0x0248;
        /// <summary>notBefore is after notAfter.</summary>
        public const int ValidityPeriodInverted = 0x0249;
        /// <summary>issuerUniqueID/subjectUniqueID present (RFC 5280: CAs must not generate them).</summary>
        public const int UniqueIdentifiersPresent = 0x024A;

        public const int KeyUsageMissing = 0x0250;
        public const int KeyUsageNotCritical = 0x0251;
        /// <summary>End-entity keyUsage does not have exactly one bit set.</summary>
        public const int KeyUsageNotSingleBit = 0x0252;
        /// <summary>End-entity keyUsage bit is neither digitalSignature nor keyAgreement.</summary>
        public const int KeyUsageNotAllowed = 0x0253;
        /// <summary>CA keyUsage is not what the profile prescribes (Issuing OCA keyCertSign+cRLSign; Root OCA keyCertSign[, cRLSign]).</summary>
        public const int KeyUsageWrongForCa = 0x0254;

        public const int PoliciesMissing = 0x0258;
        public const int PoliciesNotCritical = 0x0259;
        /// <summary>None of the certificate's policies is in the configured accepted set.</summary>
        public const int PolicyNotAccepted = 0x025A;
        /// <summary>Device certificate with more than one policy.</summary>
        public const int PolicyNotSingle = 0x025B;

        public const int SubjectKeyIdMissing = 0x0260;
        public const int SubjectKeyIdCritical = 0x0261;
        /// <summary>Key identifier is not RFC 5280 method 2 (0100b + low 60 bits of SHA-1 of the key).</summary>
        public const int KeyIdentifierNotMethod2 = 0x0262;
        /// <summary>Subject key identifier is not 8 octets.</summary>
        public const int KeyIdentifierNot8Octets = 0x0263;
        public const int AuthorityKeyIdMissing = 0x0264;
        public const int AuthorityKeyIdCritical = 0x0265;
        /// <summary>authorityKeyIdentifier lacks keyIdentifier or carries authorityCertIssuer/serial.</summary>
        public const int AuthorityKeyIdNotKeyIdentifierOnly = 0x0266;
        public const int AuthorityKeyIdNot8Octets = 0x0267;
        /// <summary>Root OCA authorityKeyIdentifier differs from its own subjectKeyIdentifier.</summary>
        public const int AuthorityKeyIdNotSelf = 0x0268;

        /// <summary>A critical extension the profile does not define.</summary>
        public const int UnknownCriticalExtension = 0x0270;

        public const int RoleMissing = 0x0278;
        public const int RoleNotTwoHexDigits = 0x0279;
        /// <summary>The OU carrying the role is not a UTF8String.</summary>
        public const int RoleNotUtf8String = 0x027A;
        public const int RoleRepeated = 0x027B;
        /// <summary>The role does not fit the certificate kind (e.g. 00 or 07 in an Organisation certificate).</summary>
        public const int WrongRole = 0x027C;

        public const int EntityIdMissing = 0x0280;
        /// <summary>x500UniqueIdentifier is not a BIT STRING of exactly 64 bits.</summary>
        public const int EntityIdNot64Bits = 0x0281;
        public const int EntityIdRepeated = 0x0282;
        public const int CommonNameMissing = 0x0283;
        /// <summary>The issuer's OU role is not the expected CA (07 for Organisation, 00 for Issuing OCA).</summary>
        public const int IssuerRoleWrong = 0x0284;

        public const int BasicConstraintsMissing = 0x0288;
        public const int BasicConstraintsNotCritical = 0x0289;
        public const int BasicConstraintsNotCa = 0x028A;
        /// <summary>Issuing OCA pathLenConstraint is not 0.</summary>
        public const int BasicConstraintsPathLenNotZero = 0x028B;
        /// <summary>End-entity certificate asserts cA TRUE.</summary>
        public const int BasicConstraintsIsCa = 0x028C;
        /// <summary>Root OCA pathLenConstraint 0 would forbid the Issuing OCA.</summary>
        public const int BasicConstraintsPathLenTooSmall = 0x028D;

        /// <summary>Root OCA issuer differs from its subject.</summary>
        public const int NotSelfIssued = 0x0290;

        public const int DeviceSubjectNotEmpty = 0x0298;
        public const int DeviceNotAfterNot99991231235959Z = 0x0299;
        public const int HardwareModuleNameMissing = 0x029A;
        public const int SubjectAltNameNotCritical = 0x029B;
        public const int SubjectAltNameNotSingleName = 0x029C;
        /// <summary>hardwareModuleName hwSerialNum is not 8 octets (EUI-64).</summary>
        public const int HardwareSerialNot64Bits = 0x029D;
    }
}
