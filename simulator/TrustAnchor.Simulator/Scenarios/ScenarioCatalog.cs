namespace TrustAnchor.Simulator.Scenarios;

/// <summary>
/// The built-in scenarios (embedded JSON, the same format as a scenario file) plus any loaded from a file.
/// Resolving a scenario expands its "include" steps, so reports list every step that actually runs.
/// </summary>
public sealed class ScenarioCatalog
{
    /// <summary>Built-in names in the order `list` shows them: the happy paths, then the negative runs.</summary>
    public static readonly string[] BuiltInNames =
    [
        "install-commission", "change-of-supplier", "pack-rollover", "recovery",
        "device-rekey", "contingency", "revoked-certificate",
        "replayed-command", "wrong-signer", "expired-certificate", "wan-corruption",
    ];

    private readonly Dictionary<string, ScenarioDefinition> _scenarios = new(StringComparer.OrdinalIgnoreCase);

    public ScenarioCatalog()
    {
        var assembly = typeof(ScenarioCatalog).Assembly;
        foreach (var name in BuiltInNames)
        {
            using var stream = assembly.GetManifestResourceStream($"TrustAnchor.Simulator.Scenarios.{name}.json")
                ?? throw new InvalidOperationException($"built-in scenario {name} is missing from the assembly");
            using var reader = new StreamReader(stream);
            foreach (var scenario in ScenarioJson.Parse(reader.ReadToEnd(), $"built-in {name}.json"))
            {
                _scenarios[scenario.Name] = scenario;
            }
        }
    }

    public IReadOnlyCollection<ScenarioDefinition> All => _scenarios.Values;

    public bool IsBuiltIn(string name) => Array.Exists(BuiltInNames, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Adds the scenarios in a file (they may include built-ins and each other); returns their names.</summary>
    public IReadOnlyList<string> LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioFormatException($"scenario file not found: {path}");
        }

        var loaded = ScenarioJson.Parse(File.ReadAllText(path), path);
        foreach (var scenario in loaded)
        {
            _scenarios[scenario.Name] = scenario;
        }

        // Fail now, not halfway through a run, if an include is wrong.
        foreach (var scenario in loaded)
        {
            Resolve(scenario.Name);
        }

        return loaded.Select(s => s.Name).ToList();
    }

    public bool Contains(string name) => _scenarios.ContainsKey(name);

    /// <summary>The scenario with every include expanded in place.</summary>
    public ScenarioDefinition Resolve(string name)
    {
        if (!_scenarios.TryGetValue(name, out var scenario))
        {
            throw new ScenarioFormatException($"no scenario named '{name}' (try: {string.Join(", ", _scenarios.Keys.Order())})");
        }

        var steps = new List<ScenarioStep>();
        Expand(scenario, steps, [scenario.Name]);
        return new ScenarioDefinition
        {
            Name = scenario.Name,
            Description = scenario.Description,
            Summary = scenario.Summary,
            Pack = scenario.Pack,
            StartTime = scenario.StartTime,
            Meters = scenario.Meters,
            Wan = scenario.Wan,
            Han = scenario.Han,
            Negative = scenario.Negative,
            Steps = steps,
        };
    }

    private void Expand(ScenarioDefinition scenario, List<ScenarioStep> into, List<string> chain)
    {
        foreach (var step in scenario.Steps)
        {
            if (step.Action != StepAction.Include)
            {
                into.Add(step);
                continue;
            }

            var target = step.Scenario!;
            if (chain.Contains(target, StringComparer.OrdinalIgnoreCase))
            {
                throw new ScenarioFormatException($"scenario '{chain[0]}' includes itself through {string.Join(" -> ", chain)} -> {target}");
            }

            if (!_scenarios.TryGetValue(target, out var included))
            {
                throw new ScenarioFormatException($"scenario '{scenario.Name}' includes unknown scenario '{target}'");
            }

            Expand(included, into, [.. chain, target]);
        }
    }
}
