namespace TrustAnchor.Simulator.Reporting;

/// <summary>What one step did at one premises: passed or not, how long it took, and a one-line account.</summary>
public sealed class StepResult
{
    public StepResult(bool passed, TimeSpan duration, string detail, IReadOnlyList<string> failures)
    {
        Passed = passed;
        Duration = duration;
        Detail = detail;
        Failures = failures;
    }

    public bool Passed { get; }

    public TimeSpan Duration { get; }

    /// <summary>What happened, e.g. "ESME, GSME, PPMID accepted; 9 cells replaced".</summary>
    public string Detail { get; }

    /// <summary>Each expectation that did not hold, in words.</summary>
    public IReadOnlyList<string> Failures { get; }
}
