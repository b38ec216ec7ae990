namespace TrustAnchor.Firmware.Provisioning
{
    /// <summary>Codes of <see cref="PackException"/> (range 600-699).</summary>
    public static class PackError
    {
        /// <summary>The pack is not the DER structure of firmware/docs/manufacturing-pack.md.</summary>
        public const int Malformed = 601;
        public const int UnsupportedVersion = 602;
        /// <summary>A certificate in the pack does not parse.</summary>
        public const int CertificateMalformed = 603;
        /// <summary>A certificate breaks its SMKI profile.</summary>
        public const int ProfileViolation = 604;
        /// <summary>A cell the device type has is not in the pack.</summary>
        public const int MissingCell = 605;
        public const int DuplicateCell = 606;
        /// <summary>The certificate's Remote Party Role is not the cell's.</summary>
        public const int RoleMismatch = 607;
        /// <summary>The certificate's keyUsage is not the cell's.</summary>
        public const int KeyUsageMismatch = 608;
        /// <summary>The certificate does not chain through the path certificates to the pack's Root OCA.</summary>
        public const int PathInvalid = 609;
        /// <summary>The Root OCA certificate is not a valid self-signed root.</summary>
        public const int RootInvalid = 610;
        /// <summary>Factory provisioning is for an empty store only.</summary>
        public const int StoreNotEmpty = 611;
        public const int UnknownDeviceType = 612;
    }
}
