using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using TrustAnchor.Simulator.Hosting;
using TrustAnchor.Simulator.Scenarios;

namespace TrustAnchor.Benchmarks;

/// <summary>
/// Install & Commission for a fleet: N premises (a Comms Hub, ESME, GSME and PPMID each, every device the real
/// firmware with its own file-backed store) run concurrently through the simulator, one run.
/// N comes from TRUSTANCHOR_FLEET_PREMISES (default 10,000); parallelism from TRUSTANCHOR_FLEET_PARALLEL
/// (default: one per core). Progress goes to stderr; the one result line to the writer.
/// The line ends with an anchor for the machine's speed at the time: .NET's (OpenSSL's) ECDSA P-256
/// verification on every core, measured just before and just after the fleet (the mean of the two, microseconds
/// per verification per core). The shared VM's speed drifts by up to half within an hour, so compare fleet
/// seconds together with it.
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
        var anchorBefore = AnchorMicros();
        var clock = Stopwatch.StartNew();
        var report = runner.RunAsync(catalog.Resolve("install-commission")).GetAwaiter().GetResult();
        clock.Stop();
        var anchorAfter = AnchorMicros();
        if (!report.Passed)
        {
            Console.Error.WriteLine($"fleet: {report.PremisesFailed} of {premises} premises failed; first errors: {string.Join("; ", report.Errors.Take(3))}");

            // A speed for work that failed is no figure: the line is still printed, but the process fails.
            Environment.ExitCode = 1;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ic-fleet: premises={premises} seconds={seconds:0.0} premises_per_s={premises / seconds:0.0} peak_mb={report.PeakWorkingSetBytes / (1024 * 1024)} device_verifies={report.Counters.DeviceVerifies} anchor_openssl_verify_us={(anchorBefore + anchorAfter) / 2:0.0}"));
    }

    /// <summary>Microseconds per .NET ECDSA P-256 verification, one thread per core verifying at once (~0.5 s).</summary>
    private static double AnchorMicros()
    {
        const int PerThread = 2000;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var hash = SHA256.HashData("fleet anchor"u8);
        var signature = key.SignHash(hash);
        var publicKey = key.ExportParameters(false);
        int threads = Environment.ProcessorCount;
        using (var warm = ECDsa.Create(publicKey))
        {
            for (int i = 0; i < 500; i++)
            {
                warm.VerifyHash(hash, signature);
            }
        }

        var clock = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            using var verifier = ECDsa.Create(publicKey);
            for (int i = 0; i < PerThread; i++)
            {
                if (!verifier.VerifyHash(hash, signature))
                {
                    throw new InvalidOperationException("anchor signature did not verify");
                }
            }
        });
        return clock.Elapsed.TotalMilliseconds * 1000 / PerThread;
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
