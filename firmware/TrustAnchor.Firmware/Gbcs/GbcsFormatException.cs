using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// A GBCS frame or payload that does not follow the layout in firmware/docs/gbcs-framing.md.
    /// <see cref="TrustAnchorException.Code"/> is one of <see cref="GbcsError"/>.
    /// </summary>
    public class GbcsFormatException : TrustAnchorException
    {
        public GbcsFormatException(GbcsError code, string message)
            : base((int)code, message)
        {
        }

        public GbcsFormatException(GbcsError code, string message, System.Exception innerException)
            : base((int)code, message, innerException)
        {
        }

        /// <summary>The <see cref="GbcsError"/> code (the same number as the base <c>Code</c>).</summary>
        public new GbcsError Code
        {
            get { return (GbcsError)base.Code; }
        }
    }
}
