using Fw = TrustAnchor.Firmware.Han;

namespace TrustAnchor.Simulator.Han;

public enum JoinResult
{
    Joined = Fw.JoinResult.Joined,
    AlreadyJoined = Fw.JoinResult.AlreadyJoined,
    NotWhitelisted = Fw.JoinResult.NotWhitelisted,
    WrongLinkKey = Fw.JoinResult.WrongLinkKey,
    JoinWindowExpired = Fw.JoinResult.JoinWindowExpired,
}

/// <summary>
/// The simulator's view of a Comms Hub's Device Log. The log itself is the firmware's
/// (<see cref="Fw.DeviceLog"/>, which CCS01 commands fill inside the hub's device); this view speaks in hex EUI-64s
/// and install codes for the scenario code and remembers which kind of device each row was added for.
/// </summary>
public sealed class DeviceLog
{
    private readonly Dictionary<string, string> _kinds = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();

    public DeviceLog(int capacity, TimeSpan joinTimeout)
        : this(Create(capacity, joinTimeout))
    {
    }

    public DeviceLog(Fw.DeviceLog firmwareLog)
    {
        ArgumentNullException.ThrowIfNull(firmwareLog);
        Firmware = firmwareLog;
    }

    private static Fw.DeviceLog Create(int capacity, TimeSpan joinTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(joinTimeout, TimeSpan.Zero);
        return new Fw.DeviceLog(capacity, joinTimeout);
    }

    /// <summary>The hub firmware's own table.</summary>
    public Fw.DeviceLog Firmware { get; }

    public int Capacity => Firmware.Capacity;

    public TimeSpan JoinTimeout => Firmware.JoinTimeout;

    public IReadOnlyList<DeviceLogEntry> Entries
    {
        get
        {
            var rows = new List<DeviceLogEntry>();
            for (var i = 0; i < Firmware.Count; i++)
            {
                rows.Add(View(Firmware.GetEntry(i)));
            }

            return rows;
        }
    }

    /// <summary>Records which kind of device an EUI-64 is (the CCS01 payload does not say).</summary>
    public void NoteKind(string eui64, string deviceKind)
    {
        lock (_gate)
        {
            _kinds[eui64] = deviceKind;
        }
    }

    /// <summary>Whitelists a device directly (tests; scenarios send CCS01). Re-adding restarts its join window.</summary>
    public DeviceLogEntry Add(string eui64, string deviceKind, InstallCode installCode, DateTime now)
    {
        try
        {
            var entry = Firmware.Add(Convert.FromHexString(eui64), installCode.LinkKey, now);
            NoteKind(eui64, deviceKind);
            return View(entry);
        }
        catch (Fw.HanException ex) when (ex.Code == Fw.HanError.DeviceLogFull)
        {
            throw new InvalidOperationException($"Device Log is full ({Capacity} entries); cannot add {eui64}", ex);
        }
    }

    public bool Remove(string eui64) => Firmware.Remove(Convert.FromHexString(eui64));

    public DeviceLogEntry? Find(string eui64) => Firmware.Find(Convert.FromHexString(eui64)) is { } entry ? View(entry) : null;

    /// <summary>A device asks to join, proving it holds the link key from its install code.</summary>
    public JoinResult TryJoin(string eui64, ReadOnlySpan<byte> presentedLinkKey, DateTime now) =>
        (JoinResult)Firmware.TryJoin(Convert.FromHexString(eui64), presentedLinkKey.ToArray(), now);

    /// <summary>The device leaves the HAN; it stays whitelisted and may rejoin with its key.</summary>
    public bool Leave(string eui64) => Firmware.Leave(Convert.FromHexString(eui64));

    public bool IsJoined(string eui64) => Firmware.IsJoined(Convert.FromHexString(eui64));

    private DeviceLogEntry View(Fw.DeviceLogEntry entry)
    {
        var eui = Convert.ToHexString(entry.Eui64);
        string? kind;
        lock (_gate)
        {
            _kinds.TryGetValue(eui, out kind);
        }

        return new DeviceLogEntry(eui, kind ?? "device", entry.WhitelistedAt)
        {
            State = (HanJoinState)entry.State,
            JoinedAt = entry.HasJoined ? entry.JoinedAt : null,
        };
    }
}
