namespace TrustAnchor.Simulator.Hosting;

/// <summary>
/// Where the run talks to its user: the step lines and summary table on <see cref="Out"/>, the live progress bar
/// on <see cref="Error"/>. Logs go through ILogger (stderr); tests swap in string writers.
/// </summary>
public sealed class RunConsole
{
    /// <param name="interactive">A person watches (not CI): the default progress is a bar.</param>
    /// <param name="canRedraw">stderr is a terminal, so a bar may redraw itself with \r (default: same as interactive).</param>
    public RunConsole(TextWriter output, TextWriter error, bool interactive, bool? canRedraw = null)
    {
        Out = output;
        Error = error;
        CanRedraw = canRedraw ?? interactive;
        IsInteractive = interactive && CanRedraw;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>True when a person is watching a terminal (not CI, not redirected), so redrawing a bar makes sense.</summary>
    public bool IsInteractive { get; }

    /// <summary>True when <see cref="Error"/> is a terminal: only then is a line redrawn with \r (never in a file or pipe).</summary>
    public bool CanRedraw { get; }

    public static RunConsole FromSystemConsole()
    {
        var canRedraw = TrustAnchor.Cli.Terminal.CanRedraw(Console.Error);
        return new RunConsole(Console.Out, Console.Error, canRedraw && !TrustAnchor.Cli.Terminal.IsContinuousIntegration, canRedraw);
    }
}
