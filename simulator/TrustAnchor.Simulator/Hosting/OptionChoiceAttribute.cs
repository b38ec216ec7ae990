namespace TrustAnchor.Simulator.Hosting;

/// <summary>
/// The words a setting accepts for one enum value: the first is its name in help and errors, the rest are
/// aliases kept for older config files (e.g. "in-memory" for memory). Matched case-insensitively.
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class OptionChoiceAttribute(string name, params string[] aliases) : Attribute
{
    public string Name { get; } = name;

    public IReadOnlyList<string> Aliases { get; } = aliases;
}
