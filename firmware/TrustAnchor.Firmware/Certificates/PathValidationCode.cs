namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>Outcome codes of <see cref="CertificationPath"/>.Validate (range 0x02Ax; 0 = valid).</summary>
    public enum PathValidationCode
    {
        Valid = 0,
        /// <summary>Null target or root key, or a null entry in the path.</summary>
        InvalidArgument = 0x02A1,
        /// <summary>A certificate in the path is not signed with ecdsa-with-SHA256.</summary>
        UnsupportedSignatureAlgorithm = 0x02A2,
        /// <summary>A certificate has no authorityKeyIdentifier keyIdentifier to link it to its issuer.</summary>
        AuthorityKeyIdMissing = 0x02A3,
        /// <summary>A certificate's authorityKeyIdentifier differs from the next certificate's subjectKeyIdentifier.</summary>
        AuthorityKeyIdMismatch = 0x02A4,
        /// <summary>A certificate's issuer Name differs from the next certificate's subject Name.</summary>
        IssuerNameMismatch = 0x02A5,
        /// <summary>An issuing certificate lacks basicConstraints cA TRUE.</summary>
        IssuerNotCa = 0x02A6,
        /// <summary>An issuing certificate's keyUsage lacks keyCertSign.</summary>
        IssuerLacksKeyCertSign = 0x02A7,
        /// <summary>More intermediate certificates follow an issuer than its pathLenConstraint allows.</summary>
        PathLengthExceeded = 0x02A8,
        /// <summary>An issuing certificate's public key is not a valid P-256 point.</summary>
        IssuerKeyInvalid = 0x02A9,
        /// <summary>A signature does not verify under its issuer's key (or the Root OCA key).</summary>
        SignatureInvalid = 0x02AA,
        /// <summary>The topmost certificate's authorityKeyIdentifier is not the root cell's Subject Key Identifier.</summary>
        RootKeyIdMismatch = 0x02AB,
        /// <summary>Device time is before a certificate's notBefore (only with time checks).</summary>
        NotYetValid = 0x02AC,
        /// <summary>Device time is after a certificate's notAfter (only with time checks).</summary>
        Expired = 0x02AD,
        /// <summary>More certification-path certificates than the device will walk.</summary>
        PathTooLong = 0x02AE,
    }
}
