namespace TrustAnchor.Smki;

/// <summary>Why the SMKI refused a request. Stable numbers: the CLI prints them and tests assert on them.</summary>
public enum SmkiErrorCode
{
    /// <summary>L11.4: the public key is already in another certificate of the same kind.</summary>
    DuplicatePublicKey = 1,
    /// <summary>L11.4A/B: key reuse for an eligible role, but no SMKI PMA approval is recorded.</summary>
    Mp261ApprovalMissing = 2,
    /// <summary>L11.4A/B: key reuse requested for a role the MP261 exception does not cover.</summary>
    Mp261RoleNotEligible = 3,
    /// <summary>DP074: Device CSRs are accepted over a DCC Gateway connection only, never the internet portal.</summary>
    DeviceCsrOverPortal = 4,
    /// <summary>Device CSRs need a subscriber that has completed the User Entry Process Tests.</summary>
    EntryTestsNotCompleted = 5,
    /// <summary>The PKCS#10 signature does not verify with the public key it carries.</summary>
    BadCsrSignature = 6,
    /// <summary>A Batched CSR holds more than 50,000 requests (or none).</summary>
    BatchSizeOutOfRange = 7,
    /// <summary>The CSR is not well-formed PKCS#10.</summary>
    MalformedCsr = 8,
    /// <summary>The request does not meet the certificate profile (key type, role, key usage, names).</summary>
    ProfileViolation = 9,
    /// <summary>No Authorised Subscriber with that name.</summary>
    UnknownSubscriber = 10,
    /// <summary>The subscriber is not authorised for the Remote Party Role requested.</summary>
    RoleNotAuthorised = 11,
    /// <summary>No certificate with that serial, SKI or Entity Identifier in the repository.</summary>
    UnknownCertificate = 12,
    /// <summary>The certificate is already revoked.</summary>
    AlreadyRevoked = 13,
    /// <summary>The folder is not a PKI, or already holds one.</summary>
    FolderState = 14,
    /// <summary>The PKI holds no private key for that certificate or party.</summary>
    PrivateKeyNotHeld = 15,
    /// <summary>An argument is out of range (validity, identifiers, options).</summary>
    InvalidArgument = 16,
}
