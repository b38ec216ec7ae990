using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// Misconfiguration of a device object (bad identity, missing keys). Frames never raise it: every problem
    /// with a received frame becomes a response or an alert.
    /// </summary>
    public class DeviceException : TrustAnchorException
    {
        public DeviceException(int code, string message)
            : base(code, message)
        {
        }
    }
}
