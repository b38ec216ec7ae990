using TrustAnchor.Firmware.Tests.Support;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TrustAnchor.Firmware.Errors;
using Xunit.Abstractions;

namespace TrustAnchor.Firmware.Tests.NanoFrameworkGate;

/// <summary>
/// The nanoFramework gate, for what the compiler cannot catch. The build already compiles the firmware against
/// nanoFramework's real mscorlib (firmware/TrustAnchor.Firmware.NanoCheck), so a missing API fails there. What is
/// left: (1) the desktop assembly, which the simulator and every test run, must call only what the device build
/// calls: the compiler may bind or lower differently against .NET (string.Concat overloads, interpolation
/// handlers), and then the tests would prove code the board never runs; (2) the device assembly must not need
/// reflection, so it runs on the mscorlib variant without System.Reflection too; (3) the board-only code
/// compiles against a reference assembly we made for nanoFramework.System.Security.Cryptography, and its
/// references must be in that library's API list, not merely in our stub. Lists: firmware/nanoFramework/api.
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
    public void Device_build_of_the_firmware_references_only_mscorlib_and_no_reflection()
    {
        byte[] image = File.ReadAllBytes(NanoBuildOutput.FirmwareAssembly);

        NanoBuildOutput.AssemblyReferences(image).Should().Equal(new[] { "mscorlib" }, "the firmware library needs nothing but nanoFramework's mscorlib");
        var offenders = NanoFrameworkGate.Offenders(image, Allowed);
        offenders.Should().BeEmpty("the device build binds only to listed APIs:\n  " + string.Join("\n  ", offenders));
        var reflection = NanoFrameworkGate.ReflectionUses(image);
        reflection.Should().BeEmpty("the firmware must also run on the mscorlib variant without System.Reflection:\n  " + string.Join("\n  ", reflection));
        output.WriteLine($"device build: {ExternalApiReader.Read(image).Count} external references, mscorlib only, no reflection");
    }

    [Fact]
    public void Board_code_references_only_the_listed_nanoFramework_APIs_and_the_firmware()
    {
        byte[] image = File.ReadAllBytes(NanoBuildOutput.BoardAssembly);
        // The board code may also call the firmware library's public API (its device build).
        var firmwareApi = ApiListGenerator.Read(File.ReadAllBytes(NanoBuildOutput.FirmwareAssembly));
        var allowed = Allowed.With(firmwareApi);

        NanoBuildOutput.AssemblyReferences(image).Should().Equal("System.Security.Cryptography", "TrustAnchor.Firmware", "mscorlib");
        var references = ExternalApiReader.Read(image);
        references.Should().Contain(api => api.DocId == "M:System.Security.Cryptography.Aes.Encrypt(System.Byte[])");
        references.Should().Contain(api => api.DocId == "M:System.Security.Cryptography.HMACSHA256.ComputeHash(System.Byte[])");
        var offenders = NanoFrameworkGate.Offenders(image, allowed);
        offenders.Should().BeEmpty("board code must use nanoFramework's listed API:\n  " + string.Join("\n  ", offenders));
        NanoFrameworkGate.ReflectionUses(image).Should().BeEmpty();
        output.WriteLine($"board code: {references.Count} external references checked against mscorlib, System.Security.Cryptography and the firmware's {firmwareApi.Count} public APIs");
    }

    [Fact]
    public void Reflection_rule_names_GetType_and_reflection_types_but_not_assembly_attributes()
    {
        byte[] image = Compile("""
            [assembly: System.Reflection.AssemblyTitle("sample")]
            public static class Offending
            {
                public static string Name(object o) { return o.GetType().FullName; }
                public static object Field(object o) { return o.GetType().GetField("x").GetValue(o); }
            }
            """, LanguageVersion.CSharp7_3);

        var uses = NanoFrameworkGate.ReflectionUses(image);

        uses.Should().Contain("M:System.Object.GetType");
        uses.Should().Contain(id => id.StartsWith("T:System.Reflection.FieldInfo", StringComparison.Ordinal));
        uses.Should().NotContain(id => id.Contains("AssemblyTitleAttribute"));
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

    private static byte[] Compile(string source, LanguageVersion version) => SampleAssembly.Compile("GateSample", source, version);
}
