using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Storage
{
    /// <summary>The Trust Anchor store refused or could not do something (codes in <see cref="StoreError"/>).</summary>
    public class StoreException : TrustAnchorException
    {
        public StoreException(StoreError code, string message)
            : base((int)code, message)
        {
        }

        /// <summary>The <see cref="StoreError"/> code (the same number as the base <c>Code</c>).</summary>
        public new StoreError Code
        {
            get { return (StoreError)base.Code; }
        }
    }
}
