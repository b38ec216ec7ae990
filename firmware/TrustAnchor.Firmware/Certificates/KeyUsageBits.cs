namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>
    /// keyUsage flags as the first content octet of the DER BIT STRING (bit 0 of the ASN.1 type is 0x80), the same
    /// values a Trust Anchor Cell identifier carries. decipherOnly (ASN.1 bit 8) is 0x8000.
    /// </summary>
    public static class KeyUsageBits
    {
        public const int DigitalSignature = 0x80;
        public const int NonRepudiation = 0x40;
        public const int KeyEncipherment = 0x20;
        public const int DataEncipherment = 0x10;
        public const int KeyAgreement = 0x08;
        public const int KeyCertSign = 0x04;
        public const int CrlSign = 0x02;
        public const int EncipherOnly = 0x01;
        public const int DecipherOnly = 0x8000;
    }
}
