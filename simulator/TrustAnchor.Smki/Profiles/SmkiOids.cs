namespace TrustAnchor.Smki;

/// <summary>Object identifiers the SMKI profiles use (GBCS section 12).</summary>
public static class SmkiOids
{
    public const string EcPublicKey = "1.2.840.10045.2.1";
    public const string Prime256v1 = "1.2.840.10045.3.1.7";
    public const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    public const string OrganizationalUnit = "2.5.4.11";
    public const string CommonName = "2.5.4.3";
    public const string X500UniqueIdentifier = "2.5.4.45";
    public const string CertificatePolicies = "2.5.29.32";
    public const string SubjectAltName = "2.5.29.17";
    public const string KeyUsage = "2.5.29.15";
    public const string HardwareModuleName = "1.3.6.1.5.5.7.8.4";

    /// <summary>Policy seen in DCC test-environment Organisation Certificates (OCA arc).</summary>
    public const string TestOrganisationPolicy = "1.2.826.0.1.8641679.1.2.1.4";

    /// <summary>
    /// Device policy for our test DCA. [open] The production OIDs are not public; the sibling arc is our
    /// documented choice and is configuration (<see cref="SmkiOptions.DevicePolicyOid"/>), not code.
    /// </summary>
    public const string TestDevicePolicy = "1.2.826.0.1.8641679.1.2.1.5";

    /// <summary>
    /// hwType in the Device Certificate hardwareModuleName. [open] Not public; our documented choice,
    /// configurable through <see cref="SmkiOptions.HardwareModuleTypeOid"/>.
    /// </summary>
    public const string TestHardwareModuleType = "1.2.826.0.1.8641679.1.2.2.1";
}
