using System;
using TrustAnchor.Firmware.Device;

namespace TrustAnchor.DeviceApp
{
    /// <summary>
    /// The board's real-time clock. nanoFramework keeps UTC in DateTime.UtcNow; a board without a battery-backed
    /// RTC starts at its build date, which is why time-based certification path checks stay off until the
    /// commissioning clock sync (GBCS applies them only when the command asks).
    /// </summary>
    public sealed class BoardClock : IDeviceClock
    {
        public DateTime UtcNow
        {
            get { return DateTime.UtcNow; }
        }
    }
}
