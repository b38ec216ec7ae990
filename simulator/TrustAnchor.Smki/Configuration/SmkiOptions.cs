namespace TrustAnchor.Smki;

/// <summary>
/// How a PKI is made. Persisted in the folder's index (all but <see cref="Clock"/>), so a PKI opened later
/// keeps issuing with the settings it was created with.
/// </summary>
public sealed class SmkiOptions
{
    /// <summary>Root OCA / Root DCA validity (SEC Appendix B: 50 years).</summary>
    public int RootValidityYears { get; set; } = 50;

    /// <summary>Issuing OCA / Issuing DCA validity (25 years).</summary>
    public int IssuingValidityYears { get; set; } = 25;

    /// <summary>Organisation Certificate validity (10 years unless the SMKI PMA approves another period).</summary>
    public int OrganisationValidityYears { get; set; } = 10;

    /// <summary>notBefore of the CA certificates and of the original manufacturing pack (2016).</summary>
    public DateTime HierarchyNotBefore { get; set; } = new(2016, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>notBefore of the MP261 re-issue (2024); its notAfter is the Issuing OCA's (2041), i.e. 17 years.</summary>
    public DateTime Mp261NotBefore { get; set; } = new(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    public string OrganisationPolicyOid { get; set; } = SmkiOids.TestOrganisationPolicy;

    public string DevicePolicyOid { get; set; } = SmkiOids.TestDevicePolicy;

    public string HardwareModuleTypeOid { get; set; } = SmkiOids.TestHardwareModuleType;

    /// <summary>Prefix of CA and party common names, e.g. "TrustAnchor Test Root OCA".</summary>
    public string NamePrefix { get; set; } = "TrustAnchor Test";

    /// <summary>Largest Batched CSR accepted (SEC: 50,000 Device Certificates).</summary>
    public int MaxBatchSize { get; set; } = 50_000;

    /// <summary>Not persisted: where "now" comes from (system clock by default).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ISmkiClock Clock { get; set; } = SystemClock.Instance;

    internal void Validate()
    {
        if (RootValidityYears is < 1 or > 100 || IssuingValidityYears < 1 || IssuingValidityYears > RootValidityYears
            || OrganisationValidityYears < 1 || OrganisationValidityYears > IssuingValidityYears)
        {
            throw new SmkiException(SmkiErrorCode.InvalidArgument, "validity must satisfy 1 <= organisation <= issuing <= root <= 100 years");
        }

        if (MaxBatchSize is < 2 or > 50_000)
        {
            throw new SmkiException(SmkiErrorCode.InvalidArgument, "MaxBatchSize must be 2..50000 (SEC's Batched CSR limit)");
        }
    }
}
