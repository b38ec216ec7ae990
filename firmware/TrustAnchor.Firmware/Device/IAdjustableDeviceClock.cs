using System;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>A device clock that ECS70 Set Clock may set (an ESME's RTC); other clocks ignore the command's time.</summary>
    public interface IAdjustableDeviceClock : IDeviceClock
    {
        void Set(DateTime utc);
    }
}
