namespace TrustAnchor.Smki;

/// <summary>
/// A party whose private key the PKI holds (the manufacturing-pack parties, and any party issued with
/// <see cref="SmkiPki.IssueOrganisationCertificate"/> without a public key), so the simulator can sign as it.
/// </summary>
public sealed record KnownRemoteParty(string Name, int Role, SmkiKeyUsage KeyUsage, byte[] EntityId, CertificateRecord Certificate);
