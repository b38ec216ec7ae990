using TrustAnchor.Simulator.Devices;
using TrustAnchor.Simulator.Scenarios;

namespace TrustAnchor.Simulator.Dcc;

/// <summary>
/// The DCC's inventory for one premises (SR 12.2): a record per pre-notified device, updated as commands succeed,
/// and the frames it last sent there (what replay-last sends again).
/// </summary>
public sealed class DccInventory : IDisposable
{
    private readonly Dictionary<string, DeviceRecord> _records = [];

    /// <summary>The commands last sent, as sent (frame, target EUI-64, Originator Counter).</summary>
    public List<(byte[] Frame, string TargetEui, ulong Counter)> LastCommands { get; set; } = [];

    public IEnumerable<DeviceRecord> Records => _records.Values;

    public void Add(DeviceRecord record) => _records[record.EuiHex] = record;

    public DeviceRecord Record(VirtualDevice device) =>
        _records.TryGetValue(device.EuiHex, out var record)
            ? record
            : throw new InvalidOperationException($"{DeviceKinds.DisplayName(device.Kind)} {device.EuiHex} was not pre-notified to the DCC");

    public void Dispose()
    {
        foreach (var record in _records.Values)
        {
            record.Dispose();
        }
    }
}
