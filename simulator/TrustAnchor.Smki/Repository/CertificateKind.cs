namespace TrustAnchor.Smki;

/// <summary>Which profile a certificate was issued under. L11.4 compares keys within a kind.</summary>
public enum CertificateKind
{
    RootOca,
    IssuingOca,
    Organisation,
    RootDca,
    IssuingDca,
    Device,
}
