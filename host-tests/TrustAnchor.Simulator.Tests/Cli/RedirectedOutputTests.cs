using System.Diagnostics;
using System.Text.Json;
using TrustAnchor.Simulator.Hosting;
using TrustAnchor.Simulator.Reporting;

namespace TrustAnchor.Simulator.Tests.Cli;

/// <summary>
/// The real trustanchor-sim process with stdout and stderr redirected, as in CI or "| tee log": plain lines only (a
/// "\r" redraw would pile up in the log), and the same exit codes as in-process.
/// </summary>
public sealed class RedirectedOutputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ta-sim-redirect-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(int Code, string Out, string Error)> RunProcessAsync(params string[] args)
    {
        // DOTNET_HOST_PATH is the dotnet that runs these tests; the simulator's dll is copied beside them.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "trustanchor-sim.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Not a CI flag: the point is that redirection alone turns the bar into lines.
        start.Environment.Remove("CI");
        start.Environment.Remove("GITHUB_ACTIONS");
        start.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task A_fleet_asked_for_a_bar_prints_plain_lines_when_redirected()
    {
        var (code, output, error) = await RunProcessAsync("run", "install-commission", "--premises", "4", "--progress", "bar", "--response-timeout", "10");
        code.Should().Be(0, output + error);
        output.Should().NotContain("\r").And.Contain("premises 4/4 (100%)");
        error.Should().NotContain("\r");
    }

    [Fact]
    public async Task A_long_smki_batch_prints_plain_progress_lines_when_redirected()
    {
        var pki = Path.Combine(_folder, "pki");
        (await RunProcessAsync("smki", "init", "--pki", pki, "--now", "2027-01-01T00:00:00Z")).Code.Should().Be(0);
        (await RunProcessAsync("smki", "subscriber", "--pki", pki, "--name", "Maker", "--entry-tests")).Code.Should().Be(0);
        var (code, output, error) = await RunProcessAsync("smki", "batch", "--pki", pki, "--now", "2027-01-01T00:00:00Z", "--subscriber", "Maker", "--generate", "1000");
        code.Should().Be(0, output + error);
        output.Should().Contain("1000 issued");
        error.Should().NotContain("\r").And.Contain("1,000/1,000 (100%)");
    }

    [Fact]
    public async Task The_real_process_exits_2_with_one_line_for_a_parser_error()
    {
        var result = await RunProcessAsync("run", "install-commission", "--premises", "0");
        UsageErrorTests.ShouldBeOneUsageError(result, "--premises must be at least 1, got 0");
        UsageErrorTests.ShouldBeOneUsageError(await RunProcessAsync("rnu"), "unknown verb 'rnu'");
    }

    [Fact]
    public async Task Only_a_terminal_gets_the_redrawn_bar()
    {
        var error = new StringWriter();
        using (var progress = new ProgressReporterFactory(new RunConsole(TextWriter.Null, error, interactive: false)).Create(ProgressStyle.Bar, premises: 3, steps: 2))
        {
            progress.Should().BeOfType<FleetLineProgress>("a bar asked for on a writer that is no terminal becomes lines");
        }

        using (var progress = new ProgressReporterFactory(new RunConsole(TextWriter.Null, error, interactive: false, canRedraw: true)).Create(ProgressStyle.Bar, premises: 3, steps: 2))
        {
            progress.Should().BeOfType<FleetBarProgress>("CI with a real terminal may still ask for the bar");
        }

        TrustAnchor.Cli.Terminal.CanRedraw(new StringWriter()).Should().BeFalse();
    }
}

public sealed class JsonEscapingTests
{
    [Fact]
    public void The_json_report_keeps_ampersand_plus_angle_brackets_and_non_ascii_literal()
    {
        var steps = new List<StepReport> { new(1, "supplier-credentials", "replace-credentials", "CS02b <mode> & more + less, café") };
        var report = new RunReport("gas & power+", "Supplier & Network Operator + ACB", negative: false, steps) { Premises = 1, Transport = "memory" };
        steps[0].Record("premises-00001", new StepResult(false, TimeSpan.FromMilliseconds(1), "refused <0x8F3D> & alert", ["outcome accepted, got refused <0x8F3D> & +1"]));
        report.PremisesDone(false);

        using var stream = new MemoryStream();
        JsonReportWriter.Write([report], stream);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());

        text.Should().Contain("\"gas & power+\"").And.Contain("Supplier & Network Operator + ACB")
            .And.Contain("CS02b <mode> & more + less, café").And.Contain("got refused <0x8F3D> & +1");
        text.Should().NotContain("\\u0026").And.NotContain("\\u002B").And.NotContain("\\u003C").And.NotContain("\\u00E9");
        JsonDocument.Parse(text).RootElement.GetProperty("runs")[0].GetProperty("scenario").GetString().Should().Be("gas & power+");
    }

    [Fact]
    public void Scenario_json_written_back_keeps_them_literal_too()
    {
        var scenario = TrustAnchor.Simulator.Scenarios.ScenarioJson.Parse("""{ "name": "a&b+c", "description": "Gas & Power + <meters>", "steps": [ { "action": "pre-notify" } ] }""", "inline").Single();
        var text = TrustAnchor.Simulator.Scenarios.ScenarioJson.Write(scenario);
        text.Should().Contain("\"a&b+c\"").And.Contain("Gas & Power + <meters>");
    }
}
