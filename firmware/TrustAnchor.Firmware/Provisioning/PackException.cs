using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Provisioning
{
    /// <summary>
    /// A manufacturing pack was refused (codes in <see cref="PackError"/>). <see cref="Cell"/> names the Trust
    /// Anchor Cell or pack element at fault (e.g. "supplier KA top-up", "root", "certification path 1"), and the
    /// message says what is wrong. The store is left as it was (empty).
    /// </summary>
    public class PackException : TrustAnchorException
    {
        public PackException(PackError code, string cell, string message)
            : base((int)code, cell == null ? message : cell + ": " + message)
        {
            Cell = cell;
        }

        /// <summary>The cell or pack element at fault; null for the pack as a whole.</summary>
        public string Cell { get; private set; }

        /// <summary>The <see cref="PackError"/> code (the same number as the base <c>Code</c>).</summary>
        public new PackError Code
        {
            get { return (PackError)base.Code; }
        }
    }
}
