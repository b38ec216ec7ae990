using TrustAnchor.Firmware.Device;

namespace TrustAnchor.Simulator.Devices;

/// <summary>
/// Virtual wall-clock time at one premises: starts at the scenario's start time and moves only when a step says
/// so, so runs are reproducible and years can pass in a millisecond.
/// </summary>
public sealed class WorldClock(DateTime start)
{
    private long _ticks = DateTime.SpecifyKind(start, DateTimeKind.Utc).Ticks;

    public DateTime UtcNow => new(Interlocked.Read(ref _ticks), DateTimeKind.Utc);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>A device's RTC: the world's time plus its own error, until commissioning synchronises it.</summary>
public sealed class DeviceClock(WorldClock world, TimeSpan initialError) : IAdjustableDeviceClock
{
    private long _errorTicks = initialError.Ticks;

    public DateTime UtcNow => world.UtcNow + TimeSpan.FromTicks(Interlocked.Read(ref _errorTicks));

    public TimeSpan Error => TimeSpan.FromTicks(Interlocked.Read(ref _errorTicks));

    /// <summary>Clock synchronisation (SR 8.1.1): the device takes the DCC's time.</summary>
    public void Synchronise() => Interlocked.Exchange(ref _errorTicks, 0);

    /// <summary>ECS70 Set Clock: the firmware sets the RTC to the command's time (DLMS resolution, whole seconds).</summary>
    public void Set(DateTime utc) => Interlocked.Exchange(ref _errorTicks, (DateTime.SpecifyKind(utc, DateTimeKind.Utc) - world.UtcNow).Ticks);
}
