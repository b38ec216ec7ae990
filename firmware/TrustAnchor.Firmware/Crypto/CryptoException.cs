using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>Bad input to a crypto primitive (null or out-of-range buffers, wrong-length hash, bad private key).</summary>
    public class CryptoException : TrustAnchorException
    {
        public CryptoException(CryptoError code, string message)
            : base((int)code, message)
        {
        }

        /// <summary>For <see cref="SymmetricCryptoException"/>, whose codes are <see cref="SymmetricCryptoError"/>s.</summary>
        protected CryptoException(int code, string message)
            : base(code, message)
        {
        }

        /// <summary>The <see cref="CryptoError"/> code (the same number as the base <c>Code</c>).</summary>
        public new CryptoError Code
        {
            get { return (CryptoError)base.Code; }
        }

        internal static void CheckBuffer(byte[] buffer, int offset, int count, string name)
        {
            if (buffer == null)
            {
                throw new CryptoException(CryptoError.NullArgument, name + " is null");
            }

            // Written so that no int overflow can make a bad range look good.
            if (offset < 0 || count < 0 || offset > buffer.Length || count > buffer.Length - offset)
            {
                throw new CryptoException(CryptoError.OutOfRange,
                    name + ": offset " + offset.ToString() + " count " + count.ToString()
                    + " outside buffer of " + buffer.Length.ToString() + " bytes");
            }
        }
    }
}
