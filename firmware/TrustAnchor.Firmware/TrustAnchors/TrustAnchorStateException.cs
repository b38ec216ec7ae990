using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.TrustAnchors
{
    /// <summary>
    /// A refused change to the Trust Anchor Cells or counters (codes in <see cref="TrustAnchorStateError"/>).
    /// The state it was raised on is unchanged.
    /// </summary>
    public class TrustAnchorStateException : TrustAnchorException
    {
        public TrustAnchorStateException(TrustAnchorStateError code, string message)
            : base((int)code, message)
        {
        }

        /// <summary>Why the change was refused.</summary>
        public new TrustAnchorStateError Code
        {
            get { return (TrustAnchorStateError)base.Code; }
        }
    }
}
