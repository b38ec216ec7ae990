using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>Bad input to a crypto primitive (null or out-of-range buffers, wrong-length hash, bad private key).</summary>
    public class CryptoException : TrustAnchorException
    {
        public CryptoException(int code, string message)
            : base(code, message)
        {
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
