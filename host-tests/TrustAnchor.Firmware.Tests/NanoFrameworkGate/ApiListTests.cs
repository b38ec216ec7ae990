using System.Reflection;
using System.Text.RegularExpressions;
using TrustAnchor.Firmware.Tests.Support;

namespace TrustAnchor.Firmware.Tests.NanoFrameworkGate;

/// <summary>
/// The gate's mscorlib list is generated from the real nanoFramework.CoreLibrary assembly (the version in
/// nf.props), never written by hand. After a CoreLibrary upgrade, regenerate it with
/// <c>TRUSTANCHOR_WRITE_API_LISTS=1 dotnet test host-tests/TrustAnchor.Firmware.Tests --filter ApiListTests</c>
/// and review the diff.
/// </summary>
public class ApiListTests
{
    private static readonly string RefFolder = Path.Combine(AppContext.BaseDirectory, "nanoframework-ref");

    internal static string CoreLibraryVersion =>
        typeof(ApiListTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NanoFrameworkCoreLibraryVersion").Value!;

    [Fact]
    public void Mscorlib_list_is_generated_from_the_real_CoreLibrary_assembly()
    {
        string expected = RenderMscorlibList();
        string committed = Path.Combine(RepositoryRoot.Find(), "firmware", "nanoFramework", "api", "mscorlib.txt");
        if (Environment.GetEnvironmentVariable("TRUSTANCHOR_WRITE_API_LISTS") == "1")
        {
            File.WriteAllText(committed, expected);
        }

        File.Exists(committed).Should().BeTrue();
        File.ReadAllText(committed).ReplaceLineEndings("\n").Should().Be(expected,
            "firmware/nanoFramework/api/mscorlib.txt must be the public API of nanoFramework.CoreLibrary " + CoreLibraryVersion +
            " (regenerate: TRUSTANCHOR_WRITE_API_LISTS=1 dotnet test host-tests/TrustAnchor.Firmware.Tests --filter ApiListTests)");
    }

    [Fact]
    public void Real_mscorlib_differs_from_the_old_hand_made_list_where_the_shared_notes_said()
    {
        var ids = ApiListGenerator.Read(File.ReadAllBytes(Path.Combine(RefFolder, "mscorlib.dll")));

        // Present in the real assembly, missing from the hand-made list.
        ids.Should().Contain("M:System.Object.GetType");
        ids.Should().Contain("M:System.Array.Clone");
        ids.Should().Contain("M:System.Action.Invoke");
        ids.Should().Contain("T:System.IFormattable");
        // Allowed by the hand-made list, absent from the real assembly.
        ids.Should().NotContain("T:System.Decimal");
        ids.Should().NotContain("T:System.Math", "System.Math is a separate nanoFramework package");
        ids.Should().NotContain(id => id.StartsWith("T:System.Collections.Generic.", StringComparison.Ordinal));
    }

    [Fact]
    public void Generator_lists_public_and_protected_members_once_with_properties_not_accessors()
    {
        var ids = ApiListGenerator.Read(File.ReadAllBytes(Path.Combine(RefFolder, "mscorlib.dll")));

        ids.Should().OnlyHaveUniqueItems().And.BeInAscendingOrder(StringComparer.Ordinal);
        ids.Should().Contain("P:System.String.Length").And.NotContain("M:System.String.get_Length");
        ids.Should().Contain("M:System.Exception.#ctor(System.String)");
        ids.Should().Contain("F:System.Int32.MaxValue");
        ids.Should().NotContain(id => id.EndsWith(".value__", StringComparison.Ordinal), "an enum's value field is not API");
    }

    [Fact]
    public void Cryptography_reference_assembly_declares_exactly_the_API_list()
    {
        // Our compile-only stand-in for nanoFramework.System.Security.Cryptography (not served here) is made from the list.
        var declared = ApiListGenerator.Read(File.ReadAllBytes(NanoBuildOutput.CryptographyReferenceAssembly));
        var listed = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "nanoframework", "System.Security.Cryptography.txt"))
            .Where(line => line.Length > 2 && line[1] == ':')
            .ToList();

        // The one listed ID no compiled enum can have (the list was read from sources); everything else must match.
        var artefacts = new[] { "M:System.Security.Cryptography.CipherMode.#ctor" };
        declared.Should().BeEquivalentTo(listed.Except(artefacts));
        NanoBuildOutput.AssemblyReferences(File.ReadAllBytes(NanoBuildOutput.CryptographyReferenceAssembly)).Should().Equal("mscorlib");
    }

    internal static string RenderMscorlibList()
    {
        byte[] image = File.ReadAllBytes(Path.Combine(RefFolder, "mscorlib.dll"));
        string nuspec = File.ReadAllText(Path.Combine(RefFolder, "nanoframework.corelibrary.nuspec"));
        string packageVersion = Regex.Match(nuspec, "<version>([^<]+)</version>").Groups[1].Value;
        packageVersion.Should().Be(CoreLibraryVersion, "the restored package is the one nf.props names");
        string native = Regex.Match(nuspec, @"requires a target with (mscorlib v[0-9.]+ \(checksum 0x[0-9A-Fa-f]+\))").Groups[1].Value;
        native.Should().NotBeEmpty("the package says which native mscorlib it needs");

        var header = new[]
        {
            "nanoFramework.CoreLibrary " + packageVersion + ": public API of lib/mscorlib.dll (" + ApiListGenerator.AssemblyIdentity(image) + ").",
            "The package requires a target whose native " + native + ".",
            "Generated by host-tests/TrustAnchor.Firmware.Tests/NanoFrameworkGate/ApiListGenerator.cs; do not edit. Regenerate:",
            "  TRUSTANCHOR_WRITE_API_LISTS=1 dotnet test host-tests/TrustAnchor.Firmware.Tests --filter ApiListTests",
        };
        return ApiListGenerator.Format(header, ApiListGenerator.Read(image));
    }
}
