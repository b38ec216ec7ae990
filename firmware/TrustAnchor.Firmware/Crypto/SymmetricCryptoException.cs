namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// Bad arguments to the symmetric primitives (wrong key, IV or tag size, a range outside its buffer).
    /// Codes are in <see cref="SymmetricCryptoError"/>; it derives from <see cref="CryptoException"/> so one catch covers all crypto input errors.
    /// </summary>
    public class SymmetricCryptoException : CryptoException
    {
        public SymmetricCryptoException(SymmetricCryptoError code, string message)
            : base((int)code, message)
        {
        }

        /// <summary>The <see cref="SymmetricCryptoError"/> code (the same number as the base <c>Code</c>).</summary>
        public new SymmetricCryptoError Code
        {
            get { return (SymmetricCryptoError)base.Code; }
        }
    }
}
