using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Link
{
    /// <summary>The device link could not read or write a message (codes in <see cref="LinkError"/>).</summary>
    public class LinkException : TrustAnchorException
    {
        public LinkException(int code, string message)
            : base(code, message)
        {
        }
    }
}
