namespace TrustAnchor.Smki;

/// <summary>
/// The folder's <c>smki.json</c>: options, the hierarchy, Known Remote Parties, subscribers, approvals and
/// revocations. Issued certificates are listed separately in <c>certificates.jsonl</c> (append-only).
/// </summary>
internal sealed class SmkiIndex
{
    public int FormatVersion { get; set; } = 1;

    public SmkiOptions Options { get; set; } = new();

    public string RootOca { get; set; } = string.Empty;

    public string IssuingOca { get; set; } = string.Empty;

    public string RootDca { get; set; } = string.Empty;

    public string IssuingDca { get; set; } = string.Empty;

    /// <summary>Pack name -> cell entries (serials of the certificates per cell).</summary>
    public Dictionary<string, List<PackCellEntry>> Packs { get; set; } = new();

    public List<AuthorisedSubscriber> Subscribers { get; set; } = new();

    public List<PmaApproval> Approvals { get; set; } = new();

    public List<RevocationEntry> Revocations { get; set; } = new();

    public long CrlNumber { get; set; }

    public long ArlNumber { get; set; }
}

internal sealed class PackCellEntry
{
    public int Role { get; set; }

    public SmkiKeyUsage KeyUsage { get; set; }

    public int CellUsage { get; set; }

    public string Serial { get; set; } = string.Empty;
}
