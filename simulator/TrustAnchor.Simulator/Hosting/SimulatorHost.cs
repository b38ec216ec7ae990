using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using TrustAnchor.Cli;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Premises;
using TrustAnchor.Simulator.Reporting;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Simulator.Steps;
using TrustAnchor.Simulator.Tracing;
using TrustAnchor.Simulator.Wan;

namespace TrustAnchor.Simulator.Hosting;

/// <summary>
/// Builds the one host a command runs in: configuration (embedded appsettings.json, then TRUSTANCHOR_SIM_*
/// environment variables, then the --config file, then what the command line said), concise console logging on
/// stderr, and every service wired here once. The options are validated as the host is built: a bad value from any
/// layer is a <see cref="UsageException"/> before anything runs.
/// </summary>
public static partial class SimulatorHost
{
    public const string EnvironmentPrefix = "TRUSTANCHOR_SIM_";

    public static IHost Build(IReadOnlyDictionary<string, string?> commandLineSettings, RunConsole console, Action<IServiceCollection>? overrides = null, string? configFile = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "trustanchor-sim",
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });

        using (var defaults = OpenEmbeddedDefaults())
        {
            // AddJsonStream reads the stream when the configuration is built, so load it into memory first.
            var copy = new MemoryStream();
            defaults.CopyTo(copy);
            copy.Position = 0;
            builder.Configuration.AddJsonStream(copy);
        }

        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        builder.Configuration.AddConfigFile(configFile);
        builder.Configuration.AddInMemoryCollection(commandLineSettings);

        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddConsole(o =>
        {
            o.FormatterName = ConciseConsoleFormatter.FormatterName;
            o.LogToStandardErrorThreshold = LogLevel.Trace;
        });
        builder.Logging.AddConsoleFormatter<ConciseConsoleFormatter, ConsoleFormatterOptions>();

        var services = builder.Services;
        services.AddOptions<SimulatorOptions>()
            .Bind(builder.Configuration.GetSection(SimulatorOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        services.AddSingleton(console);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ILinkFactory>(sp => sp.GetRequiredService<IOptions<SimulatorOptions>>().Value.Transport == TransportKind.Tcp
            ? new TcpLoopbackLinkFactory()
            : new InMemoryLinkFactory());
        // The ZigBee HAN between a hub and its meters is always in-process, whatever the WAN is.
        services.AddKeyedSingleton<ILinkFactory, InMemoryLinkFactory>(LinkKeys.Han);
        services.AddSingleton<IFrameTrace>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SimulatorOptions>>().Value;
            IFrameTrace trace = options.Trace is { Length: > 0 } file ? new JsonLinesFrameTrace(file, sp.GetRequiredService<TimeProvider>()) : FrameTrace.None;
            return string.IsNullOrWhiteSpace(options.ReportHtml) ? trace : new CapturingFrameTrace(trace);
        });
        services.AddSingleton<ScenarioCatalog>();
        services.AddSingleton<DccEnvironmentFactory>();
        // A premises is made, then each step runs against it: the services are shared, the premises is not.
        services.AddSingleton<PremisesBuilder>();
        services.AddSingleton<CommandExchange>();
        services.AddSingleton<CredentialsDetailsRequest>();
        services.AddSingleton<InstallSteps>();
        services.AddSingleton<CredentialSteps>();
        services.AddSingleton<DeviceCredentialSteps>();
        services.AddSingleton<SmkiSteps>();
        services.AddSingleton<StepExecutor>();
        // One set of P-256 tables for the whole host: every virtual device's own context looks there first.
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SimulatorOptions>>().Value;
            return new TrustAnchor.HostCrypto.HostP256Tables(o.CryptoCachedKeys, o.CryptoPeerTables, o.CryptoWideKeyTables);
        });
        services.AddSingleton<ScenarioRunner>();
        services.AddSingleton<ProgressReporterFactory>();
        services.AddSingleton<ReportWriters>();
        services.AddSingleton<SimulationCommand>();
        overrides?.Invoke(services);
        var host = builder.Build();
        try
        {
            // What ValidateOnStart checks when a host starts; these hosts are never started, so ask now.
            host.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception ex)
        {
            host.Dispose();
            if (ToUsageError(ex) is { } usage)
            {
                throw usage;
            }

            throw;
        }

        return host;
    }

    /// <summary>
    /// Options that failed validation, or a setting the binder could not convert, as one usage error naming each
    /// setting (the exceptions themselves carry .NET type names); null for anything else.
    /// </summary>
    public static UsageException? ToUsageError(Exception ex) => ex switch
    {
        UsageException usage => usage, // already said in the user's terms (e.g. by Build): not said again from its cause
        OptionsValidationException invalid => new UsageException(string.Join("; ", invalid.Failures), invalid),
        InvalidOperationException { InnerException: OptionChoiceException choice } bind when BinderPath().Match(bind.Message) is { Success: true } at =>
            new UsageException($"{SimulatorOptionsValidator.Describe(at.Groups["path"].Value)} {choice.Message}", bind),
        AggregateException aggregate => aggregate.InnerExceptions.Select(ToUsageError).FirstOrDefault(u => u is not null),
        _ => ConfigFile.Explain(ex),
    };

    /// <summary>Where in the configuration the binder failed: "... at 'Simulator:Transport' to type ...".</summary>
    [System.Text.RegularExpressions.GeneratedRegex("at '(?<path>[^']*)' to type")]
    private static partial System.Text.RegularExpressions.Regex BinderPath();

    public static Stream OpenEmbeddedDefaults()
    {
        var assembly = typeof(SimulatorHost).Assembly;
        return assembly.GetManifestResourceStream("TrustAnchor.Simulator.appsettings.json")
            ?? throw new InvalidOperationException("embedded appsettings.json is missing from " + assembly.GetName().Name);
    }
}
