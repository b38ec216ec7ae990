namespace TrustAnchor.Smki;

/// <summary>
/// A recorded SMKI PMA approval (SEC L11.4A/B, MP261) to issue an Organisation Certificate that reuses an
/// existing public key, for one role.
/// </summary>
public sealed class PmaApproval
{
    /// <summary>The PMA's reference, e.g. "MP261".</summary>
    public required string Reference { get; init; }

    public required int Role { get; init; }

    /// <summary>The approved key's Subject Key Identifier (8 bytes, hex).</summary>
    public required string SubjectKeyId { get; init; }

    public DateTime RecordedAt { get; init; }
}
