using TrustAnchor.Simulator.Cli;
using TrustAnchor.Simulator.Hosting;

namespace TrustAnchor.Simulator.Tests.Decoding;

/// <summary>Runs the command line in-process exactly as <c>trustanchor-sim</c> does, capturing both streams.</summary>
public static class CliRun
{
    public sealed record Result(int Code, string Out, string Error)
    {
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static async Task<Result> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SimulatorCli.InvokeAsync(args, new RunConsole(output, error, interactive: false));
        return new Result(code, output.ToString(), error.ToString());
    }
}

/// <summary>
/// One kept run shared by the trace, keystore and decoder tests: <c>run install-commission --run-folder D --trace
/// t.jsonl</c>, then <c>keystore --run-folder D --out k.json</c>, both through the command line.
/// </summary>
public sealed class KeptRunFixture : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("ta-sim-kept-").FullName;

    public string RunFolder => Path.Combine(Folder, "run");

    public string Trace => Path.Combine(Folder, "t.jsonl");

    public string Keystore => Path.Combine(Folder, "k.json");

    public CliRun.Result Run { get; private set; } = null!;

    public CliRun.Result KeystoreRun { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Run = await CliRun.InvokeAsync("run", "install-commission", "--run-folder", RunFolder, "--trace", Trace, "--progress", "quiet", "--response-timeout", "10");
        KeystoreRun = await CliRun.InvokeAsync("keystore", "--run-folder", RunFolder, "--out", Keystore);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
