using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Han
{
    /// <summary>Bad input to the Comms Hub's HAN tables; the table is unchanged.</summary>
    public class HanException : TrustAnchorException
    {
        public HanException(int code, string message)
            : base(code, message)
        {
        }
    }
}
