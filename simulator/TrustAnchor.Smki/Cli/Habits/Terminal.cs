namespace TrustAnchor.Cli;

/// <summary>Whether a writer is a terminal someone watches, so redrawing a line with <c>\r</c> makes sense.</summary>
public static class Terminal
{
    /// <summary>
    /// True only for the process's own stdout or stderr when it is not redirected and the terminal is not "dumb".
    /// Anything else (a file, a pipe, a CI log, a test's StringWriter) gets plain lines.
    /// </summary>
    public static bool CanRedraw(TextWriter writer)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal))
        {
            return false;
        }

        if (ReferenceEquals(writer, Console.Error))
        {
            return !Console.IsErrorRedirected;
        }

        return ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
    }

    /// <summary>True under a CI system (CI or GITHUB_ACTIONS set): a terminal there is still a log nobody watches live.</summary>
    public static bool IsContinuousIntegration =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GITHUB_ACTIONS"));
}
