namespace TrustAnchor.Firmware.Tests.Support;

/// <summary>The repository checkout the tests run from: the folder above the test binaries that holds TrustAnchor.sln.</summary>
public static class RepositoryRoot
{
    private static readonly string? Found = Search();

    /// <summary>The repository root, or null when the tests run outside a checkout.</summary>
    public static string? TryFind() => Found;

    public static string Find() =>
        Found ?? throw new InvalidOperationException("TrustAnchor.sln not found above " + AppContext.BaseDirectory);

    private static string? Search()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrustAnchor.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
