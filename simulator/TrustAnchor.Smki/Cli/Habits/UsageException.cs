namespace TrustAnchor.Cli;

/// <summary>
/// The user asked for something that cannot be done as asked: a bad value, a missing file, an unknown name.
/// <see cref="CliRunner"/> prints the message as one <c>error:</c> line and exits <see cref="ExitCodes.Usage"/>,
/// so the message must read well on its own (say which option or file, and what would be accepted).
/// </summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
