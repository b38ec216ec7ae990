namespace TrustAnchor.Simulator.Conformance;

/// <summary>One frame of a rule's evidence: which way it went, what it is, its bytes (hex).</summary>
public sealed record EvidenceFrame(string Direction, string Label, string Hex, string? Note);

/// <summary>The verdict of one rule.</summary>
public enum RuleVerdict
{
    Pass,
    Fail,
    NotApplicable,
}

/// <summary>What running one rule gave: verdict, reason, and every frame exchanged.</summary>
public sealed record RuleResult(ConformRule Rule, RuleVerdict Verdict, string Detail, IReadOnlyList<EvidenceFrame> Frames, TimeSpan Duration);

/// <summary>A rule's check failed (its message is the finding).</summary>
public sealed class RuleFailedException(string message) : Exception(message);

/// <summary>The rule does not apply to this device (e.g. a mode whose cells its type does not have).</summary>
public sealed class RuleNotApplicableException(string message) : Exception(message);
