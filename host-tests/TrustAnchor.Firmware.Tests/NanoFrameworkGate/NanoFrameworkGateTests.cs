using TrustAnchor.Firmware.Tests.Support;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TrustAnchor.Firmware.Errors;
using Xunit.Abstractions;

namespace TrustAnchor.Firmware.Tests.NanoFrameworkGate;

/// <summary>
/// The nanoFramework gate: the firmware assembly may reference only APIs that nanoFramework's libraries
/// offer (../shared/nanoframework). The desktop build compiles the very sources the device build does, so
/// a reference that passes here links on the device.
/// </summary>
public class NanoFrameworkGateTests
{
    private static readonly NanoFrameworkApiList Allowed = NanoFrameworkApiList.Load();
    private readonly ITestOutputHelper output;

    public NanoFrameworkGateTests(ITestOutputHelper output) => this.output = new EvidenceOutput(output, "nanoFramework gate");

    [Fact]
    public void Firmware_assembly_references_only_nanoFramework_APIs()
    {
        Assembly firmware = typeof(TrustAnchorException).Assembly;
        firmware.GetName().Name.Should().Be("TrustAnchor.Firmware");
        byte[] image = File.ReadAllBytes(firmware.Location);

        var references = ExternalApiReader.Read(image);
        var offenders = NanoFrameworkGate.Offenders(image, Allowed);
        output.WriteLine($"{references.Count} external references checked against {Allowed.Count} nanoFramework APIs ({string.Join(", ", Allowed.Files)})");

        offenders.Should().BeEmpty(
            "the firmware must only use nanoFramework's API; offenders:\n  " + string.Join("\n  ", offenders));
    }

    [Fact]
    public void Gate_names_generic_collections_Math_and_interpolation_handlers()
    {
        byte[] image = Compile("""
            using System;
            using System.Collections.Generic;
            public static class Offending
            {
                public static int Largest(int a, int b)
                {
                    var list = new List<int> { a, b };
                    return Math.Max(list[0], list[1]);
                }
                public static string Describe(int value) => $"value {value} at {DateTime.UtcNow}";
                public static int Sum(ReadOnlySpan<byte> data) { int s = 0; foreach (var b in data) s += b; return s; }
            }
            """, LanguageVersion.Latest);

        var offenders = NanoFrameworkGate.Offenders(image, Allowed);

        offenders.Should().Contain("T:System.Collections.Generic.List`1");
        offenders.Should().Contain("M:System.Collections.Generic.List{System.Int32}.#ctor");
        offenders.Should().Contain("M:System.Math.Max(System.Int32,System.Int32)");
        offenders.Should().Contain(id => id.StartsWith("T:System.Runtime.CompilerServices.DefaultInterpolatedStringHandler", StringComparison.Ordinal),
            "C# 10+ lowers $\"...\" to a handler type the device lacks");
        offenders.Should().Contain("T:System.ReadOnlySpan`1");
    }

    [Fact]
    public void Gate_catches_interpolation_even_at_the_firmware_language_level()
    {
        // At C# 7.3 (the firmware's level) $"..." lowers to string.Format(string, object) or, where the core
        // library has it, to DefaultInterpolatedStringHandler: nanoFramework has neither (only Format(string, object[])).
        byte[] image = Compile("""
            public static class Offending
            {
                public static string Describe(int value) { return $"value {value}"; }
            }
            """, LanguageVersion.CSharp7_3);

        NanoFrameworkGate.Offenders(image, Allowed).Should().Contain(id =>
            id == "M:System.String.Format(System.String,System.Object)"
            || id == "T:System.Runtime.CompilerServices.DefaultInterpolatedStringHandler");
    }

    [Fact]
    public void Gate_passes_code_that_uses_only_the_listed_APIs()
    {
        byte[] image = Compile("""
            using System;
            using System.Collections;
            public static class Allowed
            {
                public static byte[] Join(byte[] a, byte[] b)
                {
                    var r = new byte[a.Length + b.Length];
                    Array.Copy(a, 0, r, 0, a.Length);
                    Array.Copy(b, 0, r, a.Length, b.Length);
                    var list = new ArrayList();
                    list.Add(r);
                    return (byte[])list[0];
                }
                public static string Name(int role) { return "role " + role.ToString(); }
            }
            """, LanguageVersion.CSharp7_3);

        NanoFrameworkGate.Offenders(image, Allowed).Should().BeEmpty();
    }

    [Fact]
    public void Exemptions_are_few_and_each_has_a_reason()
    {
        GateExemptions.Reasons.Should().HaveCountLessThanOrEqualTo(8);
        GateExemptions.Reasons.Values.Should().OnlyContain(reason => reason.Length > 20);
        GateExemptions.Reasons.Keys.Should().OnlyContain(id => !Allowed.Offers(id), "an exemption for a listed API is dead weight");
    }

    private static byte[] Compile(string source, LanguageVersion version)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is "System.Private.CoreLib.dll" or "System.Runtime.dll" or "System.Collections.dll" or "netstandard.dll")
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "GateSample",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(version)) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        result.Success.Should().BeTrue(string.Join("\n", result.Diagnostics));
        return stream.ToArray();
    }
}
