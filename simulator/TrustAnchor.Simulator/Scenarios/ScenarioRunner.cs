using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Hosting;
using TrustAnchor.Simulator.Premises;
using TrustAnchor.Simulator.Reporting;
using TrustAnchor.Simulator.Steps;
using TrustAnchor.Simulator.Wan;

namespace TrustAnchor.Simulator.Scenarios;

/// <summary>
/// Runs a scenario at one or many premises: sets up the DCC side once (SMKI, Known Remote Parties, packs), then each
/// premises builds its hub and meters, links them, and runs the steps in order, reporting each as it finishes.
/// </summary>
public sealed class ScenarioRunner(
    DccEnvironmentFactory environments,
    ILinkFactory links,
    ProgressReporterFactory progressFactory,
    RunConsole console,
    IOptions<SimulatorOptions> options,
    PremisesBuilder premisesBuilder,
    StepExecutor steps,
    ILogger<ScenarioRunner> logger)
{
    public async Task<RunReport> RunAsync(ScenarioDefinition scenario, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var premisesCount = settings.Premises;
        var parallel = Math.Min(settings.EffectiveParallel, premisesCount);
        var steps = scenario.Steps.Select((s, i) => new StepReport(i + 1, s.DisplayName, ScenarioNames.Kebab(s.Action.ToString()), s.Description ?? "")).ToList();
        var clock = Stopwatch.StartNew();

        console.Out.WriteLine($"TrustAnchor simulator · {scenario.Name}{(scenario.Negative ? " (negative run: the devices must refuse)" : "")}");
        foreach (var line in Wrap(scenario.Description, 100))
        {
            console.Out.WriteLine("  " + line);
        }

        console.Out.WriteLine("  Every hub and meter runs the real TrustAnchor firmware; the DCC signs as each party with keys from the SMKI.");

        await using var environment = await environments.CreateAsync(scenario, settings, cancellationToken);
        var report = new RunReport(scenario.Name, scenario.Description, scenario.Negative, steps)
        {
            Transport = links.Kind == TransportKind.Tcp ? "tcp loopback" : "in-memory",
            Premises = premisesCount,
            Parallel = parallel,
            Seed = settings.Seed,
            RunFolder = environment.RunFolder,
        };

        var wan = scenario.Wan?.ToFaults() ?? settings.Wan.ToFaults();
        var han = scenario.Han?.ToFaults() ?? settings.Han.ToFaults();
        console.Out.WriteLine($"  {Plural(premisesCount, "premises", "premises")} · WAN {report.Transport} ({wan}) · HAN ({han}) · seed {settings.Seed}");
        console.Out.WriteLine($"  {environment.Describe()}");
        console.Out.WriteLine();
        console.Out.Flush();

        using (var progress = progressFactory.Create(settings.Progress, premisesCount, steps.Count))
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(1, premisesCount),
                new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
                async (index, token) =>
                {
                    var passed = await RunPremisesAsync(scenario, environment, index, wan, han, report, progress, token);
                    report.PremisesDone(passed);
                    progress.PremisesCompleted(index, passed);
                });
        }

        clock.Stop();
        report.Elapsed = clock.Elapsed;
        using (var process = Process.GetCurrentProcess())
        {
            process.Refresh();
            report.PeakWorkingSetBytes = process.PeakWorkingSet64;
        }

        logger.LogInformation("{Scenario}: {Passed}/{Total} premises passed in {Seconds:0.00} s", scenario.Name, report.PremisesPassed, premisesCount, clock.Elapsed.TotalSeconds);
        return report;
    }

    private async Task<bool> RunPremisesAsync(
        ScenarioDefinition scenario, DccEnvironment environment, int index, LinkFaults wan, LinkFaults han,
        RunReport report, IRunProgress progress, CancellationToken cancellationToken)
    {
        var premisesName = $"premises-{index:D5}";
        var allPassed = true;
        var next = 0;
        // Once the run is cancelled (Ctrl+C) whatever fails next is the cancellation tearing links down: let it end the run quietly.
        try
        {
            await using var premises = premisesBuilder.Build(environment, index, premisesName, wan, han, report);
            for (; next < scenario.Steps.Count; next++)
            {
                var step = scenario.Steps[next];
                progress.StepStarted(index, next + 1, step.DisplayName);
                var started = Stopwatch.GetTimestamp();
                StepResult result;
                try
                {
                    result = await steps.ExecuteAsync(premises, step, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "{Premises}: step {Step} threw", premisesName, step.DisplayName);
                    result = new StepResult(false, Stopwatch.GetElapsedTime(started), ex.Message, [$"the step ran to completion (it stopped: {ex.Message})"]);
                }

                report.Steps[next].Record(premisesName, result);
                progress.StepCompleted(index, next + 1, step.DisplayName, result);
                allPassed &= result.Passed;
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "{Premises}: could not run", premisesName);
            report.AddError($"{premisesName}: {ex.Message}");
            for (; next < scenario.Steps.Count; next++)
            {
                report.Steps[next].RecordNotRun();
            }

            return false;
        }

        return allPassed;
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length == 0 ? "" : " ").Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    private static string Plural(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}
