using TrustAnchor.Simulator.Hosting;
using TrustAnchor.Simulator.Reporting;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Simulator.Wan;

namespace TrustAnchor.Simulator.Dcc;

/// <summary>The DCC side of a run, shared by every premises: run folder, SMKI, Known Remote Parties, packs.</summary>
public sealed class DccEnvironment : IAsyncDisposable
{
    private readonly bool _deleteFolder;

    internal DccEnvironment(string runFolder, bool deleteFolder)
    {
        RunFolder = runFolder;
        _deleteFolder = deleteFolder;
    }

    public string RunFolder { get; }

    public string Describe() => $"run folder {RunFolder}{(_deleteFolder ? " (temporary)" : "")}";

    public Task<PremisesRun> CreatePremisesAsync(int index, string name, LinkFaults wan, LinkFaults han, RunReport report, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the firmware device is not wired in yet");

    public ValueTask DisposeAsync()
    {
        if (_deleteFolder)
        {
            try
            {
                Directory.Delete(RunFolder, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class DccEnvironmentFactory
{
    public Task<DccEnvironment> CreateAsync(ScenarioDefinition scenario, SimulatorOptions options, CancellationToken cancellationToken)
    {
        var temporary = string.IsNullOrWhiteSpace(options.RunFolder);
        var folder = temporary
            ? Path.Combine(Path.GetTempPath(), "trustanchor-sim-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss") + "-" + Guid.NewGuid().ToString("N")[..6])
            : Path.GetFullPath(options.RunFolder!);
        Directory.CreateDirectory(folder);
        return Task.FromResult(new DccEnvironment(folder, temporary && !options.KeepRunFolder));
    }
}

public sealed class PremisesRun : IAsyncDisposable
{
    public Task<StepResult> ExecuteAsync(ScenarioStep step, CancellationToken cancellationToken) => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
