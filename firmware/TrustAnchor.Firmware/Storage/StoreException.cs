using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Storage
{
    /// <summary>The Trust Anchor store refused or could not do something (codes in <see cref="StoreError"/>).</summary>
    public class StoreException : TrustAnchorException
    {
        public StoreException(int code, string message)
            : base(code, message)
        {
        }
    }
}
