namespace TrustAnchor.Smki;

/// <summary>The outcome for one CSR of a Batched CSR: a certificate, or a refusal code and reason.</summary>
public sealed record BatchItemResult(int Index, CertificateRecord? Certificate, SmkiErrorCode? Error, string? Reason)
{
    public bool Issued => Certificate is not null;
}

/// <summary>The outcome of a Batched CSR, in request order.</summary>
public sealed record BatchResult(IReadOnlyList<BatchItemResult> Items)
{
    public int IssuedCount => Items.Count(i => i.Issued);

    public int RefusedCount => Items.Count(i => !i.Issued);

    public IEnumerable<CertificateRecord> Certificates => Items.Where(i => i.Issued).Select(i => i.Certificate!);
}
