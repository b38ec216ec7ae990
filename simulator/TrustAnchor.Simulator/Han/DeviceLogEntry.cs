using Fw = TrustAnchor.Firmware.Han;

namespace TrustAnchor.Simulator.Han;

public enum HanJoinState
{
    /// <summary>Whitelisted by the DCC (CCS01) and waiting for the meter to join.</summary>
    Whitelisted = Fw.HanJoinState.Whitelisted,

    /// <summary>Joined the HAN with the right link key.</summary>
    Joined = Fw.HanJoinState.Joined,

    /// <summary>The join window passed before the meter joined; a new CCS01 is needed.</summary>
    TimedOut = Fw.HanJoinState.TimedOut,

    /// <summary>Was joined, then left the HAN; stays in the log and may rejoin.</summary>
    Left = Fw.HanJoinState.Left,
}

/// <summary>One row of the Comms Hub's Device Log, as the simulator shows it (a snapshot of the firmware's row).</summary>
public sealed class DeviceLogEntry
{
    internal DeviceLogEntry(string eui64, string deviceKind, DateTime whitelistedAt)
    {
        Eui64 = eui64;
        DeviceKind = deviceKind;
        WhitelistedAt = whitelistedAt;
    }

    /// <summary>The device's EUI-64 as 16 hex digits.</summary>
    public string Eui64 { get; }

    public string DeviceKind { get; }

    public DateTime WhitelistedAt { get; }

    public HanJoinState State { get; internal init; } = HanJoinState.Whitelisted;

    public DateTime? JoinedAt { get; internal init; }
}
