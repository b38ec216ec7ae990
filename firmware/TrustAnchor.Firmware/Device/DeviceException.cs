using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// Misconfiguration of a device object (bad identity, missing keys). Frames never raise it: every problem
    /// with a received frame becomes a response or an alert.
    /// </summary>
    public class DeviceException : TrustAnchorException
    {
        public DeviceException(DeviceError code, string message)
            : base((int)code, message)
        {
        }

        /// <summary>The <see cref="DeviceError"/> code (the same number as the base <c>Code</c>).</summary>
        public new DeviceError Code
        {
            get { return (DeviceError)base.Code; }
        }
    }
}
