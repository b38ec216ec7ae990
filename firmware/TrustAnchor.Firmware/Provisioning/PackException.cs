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
        public PackException(int code, string cell, string message)
            : base(code, cell == null ? message : cell + ": " + message)
        {
            Cell = cell;
        }

        /// <summary>The cell or pack element at fault; null for the pack as a whole.</summary>
        public string Cell { get; private set; }
    }
}
