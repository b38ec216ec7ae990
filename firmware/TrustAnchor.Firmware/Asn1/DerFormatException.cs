using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Asn1
{
    /// <summary>Input is not valid DER (or not the structure expected). <see cref="TrustAnchorException.Code"/> is a <see cref="DerError"/>.</summary>
    public class DerFormatException : TrustAnchorException
    {
        public DerFormatException(int code, string message)
            : base(code, message)
        {
        }

        /// <summary>The <see cref="DerError"/> code (same as <see cref="TrustAnchorException.Code"/>).</summary>
        public int Error
        {
            get { return Code; }
        }
    }
}
