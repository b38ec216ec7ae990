using System.Security.Cryptography.X509Certificates;

namespace TrustAnchor.Smki;

/// <summary>A revoked certificate as the repository records it.</summary>
public sealed class RevocationEntry
{
    public required string Serial { get; init; }

    public required DateTime RevokedAt { get; init; }

    public X509RevocationReason Reason { get; init; } = X509RevocationReason.Unspecified;
}
