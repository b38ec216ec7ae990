using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Han
{
    /// <summary>Bad input to the Comms Hub's HAN tables; the table is unchanged.</summary>
    public class HanException : TrustAnchorException
    {
        public HanException(HanError code, string message)
            : base((int)code, message)
        {
        }

        /// <summary>The <see cref="HanError"/> code (the same number as the base <c>Code</c>).</summary>
        public new HanError Code
        {
            get { return (HanError)base.Code; }
        }
    }
}
