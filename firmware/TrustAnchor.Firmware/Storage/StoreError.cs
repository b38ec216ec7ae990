namespace TrustAnchor.Firmware.Storage
{
    /// <summary>Codes of <see cref="StoreException"/> (range 500-599).</summary>
    public static class StoreError
    {
        /// <summary>Neither copy of the state is intact although the store was provisioned: do not trust the device.</summary>
        public const int BothCopiesCorrupt = 501;
        public const int NotProvisioned = 502;
        public const int AlreadyProvisioned = 503;
        public const int FlashTooSmall = 504;
        public const int StateTooLarge = 505;
        /// <summary>A stored image that is not a well-formed state (only seen behind an intact checksum if written by something else).</summary>
        public const int InvalidImage = 506;
        public const int FlashAccessOutOfRange = 507;
        public const int InvalidState = 508;
    }
}
