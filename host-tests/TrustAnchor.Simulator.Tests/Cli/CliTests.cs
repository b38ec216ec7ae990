using TrustAnchor.Simulator.Cli;
using TrustAnchor.Simulator.Hosting;

namespace TrustAnchor.Simulator.Tests.Cli;

public class CliTests
{
    private static (RunConsole Console, StringWriter Out, StringWriter Error) Capture()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (new RunConsole(output, error, interactive: false), output, error);
    }

    [Fact]
    public void The_root_command_has_run_list_and_the_smki()
    {
        var root = SimulatorCli.Create(Capture().Console);
        root.Subcommands.Select(c => c.Name).Should().Contain(["run", "list", "smki"]);
        root.Subcommands.Single(c => c.Name == "smki").Subcommands.Select(c => c.Name).Should().Contain("init");
    }

    [Fact]
    public async Task List_shows_every_built_in_scenario()
    {
        var (console, output, _) = Capture();
        var code = await SimulatorCli.InvokeAsync(["list"], console);
        code.Should().Be(0);
        foreach (var name in TrustAnchor.Simulator.Scenarios.ScenarioCatalog.BuiltInNames)
        {
            output.ToString().Should().Contain(name);
        }
    }

    [Fact]
    public async Task An_unknown_scenario_is_a_usage_error_that_names_the_choices()
    {
        var (console, _, error) = Capture();
        var code = await SimulatorCli.InvokeAsync(["run", "make-tea"], console);
        code.Should().Be(SimulationCommand.ExitUsage);
        error.ToString().Should().Contain("make-tea").And.Contain("install-commission");
    }

    [Fact]
    public async Task A_bad_transport_is_refused_by_the_parser()
    {
        var (console, _, _) = Capture();
        var code = await SimulatorCli.InvokeAsync(["run", "install-commission", "--transport", "carrier-pigeon"], console);
        code.Should().NotBe(0);
    }

    [Fact]
    public void Embedded_defaults_are_in_the_assembly()
    {
        using var stream = SimulatorHost.OpenEmbeddedDefaults();
        using var reader = new StreamReader(stream);
        reader.ReadToEnd().Should().Contain("\"Simulator\"");
    }

    [Fact]
    public void Environment_and_command_line_override_the_embedded_defaults()
    {
        Environment.SetEnvironmentVariable("TRUSTANCHOR_SIM_Simulator__Seed", "77");
        Environment.SetEnvironmentVariable("TRUSTANCHOR_SIM_Simulator__Premises", "5");
        try
        {
            using var host = SimulatorHost.Build(new Dictionary<string, string?> { ["Simulator:Premises"] = "3" }, Capture().Console);
            var options = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
                .GetRequiredService<Microsoft.Extensions.Options.IOptions<SimulatorOptions>>(host.Services).Value;
            options.Seed.Should().Be(77);
            options.Premises.Should().Be(3);
            options.Transport.Should().Be(TrustAnchor.Simulator.Wan.TransportKind.Memory);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TRUSTANCHOR_SIM_Simulator__Seed", null);
            Environment.SetEnvironmentVariable("TRUSTANCHOR_SIM_Simulator__Premises", null);
        }
    }
}
