namespace TrustAnchor.Simulator.Conformance;

/// <summary>
/// One conformance rule: an id, the GBCS or SEC clause it checks, a one-line statement, and the small function
/// that drives the device and judges what comes back (throwing <see cref="RuleFailedException"/> or
/// <see cref="RuleNotApplicableException"/>; returning is a pass).
/// </summary>
public sealed record ConformRule(string Id, string Clause, string Statement, Func<ConformSession, Task<string>> Check)
{
    public string Area => Id.Split('-')[0];
}
