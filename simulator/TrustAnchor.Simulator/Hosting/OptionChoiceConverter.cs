using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace TrustAnchor.Simulator.Hosting;

/// <summary>
/// Binds a setting to an enum by its <see cref="OptionChoiceAttribute"/> words only: no numbers, no "Memory,Tcp"
/// flag lists that .NET's own enum converter would let through. A word that is none of them fails the binding with
/// an <see cref="OptionChoiceException"/> listing the choices, which the host turns into one "error:" line.
/// </summary>
public sealed class OptionChoiceConverter<TEnum> : EnumConverter
    where TEnum : struct, Enum
{
    public OptionChoiceConverter()
        : base(typeof(TEnum))
    {
    }

    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text && OptionChoices<TEnum>.TryParse(text, out var choice)
            ? choice
            : throw new OptionChoiceException(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", OptionChoices<TEnum>.Describe());

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is TEnum choice ? OptionChoices<TEnum>.Name(choice) : base.ConvertTo(context, culture, value, destinationType);
}

/// <summary>The words each value of <typeparamref name="TEnum"/> is written as in settings.</summary>
public static class OptionChoices<TEnum>
    where TEnum : struct, Enum
{
    private static readonly (TEnum Value, OptionChoiceAttribute Words)[] Choices = typeof(TEnum)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => ((TEnum)f.GetValue(null)!, f.GetCustomAttribute<OptionChoiceAttribute>() ?? new OptionChoiceAttribute(f.Name.ToLowerInvariant())))
        .ToArray();

    public static bool TryParse(string? text, out TEnum value)
    {
        var word = text?.Trim();
        foreach (var (candidate, words) in Choices)
        {
            if (string.Equals(words.Name, word, StringComparison.OrdinalIgnoreCase)
                || words.Aliases.Any(a => string.Equals(a, word, StringComparison.OrdinalIgnoreCase)))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Each value's name, in declaration order: what a command-line option offers.</summary>
    public static string[] Names => Choices.Select(c => c.Words.Name).ToArray();

    /// <summary>The value's name as a setting ("memory", "tcp").</summary>
    public static string Name(TEnum value) => Choices.FirstOrDefault(c => c.Value.Equals(value)).Words?.Name ?? value.ToString();

    /// <summary>The choices as a sentence: "memory or tcp", "auto, bar, lines or quiet".</summary>
    public static string Describe()
    {
        var names = Choices.Select(c => c.Words.Name).ToArray();
        return names.Length == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];
    }

    public static bool IsDefined(TEnum value) => Choices.Any(c => c.Value.Equals(value));
}

/// <summary>A setting's word is none of its choices.</summary>
public sealed class OptionChoiceException(string value, string choices)
    : FormatException($"must be {choices}, got '{value}'")
{
    public string Value { get; } = value;

    public string Choices { get; } = choices;
}
