using TrustAnchor.Simulator.Wan;

namespace TrustAnchor.Simulator.Hosting;

/// <summary>
/// Everything a run can be told, bound from the "Simulator" section: embedded appsettings.json defaults, then
/// environment variables (TRUSTANCHOR_SIM_Simulator__Premises=…), then the command line.
/// </summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    /// <summary>How many premises (a Comms Hub and its meters each) run the scenario.</summary>
    public int Premises { get; set; } = 1;

    /// <summary>How many premises run at once; 0 means 16 per processor core (a premises mostly waits on its links).</summary>
    public int Parallel { get; set; }

    /// <summary>WAN transport between DCC and Comms Hubs: memory, or tcp (loopback socket, length-prefixed).</summary>
    public TransportKind Transport { get; set; } = TransportKind.Memory;

    /// <summary>Folder for the SMKI and device stores; empty means a fresh temporary folder.</summary>
    public string? RunFolder { get; set; }

    /// <summary>Keep a temporary run folder after the run (a given --run-folder is always kept).</summary>
    public bool KeepRunFolder { get; set; }

    /// <summary>Seed for every random choice (fault injection, install codes, device entropy).</summary>
    public int Seed { get; set; } = 2016;

    /// <summary>How long the DCC waits for a response before it counts the command as unanswered.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the DCC resends a command (with a fresh counter) that got no answer at all.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>Progress style: auto (bar when interactive), bar, lines or quiet.</summary>
    public ProgressStyle Progress { get; set; } = ProgressStyle.Auto;

    public LinkOptions Wan { get; set; } = new();

    public LinkOptions Han { get; set; } = new();

    /// <summary>ZigBee join window after a device is added to the Device Log (virtual time).</summary>
    public TimeSpan HanJoinTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Device Log capacity of each Comms Hub.</summary>
    public int DeviceLogCapacity { get; set; } = 8;

    /// <summary>Flash geometry of each virtual device's store.</summary>
    public int FlashBlockSize { get; set; } = 4096;

    public int FlashBlockCount { get; set; } = 8;

    /// <summary>Device stores on files under the run folder (file), or in memory (memory, for huge fleets).</summary>
    public DeviceStorageKind DeviceStorage { get; set; } = DeviceStorageKind.File;

    /// <summary>
    /// Signer keys with precomputed tables the host keeps for all its virtual devices (HostP256Tables; each device
    /// owns its P-256 context and looks there first; a board keeps one key in its own context).
    /// </summary>
    public int CryptoCachedKeys { get; set; } = 8;

    /// <summary>
    /// ECDH peers (the Access Control Broker) the host keeps a fixed-base table for, 8 KB each: every virtual
    /// device agrees its MAC key with the same ACB key (a board keeps none).
    /// </summary>
    public int CryptoPeerTables { get; set; } = 2;

    /// <summary>Wide tables (8 KB instead of 2 KB) for the cached signer keys: fewer additions per verification.</summary>
    public bool CryptoWideKeyTables { get; set; } = true;

    public string? ReportJson { get; set; }

    public string? ReportJUnit { get; set; }

    /// <summary>Write a self-contained HTML report (steps, and the first premises' frames as a sequence diagram).</summary>
    public string? ReportHtml { get; set; }

    /// <summary>Write every WAN and HAN frame the run carries to this file as JSON Lines (see Tracing/).</summary>
    public string? Trace { get; set; }

    public int EffectiveParallel => Parallel > 0 ? Parallel : Environment.ProcessorCount * 16;
}

/// <summary>Fault controls for one kind of link, applied to both directions.</summary>
public sealed class LinkOptions
{
    public int LatencyMs { get; set; }
    public double LossRate { get; set; }
    public double DuplicateRate { get; set; }
    public double ReorderRate { get; set; }
    public double CorruptRate { get; set; }

    public LinkFaults ToFaults() => new()
    {
        LatencyMs = LatencyMs,
        LossRate = LossRate,
        DuplicateRate = DuplicateRate,
        ReorderRate = ReorderRate,
        CorruptRate = CorruptRate,
    };
}
