using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Devices;
using TrustAnchor.Simulator.Han;
using TrustAnchor.Simulator.Reporting;
using TrustAnchor.Simulator.Tracing;
using TrustAnchor.Simulator.Wan;
using TrustAnchor.Smki;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Simulator.Scenarios;

/// <summary>
/// One premises going through a scenario: a Comms Hub and meters made at the virtual factory, the DCC's view of
/// them (inventory), the WAN link, and one method per step action. Each step returns what happened and which
/// expectations did not hold.
/// </summary>
public sealed partial class PremisesRun : IAsyncDisposable
{
    private readonly DccEnvironment _env;
    private readonly RunReport _report;
    private readonly ILogger _logger;
    private readonly LinkFaults _wanFaults;
    private readonly LinkFaults _hanFaults;
    private readonly string _folder;
    private readonly bool _transientFiles;
    private readonly List<string> _flashFiles = [];
    private readonly WorldClock _world;
    private readonly List<VirtualDevice> _devices = [];
    private readonly Dictionary<string, InstallCode> _installCodes = [];
    private readonly Dictionary<string, DeviceRecord> _inventory = [];
    private readonly Dictionary<string, FrameLink> _hanLinks = [];
    private readonly Random _random;
    private FrameLink? _wan;
    private CommsHub? _hub;
    private WanExchange? _exchange;
    private List<(byte[] Frame, string TargetEui, ulong Counter)> _lastCommands = [];

    private PremisesRun(DccEnvironment env, int index, string name, LinkFaults wan, LinkFaults han, RunReport report)
    {
        _env = env;
        Index = index;
        Name = name;
        _wanFaults = wan;
        _hanFaults = han;
        _report = report;
        _logger = env.Logger("Scenarios.Premises");
        _folder = Path.Combine(env.RunFolder, name);
        // A temporary fleet keeps only the premises in flight on disk, as flat files in the run folder: a folder
        // per premises would cost a mkdir and an rmdir (about a millisecond on ext4) each.
        _transientFiles = env.DeletesFolder && env.Options.Premises > 1;
        _world = new WorldClock(env.Scenario.StartTime);
        _random = new Random(Seeds.Derive(env.Options.Seed, index, "premises"));
    }

    public int Index { get; }

    public string Name { get; }

    public VirtualDevice Hub => _devices[0];

    public IReadOnlyList<VirtualDevice> Devices => _devices;

    public static Task<PremisesRun> CreateAsync(DccEnvironment env, int index, string name, LinkFaults wan, LinkFaults han, RunReport report, CancellationToken cancellationToken)
    {
        var run = new PremisesRun(env, index, name, wan, han, report);
        try
        {
            run.BuildDevices();
        }
        catch
        {
            run.DisposeDevices();
            throw;
        }

        return Task.FromResult(run);
    }

    /// <summary>The virtual factory: every device gets a blank flash part, the pack, and its own keys.</summary>
    private void BuildDevices()
    {
        var options = _env.Options;
        var inMemory = string.Equals(options.DeviceStorage, "memory", StringComparison.OrdinalIgnoreCase);
        if (!inMemory && !_transientFiles)
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true); // a kept run folder: new devices each run
            }

            Directory.CreateDirectory(_folder);
        }

        var kinds = new List<string> { DeviceKinds.CommsHub };
        kinds.AddRange(_env.Scenario.Meters);
        var pack = _env.PackDer(_env.BuildPack);
        for (var i = 0; i < kinds.Count; i++)
        {
            var kind = kinds[i];
            var eui = Eui(kind, i);
            var file = _transientFiles
                ? Path.Combine(_env.RunFolder, $"{Name}-{kind}-{Convert.ToHexString(eui)}.flash")
                : Path.Combine(_folder, $"{kind}-{Convert.ToHexString(eui)}.flash");
            if (!inMemory)
            {
                _flashFiles.Add(file);
            }

            var flash = inMemory
                ? DeviceFlash.InMemory(options.FlashBlockSize, options.FlashBlockCount)
                : DeviceFlash.OnFile(file, options.FlashBlockSize, options.FlashBlockCount);
            // Factory RTCs are set roughly; commissioning synchronises them.
            var clock = new DeviceClock(_world, TimeSpan.FromSeconds(_random.Next(-600, 600)));
            var device = _env.Factory.Build(kind, eui, pack, flash, clock, Seeds.Derive(options.Seed, Index, "device-" + i));
            _devices.Add(device);
            if (!inMemory && !_env.DeletesFolder)
            {
                // A kept run folder also keeps what DCC-side tools need about the device (keystore verb).
                Keystore.DeviceCredentialArchive.Keep(_env.Smki, _folder, device, _logger);
            }
            _logger.LogDebug("{Premises}: {Kind} {Eui} made with {Pack}, flash {Where}", Name, kind, Convert.ToHexString(eui), _env.BuildPack.PackName(), flash.Where);
            if (kind != DeviceKinds.CommsHub)
            {
                _installCodes[Convert.ToHexString(eui)] = InstallCode.Create(_random);
            }
        }
    }

    /// <summary>EUI-64s for the run: 70-B3-D5 (an IEEE block used in examples), 00, the premises number, the device slot.</summary>
    private byte[] Eui(string kind, int slot) =>
        [0x70, 0xB3, 0xD5, 0x00, (byte)(Index >> 16), (byte)(Index >> 8), (byte)Index, (byte)(0x10 * (slot + 1) + (kind == DeviceKinds.CommsHub ? 1 : 0))];

    public async Task<StepResult> ExecuteAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = step.Action switch
        {
            StepAction.PreNotify => PreNotify(step),
            StepAction.InstallHub => await InstallHubAsync(step, cancellationToken),
            StepAction.Whitelist => await WhitelistAsync(step, cancellationToken),
            StepAction.JoinDevices => await JoinDevicesAsync(step, cancellationToken),
            StepAction.Join => await JoinAsync(step, cancellationToken),
            StepAction.Leave => await LeaveAsync(step),
            StepAction.Commission => await CommissionAsync(step, cancellationToken),
            StepAction.ReplaceCredentials => await ReplaceCredentialsAsync(step, cancellationToken),
            StepAction.VerifyCredentials => await VerifyCredentialsAsync(step, cancellationToken),
            StepAction.ReplayLast => await ReplayLastAsync(step, cancellationToken),
            StepAction.AdvanceClock => AdvanceClock(step),
            StepAction.ReissuePack => ReissuePack(step),
            StepAction.IssueDeviceCredentials => await IssueDeviceCredentialsAsync(step, cancellationToken),
            StepAction.UpdateDeviceCertificate => await UpdateDeviceCertificateAsync(step, cancellationToken),
            StepAction.ProvideDeviceCertificate => await ProvideDeviceCertificateAsync(step, cancellationToken),
            StepAction.RevokeCertificate => RevokeCertificate(step),
            StepAction.ReissueCertificates => ReissueCertificates(step),
            _ => new StepOutcome($"action {step.Action} is not supported here", [$"a known action (got {step.Action})"]),
        };

        var result = new StepResult(outcome.Failures.Count == 0, Stopwatch.GetElapsedTime(started), outcome.Detail, outcome.Failures);
        if (result.Passed)
        {
            _logger.LogDebug("{Premises} {Step}: {Detail} ({Ms:0.0} ms)", Name, step.DisplayName, result.Detail, result.Duration.TotalMilliseconds);
        }
        else
        {
            _logger.LogInformation("{Premises} {Step} failed: {Failures}", Name, step.DisplayName, string.Join("; ", result.Failures));
        }

        return result;
    }

    private sealed record StepOutcome(string Detail, List<string> Failures)
    {
        public StepOutcome(string detail)
            : this(detail, [])
        {
        }
    }

    // ---- device selection ----

    private IEnumerable<VirtualDevice> Meters => _devices.Where(d => d.Kind != DeviceKinds.CommsHub);

    /// <summary>The devices a step addresses: those named and present, or the action's default.</summary>
    private List<VirtualDevice> Select(ScenarioStep step, IEnumerable<VirtualDevice> fallback) =>
        step.Devices is null ? fallback.ToList() : _devices.Where(d => step.Devices.Contains(d.Kind, StringComparer.OrdinalIgnoreCase)).ToList();

    private static string Names(IEnumerable<VirtualDevice> devices) => string.Join(", ", devices.Select(d => DeviceKinds.DisplayName(d.Kind)));

    private DeviceRecord Record(VirtualDevice device) =>
        _inventory.TryGetValue(device.EuiHex, out var record)
            ? record
            : throw new InvalidOperationException($"{DeviceKinds.DisplayName(device.Kind)} {device.EuiHex} was not pre-notified to the DCC");

    // ---- steps ----

    private StepOutcome PreNotify(ScenarioStep step)
    {
        var pack = _env.BuildPack;
        foreach (var device in _devices)
        {
            _installCodes.TryGetValue(device.EuiHex, out var code);
            var record = new DeviceRecord(device.Kind, device.Eui64, VirtualFactory.DeviceTypeOf(device.Kind), code, device.SigningPublicKey, device.KeyAgreementPublicKey, pack.PackName());
            foreach (var cell in CellSets.For((TrustAnchor.Firmware.TrustAnchors.DeviceType)record.DeviceType))
            {
                var key = new CellKey((int)cell.Role, (int)cell.KeyUsage, (int)cell.CellUsage);
                record.Expected[key] = PackHolder(pack, key);
            }

            _inventory[device.EuiHex] = record;
        }

        return new StepOutcome($"Comms Hub + {Names(Meters)} in the inventory, made with pack {pack.PackName()}");
    }

    /// <summary>The party a pack puts in a cell, as the DCC records it.</summary>
    private CellHolder PackHolder(PackKind pack, CellKey cell)
    {
        if (cell.Role == (int)FwRole.Root)
        {
            var root = _env.Smki.RootOca;
            return new CellHolder("root", new byte[8], root.SubjectKeyIdBytes());
        }

        var certificate = _env.Smki.PackCertificate(pack, cell.Role, cell.KeyUsage == DccCommands.KeyUsageDs ? SmkiKeyUsage.DigitalSignature : SmkiKeyUsage.KeyAgreement, cell.CellUsage);
        return new CellHolder(PackPartyName(cell.Role), certificate.EntityIdBytes(), certificate.SubjectKeyIdBytes());
    }

    private static string PackPartyName(int role) => role switch
    {
        (int)FwRole.Supplier => PartyNames.PackSupplier,
        (int)FwRole.NetworkOperator => PartyNames.PackNetworkOperator,
        (int)FwRole.Recovery => PartyNames.Recovery,
        (int)FwRole.TransitionalCoS => PartyNames.TransitionalCoS,
        (int)FwRole.WanProvider => PartyNames.WanProvider,
        (int)FwRole.AccessControlBroker => PartyNames.Acb,
        _ => "role-" + role,
    };

    private async Task<StepOutcome> InstallHubAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        if (_hub is null)
        {
            _wan = await _env.WanLinks.CreateAsync($"wan:{Name}", _wanFaults, _wanFaults, Seeds.Derive(_env.Options.Seed, Index, "wan"), _report.Wan, cancellationToken);
            _wan.TraceTo(_env.Trace, TraceLink.Wan, Index);
            _exchange = new WanExchange(_wan.Near, _env.Options.ResponseTimeout);
            // The Device Log lives in the hub's firmware (CCS01 fills it); the hub's HAN side consults the same table.
            var log = new TrustAnchor.Firmware.Han.DeviceLog(_env.Options.DeviceLogCapacity, _env.Options.HanJoinTimeout);
            Hub.AttachDeviceLog(log);
            _hub = new CommsHub(Hub, _wan.Far, new DeviceLog(log), _env.Logger("Devices.CommsHub"));
            _hub.Start();
        }

        // The DCC asks the hub what it holds (CS02a, as the WAN Provider) and looks the answer up in its packs.
        var hub = Record(Hub);
        var (answers, failures) = await ProvideDetailsAsync([Hub], cancellationToken);
        var answer = answers[0];
        var details = answer.Details;
        if (details is null)
        {
            return new StepOutcome($"Comms Hub did not answer CS02a ({Summarise(answer.Answer)})", [.. failures, "the Comms Hub answers CS02a"]);
        }

        var recognised = RecognisePack(hub, details);
        var detail = $"Comms Hub {hub.EuiHex} on the {(_env.WanLinks.Kind == TransportKind.Tcp ? "TCP" : "in-memory")} WAN; CS02a: holds pack {recognised ?? "(none recognised)"}";
        if (step.Expect.Pack is { } expected)
        {
            var expectedName = expected == ScenarioPacks.Mp261 ? PackKind.Mp261.PackName() : PackKind.Original2016.PackName();
            if (!string.Equals(recognised, expectedName, StringComparison.Ordinal))
            {
                failures.Add($"the DCC recognises pack {expectedName}, got {recognised ?? "none"}");
            }
        }

        CheckOutcome(step, [("Comms Hub", answer.Outcome)], failures);
        return new StepOutcome(detail, failures);
    }

    /// <summary>
    /// The DCC's pack look-up: a device holds a pack when every non-root cell's Entity Identifier and SKI match
    /// the pack's. The current pack is tried first; MP261 matches 2016-made devices because the keys were kept.
    /// </summary>
    private string? RecognisePack(DeviceRecord device, ProvideSecurityCredentialsDetailsResponse details)
    {
        var kinds = _env.Parties.CurrentPack == PackKind.Mp261 ? new[] { PackKind.Mp261, PackKind.Original2016 } : [PackKind.Original2016, PackKind.Mp261];
        foreach (var kind in kinds)
        {
            var all = true;
            foreach (var party in details.Parties)
            {
                if (party.Role == FwRole.Root)
                {
                    continue;
                }

                foreach (var cell in party.Cells)
                {
                    var holder = PackHolder(kind, new CellKey((int)party.Role, (int)cell.KeyUsage, (int)cell.CellUsage));
                    all &= holder.EntityId.AsSpan().SequenceEqual(cell.SubjectUniqueId) && holder.SubjectKeyId.AsSpan().SequenceEqual(cell.SubjectKeyIdentifier);
                }
            }

            if (all)
            {
                return kind.PackName();
            }
        }

        return null;
    }

    private async Task<StepOutcome> JoinAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        var hub = RequireHub();
        var meters = Select(step, Meters);
        var results = new List<(string Device, string Outcome)>();
        var parts = new List<string>();
        foreach (var meter in meters)
        {
            var key = step.InstallCode == "wrong" ? InstallCode.Create(_random).LinkKey : _installCodes[meter.EuiHex].LinkKey;
            var link = await _env.HanLinks.CreateAsync($"han:{Name}/{meter.Kind}", _hanFaults, _hanFaults, Seeds.Derive(_env.Options.Seed, Index, "han-" + meter.Kind), _report.Han, cancellationToken);
            link.TraceTo(_env.Trace, TraceLink.Han, Index);
            var result = hub.Join(new MeterNode(meter, _env.Logger("Devices.Meter")), key, _world.UtcNow, link);
            if (result == JoinResult.Joined)
            {
                _hanLinks[meter.EuiHex] = link;
            }
            else
            {
                await link.DisposeAsync();
            }

            results.Add((DeviceKinds.DisplayName(meter.Kind), result == JoinResult.Joined ? "joined" : "not-joined"));
            parts.Add($"{DeviceKinds.DisplayName(meter.Kind)} {ScenarioNames.Kebab(result.ToString())}");
        }

        var failures = new List<string>();
        CheckOutcome(step, results, failures);
        return new StepOutcome(string.Join(", ", parts) + " on the ZigBee HAN", failures);
    }

    private async Task<StepOutcome> LeaveAsync(ScenarioStep step)
    {
        var hub = RequireHub();
        var meters = Select(step, Meters);
        foreach (var meter in meters)
        {
            await hub.LeaveAsync(meter.EuiHex);
            _hanLinks.Remove(meter.EuiHex);
        }

        return new StepOutcome($"{Names(meters)} left the HAN");
    }

    private async Task<StepOutcome> CommissionAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        RequireHub();
        var devices = Select(step, _devices);
        // ECS70 Set Clock on ESME goes as a command; GBCS has none for the other devices, whose clocks the case synchronises.
        var (clockDetail, clockFailures) = await SetEsmeClocksAsync(step, devices, cancellationToken);
        var acb = _env.Parties.Get(PartyNames.Acb).EntityId;
        var answers = new DeviceAnswer[devices.Count];
        var pending = Enumerable.Range(0, devices.Count).ToList();

        // The installer commissions each device; one whose 0x8F69 never reaches the DCC is commissioned again.
        for (var attempt = 0; attempt <= _env.Options.Retries && pending.Count > 0; attempt++)
        {
            var waiting = new List<(byte[]? Frame, string TargetEui, ulong Counter)>();
            foreach (var i in pending)
            {
                var device = devices[i];
                var alert = device.Commission(acb);
                if (device.Kind == DeviceKinds.CommsHub)
                {
                    await _wan!.Far.SendAsync(alert, cancellationToken);
                }
                else if (_hanLinks.TryGetValue(device.EuiHex, out var link))
                {
                    await link.Far.SendAsync(alert, cancellationToken);
                }

                waiting.Add((null, device.EuiHex, 0));
            }

            var got = await _exchange!.ExchangeAsync(waiting, cancellationToken);
            for (var k = 0; k < pending.Count; k++)
            {
                answers[pending[k]] = got[k];
            }

            pending = pending.Where(i => answers[i].Alerts.Count == 0).ToList();
        }

        var failures = new List<string>();
        var outcomes = new List<(string Device, string Outcome)>();
        var raised = new List<string>();
        for (var i = 0; i < devices.Count; i++)
        {
            var record = Record(devices[i]);
            var alerts = AlertCodesOf(record, answers[i], failures);
            outcomes.Add((record.Display, alerts.Contains(AlertCodes.DeviceCommissioned) ? "accepted" : "no-response"));
            if (alerts.Contains(AlertCodes.DeviceCommissioned))
            {
                raised.Add(record.Display);
            }
            CheckAlerts(step, record, alerts, failures);
        }

        CheckOutcome(step, outcomes, failures);
        failures.InsertRange(0, clockFailures);
        return new StepOutcome($"{clockDetail}clocks synchronised; 0x8F69 (device commissioned) from {(raised.Count == 0 ? "no device" : string.Join(", ", raised))}", failures);
    }

    private StepOutcome AdvanceClock(ScenarioStep step)
    {
        ScenarioNames.TryParseDuration(step.By!, out var by);
        _world.Advance(by);
        return new StepOutcome($"virtual time now {_world.UtcNow:yyyy-MM-dd HH:mm} UTC");
    }

    private StepOutcome ReissuePack(ScenarioStep step)
    {
        _env.Parties.CurrentPack = PackKind.Mp261;
        var old = _env.Smki.PackCertificates(PackKind.Original2016);
        var reissued = _env.Smki.PackCertificates(PackKind.Mp261);
        var failures = new List<string>();
        var changed = 0;
        foreach (var (cell, certificate) in reissued)
        {
            var before = old.First(o => o.Cell == cell).Certificate;
            if (before.Serial == certificate.Serial)
            {
                continue;
            }

            changed++;
            if (before.SubjectKeyId != certificate.SubjectKeyId)
            {
                failures.Add($"{cell.PartyName} keeps its key (SKI {before.SubjectKeyId}, got {certificate.SubjectKeyId})");
            }
        }

        var validTo = reissued.Where(r => Smki.RemotePartyRole.IsMp261Role(r.Cell.Role)).Select(r => r.Certificate.NotAfter).DefaultIfEmpty().Max();
        return new StepOutcome($"MP261: {changed} certificates re-issued with the same keys, valid to {validTo:yyyy-MM-dd}", failures);
    }

    private CommsHub RequireHub() => _hub ?? throw new InvalidOperationException("the Comms Hub is not installed yet (run install-hub first)");

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        foreach (var link in _hanLinks.Values)
        {
            await link.DisposeAsync();
        }

        if (_wan is not null)
        {
            await _wan.DisposeAsync();
        }

        if (_exchange is not null)
        {
            _report.Counters.AddFrames(_exchange.FramesSent);
        }

        _report.Counters.AddDeviceVerifies(_devices.Sum(d => (long)d.SignatureVerifications));
        foreach (var record in _inventory.Values)
        {
            record.Dispose();
        }

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

    private void DisposeDevices()
    {
        foreach (var device in _devices)
        {
            device.Dispose();
        }
    }
}
