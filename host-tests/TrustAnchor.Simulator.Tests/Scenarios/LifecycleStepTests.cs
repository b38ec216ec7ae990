using TrustAnchor.Simulator.Scenarios;

namespace TrustAnchor.Simulator.Tests.Scenarios;

/// <summary>The lifecycle step vocabulary: what a scenario file may say, and clear errors for what it may not.</summary>
public sealed class LifecycleStepTests
{
    private static string One(string step) => $$"""{ "name": "x", "steps": [ {{step}} ] }""";

    [Theory]
    [InlineData("""{ "action": "replace-credentials", "mode": "anyByContingency", "signer": "recovery", "contingencyKey": "maybe" }""", "contingencyKey")]
    [InlineData("""{ "action": "replace-credentials", "mode": "anyByContingency", "signer": "recovery", "mac": "sometimes" }""", "mac")]
    [InlineData("""{ "action": "replace-credentials", "mode": "anyByContingency", "signer": "recovery", "cells": ["meter"] }""", "cell role")]
    [InlineData("""{ "action": "replace-credentials", "mode": "anyByContingency", "signer": "recovery", "cells": ["root"] }""", "cell role")]
    [InlineData("""{ "action": "issue-device-credentials", "keyUsage": "keyCertSign" }""", "keyUsage")]
    [InlineData("""{ "action": "issue-device-credentials", "signer": "mallory" }""", "signer")]
    [InlineData("""{ "action": "update-device-certificate", "deviceCertificate": "forged" }""", "deviceCertificate")]
    [InlineData("""{ "action": "verify-credentials", "deviceKey": "old" }""", "deviceKey")]
    [InlineData("""{ "action": "revoke-certificate" }""", "party")]
    [InlineData("""{ "action": "revoke-certificate", "party": "mallory" }""", "party")]
    [InlineData("""{ "action": "reissue-certificates", "party": "issuingOca" }""", "party")]
    public void Bad_lifecycle_steps_are_refused_when_the_file_is_read(string step, string mentions)
    {
        var act = () => ScenarioJson.Parse(One(step), "test.json");
        act.Should().Throw<ScenarioFormatException>().WithMessage($"*{mentions}*");
    }

    [Fact]
    public void The_lifecycle_built_ins_are_in_the_same_form_as_a_scenario_file_and_round_trip()
    {
        var catalog = new ScenarioCatalog();
        foreach (var name in new[] { "contingency", "device-rekey", "revoked-certificate" })
        {
            var scenario = catalog.Resolve(name);
            var again = ScenarioJson.Parse(ScenarioJson.Write(scenario), name).Single();
            again.Steps.Select(s => s.Action).Should().Equal(scenario.Steps.Select(s => s.Action));
            // Each has negative steps: expected refusals (or not-sent) besides the accepted ones.
            scenario.Steps.Should().Contain(s => s.Expect.Outcome == "refused" || s.Expect.Outcome == "not-sent");
            scenario.Steps.Should().Contain(s => s.Expect.Outcome == "accepted");
        }
    }
}
