namespace TrustAnchor.Smki;

/// <summary>A refusal by the SMKI: a code a program can act on and a reason a person can read.</summary>
public sealed class SmkiException : Exception
{
    public SmkiException(SmkiErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    public SmkiException(SmkiErrorCode code, string message, Exception inner)
        : base(message, inner)
    {
        Code = code;
    }

    public SmkiErrorCode Code { get; }

    public override string ToString() => $"{Code} ({(int)Code}): {Message}";
}
