using System;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>The device's notion of UTC (its RTC). Injected so tests and the simulator control time.</summary>
    public interface IDeviceClock
    {
        DateTime UtcNow { get; }
    }
}
