namespace TrustAnchor.Smki;

/// <summary>The DCC manufacturing packs.</summary>
public enum PackKind
{
    /// <summary>The 2016 pack: 10-year Organisation Certificates expiring 2026.</summary>
    Original2016,

    /// <summary>
    /// The MP261 pack (2024): recovery, transitionalCoS, wanProvider and accessControlBroker re-issued with the
    /// same keys, valid to the Issuing OCA's notAfter (17 years, 2041); the other cells as in the 2016 pack.
    /// </summary>
    Mp261,
}

public static class PackKinds
{
    public static string PackName(this PackKind kind) => kind == PackKind.Original2016 ? "DCC-2016" : "DCC-MP261-2024";

    public static PackKind Parse(string text) => text.ToLowerInvariant() switch
    {
        "original" or "original2016" or "2016" or "dcc-2016" => PackKind.Original2016,
        "mp261" or "dcc-mp261-2024" or "2024" => PackKind.Mp261,
        _ => throw new SmkiException(SmkiErrorCode.InvalidArgument, $"'{text}' is not a pack (original or mp261)"),
    };
}
