using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using TrustAnchor.Firmware.Tests.Support;

namespace TrustAnchor.Firmware.Tests.NanoFrameworkGate;

/// <summary>
/// Where the nanoFramework compiles of this build put their assemblies (each project's own bin folder, same
/// configuration as the tests; the test project references them for build order only).
/// </summary>
public static class NanoBuildOutput
{
    private static string Configuration =>
        typeof(NanoBuildOutput).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>firmware/TrustAnchor.Firmware.NanoCheck: the firmware sources against nanoFramework's mscorlib.</summary>
    public static string FirmwareAssembly => Output("TrustAnchor.Firmware.NanoCheck", "TrustAnchor.Firmware.dll");

    /// <summary>firmware/TrustAnchor.Firmware.Board: the board-only code (native crypto provider).</summary>
    public static string BoardAssembly => Output("TrustAnchor.Firmware.Board", "TrustAnchor.Firmware.Board.dll");

    /// <summary>firmware/nanoFramework/System.Security.Cryptography.Ref: our compile-only stand-in of the package.</summary>
    public static string CryptographyReferenceAssembly =>
        Path.Combine(RepositoryRoot.Find(), "firmware", "nanoFramework", "System.Security.Cryptography.Ref", "bin", Configuration, "System.Security.Cryptography.dll");

    public static IReadOnlyList<string> AssemblyReferences(byte[] peImage)
    {
        using var pe = new PEReader(ImmutableArray.Create(peImage));
        var md = pe.GetMetadataReader();
        return md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).OrderBy(n => n, StringComparer.Ordinal).ToList();
    }

    private static string Output(string project, string file)
    {
        string path = Path.Combine(RepositoryRoot.Find(), "firmware", project, "bin", Configuration, file);
        File.Exists(path).Should().BeTrue(project + " is built before the tests (TrustAnchor.sln, or the test project's build-order reference)");
        return path;
    }
}
