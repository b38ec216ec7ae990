using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Reporting;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Simulator.Tracing;
using TrustAnchor.Simulator.Wan;

namespace TrustAnchor.Simulator.Hosting;

/// <summary>
/// Builds the one host a command runs in: configuration (embedded appsettings.json, then TRUSTANCHOR_SIM_*
/// environment variables, then what the command line said), concise console logging on stderr, and every service
/// wired here once.
/// </summary>
public static class SimulatorHost
{
    public const string EnvironmentPrefix = "TRUSTANCHOR_SIM_";

    public static IHost Build(IReadOnlyDictionary<string, string?> commandLineSettings, RunConsole console, Action<IServiceCollection>? overrides = null)
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
            .Validate(o => o.Premises >= 1, "Premises must be at least 1")
            .Validate(o => o.Parallel >= 0, "Parallel must not be negative")
            .Validate(o => o.Transport is not null && (o.Transport.Equals("memory", StringComparison.OrdinalIgnoreCase) || o.Transport.Equals("tcp", StringComparison.OrdinalIgnoreCase)), "Transport must be memory or tcp")
            .Validate(o => o.ResponseTimeout > TimeSpan.Zero, "ResponseTimeout must be positive")
            .Validate(o => o.CryptoContexts >= 0 && o.CryptoContexts <= P256Concurrency.MaxLimit, "CryptoContexts must be 0.." + P256Concurrency.MaxLimit)
            .Validate(o => o.CryptoCachedKeys >= 1 && o.CryptoCachedKeys <= P256Concurrency.MaxLimit, "CryptoCachedKeys must be 1.." + P256Concurrency.MaxLimit)
            .Validate(o => o.CryptoPeerTables >= 0 && o.CryptoPeerTables <= P256Concurrency.MaxLimit, "CryptoPeerTables must be 0.." + P256Concurrency.MaxLimit);
        services.AddSingleton(console);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ILinkFactory>(sp => sp.GetRequiredService<IOptions<SimulatorOptions>>().Value.TransportKind == TransportKind.Tcp
            ? new TcpLoopbackLinkFactory()
            : new InMemoryLinkFactory());
        services.AddSingleton<IFrameTrace>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SimulatorOptions>>().Value;
            IFrameTrace trace = options.Trace is { Length: > 0 } file ? new JsonLinesFrameTrace(file, sp.GetRequiredService<TimeProvider>()) : FrameTrace.None;
            return string.IsNullOrWhiteSpace(options.ReportHtml) ? trace : new CapturingFrameTrace(trace);
        });
        services.AddSingleton<ScenarioCatalog>();
        services.AddSingleton<DccEnvironmentFactory>();
        services.AddSingleton<ScenarioRunner>();
        services.AddSingleton<ProgressReporterFactory>();
        services.AddSingleton<ReportWriters>();
        services.AddSingleton<SimulationCommand>();
        overrides?.Invoke(services);
        return builder.Build();
    }

    public static Stream OpenEmbeddedDefaults()
    {
        var assembly = typeof(SimulatorHost).Assembly;
        return assembly.GetManifestResourceStream("TrustAnchor.Simulator.appsettings.json")
            ?? throw new InvalidOperationException("embedded appsettings.json is missing from " + assembly.GetName().Name);
    }
}
