using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Devices;
using TrustAnchor.Simulator.Han;
using TrustAnchor.Simulator.Reporting;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Simulator.Wan;

namespace TrustAnchor.Simulator.Premises;

/// <summary>
/// One premises' Smart Metering System (SEC's term for the devices at a premises): the Comms Hub and meters made at
/// the virtual factory, their install codes, their virtual time, the WAN and HAN links once installed, and the
/// DCC's inventory of them. Made by <see cref="PremisesBuilder"/>; the steps act on it.
/// </summary>
public sealed class SmartMeteringSystem : IAsyncDisposable
{
    private readonly List<string> _flashFiles;
    private readonly bool _transientFiles;

    internal SmartMeteringSystem(
        DccEnvironment dcc, int index, string name, LinkFaults wanFaults, LinkFaults hanFaults, RunReport report,
        WorldClock world, Random random, List<VirtualDevice> devices, Dictionary<string, InstallCode> installCodes,
        List<string> flashFiles, bool transientFiles)
    {
        Dcc = dcc;
        Index = index;
        Name = name;
        WanFaults = wanFaults;
        HanFaults = hanFaults;
        Report = report;
        World = world;
        Random = random;
        Devices = devices;
        InstallCodes = installCodes;
        _flashFiles = flashFiles;
        _transientFiles = transientFiles;
    }

    /// <summary>The DCC side of the run this premises belongs to (SMKI, parties, packs, counters).</summary>
    public DccEnvironment Dcc { get; }

    public int Index { get; }

    public string Name { get; }

    public LinkFaults WanFaults { get; }

    public LinkFaults HanFaults { get; }

    public RunReport Report { get; }

    /// <summary>The premises' virtual time; every device clock runs off it with its own error.</summary>
    public WorldClock World { get; }

    /// <summary>The premises' own seeded choices (install codes, wrong keys).</summary>
    public Random Random { get; }

    /// <summary>The Comms Hub first, then the meters in the scenario's order.</summary>
    public IReadOnlyList<VirtualDevice> Devices { get; }

    public VirtualDevice Hub => Devices[0];

    public IEnumerable<VirtualDevice> Meters => Devices.Where(d => d.Kind != DeviceKinds.CommsHub);

    /// <summary>Each meter's install code, by EUI-64 (the hub has none).</summary>
    public IReadOnlyDictionary<string, InstallCode> InstallCodes { get; }

    /// <summary>What the DCC knows about these devices and what it last sent them.</summary>
    public DccInventory Inventory { get; } = new();

    /// <summary>The WAN link once the hub is installed.</summary>
    public FrameLink? Wan { get; internal set; }

    /// <summary>The Comms Hub's router once installed.</summary>
    public CommsHub? CommsHub { get; internal set; }

    /// <summary>The DCC's end of the WAN once the hub is installed.</summary>
    public WanExchange? Exchange { get; internal set; }

    /// <summary>Each joined meter's HAN link, by EUI-64.</summary>
    public Dictionary<string, FrameLink> HanLinks { get; } = [];

    public CommsHub RequireHub() => CommsHub ?? throw new InvalidOperationException("the Comms Hub is not installed yet (run install-hub first)");

    public WanExchange RequireExchange() => Exchange ?? throw new InvalidOperationException("the Comms Hub is not installed yet (run install-hub first)");

    /// <summary>The devices a step addresses: those named and present, or the action's default.</summary>
    public List<VirtualDevice> Select(ScenarioStep step, IEnumerable<VirtualDevice> fallback) =>
        step.Devices is null ? fallback.ToList() : Devices.Where(d => step.Devices.Contains(d.Kind, StringComparer.OrdinalIgnoreCase)).ToList();

    public VirtualDevice Device(string euiHex) => Devices.First(d => d.EuiHex == euiHex);

    public DeviceRecord Record(VirtualDevice device) => Inventory.Record(device);

    public async ValueTask DisposeAsync()
    {
        if (CommsHub is not null)
        {
            await CommsHub.DisposeAsync();
        }

        foreach (var link in HanLinks.Values)
        {
            await link.DisposeAsync();
        }

        if (Wan is not null)
        {
            await Wan.DisposeAsync();
        }

        if (Exchange is not null)
        {
            Report.Counters.AddFrames(Exchange.FramesSent);
        }

        Report.Counters.AddDeviceVerifies(Devices.Sum(d => (long)d.SignatureVerifications));
        Inventory.Dispose();
        DisposeDevices();
        if (_transientFiles)
        {
            foreach (var file in _flashFiles)
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // Left for the run folder's own clean-up.
                }
            }
        }
    }

    internal void DisposeDevices()
    {
        foreach (var device in Devices)
        {
            device.Dispose();
        }
    }
}
