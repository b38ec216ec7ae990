using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Link
{
    /// <summary>The device link could not read or write a message (codes in <see cref="LinkError"/>).</summary>
    public class LinkException : TrustAnchorException
    {
        public LinkException(LinkError code, string message)
            : base((int)code, message)
        {
        }

        /// <summary>The <see cref="LinkError"/> code (the same number as the base <c>Code</c>).</summary>
        public new LinkError Code
        {
            get { return (LinkError)base.Code; }
        }
    }
}
