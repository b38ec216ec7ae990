using System.CommandLine;
using System.Globalization;

namespace TrustAnchor.Cli;

/// <summary>
/// Range checks a verb adds to its numeric options in one line each; a value out of range is a parse error, so it
/// exits 2 with one line before the verb does anything.
/// </summary>
public static class OptionChecks
{
    public static Option<int?> AtLeast(this Option<int?> option, int minimum, string? why = null)
    {
        option.Validators.Add(r =>
        {
            if (IntegerToken(r) is { } value && value < minimum)
            {
                r.AddError($"{option.Name} must be at least {minimum}, got {value}{(why is null ? "" : "; " + why)}");
            }
        });
        return option;
    }

    public static Option<int> AtLeast(this Option<int> option, int minimum, string? why = null)
    {
        option.Validators.Add(r =>
        {
            if (IntegerToken(r) is { } value && value < minimum)
            {
                r.AddError($"{option.Name} must be at least {minimum}, got {value}{(why is null ? "" : "; " + why)}");
            }
        });
        return option;
    }

    /// <summary>A duration in seconds: finite, more than zero, at most <paramref name="maximumSeconds"/>.</summary>
    public static Option<double?> PositiveSeconds(this Option<double?> option, double maximumSeconds = 86_400)
    {
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && double.TryParse(r.Tokens[^1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && !(double.IsFinite(value) && value > 0 && value <= maximumSeconds))
            {
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be more than 0 and at most {maximumSeconds:0} seconds, got {value}"));
            }
        });
        return option;
    }

    // Validators run even when the value did not convert (the parser reports that itself), so read the token.
    private static int? IntegerToken(System.CommandLine.Parsing.OptionResult r) =>
        r.Tokens.Count > 0 && int.TryParse(r.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Parses an ISO 8601 date/time as UTC (a value without an offset is taken as UTC).</summary>
    public static bool TryParseUtc(string text, out DateTime utc) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out utc);

    /// <summary>An option holding a UTC date/time; anything else is a parse error naming the option.</summary>
    public static Option<DateTime?> UtcDateTime(string name, string description)
    {
        return new Option<DateTime?>(name)
        {
            Description = description,
            HelpName = "UTC",
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
                if (TryParseUtc(text, out var utc))
                {
                    return utc;
                }

                r.AddError($"{name}: '{text}' is not a date/time; use ISO 8601, e.g. 2027-01-01T00:00:00Z");
                return null;
            },
        };
    }
}
