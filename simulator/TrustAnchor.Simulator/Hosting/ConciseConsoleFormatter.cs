using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace TrustAnchor.Simulator.Hosting;

/// <summary>One short line per log entry: <c>12:01:02.345 warn sim.Wan: message</c>, with the namespace prefix trimmed.</summary>
public sealed class ConciseConsoleFormatter : ConsoleFormatter
{
    public const string FormatterName = "concise";

    public ConciseConsoleFormatter()
        : base(FormatterName)
    {
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var category = logEntry.Category.StartsWith("TrustAnchor.Simulator.", StringComparison.Ordinal)
            ? "sim." + logEntry.Category["TrustAnchor.Simulator.".Length..]
            : logEntry.Category;
        var dot = category.LastIndexOf('.');
        if (dot > 0 && category.StartsWith("sim.", StringComparison.Ordinal))
        {
            // sim.Wan.TcpFrameTransport -> sim.Wan: the folder says enough.
            var first = category.IndexOf('.', 4);
            if (first > 0)
            {
                category = category[..first];
            }
        }

        textWriter.Write(DateTime.Now.ToString("HH:mm:ss.fff"));
        textWriter.Write(' ');
        textWriter.Write(logEntry.LogLevel switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            LogLevel.Critical => "crit",
            _ => "    ",
        });
        textWriter.Write(' ');
        textWriter.Write(category);
        textWriter.Write(": ");
        textWriter.WriteLine(message);
        if (logEntry.Exception is not null)
        {
            // The message only: users read these lines; the type name is for a debugger (TRUSTANCHOR_DEBUG).
            textWriter.WriteLine("    " + logEntry.Exception.Message);
        }
    }
}
