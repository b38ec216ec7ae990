namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// A P-256 public key that must not be used: wrong length, compressed or infinity encoding,
    /// a coordinate not below p, or a point off the curve. Codes: <see cref="CryptoError"/> 0x031x.
    /// </summary>
    public class InvalidPublicKeyException : CryptoException
    {
        public InvalidPublicKeyException(CryptoError code, string message)
            : base(code, message)
        {
        }
    }
}
