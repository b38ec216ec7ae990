namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>Per-cell status codes in the CS02b execution outcome (NOTES section 6).</summary>
    public static class ReplacementStatus
    {
        public const int Success = 0;
        public const int BadCertificate = 5;
        public const int NoTrustAnchor = 10;
        public const int InsufficientMemory = 17;
        public const int TrustAnchorNotFound = 25;
        public const int ResourcesBusy = 30;
        public const int Other = 127;
    }
}
