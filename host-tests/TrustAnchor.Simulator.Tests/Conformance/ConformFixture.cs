using TrustAnchor.Simulator.Cli;
using TrustAnchor.Simulator.Hosting;
using TrustAnchor.Smki;

namespace TrustAnchor.Simulator.Tests.Conformance;

/// <summary>One test SMKI for the conformance tests (made once), and a way to run the CLI against it.</summary>
public sealed class ConformFixture : IDisposable
{
    public ConformFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "conform-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Folder);
        SmkiPki.Init(Path.Combine(Folder, "smki"));
    }

    public string Folder { get; }

    public string Pki => Path.Combine(Folder, "smki");

    public string File(string name) => Path.Combine(Folder, name);

    public async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SimulatorCli.InvokeAsync(args, new RunConsole(output, error, interactive: false));
        return (code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition("conform", DisableParallelization = true)]
public sealed class ConformCollection : ICollectionFixture<ConformFixture>;
