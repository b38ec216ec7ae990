namespace TrustAnchor.Firmware.Provisioning
{
    /// <summary>Codes of <see cref="PackException"/> (range 600-699).</summary>
    public enum PackError
    {
        /// <summary>The pack is not the DER structure of firmware/docs/manufacturing-pack.md.</summary>
        Malformed = 601,
        UnsupportedVersion = 602,
        /// <summary>A certificate in the pack does not parse.</summary>
        CertificateMalformed = 603,
        /// <summary>A certificate breaks its SMKI profile.</summary>
        ProfileViolation = 604,
        /// <summary>A cell the device type has is not in the pack.</summary>
        MissingCell = 605,
        DuplicateCell = 606,
        /// <summary>The certificate's Remote Party Role is not the cell's.</summary>
        RoleMismatch = 607,
        /// <summary>The certificate's keyUsage is not the cell's.</summary>
        KeyUsageMismatch = 608,
        /// <summary>The certificate does not chain through the path certificates to the pack's Root OCA.</summary>
        PathInvalid = 609,
        /// <summary>The Root OCA certificate is not a valid self-signed root.</summary>
        RootInvalid = 610,
        /// <summary>Factory provisioning is for an empty store only.</summary>
        StoreNotEmpty = 611,
        UnknownDeviceType = 612,
    }
}
