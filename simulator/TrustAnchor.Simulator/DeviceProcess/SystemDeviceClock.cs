using TrustAnchor.Firmware.Device;

namespace TrustAnchor.Simulator.DeviceProcess;

/// <summary>The device process runs on the host's UTC clock, as a board runs on its RTC.</summary>
public sealed class SystemDeviceClock : IDeviceClock
{
    public DateTime UtcNow => DateTime.UtcNow;
}
