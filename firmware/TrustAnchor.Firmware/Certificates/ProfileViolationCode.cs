namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>
    /// One code per GBCS certificate-profile rule (NOTES §4, GBCS section 12; RFC 5280 where GBCS relies on it).
    /// Range 0x024x-0x029x.
    /// </summary>
    public enum ProfileViolationCode
    {
        // --- all certificates ---
        NotVersion3 = 0x0241,
        /// <summary>Signature algorithm is not ecdsa-with-SHA256 without parameters.</summary>
        WrongSignatureAlgorithm = 0x0242,
        /// <summary>TBS signature AlgorithmIdentifier differs from the outer signatureAlgorithm (RFC 5280 4.1.1.2).</summary>
        SignatureAlgorithmMismatch = 0x0243,
        /// <summary>Public key algorithm is not id-ecPublicKey.</summary>
        WrongPublicKeyAlgorithm = 0x0244,
        /// <summary>Key parameters are not namedCurve prime256v1.</summary>
        WrongCurve = 0x0245,
        /// <summary>Public key in compressed form (GBCS: uncompressed only).</summary>
        CompressedPublicKey = 0x0246,
        /// <summary>Public key is not 65 octets 04||X||Y, or not a point on P-256.</summary>
        PublicKeyMalformed = 0x0247,
        /// <summary>serialNumber is not a positive integer of at most 20 octets (RFC 5280 4.1.2.2).</summary>
        SerialNumberInvalid = 0x0248,
        /// <summary>notBefore is after notAfter.</summary>
        ValidityPeriodInverted = 0x0249,
        /// <summary>issuerUniqueID/subjectUniqueID present (RFC 5280: CAs must not generate them).</summary>
        UniqueIdentifiersPresent = 0x024A,

        KeyUsageMissing = 0x0250,
        KeyUsageNotCritical = 0x0251,
        /// <summary>End-entity keyUsage does not have exactly one bit set.</summary>
        KeyUsageNotSingleBit = 0x0252,
        /// <summary>End-entity keyUsage bit is neither digitalSignature nor keyAgreement.</summary>
        KeyUsageNotAllowed = 0x0253,
        /// <summary>CA keyUsage is not what the profile prescribes (Issuing OCA keyCertSign+cRLSign; Root OCA keyCertSign[, cRLSign]).</summary>
        KeyUsageWrongForCa = 0x0254,

        PoliciesMissing = 0x0258,
        PoliciesNotCritical = 0x0259,
        /// <summary>None of the certificate's policies is in the configured accepted set.</summary>
        PolicyNotAccepted = 0x025A,
        /// <summary>Device certificate with more than one policy.</summary>
        PolicyNotSingle = 0x025B,

        SubjectKeyIdMissing = 0x0260,
        SubjectKeyIdCritical = 0x0261,
        /// <summary>Key identifier is not RFC 5280 method 2 (0100b + low 60 bits of SHA-1 of the key).</summary>
        KeyIdentifierNotMethod2 = 0x0262,
        /// <summary>Subject key identifier is not 8 octets.</summary>
        KeyIdentifierNot8Octets = 0x0263,
        AuthorityKeyIdMissing = 0x0264,
        AuthorityKeyIdCritical = 0x0265,
        /// <summary>authorityKeyIdentifier lacks keyIdentifier or carries authorityCertIssuer/serial.</summary>
        AuthorityKeyIdNotKeyIdentifierOnly = 0x0266,
        AuthorityKeyIdNot8Octets = 0x0267,
        /// <summary>Root OCA authorityKeyIdentifier differs from its own subjectKeyIdentifier.</summary>
        AuthorityKeyIdNotSelf = 0x0268,

        /// <summary>A critical extension the profile does not define.</summary>
        UnknownCriticalExtension = 0x0270,

        RoleMissing = 0x0278,
        RoleNotTwoHexDigits = 0x0279,
        /// <summary>The OU carrying the role is not a UTF8String.</summary>
        RoleNotUtf8String = 0x027A,
        RoleRepeated = 0x027B,
        /// <summary>The role does not fit the certificate kind (e.g. 00 or 07 in an Organisation certificate).</summary>
        WrongRole = 0x027C,

        EntityIdMissing = 0x0280,
        /// <summary>x500UniqueIdentifier is not a BIT STRING of exactly 64 bits.</summary>
        EntityIdNot64Bits = 0x0281,
        EntityIdRepeated = 0x0282,
        CommonNameMissing = 0x0283,
        /// <summary>The issuer's OU role is not the expected CA (07 for Organisation, 00 for Issuing OCA).</summary>
        IssuerRoleWrong = 0x0284,

        BasicConstraintsMissing = 0x0288,
        BasicConstraintsNotCritical = 0x0289,
        BasicConstraintsNotCa = 0x028A,
        /// <summary>Issuing OCA pathLenConstraint is not 0.</summary>
        BasicConstraintsPathLenNotZero = 0x028B,
        /// <summary>End-entity certificate asserts cA TRUE.</summary>
        BasicConstraintsIsCa = 0x028C,
        /// <summary>Root OCA pathLenConstraint 0 would forbid the Issuing OCA.</summary>
        BasicConstraintsPathLenTooSmall = 0x028D,

        /// <summary>Root OCA issuer differs from its subject.</summary>
        NotSelfIssued = 0x0290,

        DeviceSubjectNotEmpty = 0x0298,
        DeviceNotAfterNot99991231235959Z = 0x0299,
        HardwareModuleNameMissing = 0x029A,
        SubjectAltNameNotCritical = 0x029B,
        SubjectAltNameNotSingleName = 0x029C,
        /// <summary>hardwareModuleName hwSerialNum is not 8 octets (EUI-64).</summary>
        HardwareSerialNot64Bits = 0x029D,
    }
}
