using TrustAnchor.Simulator.Scenarios;

namespace TrustAnchor.Simulator.Tests.Scenarios;

public class ScenarioCatalogTests
{
    [Fact]
    public void Every_built_in_scenario_loads_and_resolves()
    {
        var catalog = new ScenarioCatalog();
        foreach (var name in ScenarioCatalog.BuiltInNames)
        {
            var scenario = catalog.Resolve(name);
            scenario.Steps.Should().NotBeEmpty();
            scenario.Steps.Should().NotContain(s => s.Action == StepAction.Include);
        }

        catalog.Resolve("replayed-command").Negative.Should().BeTrue();
        catalog.Resolve("install-commission").Negative.Should().BeFalse();
    }

    [Fact]
    public void Include_expands_in_place()
    {
        var catalog = new ScenarioCatalog();
        var install = catalog.Resolve("install-commission");
        var cos = catalog.Resolve("change-of-supplier");
        cos.Steps.Take(install.Steps.Count).Select(s => s.DisplayName).Should().Equal(install.Steps.Select(s => s.DisplayName));
        cos.Steps[install.Steps.Count].Mode.Should().Be("supplierByTransCoS");
    }

    [Fact]
    public void A_scenario_file_composes_built_in_steps()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
            {
              // comments are fine
              "scenarios": [
                { "name": "mine", "meters": ["esme"], "steps": [
                    { "action": "include", "scenario": "install-commission" },
                    { "action": "advance-clock", "by": "P30D" },
                    { "action": "replay-last", "expect": { "outcome": "refused", "alerts": ["0x8F60"], "stateUnchanged": true } },
                ] },
                { "name": "other", "steps": [ { "action": "include", "scenario": "mine" } ] }
              ]
            }
            """);
            var catalog = new ScenarioCatalog();
            catalog.LoadFile(path).Should().Equal("mine", "other");
            var mine = catalog.Resolve("mine");
            mine.Meters.Should().Equal("esme");
            mine.Steps.Should().HaveCount(catalog.Resolve("install-commission").Steps.Count + 2);
            catalog.Resolve("other").Steps.Should().HaveCount(mine.Steps.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("""{ "name": "x", "steps": [ { "action": "fly" } ] }""", "")]
    [InlineData("""{ "name": "x", "steps": [ { "action": "pre-notify", "colour": "red" } ] }""", "colour")]
    [InlineData("""{ "name": "x", "steps": [ { "action": "replace-credentials", "mode": "byMagic", "signer": "supplier" } ] }""", "mode")]
    [InlineData("""{ "name": "x", "steps": [ { "action": "replace-credentials", "mode": "supplierBySupplier", "signer": "mallory" } ] }""", "signer")]
    [InlineData("""{ "name": "x", "meters": ["toaster"], "steps": [ { "action": "pre-notify" } ] }""", "toaster")]
    [InlineData("""{ "name": "x", "steps": [] }""", "no steps")]
    [InlineData("""{ "name": "x", "steps": [ { "action": "commission", "expect": { "alerts": ["loud"] } } ] }""", "loud")]
    [InlineData("""{ "name": "x", "steps": [ { "action": "include", "scenario": "x" } ] }""", "includes itself")]
    [InlineData("""{ "name": "x", "steps": [ { "action": "include", "scenario": "nope" } ] }""", "unknown scenario")]
    public void Bad_scenario_files_are_refused_with_a_reason(string json, string reason)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, json);
            var act = () => new ScenarioCatalog().LoadFile(path);
            act.Should().Throw<ScenarioFormatException>().WithMessage($"*{reason}*");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_scenario_round_trips_through_json()
    {
        var scenario = new ScenarioCatalog().Resolve("wan-corruption");
        var again = ScenarioJson.Parse(ScenarioJson.Write(scenario), "round trip").Single();
        again.Steps.Select(s => (s.Action, s.DisplayName, s.WanFault)).Should().Equal(scenario.Steps.Select(s => (s.Action, s.DisplayName, s.WanFault)));
    }
}
