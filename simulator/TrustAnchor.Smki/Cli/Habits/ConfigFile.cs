using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace TrustAnchor.Cli;

/// <summary>
/// <c>--config FILE</c>: an appsettings-style JSON file layered over the built-in defaults and below the command-line
/// options. A missing file, bad JSON or a value of the wrong kind is a usage error that names the file and key.
/// </summary>
public static partial class ConfigFile
{
    public static Option<string?> CreateOption(bool recursive = false) => new("--config")
    {
        Description = "appsettings-style JSON file over the built-in defaults (command-line options still win)",
        HelpName = "FILE",
        Recursive = recursive,
    };

    /// <summary>Adds the file as a configuration source after checking it exists and is a JSON object.</summary>
    public static IConfigurationBuilder AddConfigFile(this IConfigurationBuilder builder, string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return builder;
        }

        return builder.AddJsonStream(new MemoryStream(Read(path)));
    }

    /// <summary>Reads and checks a config file: it must exist and hold one JSON object (comments allowed).</summary>
    public static byte[] Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"config file not found: {path}");
        }

        var bytes = File.ReadAllBytes(path);
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException($"config file {path} must hold a JSON object, e.g. {{ \"Simulator\": {{ \"Premises\": 10 }} }}");
            }
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, byte {ex.BytePositionInLine + 1}") : string.Empty;
            throw new UsageException($"config file {path} is not valid JSON{where}");
        }

        return bytes;
    }

    /// <summary>
    /// Binds a section, turning the binder's "Failed to convert configuration value 'x' at 'A:B' to type 'System.Int32'"
    /// into "A:B: 'x' is not a whole number".
    /// </summary>
    public static T Bind<T>(IConfiguration configuration, string section, T target)
        where T : class
    {
        try
        {
            configuration.GetSection(section).Bind(target);
            return target;
        }
        catch (InvalidOperationException ex) when (Explain(ex) is { } usage)
        {
            throw usage;
        }
    }

    /// <summary>A usage error for a configuration value the binder could not convert; null for anything else.</summary>
    public static UsageException? Explain(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            var match = ConversionFailure().Match(e.Message);
            if (e is InvalidOperationException && match.Success)
            {
                var type = Type.GetType(match.Groups["type"].Value);
                var kind = type is null ? "a valid value" : ParseErrors.Kind(type);
                return new UsageException($"setting {match.Groups["path"].Value}: '{match.Groups["value"].Value}' is not {kind}", ex);
            }
        }

        return null;
    }

    [GeneratedRegex("configuration value '(?<value>.*)' at '(?<path>[^']*)' to type '(?<type>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();
}
