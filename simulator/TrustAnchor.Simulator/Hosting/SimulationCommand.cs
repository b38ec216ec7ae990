using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustAnchor.Simulator.Reporting;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Simulator.Tracing;

namespace TrustAnchor.Simulator.Hosting;

/// <summary>What <c>trustanchor-sim run</c> does: pick the scenario, run it, print the summary, write the reports.</summary>
public sealed class SimulationCommand(
    ScenarioCatalog catalog,
    ScenarioRunner runner,
    ReportWriters reports,
    RunConsole console,
    IOptions<SimulatorOptions> options,
    IFrameTrace trace,
    ILogger<SimulationCommand> logger)
{
    public const int ExitPassed = TrustAnchor.Cli.ExitCodes.Success;
    public const int ExitFailed = TrustAnchor.Cli.ExitCodes.Failed;
    public const int ExitUsage = TrustAnchor.Cli.ExitCodes.Usage;

    public async Task<int> RunAsync(string? scenarioName, string? scenarioFile, CancellationToken cancellationToken)
    {
        ScenarioDefinition scenario;
        try
        {
            var fromFile = scenarioFile is null ? [] : catalog.LoadFile(scenarioFile);
            var name = scenarioName ?? (fromFile.Count == 1 ? fromFile[0] : null);
            if (name is null)
            {
                console.Error.WriteLine(fromFile.Count > 1
                    ? $"error: {scenarioFile} holds {fromFile.Count} scenarios; name one: {string.Join(", ", fromFile)}"
                    : "error: name a scenario, e.g. 'trustanchor-sim run install-commission' ('trustanchor-sim list' shows them all)");
                return ExitUsage;
            }

            scenario = catalog.Resolve(name);
        }
        catch (ScenarioFormatException ex)
        {
            console.Error.WriteLine("error: " + ex.Message);
            return ExitUsage;
        }

        // Bound and validated when the host was built (ValidateOnStart): a bad option never gets this far.
        var settings = options.Value;

        var traceFile = trace as JsonLinesFrameTrace;
        try
        {
            traceFile?.Open();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: cannot write the trace {traceFile!.Path}: {ex.Message}");
            return ExitUsage;
        }

        var report = await runner.RunAsync(scenario, cancellationToken);
        traceFile?.Close();
        console.Out.Write(SummaryTable.Render(report));
        console.Out.Flush();

        try
        {
            reports.Write(report, settings);
        }
        catch (IOException ex)
        {
            logger.LogDebug(ex, "could not write a report");
            console.Error.WriteLine("error: could not write a report: " + ex.Message);
            return ExitFailed;
        }

        if (traceFile is not null)
        {
            console.Out.WriteLine($"  trace: {traceFile.Frames} frames in {traceFile.Path} ('decode {traceFile.Path}' reads it)");
        }

        if (report.Passed && settings.Premises == 1 && scenario.Name == "install-commission")
        {
            console.Out.WriteLine();
            console.Out.WriteLine("  Next: 'list' shows every scenario; try 'run change-of-supplier', '--transport tcp', '--premises 100',");
            console.Out.WriteLine("        or '--report-junit report.xml' for CI. simulator/README.md explains it all.");
        }

        return report.Passed ? ExitPassed : ExitFailed;
    }
}
