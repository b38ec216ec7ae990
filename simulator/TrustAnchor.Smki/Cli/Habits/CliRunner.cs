using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace TrustAnchor.Cli;

/// <summary>
/// Runs a command tree with the habits people expect of a command-line tool: exit 0, 1 or 2 (see
/// <see cref="ExitCodes"/>), and every usage or input error, the parser's own included, as ONE line on stderr that
/// starts with <c>error:</c>, names what was wrong and never shows a stack trace or a .NET type name. A verb added to
/// a tree run here gets all of this without code of its own: it throws <see cref="UsageException"/> for bad input.
/// </summary>
public static class CliRunner
{
    /// <summary>Set (to anything) to get the full trace of an unexpected error after its one line.</summary>
    public const string DebugVariable = "TRUSTANCHOR_DEBUG";

    /// <param name="translate">Turns exceptions of libraries the tree uses into a usage error (null: not one).</param>
    public static async Task<int> InvokeAsync(
        Command root,
        IReadOnlyList<string> args,
        TextWriter output,
        TextWriter error,
        Func<Exception, UsageException?>? translate = null,
        CancellationToken cancellationToken = default)
    {
        var parse = root.Parse(args);
        if (ParseErrors.Explain(parse) is { } problem)
        {
            error.WriteLine("error: " + problem);
            return ExitCodes.Usage;
        }

        try
        {
            var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception ex)
        {
            return Report(ex, error, translate);
        }
    }

    public static int Invoke(Command root, IReadOnlyList<string> args, TextWriter output, TextWriter error, Func<Exception, UsageException?>? translate = null) =>
        InvokeAsync(root, args, output, error, translate).GetAwaiter().GetResult();

    /// <summary>Prints an exception that ended a verb as one line and says which exit code it means.</summary>
    public static int Report(Exception ex, TextWriter error, Func<Exception, UsageException?>? translate = null)
    {
        while (ex is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            ex = aggregate.InnerExceptions[0];
        }

        // The parser cancels its own token on Ctrl+C or SIGTERM, not the caller's: any cancellation that reaches here is one.
        if (ex is OperationCanceledException)
        {
            error.WriteLine("error: interrupted");
            return ExitCodes.Interrupted;
        }

        if (translate?.Invoke(ex) is { } translated)
        {
            ex = translated;
        }

        var (code, message) = ex switch
        {
            UsageException => (ExitCodes.Usage, ex.Message),
            FileNotFoundException notFound => (ExitCodes.Usage, "file not found: " + (notFound.FileName ?? notFound.Message)),
            DirectoryNotFoundException => (ExitCodes.Usage, "folder not found: " + ex.Message),
            UnauthorizedAccessException => (ExitCodes.Usage, "access denied: " + ex.Message),
            IOException => (ExitCodes.Failed, ex.Message),
            _ => (ExitCodes.Failed, "unexpected: " + ex.Message + " (set " + DebugVariable + "=1 for the trace)"),
        };

        error.WriteLine("error: " + OneLine(message));
        if (code == ExitCodes.Failed && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DebugVariable)))
        {
            error.WriteLine(ex.ToString());
        }

        return code;
    }

    /// <summary>Folds a message onto one line: tools that read stderr line by line see one error per error.</summary>
    public static string OneLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(' ', lines);
    }
}
