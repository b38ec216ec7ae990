using Microsoft.Extensions.Logging;
using TrustAnchor.Simulator.Hosting;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Smki;

namespace TrustAnchor.Simulator.Dcc;

/// <summary>
/// The DCC side of a run, shared by every premises: the run folder, the SMKI (a throwaway one made here unless the
/// run folder already holds one), the manufacturing packs, and the Known Remote Parties with their keys.
/// It is state, not a service locator: links, the frame trace and loggers are injected by the host where they are used.
/// </summary>
public sealed class DccEnvironment : IAsyncDisposable
{
    private readonly bool _deleteFolder;
    private readonly Dictionary<PackKind, byte[]> _packs = [];
    private long _counter;

    internal DccEnvironment(string runFolder, bool deleteFolder, SmkiPki smki, bool smkiCreated, TimeSpan smkiTime, ScenarioDefinition scenario, SimulatorOptions options, TrustAnchor.HostCrypto.HostP256Tables p256Tables)
    {
        RunFolder = runFolder;
        _deleteFolder = deleteFolder;
        Smki = smki;
        SmkiCreated = smkiCreated;
        SmkiTime = smkiTime;
        Scenario = scenario;
        Options = options;
        foreach (var kind in new[] { PackKind.Original2016, PackKind.Mp261 })
        {
            _packs[kind] = smki.CreateManufacturingPack(kind);
        }

        BuildPack = scenario.Pack == ScenarioPacks.Mp261 ? PackKind.Mp261 : PackKind.Original2016;
        Parties = new PartyDirectory(smki, PackKind.Original2016, scenario.StartTime);
        // Counters start above anything a pack or an earlier run could have left, and only go up.
        _counter = 1_000;
        // The contingency key (AES-128 size [inferred]): made once per run; the factory puts its SHA-256 digest in
        // every device, and only a mode 9 command reveals the key itself.
        ContingencyKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        Factory = new Devices.VirtualFactory(System.Security.Cryptography.SHA256.HashData(ContingencyKey), p256Tables);
        EnsureDeviceCsrSubscriber();
    }

    /// <summary>The Authorised Subscriber the DCC sends CS02c CSRs to the SMKI as (over the DCC Gateway, entry tests done).</summary>
    public const string DeviceCsrSubscriber = "DCC (simulated)";

    /// <summary>The plaintext contingency key the DCC reveals in anyByContingency (mode 9).</summary>
    public byte[] ContingencyKey { get; }

    /// <summary>The CRL and ARL the DCC has read, and the Relying Party check made before every command.</summary>
    public RevocationLists Revocation { get; } = new();

    private void EnsureDeviceCsrSubscriber()
    {
        if (Smki.Subscribers.Any(s => s.Organisation == DeviceCsrSubscriber))
        {
            return;
        }

        Smki.AddSubscriber(new AuthorisedSubscriber
        {
            Organisation = DeviceCsrSubscriber,
            Roles = [RemotePartyRole.Supplier, RemotePartyRole.NetworkOperator, RemotePartyRole.WanProvider],
            EntryTestsCompleted = true,
            Connection = SubscriberConnection.DccGateway,
        });
    }

    public string RunFolder { get; }

    public SmkiPki Smki { get; }

    public bool SmkiCreated { get; }

    public TimeSpan SmkiTime { get; }

    public ScenarioDefinition Scenario { get; }

    public SimulatorOptions Options { get; }

    /// <summary>The meter maker's line every premises' devices come from (checks each pack once per device type).</summary>
    public Devices.VirtualFactory Factory { get; }

    public PartyDirectory Parties { get; }

    /// <summary>The pack the devices are made with.</summary>
    public PackKind BuildPack { get; }

    public bool DeletesFolder => _deleteFolder;

    public byte[] PackDer(PackKind kind) => _packs[kind];

    /// <summary>The next Originator Counter: one sequence for every party, so each is always above any floor set before it.</summary>
    public ulong NextCounter() => (ulong)Interlocked.Increment(ref _counter);

    public string Describe()
    {
        var smki = !SmkiCreated
            ? $"SMKI: opened from {Smki.Folder}"
            : _deleteFolder
                ? $"SMKI: throwaway test PKI created in {SmkiTime.TotalSeconds:0.00} s (Root and Issuing OCA/DCA, 2016 and MP261 packs)"
                : $"SMKI: test PKI created in {SmkiTime.TotalSeconds:0.00} s and kept in {Smki.Folder}";
        return $"{smki}\n  run folder: {RunFolder}{(_deleteFolder ? " (temporary, deleted afterwards)" : "")}";
    }

    public ValueTask DisposeAsync()
    {
        Parties.Dispose();
        if (_deleteFolder)
        {
            try
            {
                Directory.Delete(RunFolder, recursive: true);
            }
            catch (IOException)
            {
                // A virus scanner or an open file: leave it for the temp cleaner.
            }
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Opens (or creates) the run folder and its SMKI, once per run.</summary>
public sealed class DccEnvironmentFactory(ILogger<DccEnvironmentFactory> logger, TrustAnchor.HostCrypto.HostP256Tables p256Tables)
{
    public Task<DccEnvironment> CreateAsync(ScenarioDefinition scenario, SimulatorOptions options, CancellationToken cancellationToken)
    {
        var temporary = string.IsNullOrWhiteSpace(options.RunFolder);
        var folder = temporary
            ? Path.Combine(Path.GetTempPath(), "trustanchor-sim-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss") + "-" + Guid.NewGuid().ToString("N")[..6])
            : Path.GetFullPath(options.RunFolder!);
        Directory.CreateDirectory(folder);
        var smkiFolder = Path.Combine(folder, "smki");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        SmkiPki smki;
        bool created;
        var smkiClock = new FixedClock(scenario.StartTime);
        if (Directory.Exists(smkiFolder) && Directory.EnumerateFileSystemEntries(smkiFolder).Any())
        {
            smki = SmkiPki.Open(smkiFolder, smkiClock);
            created = false;
            logger.LogInformation("opened the SMKI in {Folder}", smkiFolder);
        }
        else
        {
            smki = SmkiPki.Init(smkiFolder, new SmkiOptions { Clock = smkiClock });
            created = true;
            logger.LogInformation("created a throwaway SMKI in {Folder}", smkiFolder);
        }

        clock.Stop();
        return Task.FromResult(new DccEnvironment(folder, temporary && !options.KeepRunFolder, smki, created, clock.Elapsed, scenario, options, p256Tables));
    }
}
