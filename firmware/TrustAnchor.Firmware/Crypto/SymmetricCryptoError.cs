namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>Codes carried by <see cref="SymmetricCryptoException"/>.</summary>
    public enum SymmetricCryptoError
    {
        NullArgument = 0x0340,
        BadKeyLength = 0x0341,
        BadIvLength = 0x0342,
        BadTagLength = 0x0343,
        RangeOutsideBuffer = 0x0344,
        BadSecretLength = 0x0345,
        BadIdentifierLength = 0x0346,
    }
}
