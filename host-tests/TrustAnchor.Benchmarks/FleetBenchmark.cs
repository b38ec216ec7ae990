using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TrustAnchor.Simulator.Hosting;
using TrustAnchor.Simulator.Scenarios;

namespace TrustAnchor.Benchmarks;

/// <summary>
/// Install & Commission for a fleet: N premises (a Comms Hub, ESME, GSME and PPMID each, every device the real
/// firmware with its own file-backed store) run concurrently through the simulator, one run.
/// N comes from TRUSTANCHOR_FLEET_PREMISES (default 10,000); parallelism from TRUSTANCHOR_FLEET_PARALLEL
/// (default: one per core). Progress goes to stderr; the one result line to the writer.
/// </summary>
public sealed class FleetBenchmark : IBenchmark
{
    public string Name => "fleet";

    public void Run(TextWriter output)
    {
        var premises = EnvInt("TRUSTANCHOR_FLEET_PREMISES", 10_000);
        var parallel = EnvInt("TRUSTANCHOR_FLEET_PARALLEL", Environment.ProcessorCount);
        var settings = new Dictionary<string, string?>
        {
            ["Simulator:Premises"] = premises.ToString(CultureInfo.InvariantCulture),
            ["Simulator:Parallel"] = parallel.ToString(CultureInfo.InvariantCulture),
            ["Simulator:Progress"] = "lines",
        };

        // Step lines and the summary go to stderr, so the writer gets only the result line.
        var console = new RunConsole(Console.Error, Console.Error, interactive: false);
        using var host = SimulatorHost.Build(settings, console);
        var catalog = host.Services.GetRequiredService<ScenarioCatalog>();
        var runner = host.Services.GetRequiredService<ScenarioRunner>();
        var clock = Stopwatch.StartNew();
        var report = runner.RunAsync(catalog.Resolve("install-commission")).GetAwaiter().GetResult();
        clock.Stop();
        if (!report.Passed)
        {
            Console.Error.WriteLine($"fleet: {report.PremisesFailed} of {premises} premises failed; first errors: {string.Join("; ", report.Errors.Take(3))}");

            // A speed for work that failed is no figure: the line is still printed, but the process fails.
            Environment.ExitCode = 1;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ic-fleet: premises={premises} seconds={seconds:0.0} premises_per_s={premises / seconds:0.0} peak_mb={report.PeakWorkingSetBytes / (1024 * 1024)} device_verifies={report.Counters.DeviceVerifies}"));
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
