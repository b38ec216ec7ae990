namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>Codes carried by <see cref="SymmetricCryptoException"/>.</summary>
    public static class SymmetricCryptoError
    {
        public const int NullArgument = 0x0340;
        public const int BadKeyLength = 0x0341;
        public const int BadIvLength = 0x0342;
        public const int BadTagLength = 0x0343;
        public const int RangeOutsideBuffer = 0x0344;
        public const int BadSecretLength = 0x0345;
        public const int BadIdentifierLength = 0x0346;
    }
}
