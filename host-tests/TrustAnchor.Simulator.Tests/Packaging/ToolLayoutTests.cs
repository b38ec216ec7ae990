using System.Diagnostics;
using System.Xml.Linq;

namespace TrustAnchor.Simulator.Tests.Packaging;

/// <summary>
/// Installed as a .NET tool, trustanchor-sim runs from a folder of assemblies and is started from wherever the user
/// stands. These run the built trustanchor-sim.dll as its own process from an empty working directory, with no
/// appsettings.json or scenario files beside it: defaults and scenarios must come from the assembly itself.
/// (.ci/run also packs the solution, installs the tool with "dotnet tool install" and runs it.)
/// </summary>
public sealed class ToolLayoutTests : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("ta-sim-tool-").FullName;

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);

    private static string SimulatorDll => Path.Combine(AppContext.BaseDirectory, "trustanchor-sim.dll");

    private (int Code, string Output) RunTool(params string[] args)
    {
        // The SDK tells test hosts which dotnet runs them; a bare "dotnet" from PATH otherwise.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var psi = new ProcessStartInfo(host)
        {
            WorkingDirectory = _workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add(SimulatorDll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // Only the embedded defaults and the command line: no settings leak in from the test's environment.
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("TRUSTANCHOR_SIM_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            psi.Environment.Remove(name);
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    [Fact]
    public void Nothing_but_assemblies_sits_beside_the_simulator()
    {
        File.Exists(SimulatorDll).Should().BeTrue();
        Directory.GetFiles(AppContext.BaseDirectory, "appsettings*.json").Should().BeEmpty("the defaults are embedded in trustanchor-sim.dll");
        Directory.Exists(Path.Combine(AppContext.BaseDirectory, "Scenarios")).Should().BeFalse("the built-in scenarios are embedded too");
    }

    [Fact]
    public void Install_commission_runs_from_an_empty_folder_and_writes_its_report_there()
    {
        var (code, output) = RunTool("run", "install-commission", "--report-junit", "report.xml", "--progress", "lines");

        code.Should().Be(0, output);
        output.Should().Contain("install-commission: PASSED");
        var report = XDocument.Load(Path.Combine(_workingDirectory, "report.xml"));
        report.Descendants("testcase").Should().HaveCount(9, "one test case per step of install-commission (CCS01, the CS03 joins and ECS70 are steps since the I&C commands went over the WAN)");
        report.Descendants("failure").Should().BeEmpty();
        Directory.GetFileSystemEntries(_workingDirectory).Should().Equal([Path.Combine(_workingDirectory, "report.xml")],
            "the run folder is a temporary one, not the working directory");
    }

    [Fact]
    public void List_names_every_built_in_scenario_from_an_empty_folder()
    {
        var (code, output) = RunTool("list");

        code.Should().Be(0, output);
        foreach (var name in TrustAnchor.Simulator.Scenarios.ScenarioCatalog.BuiltInNames)
        {
            output.Should().Contain(name);
        }
    }
}
