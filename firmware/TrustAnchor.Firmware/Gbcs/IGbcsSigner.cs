namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// Signs a SHA-256 hash with an ECDSA P-256 private key, writing raw r||s (64 bytes). The host implements it
    /// with .NET ECDsa, the device with EcdsaP256.SignHash; no delegates so nanoFramework can use it.
    /// </summary>
    public interface IGbcsSigner
    {
        void Sign(byte[] hash32, byte[] signatureOut64, int offset);
    }
}
