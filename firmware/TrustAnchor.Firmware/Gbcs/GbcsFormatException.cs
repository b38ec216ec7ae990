using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// A GBCS frame or payload that does not follow the layout in firmware/docs/gbcs-framing.md.
    /// <see cref="TrustAnchorException.Code"/> is one of <see cref="GbcsError"/>.
    /// </summary>
    public class GbcsFormatException : TrustAnchorException
    {
        public GbcsFormatException(int code, string message)
            : base(code, message)
        {
        }

        public GbcsFormatException(int code, string message, System.Exception innerException)
            : base(code, message, innerException)
        {
        }
    }
}
