using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Asn1
{
    /// <summary>Input is not valid DER (or not the structure expected). <see cref="TrustAnchorException.Code"/> is a <see cref="DerError"/>.</summary>
    public class DerFormatException : TrustAnchorException
    {
        public DerFormatException(DerError code, string message)
            : base((int)code, message)
        {
        }

        /// <summary>The <see cref="DerError"/> code (same as <see cref="TrustAnchorException.Code"/>).</summary>
        public DerError Error
        {
            get { return (DerError)base.Code; }
        }

        /// <summary>The <see cref="DerError"/> code (the same number as the base <c>Code</c>).</summary>
        public new DerError Code
        {
            get { return (DerError)base.Code; }
        }
    }
}
