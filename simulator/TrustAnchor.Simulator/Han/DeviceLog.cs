using System.Security.Cryptography;

namespace TrustAnchor.Simulator.Han;

public enum JoinResult
{
    Joined,
    AlreadyJoined,
    NotWhitelisted,
    WrongLinkKey,
    JoinWindowExpired,
}

/// <summary>
/// The Comms Hub's Device Log: the whitelist of devices allowed on its ZigBee HAN. The DCC adds a device with its
/// install code (SR 8.11 / CCS01); the device must then join within the join time-out using the link key derived
/// from that code. Only joined devices get frames routed to them. Thread-safe: one hub, many meters.
/// </summary>
public sealed class DeviceLog
{
    private readonly object _gate = new();
    private readonly Dictionary<string, DeviceLogEntry> _entries = new(StringComparer.OrdinalIgnoreCase);

    public DeviceLog(int capacity, TimeSpan joinTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(joinTimeout, TimeSpan.Zero);
        Capacity = capacity;
        JoinTimeout = joinTimeout;
    }

    public int Capacity { get; }

    public TimeSpan JoinTimeout { get; }

    public IReadOnlyList<DeviceLogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.Values.ToList();
            }
        }
    }

    /// <summary>Whitelists a device (CCS01). Re-adding an entry restarts its join window with the new code.</summary>
    public DeviceLogEntry Add(string eui64, string deviceKind, InstallCode installCode, DateTime now)
    {
        lock (_gate)
        {
            if (!_entries.ContainsKey(eui64) && _entries.Count >= Capacity)
            {
                throw new InvalidOperationException($"Device Log is full ({Capacity} entries); cannot add {eui64}");
            }

            var entry = new DeviceLogEntry(eui64, deviceKind, installCode.LinkKey, now);
            _entries[eui64] = entry;
            return entry;
        }
    }

    public bool Remove(string eui64)
    {
        lock (_gate)
        {
            return _entries.Remove(eui64);
        }
    }

    public DeviceLogEntry? Find(string eui64)
    {
        lock (_gate)
        {
            return _entries.GetValueOrDefault(eui64);
        }
    }

    /// <summary>A device asks to join, proving it holds the link key from its install code.</summary>
    public JoinResult TryJoin(string eui64, ReadOnlySpan<byte> presentedLinkKey, DateTime now)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(eui64, out var entry))
            {
                return JoinResult.NotWhitelisted;
            }

            if (entry.State == HanJoinState.Joined)
            {
                return JoinResult.AlreadyJoined;
            }

            if (entry.State == HanJoinState.TimedOut ||
                (entry.State == HanJoinState.Whitelisted && now - entry.WhitelistedAt > JoinTimeout))
            {
                entry.State = HanJoinState.TimedOut;
                return JoinResult.JoinWindowExpired;
            }

            if (!CryptographicOperations.FixedTimeEquals(entry.LinkKey, presentedLinkKey))
            {
                return JoinResult.WrongLinkKey;
            }

            entry.State = HanJoinState.Joined;
            entry.JoinedAt = now;
            return JoinResult.Joined;
        }
    }

    /// <summary>The device leaves the HAN; it stays whitelisted and may rejoin with its key.</summary>
    public bool Leave(string eui64)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(eui64, out var entry) && entry.State == HanJoinState.Joined)
            {
                entry.State = HanJoinState.Left;
                return true;
            }

            return false;
        }
    }

    public bool IsJoined(string eui64)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(eui64, out var entry) && entry.State == HanJoinState.Joined;
        }
    }
}
