namespace TrustAnchor.Cli;

/// <summary>
/// What every verb of <c>trustanchor-sim</c> (and its <c>smki</c> verbs) returns, so a script or CI job can tell a
/// failed check from a mistyped command.
/// </summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done and every expectation held.</summary>
    public const int Success = 0;

    /// <summary>The command ran but an expectation failed (a scenario step failed) or the work could not finish.</summary>
    public const int Failed = 1;

    /// <summary>A usage or input error: unknown verb or option, bad value, missing file, refused request.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl+C), as shells report a SIGINT.</summary>
    public const int Interrupted = 130;
}
