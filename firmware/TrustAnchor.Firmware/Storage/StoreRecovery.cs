namespace TrustAnchor.Firmware.Storage
{
    /// <summary>
    /// What <see cref="TrustAnchorStore.Open"/> found and did (bit flags in <see cref="TrustAnchorStore.Recovery"/>).
    /// A device reports anything other than <see cref="None"/> in its event log; <see cref="CorruptCopy"/> means
    /// the flash is decaying and deserves a security alert.
    /// </summary>
    public static class StoreRecovery
    {
        public const int None = 0;
        /// <summary>A commit was cut before it counted: the previous state is in force.</summary>
        public const int CommitRolledBack = 1;
        /// <summary>A commit had counted but its mirror copy was cut: the new state is in force.</summary>
        public const int CommitCompleted = 2;
        /// <summary>A committed copy failed its SHA-256 check (bit rot or tampering); the other, intact copy was used.</summary>
        public const int CorruptCopy = 4;
        /// <summary>Factory provisioning was cut before its first copy counted: the store is empty, as before.</summary>
        public const int ProvisioningDiscarded = 8;
        /// <summary>The bad or stale copy was rewritten from the good one.</summary>
        public const int CopyRepaired = 16;
    }
}
