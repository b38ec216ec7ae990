namespace TrustAnchor.Firmware.Storage
{
    /// <summary>Codes of <see cref="StoreException"/> (range 500-599).</summary>
    public enum StoreError
    {
        /// <summary>Neither copy of the state is intact although the store was provisioned: do not trust the device.</summary>
        BothCopiesCorrupt = 501,
        NotProvisioned = 502,
        AlreadyProvisioned = 503,
        FlashTooSmall = 504,
        StateTooLarge = 505,
        /// <summary>A stored image that is not a well-formed state (only seen behind an intact checksum if written by something else).</summary>
        InvalidImage = 506,
        FlashAccessOutOfRange = 507,
        InvalidState = 508,
    }
}
