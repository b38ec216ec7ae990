namespace TrustAnchor.Smki;

/// <summary>What a relying party may conclude about a certificate (SEC L: never rely on revoked, expired or unknown).</summary>
public enum RelyingPartyStatus
{
    Trusted = 0,
    /// <summary>Not issued by this SMKI (not in the Repository, or different bytes under the serial).</summary>
    Unknown = 1,
    /// <summary>The certificate, or a CA on its path, is on a CRL / ARL.</summary>
    Revoked = 2,
    Expired = 3,
    NotYetValid = 4,
    /// <summary>The signature does not verify with the issuing CA's key.</summary>
    BadSignature = 5,
    Malformed = 6,
}

/// <summary>The relying-party verdict and a reason.</summary>
public sealed record RelyingPartyResult(RelyingPartyStatus Status, string Reason, CertificateRecord? Certificate)
{
    public bool IsTrusted => Status == RelyingPartyStatus.Trusted;
}
