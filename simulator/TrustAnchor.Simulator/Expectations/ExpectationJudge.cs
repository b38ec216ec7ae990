using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Smki;

namespace TrustAnchor.Simulator.Expectations;

/// <summary>
/// Compares what happened with what a step's <see cref="StepExpectation"/> says must happen, adding one line per
/// expectation that did not hold. Pure: it sends nothing and changes nothing, so it is tested on its own.
/// </summary>
public static class ExpectationJudge
{
    /// <summary>Every device's outcome is the expected one (when the step expects one).</summary>
    public static void Outcomes(ScenarioStep step, IEnumerable<(string Device, string Outcome)> outcomes, List<string> failures)
    {
        if (step.Expect.Outcome is not { } expected)
        {
            return;
        }

        foreach (var (device, outcome) in outcomes)
        {
            if (!string.Equals(outcome, expected, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{device}: outcome {expected}, got {outcome}");
            }
        }
    }

    /// <summary>The device raised every alert the step expects.</summary>
    public static void Alerts(ScenarioStep step, DeviceRecord device, List<int> alerts, List<string> failures) =>
        Alerts(step, device.Display, alerts, failures);

    public static void Alerts(ScenarioStep step, string device, List<int> alerts, List<string> failures)
    {
        foreach (var expected in step.Expect.Alerts ?? [])
        {
            AlertCodes.TryParse(expected, out var code);
            if (!alerts.Contains(code))
            {
                var got = alerts.Count == 0 ? "none" : string.Join(", ", alerts.Select(AlertCodes.Format));
                failures.Add($"{device} raises {AlertCodes.Format(code)} ({AlertCodes.Describe(code)}), got {got}");
            }
        }
    }

    /// <summary>When the step says the device's state stays untouched, its flash is byte for byte what it was.</summary>
    public static void StoreUntouched(ScenarioStep step, string device, byte[]? before, byte[] after, List<string> failures)
    {
        if (step.Expect.StateUnchanged == true && before is not null && !before.AsSpan().SequenceEqual(after))
        {
            failures.Add($"{device}'s store is untouched, but its flash changed");
        }
    }

    /// <summary>The Comms Hub's pack as the DCC recognised it is the one the step expects.</summary>
    public static void Pack(ScenarioStep step, string? recognised, List<string> failures)
    {
        if (step.Expect.Pack is not { } expected)
        {
            return;
        }

        var expectedName = expected == ScenarioPacks.Mp261 ? PackKind.Mp261.PackName() : PackKind.Original2016.PackName();
        if (!string.Equals(recognised, expectedName, StringComparison.Ordinal))
        {
            failures.Add($"the DCC recognises pack {expectedName}, got {recognised ?? "none"}");
        }
    }

    /// <summary>
    /// Each cell the DCC expects holds the party it recorded, by Entity Identifier and SKI, as the device reported
    /// in CS02a; returns how many cells were compared.
    /// </summary>
    public static int Cells(DeviceRecord device, Firmware.Gbcs.ProvideSecurityCredentialsDetailsResponse reported, List<string> failures)
    {
        var compared = 0;
        foreach (var (cell, holder) in device.Expected)
        {
            var party = reported.Parties.FirstOrDefault(p => (int)p.Role == cell.Role);
            var found = party?.Cells.FirstOrDefault(c => (int)c.KeyUsage == cell.KeyUsage && (int)c.CellUsage == cell.CellUsage);
            compared++;
            if (found is null)
            {
                failures.Add($"{device.Display} reports its {cell} cell");
            }
            else if (!holder.EntityId.AsSpan().SequenceEqual(found.SubjectUniqueId) || !holder.SubjectKeyId.AsSpan().SequenceEqual(found.SubjectKeyIdentifier))
            {
                failures.Add($"{device.Display} {cell} holds {holder.Describe()}, device says {Convert.ToHexString(found.SubjectUniqueId)}/{Convert.ToHexString(found.SubjectKeyIdentifier)}");
            }
        }

        return compared;
    }
}
