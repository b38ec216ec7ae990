using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TrustAnchor.Cli;
using TrustAnchor.Simulator.Hosting;
using TrustAnchor.Simulator.Scenarios;

namespace TrustAnchor.Simulator.Cli;

/// <summary>
/// The command line: <c>run &lt;scenario&gt;</c>, <c>list</c>, and <c>smki</c> (the SMKI's own commands, mounted).
/// Parsed options become the highest-priority configuration layer of the host the command runs in. Exit codes and
/// error lines are <see cref="CliRunner"/>'s: 0 passed, 1 an expectation failed, 2 a usage or input error.
/// </summary>
public static class SimulatorCli
{
    public static RootCommand Create(RunConsole console, Action<IServiceCollection>? overrides = null)
    {
        var root = new RootCommand("TrustAnchor simulator: a DCC, WAN and ZigBee HAN with virtual Comms Hubs and meters running the real firmware.");
        root.Add(CreateRunCommand(console, overrides));
        root.Add(CreateListCommand(console, overrides));
        foreach (var extra in ExtraCommands.Create())
        {
            root.Add(extra);
        }

        return root;
    }

    public static async Task<int> InvokeAsync(string[] args, RunConsole console, Action<IServiceCollection>? overrides = null, CancellationToken cancellationToken = default)
    {
        var root = Create(console, overrides);
        return await CliRunner.InvokeAsync(root, args, console.Out, console.Error, SimulatorHost.ToUsageError, cancellationToken);
    }

    private static Command CreateRunCommand(RunConsole console, Action<IServiceCollection>? overrides)
    {
        var scenario = new Argument<string?>("scenario")
        {
            Description = "Scenario to run (see 'list'), built in or from --scenario-file.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var premises = new Option<int?>("--premises", "-n") { Description = "Number of premises to run (fleet mode when more than 1)." }.AtLeast(1);
        var parallel = new Option<int?>("--parallel", "-p") { Description = "Premises run at once (default: 16 per core; each mostly waits on its links)." }
            .AtLeast(1, "leave it out for the default, 16 per core");
        var transport = new Option<string?>("--transport", "-t") { Description = "WAN transport: memory, or tcp (real loopback socket, length-prefixed frames)." };
        transport.AcceptOnlyFromAmong(OptionChoices<Wan.TransportKind>.Names);
        var reportJson = new Option<string?>("--report-json") { Description = "Write results as JSON to this file." };
        var reportJunit = new Option<string?>("--report-junit") { Description = "Write results as JUnit XML to this file." };
        var reportHtml = new Option<string?>("--report-html") { Description = "Write a self-contained HTML report (steps, the first premises' frames as a sequence diagram, each frame decoded)." };
        var runFolder = new Option<string?>("--run-folder") { Description = "Folder for the SMKI and device stores (kept). Default: a temporary folder, deleted afterwards." };
        var scenarioFile = new Option<string?>("--scenario-file", "-f") { Description = "JSON file with one scenario or { \"scenarios\": [...] }; may include built-ins." };
        var seed = new Option<int?>("--seed") { Description = "Seed for every random choice (faults, install codes, device entropy)." };
        var progress = new Option<string?>("--progress") { Description = "auto (bar on a terminal), bar (plain lines when stderr is not a terminal), lines or quiet." };
        progress.AcceptOnlyFromAmong(OptionChoices<ProgressStyle>.Names);
        var responseTimeout = new Option<double?>("--response-timeout") { Description = "Seconds the DCC waits for an answer before retrying (default 2)." }.PositiveSeconds();
        var config = ConfigFile.CreateOption();
        var trace = new Option<string?>("--trace") { Description = "Write every WAN and HAN frame to this file as JSON Lines ('decode' reads it)." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log what every component does (stderr)." };

        var command = new Command("run", "Run a scenario and print each step, then a summary table. Exit 0 passed, 1 an expectation failed, 2 a usage error.")
        {
            scenario, premises, parallel, transport, reportJson, reportJunit, reportHtml, runFolder, scenarioFile, seed, progress, responseTimeout, verbose, config, trace,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new Dictionary<string, string?>();
            Set(parse, premises, "Simulator:Premises", settings);
            Set(parse, parallel, "Simulator:Parallel", settings);
            Set(parse, transport, "Simulator:Transport", settings);
            Set(parse, reportJson, "Simulator:ReportJson", settings);
            Set(parse, reportJunit, "Simulator:ReportJUnit", settings);
            Set(parse, reportHtml, "Simulator:ReportHtml", settings);
            Set(parse, runFolder, "Simulator:RunFolder", settings);
            Set(parse, seed, "Simulator:Seed", settings);
            Set(parse, progress, "Simulator:Progress", settings);
            Set(parse, trace, "Simulator:Trace", settings);
            if (parse.GetValue(responseTimeout) is { } seconds)
            {
                settings["Simulator:ResponseTimeout"] = TimeSpan.FromSeconds(seconds).ToString("c", System.Globalization.CultureInfo.InvariantCulture);
            }
            if (parse.GetValue(verbose))
            {
                settings["Logging:LogLevel:Default"] = "Information";
                settings["Logging:LogLevel:TrustAnchor"] = "Debug";
            }

            using var host = SimulatorHost.Build(settings, console, overrides, parse.GetValue(config));
            var simulation = host.Services.GetRequiredService<SimulationCommand>();
            return await simulation.RunAsync(parse.GetValue(scenario), parse.GetValue(scenarioFile), cancellationToken);
        });
        return command;
    }

    private static Command CreateListCommand(RunConsole console, Action<IServiceCollection>? overrides)
    {
        var scenarioFile = new Option<string?>("--scenario-file", "-f") { Description = "Also list the scenarios in this file." };
        var config = ConfigFile.CreateOption();
        var command = new Command("list", "List the scenarios and what each one shows.") { scenarioFile, config };
        command.SetAction(parse =>
        {
            using var host = SimulatorHost.Build(new Dictionary<string, string?>(), console, overrides, parse.GetValue(config));
            var catalog = host.Services.GetRequiredService<ScenarioCatalog>();
            var file = parse.GetValue(scenarioFile);
            try
            {
                if (file is not null)
                {
                    catalog.LoadFile(file);
                }
            }
            catch (ScenarioFormatException ex)
            {
                console.Error.WriteLine("error: " + ex.Message);
                return 2;
            }

            ScenarioListing.Write(catalog, console.Out);
            return 0;
        });
        return command;
    }

    private static void Set<T>(ParseResult parse, Option<T> option, string key, Dictionary<string, string?> settings)
    {
        if (parse.GetResult(option) is null)
        {
            return;
        }

        var value = parse.GetValue(option);
        if (value is not null)
        {
            settings[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
