using TrustAnchor.Simulator.Scenarios;

namespace TrustAnchor.Simulator.Cli;

public static class ScenarioListing
{
    public static void Write(ScenarioCatalog catalog, TextWriter output)
    {
        output.WriteLine("Scenarios (run one with: trustanchor-sim run <name>)");
        output.WriteLine();
        var ordered = ScenarioCatalog.BuiltInNames.Where(catalog.Contains)
            .Concat(catalog.All.Select(s => s.Name).Where(n => !catalog.IsBuiltIn(n)).Order(StringComparer.Ordinal))
            .ToList();
        var width = ordered.Max(n => n.Length);
        foreach (var name in ordered)
        {
            var scenario = catalog.Resolve(name);
            var tag = scenario.Negative ? "negative" : (catalog.IsBuiltIn(name) ? "" : "file");
            output.WriteLine($"  {name.PadRight(width)}  {scenario.Steps.Count,2} steps  {tag,-8}  {scenario.Summary ?? Shorten(scenario.Description, 90)}");
        }

        output.WriteLine();
        output.WriteLine("Negative scenarios pass when the devices refuse the command the right way (expected alert, state untouched).");
    }

    private static string Shorten(string text, int max)
    {
        var firstSentence = text.IndexOf(". ", StringComparison.Ordinal);
        var shortText = firstSentence > 0 ? text[..(firstSentence + 1)] : text;
        return shortText.Length <= max ? shortText : shortText[..(max - 1)] + "…";
    }
}
