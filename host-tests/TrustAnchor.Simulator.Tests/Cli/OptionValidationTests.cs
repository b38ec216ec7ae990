using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustAnchor.Simulator.Hosting;
using TrustAnchor.Simulator.Wan;

namespace TrustAnchor.Simulator.Tests.Cli;

/// <summary>
/// Typed options, validated when the host starts: a bad value from a config file fails before any work — no run
/// folder, no SMKI, no premises — with one "error:" line naming the setting, and exit code 2.
/// </summary>
public sealed class OptionValidationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ta-sim-options-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("""{ "Transport": "carrier-pigeon" }""", "--transport (Simulator:Transport) must be memory or tcp, got 'carrier-pigeon'")]
    [InlineData("""{ "Transport": "1" }""", "--transport (Simulator:Transport) must be memory or tcp, got '1'")]
    [InlineData("""{ "Transport": "Memory,Tcp" }""", "--transport (Simulator:Transport) must be memory or tcp, got 'Memory,Tcp'")]
    [InlineData("""{ "Progress": "spinner" }""", "--progress (Simulator:Progress) must be auto, bar, lines or quiet, got 'spinner'")]
    [InlineData("""{ "DeviceStorage": "tape" }""", "Simulator:DeviceStorage must be file or memory, got 'tape'")]
    [InlineData("""{ "Premises": 0 }""", "--premises (Simulator:Premises) must be at least 1, got 0")]
    [InlineData("""{ "Parallel": -1 }""", "--parallel (Simulator:Parallel) must be at least 1 (0 in a config file: 16 per core), got -1")]
    [InlineData("""{ "ResponseTimeout": "00:00:00" }""", "--response-timeout (Simulator:ResponseTimeout) must be more than 0 and at most a day, got 00:00:00")]
    [InlineData("""{ "Retries": 101 }""", "Simulator:Retries must be 0..100, got 101")]
    [InlineData("""{ "HanJoinTimeout": "2.00:00:00" }""", "Simulator:HanJoinTimeout must be more than 0 and at most a day, got 2.00:00:00")]
    [InlineData("""{ "DeviceLogCapacity": 0 }""", "Simulator:DeviceLogCapacity must be 1..1024, got 0")]
    [InlineData("""{ "FlashBlockSize": 100 }""", "Simulator:FlashBlockSize must be 256..1048576 bytes, got 100")]
    [InlineData("""{ "FlashBlockCount": 1 }""", "Simulator:FlashBlockCount must be 2..1024, got 1")]
    [InlineData("""{ "CryptoCachedKeys": 0 }""", "Simulator:CryptoCachedKeys must be 1..")]
    [InlineData("""{ "Wan": { "LatencyMs": -5 } }""", "Simulator:Wan:LatencyMs must be 0..60000, got -5")]
    [InlineData("""{ "Han": { "CorruptRate": 2 } }""", "Simulator:Han:CorruptRate must be 0..1, got 2")]
    public async Task A_bad_option_fails_at_start_with_one_error_line_and_exit_2_before_any_premises_is_made(string simulator, string message)
    {
        var config = Path.Combine(_folder, "options.json");
        File.WriteAllText(config, $$"""{ "Simulator": {{simulator}} }""");
        var runFolder = Path.Combine(_folder, "run");

        var result = await UsageErrorTests.RunAsync("run", "install-commission", "--config", config, "--run-folder", runFolder);

        UsageErrorTests.ShouldBeOneUsageError(result, message);
        result.Out.Should().BeEmpty("nothing ran: no banner, no step lines");
        Directory.Exists(runFolder).Should().BeFalse("no run folder, SMKI or premises is made when an option is bad");
    }

    [Fact]
    public async Task A_bad_option_stops_list_too()
    {
        var config = Path.Combine(_folder, "options.json");
        File.WriteAllText(config, """{ "Simulator": { "Progress": "spinner" } }""");
        UsageErrorTests.ShouldBeOneUsageError(await UsageErrorTests.RunAsync("list", "--config", config), "--progress (Simulator:Progress) must be auto, bar, lines or quiet");
    }

    [Theory]
    [InlineData("memory", TransportKind.Memory)]
    [InlineData("in-memory", TransportKind.Memory)]
    [InlineData("MEM", TransportKind.Memory)]
    [InlineData(" tcp ", TransportKind.Tcp)]
    [InlineData("Loopback", TransportKind.Tcp)]
    public void The_transport_binds_from_its_words_and_the_old_aliases(string word, TransportKind expected)
    {
        using var host = SimulatorHost.Build(new Dictionary<string, string?> { ["Simulator:Transport"] = word }, new RunConsole(TextWriter.Null, TextWriter.Null, false));
        host.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value.Transport.Should().Be(expected);
        host.Services.GetRequiredService<ILinkFactory>().Kind.Should().Be(expected, "the host picks the WAN from the typed option");
    }

    [Fact]
    public void Progress_and_storage_bind_case_insensitively()
    {
        using var host = SimulatorHost.Build(
            new Dictionary<string, string?> { ["Simulator:Progress"] = "Lines", ["Simulator:DeviceStorage"] = "MEMORY" },
            new RunConsole(TextWriter.Null, TextWriter.Null, false));
        var options = host.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        options.Progress.Should().Be(ProgressStyle.Lines);
        options.DeviceStorage.Should().Be(DeviceStorageKind.Memory);
    }

    [Fact]
    public void A_value_set_in_code_outside_the_choices_is_refused_by_the_validator()
    {
        var options = new SimulatorOptions { Transport = (TransportKind)7, DeviceStorage = (DeviceStorageKind)9 };
        var result = new SimulatorOptionsValidator().Validate(null, options);
        result.Failed.Should().BeTrue();
        result.Failures.Should().Contain(f => f.StartsWith("--transport (Simulator:Transport) must be memory or tcp", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("Simulator:DeviceStorage must be file or memory", StringComparison.Ordinal));
    }

    [Fact]
    public void The_host_wires_the_runner_and_every_step_service_once()
    {
        using var host = SimulatorHost.Build(new Dictionary<string, string?>(), new RunConsole(TextWriter.Null, TextWriter.Null, false));
        var services = host.Services;
        services.GetRequiredService<TrustAnchor.Simulator.Scenarios.ScenarioRunner>().Should().NotBeNull();
        services.GetRequiredService<TrustAnchor.Simulator.Steps.StepExecutor>()
            .Should().BeSameAs(services.GetRequiredService<TrustAnchor.Simulator.Steps.StepExecutor>(), "the services are shared by every premises");
        services.GetRequiredKeyedService<ILinkFactory>(LinkKeys.Han).Kind.Should().Be(TransportKind.Memory, "the HAN is in-process whatever the WAN");
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        new SimulatorOptionsValidator().Validate(null, new SimulatorOptions()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Choices_read_their_words_and_nothing_else()
    {
        OptionChoices<ProgressStyle>.Describe().Should().Be("auto, bar, lines or quiet");
        OptionChoices<TransportKind>.Name(TransportKind.Tcp).Should().Be("tcp");
        OptionChoices<DeviceStorageKind>.TryParse("file", out var file).Should().BeTrue();
        file.Should().Be(DeviceStorageKind.File);
        OptionChoices<DeviceStorageKind>.TryParse("0", out _).Should().BeFalse("a number is not a word");
        OptionChoices<DeviceStorageKind>.TryParse(null, out _).Should().BeFalse();
        OptionChoices<DeviceStorageKind>.TryParse("", out _).Should().BeFalse();
    }
}
