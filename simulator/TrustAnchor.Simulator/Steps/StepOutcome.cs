namespace TrustAnchor.Simulator.Steps;

/// <summary>What a step did at one premises (one line) and each expectation that did not hold.</summary>
public sealed record StepOutcome(string Detail, List<string> Failures)
{
    public StepOutcome(string detail)
        : this(detail, [])
    {
    }
}
