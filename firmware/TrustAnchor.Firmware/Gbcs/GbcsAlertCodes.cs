namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>GBCS alert codes used by the security-credential use cases (NOTES section 6).</summary>
    public static class GbcsAlertCodes
    {
        /// <summary>Source does not have the authority for the command.</summary>
        public const int SourceLacksAuthority = 0x8F30;
        /// <summary>Trusted-source authentication failure (signature or MAC).</summary>
        public const int TrustedSourceAuthenticationFailure = 0x8F3D;
        /// <summary>Other authentication or authorisation failure (e.g. replayed counter).</summary>
        public const int AuthenticationFailure = 0x8F53;
        /// <summary>Unusual numbers of malformed, out-of-order or unexpected commands.</summary>
        public const int UnusualCommands = 0x8F60;
        /// <summary>Future-dated Update Security Credentials executed successfully.</summary>
        public const int FutureDatedExecutionSucceeded = 0x8F66;
        /// <summary>Future-dated Update Security Credentials failed.</summary>
        public const int FutureDatedExecutionFailed = 0x8F67;
        /// <summary>Device commissioned.</summary>
        public const int DeviceCommissioned = 0x8F69;
    }
}
