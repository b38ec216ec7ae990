using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustAnchor.Simulator.Cli;
using TrustAnchor.Simulator.Hosting;

namespace TrustAnchor.Simulator.Tests.Cli;

/// <summary>
/// Every kind of usage or input error, for every verb that has it: exit 2 and exactly one stderr line that starts
/// "error:" and holds neither a stack trace nor a .NET type name.
/// </summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ta-sim-usage-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SimulatorCli.InvokeAsync(args, new RunConsole(output, error, interactive: false));
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The contract a script relies on: exit 2, one line, "error:", nothing a user has to decode.</summary>
    internal static void ShouldBeOneUsageError((int Code, string Out, string Error) result, string mentions)
    {
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(1, "a usage error is one line on stderr, got:\n" + result.Error);
        var line = lines[0].TrimEnd('\r');
        line.Should().StartWith("error: ");
        line.Should().Contain(mentions);
        line.Should().NotContain("   at ").And.NotContain("Exception").And.NotContain("System.").And.NotContain("`1")
            .And.NotContain("Int32").And.NotContain("Nullable");
        result.Code.Should().Be(2, line);
    }

    [Theory]
    [InlineData("unknown option", "--frob", "run", "install-commission", "--frob")]
    [InlineData("unknown option where a scenario name goes", "--frob", "run", "--frob")]
    [InlineData("unknown option on list", "--frob", "list", "--frob")]
    [InlineData("unknown verb", "'frob'", "frob")]
    [InlineData("no verb", "run, list, smki")]
    [InlineData("missing option value", "--premises", "run", "install-commission", "--premises")]
    [InlineData("bad number", "'abc' is not a whole number", "run", "install-commission", "--premises", "abc")]
    [InlineData("bad --seed", "--seed: 'x'", "run", "install-commission", "--seed", "x")]
    [InlineData("--seed too large", "--seed: '99999999999'", "run", "install-commission", "--seed", "99999999999")]
    [InlineData("bad --response-timeout", "--response-timeout: 'soon'", "run", "install-commission", "--response-timeout", "soon")]
    [InlineData("zero premises", "--premises must be at least 1, got 0", "run", "install-commission", "--premises", "0")]
    [InlineData("negative premises", "--premises must be at least 1, got -3", "run", "install-commission", "--premises", "-3")]
    [InlineData("zero parallel", "--parallel must be at least 1", "run", "install-commission", "--parallel", "0")]
    [InlineData("negative parallel", "--parallel must be at least 1", "run", "install-commission", "--parallel", "-2")]
    [InlineData("zero timeout", "--response-timeout must be more than 0", "run", "install-commission", "--response-timeout", "0")]
    [InlineData("negative timeout", "--response-timeout must be more than 0", "run", "install-commission", "--response-timeout", "-1.5")]
    [InlineData("bad choice", "--transport", "run", "install-commission", "--transport", "carrier-pigeon")]
    [InlineData("unknown scenario", "make-tea", "run", "make-tea")]
    [InlineData("missing scenario file", "scenario file not found", "run", "--scenario-file", "/no/such/folder/scenario.json")]
    [InlineData("missing scenario file on list", "scenario file not found", "list", "--scenario-file", "/no/such/folder/scenario.json")]
    [InlineData("missing config file", "config file not found", "run", "install-commission", "--config", "/no/such/folder/appsettings.json")]
    [InlineData("missing config file on list", "config file not found", "list", "--config", "/no/such/folder/appsettings.json")]
    [InlineData("smki: unknown verb", "'frob'", "smki", "frob")]
    [InlineData("smki: unknown option", "--frob", "smki", "show", "--frob")]
    [InlineData("smki: bad --now", "--now: 'yesterday-ish'", "smki", "init", "--now", "yesterday-ish")]
    [InlineData("smki: bad number", "--root-years: 'fifty'", "smki", "init", "--root-years", "fifty")]
    [InlineData("smki: zero", "--org-years must be at least 1, got 0", "smki", "init", "--org-years", "0")]
    [InlineData("smki: bad choice", "--reason: 'Bored' is not one of", "smki", "revoke", "--serial", "01", "--reason", "Bored")]
    [InlineData("smki: missing PKI folder", "is not a PKI folder", "smki", "show", "--pki", "/no/such/folder/pki")]
    [InlineData("smki: missing config file", "config file not found", "smki", "init", "--config", "/no/such/folder/smki.json")]
    public async Task A_usage_error_exits_2_with_one_error_line(string kind, string mentions, params string[] args)
    {
        _ = kind;
        ShouldBeOneUsageError(await RunAsync(args), mentions);
    }

    [Theory]
    [InlineData("run", "install-commission", "--config", "{file}")]
    [InlineData("list", "--config", "{file}")]
    [InlineData("smki", "init", "--config", "{file}", "--pki", "{folder}")]
    public async Task A_config_file_that_is_not_json_is_a_usage_error(params string[] args)
    {
        var file = Path.Combine(_folder, "broken.json");
        File.WriteAllText(file, "{ \"Simulator\": { \"Premises\": 2, }\n  oops");
        var result = await RunAsync(args.Select(a => a.Replace("{file}", file).Replace("{folder}", Path.Combine(_folder, "pki"))).ToArray());
        ShouldBeOneUsageError(result, "is not valid JSON at line 2");
        Directory.Exists(Path.Combine(_folder, "pki")).Should().BeFalse("nothing is made when the input is bad");
    }

    [Theory]
    [InlineData("""{ "name": "x", "steps": [ { "action": "fly" } ] }""", "the value at $.steps[0].action is not one of: pre-notify, install-hub")]
    [InlineData("""{ "name": "x", "stpes": [] }""", "unknown field 'stpes'")]
    [InlineData("""{ "name": """, "not valid JSON at line 1")]
    public async Task A_scenario_file_that_is_wrong_says_where_in_its_own_terms(string json, string mentions)
    {
        var file = Path.Combine(_folder, "scenario.json");
        File.WriteAllText(file, json);
        ShouldBeOneUsageError(await RunAsync("run", "--scenario-file", file), mentions);
    }

    [Fact]
    public async Task A_config_value_of_the_wrong_kind_names_the_setting()
    {
        var file = Path.Combine(_folder, "wrong-kind.json");
        File.WriteAllText(file, """{ "Simulator": { "Premises": "many" } }""");
        ShouldBeOneUsageError(await RunAsync("run", "install-commission", "--config", file), "Simulator:Premises: 'many' is not a whole number");
    }

    [Fact]
    public async Task Options_validation_failures_from_a_config_file_are_one_line_naming_each_setting()
    {
        var file = Path.Combine(_folder, "invalid.json");
        File.WriteAllText(file, """{ "Simulator": { "Premises": 0, "Wan": { "LossRate": 1.5 }, "HanJoinTimeout": "-00:01:00" } }""");
        var result = await RunAsync("run", "install-commission", "--config", file);
        ShouldBeOneUsageError(result, "Simulator:Premises");
        result.Error.Should().Contain("Simulator:Wan:LossRate must be 0..1, got 1.5").And.Contain("Simulator:HanJoinTimeout must be more than 0");
    }

    [Fact]
    public async Task The_config_file_sits_over_the_defaults_and_under_the_command_line()
    {
        var file = Path.Combine(_folder, "fleet.json");
        File.WriteAllText(file, """
        // comments are fine, as in any appsettings.json
        { "Simulator": { "Premises": 7, "Seed": 5, "Wan": { "LatencyMs": 3 } } }
        """);
        using var host = SimulatorHost.Build(new Dictionary<string, string?> { ["Simulator:Premises"] = "2" }, new RunConsole(TextWriter.Null, TextWriter.Null, false), configFile: file);
        var options = host.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        options.Premises.Should().Be(2, "the command line wins");
        options.Seed.Should().Be(5, "the file overrides the embedded default 2016");
        options.Wan.LatencyMs.Should().Be(3);
        options.Transport.Should().Be(TrustAnchor.Simulator.Wan.TransportKind.Memory, "what the file leaves out keeps its default");
    }

    [Fact]
    public async Task A_passing_run_exits_0_and_a_failed_expectation_exits_1()
    {
        var passed = await RunAsync("run", "install-commission", "--progress", "quiet");
        passed.Code.Should().Be(0, passed.Out + passed.Error);
        passed.Error.Should().BeEmpty();

        var file = Path.Combine(_folder, "fails.json");
        File.WriteAllText(file, """
        { "name": "expects-a-refusal", "meters": ["esme"], "steps": [
            { "action": "pre-notify" },
            { "action": "install-hub", "expect": { "outcome": "refused" } }
        ] }
        """);
        var failed = await RunAsync("run", "--scenario-file", file, "--progress", "quiet");
        failed.Code.Should().Be(1, failed.Out + failed.Error);
        failed.Out.Should().Contain("FAILED");
    }

    [Fact]
    public async Task Help_is_not_an_error()
    {
        var help = await RunAsync("run", "--help");
        help.Code.Should().Be(0);
        help.Out.Should().Contain("--premises").And.Contain("--config");
        help.Error.Should().BeEmpty();
    }
}
