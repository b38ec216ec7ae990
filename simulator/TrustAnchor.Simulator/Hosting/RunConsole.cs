namespace TrustAnchor.Simulator.Hosting;

/// <summary>
/// Where the run talks to its user: the step lines and summary table on <see cref="Out"/>, the live progress bar
/// on <see cref="Error"/>. Logs go through ILogger (stderr); tests swap in string writers.
/// </summary>
public sealed class RunConsole
{
    public RunConsole(TextWriter output, TextWriter error, bool interactive)
    {
        Out = output;
        Error = error;
        IsInteractive = interactive;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>True when a person is watching a terminal (not CI, not redirected), so redrawing a bar makes sense.</summary>
    public bool IsInteractive { get; }

    public static RunConsole FromSystemConsole()
    {
        var term = Environment.GetEnvironmentVariable("TERM");
        var ci = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GITHUB_ACTIONS"))
            || string.Equals(term, "dumb", StringComparison.Ordinal);
        return new RunConsole(Console.Out, Console.Error, !ci && !Console.IsErrorRedirected);
    }
}
