using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace TrustAnchor.Simulator.Scenarios;

/// <summary>
/// A scenario as data: what the premises holds, when it happens, and the steps with what each must produce.
/// Built-in scenarios are embedded JSON files in exactly this format, so a scenario file can copy and recombine them
/// (<c>--scenario-file</c>). Unknown fields are refused so a typo never silently does nothing.
/// </summary>
public sealed class ScenarioDefinition
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    /// <summary>One line for <c>list</c>; defaults to the description's first sentence.</summary>
    public string? Summary { get; init; }

    /// <summary>Manufacturing pack the devices are built with: "original2016" or "mp261".</summary>
    public string Pack { get; init; } = "original2016";

    /// <summary>Virtual wall-clock time the run starts at (the DCC's and, once synchronised, the devices' clock).</summary>
    public DateTime StartTime { get; init; } = new(2025, 6, 2, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>Meters behind the Comms Hub: any of "esme", "gsme", "ppmid".</summary>
    public List<string> Meters { get; init; } = ["esme", "gsme", "ppmid"];

    /// <summary>Faults on the WAN for the whole scenario (otherwise the options' values).</summary>
    public ScenarioLinkFaults? Wan { get; init; }

    public ScenarioLinkFaults? Han { get; init; }

    public required List<ScenarioStep> Steps { get; init; }

    /// <summary>Scenarios that must pass by failing the right way (negative runs).</summary>
    public bool Negative { get; init; }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ScenarioFormatException("a scenario needs a name");
        }

        if (Steps is null || Steps.Count == 0)
        {
            throw new ScenarioFormatException($"scenario '{Name}' has no steps");
        }

        foreach (var meter in Meters)
        {
            if (!DeviceKinds.IsMeter(meter))
            {
                throw new ScenarioFormatException($"scenario '{Name}': unknown meter '{meter}' (use esme, gsme or ppmid)");
            }
        }

        if (!ScenarioPacks.IsKnown(Pack))
        {
            throw new ScenarioFormatException($"scenario '{Name}': unknown pack '{Pack}' (use original2016 or mp261)");
        }

        for (var i = 0; i < Steps.Count; i++)
        {
            Steps[i].Validate(Name, i + 1);
        }
    }
}

public sealed class ScenarioLinkFaults
{
    public int LatencyMs { get; init; }
    public double LossRate { get; init; }
    public double DuplicateRate { get; init; }
    public double ReorderRate { get; init; }
    public double CorruptRate { get; init; }

    public Wan.LinkFaults ToFaults() => new()
    {
        LatencyMs = LatencyMs,
        LossRate = LossRate,
        DuplicateRate = DuplicateRate,
        ReorderRate = ReorderRate,
        CorruptRate = CorruptRate,
    };
}

public static class DeviceKinds
{
    public const string CommsHub = "chf";
    public const string Esme = "esme";
    public const string Gsme = "gsme";
    public const string Ppmid = "ppmid";

    public static bool IsMeter(string kind) => kind is Esme or Gsme or Ppmid;

    public static string DisplayName(string kind) => kind switch
    {
        CommsHub => "Comms Hub",
        Esme => "ESME",
        Gsme => "GSME",
        Ppmid => "PPMID",
        _ => kind,
    };
}

public static class ScenarioPacks
{
    public const string Original2016 = "original2016";
    public const string Mp261 = "mp261";

    public static bool IsKnown(string pack) => pack is Original2016 or Mp261;
}

public sealed class ScenarioFormatException(string message) : Exception(message);

/// <summary>Reads and writes scenario JSON (camelCase, comments and trailing commas allowed).</summary>
public static class ScenarioJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = TrustAnchor.Cli.JsonOutput.Encoder,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>A file holds one scenario object, or <c>{ "scenarios": [ … ] }</c>.</summary>
    public static IReadOnlyList<ScenarioDefinition> Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            List<ScenarioDefinition> scenarios;
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("scenarios", out var list))
            {
                scenarios = list.Deserialize<List<ScenarioDefinition>>(Options) ?? [];
            }
            else
            {
                scenarios = [document.RootElement.Deserialize<ScenarioDefinition>(Options) ?? throw new ScenarioFormatException($"{source}: empty scenario")];
            }

            foreach (var scenario in scenarios)
            {
                scenario.Validate();
            }

            return scenarios;
        }
        catch (JsonException ex)
        {
            throw new ScenarioFormatException($"{source}: {Describe(ex)}");
        }
    }

    /// <summary>
    /// A JSON error in the scenario's terms: where (path, line) and what would be accepted. The serializer's own
    /// text names .NET types ("could not be converted to TrustAnchor.Simulator.Scenarios.StepAction").
    /// </summary>
    private static string Describe(JsonException ex)
    {
        var where = ex.Path is { Length: > 1 } path ? $"at {path}" : ex.LineNumber is { } line ? $"at line {line + 1}" : "";
        var unknownField = Regex.Match(ex.Message, "The JSON property '([^']*)' could not be mapped");
        if (unknownField.Success)
        {
            return $"unknown field '{unknownField.Groups[1].Value}' {where}".TrimEnd();
        }

        var conversion = Regex.Match(ex.Message, "could not be converted to ([^ ]+?)\\.? Path");
        if (conversion.Success)
        {
            var type = typeof(ScenarioJson).Assembly.GetType(conversion.Groups[1].Value);
            var expected = type is { IsEnum: true }
                ? "one of: " + string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.KebabCaseLower.ConvertName))
                : "a value of the right kind (text, number, true/false, list or object)";
            return $"the value {where} is not {expected}";
        }

        return ex.LineNumber is { } at
            ? $"not valid JSON at line {at + 1}, byte {ex.BytePositionInLine + 1}"
            : "not valid JSON " + where;
    }

    public static string Write(ScenarioDefinition scenario) => JsonSerializer.Serialize(scenario, Options);
}
