namespace TrustAnchor.Firmware.TrustAnchors
{
    /// <summary>
    /// The keyUsage of a Trust Anchor Cell: the first content byte of its GBCS keyUsage BIT STRING, with the
    /// certificate keyUsage bit values. A cell names one usage; other one-byte values are carried as they are.
    /// </summary>
    public enum KeyUsage
    {
        DigitalSignature = 0x80,
        KeyAgreement = 0x08,
        KeyCertSign = 0x04,
    }
}
