using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace TrustAnchor.Cli;

/// <summary>
/// The parser's errors as one line a person can act on: "unknown option '--frob' for 'run'", "--premises: 'abc' is
/// not a whole number". The parser's own text names .NET types ('System.Nullable`1[System.Int32]') and spreads
/// over lines; this says the same in the user's terms.
/// </summary>
public static class ParseErrors
{
    /// <summary>Null when the command line is fine (or asks for help or the version, which are never errors).</summary>
    public static string? Explain(ParseResult parse)
    {
        if (parse.Action is { ClearsParseErrors: true })
        {
            return null;
        }

        var command = parse.CommandResult.Command;
        var where = CommandPath(parse.CommandResult);
        var hint = $" (see '{where} --help')";
        if (parse.UnmatchedTokens.Count > 0)
        {
            var token = parse.UnmatchedTokens[0];
            if (LooksLikeOption(token))
            {
                return $"unknown option '{token}' for '{where}'{hint}";
            }

            return command.Subcommands.Count > 0
                ? $"unknown verb '{token}' for '{where}'; verbs: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}"
                : $"unexpected argument '{token}' for '{where}'{hint}";
        }

        // An argument that takes a value also takes "--frob": the parser sees no error, the user made one.
        foreach (var argument in parse.CommandResult.Children.OfType<ArgumentResult>())
        {
            if (argument.Tokens.FirstOrDefault(t => LooksLikeOption(t.Value)) is { } stray)
            {
                return $"unknown option '{stray.Value}' for '{where}'{hint}";
            }
        }

        if (parse.Errors.Count == 0)
        {
            return null;
        }

        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            return $"name a verb for '{where}': {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}{hint}";
        }

        var first = parse.Errors[0];
        return Describe(first) + hint;
    }

    private static string Describe(ParseError error)
    {
        var message = CliRunner.OneLine(error.Message);
        var symbol = error.SymbolResult;
        var option = symbol as OptionResult ?? symbol?.Parent as OptionResult;
        var argument = symbol as ArgumentResult;
        var valueType = option?.Option.ValueType ?? argument?.Argument.ValueType;
        var token = (symbol?.Tokens.Count > 0 ? symbol.Tokens[^1].Value : null)
            ?? (option is not null && option.Tokens.Count > 0 ? option.Tokens[^1].Value : null);

        // The parser's "Cannot parse argument 'x' ... as expected type 'System.Int32'": say it in words.
        if (valueType is not null && token is not null && message.Contains("System.", StringComparison.Ordinal))
        {
            var name = option?.Option.Name ?? argument!.Argument.Name;
            return $"{name}: '{token}' is not {Kind(valueType)}";
        }

        // "Argument 'x' not recognized. Must be one of: …" does not say for which option.
        if (option is not null && !message.Contains(option.Option.Name, StringComparison.Ordinal))
        {
            return option.Option.Name + ": " + message;
        }

        return message;
    }

    /// <summary>What a value of the type looks like, in words ("a whole number", "one of: a, b").</summary>
    public static string Kind(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return "one of: " + string.Join(", ", Enum.GetNames(type));
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 => "a whole number in range",
            TypeCode.Int32 => "a whole number up to " + int.MaxValue.ToString("N0", CultureInfo.InvariantCulture),
            TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 => "a whole number in range",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            TypeCode.Boolean => "true or false",
            TypeCode.DateTime => "a date/time (ISO 8601, e.g. 2027-01-01T00:00:00Z)",
            _ when type == typeof(TimeSpan) => "a duration (hh:mm:ss)",
            _ when type == typeof(DateTimeOffset) => "a date/time (ISO 8601, e.g. 2027-01-01T00:00:00Z)",
            _ => "a valid value",
        };
    }

    private static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && !char.IsDigit(token[1]) && token[1] != '.';

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Add(c.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
