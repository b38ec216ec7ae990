using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Tests.Support;
using Xunit.Abstractions;

namespace TrustAnchor.Firmware.Tests.NanoFrameworkGate;

/// <summary>
/// Every piece of firmware state has an owner: no static field can be written once its type is initialised,
/// and no static array is open to a caller (issue 12). Read from the compiled assemblies' metadata - the desktop
/// build the tests and the simulator run, and the nanoFramework build a board runs.
/// </summary>
public class StaticStateGateTests
{
    private readonly ITestOutputHelper output;

    public StaticStateGateTests(ITestOutputHelper output) => this.output = new EvidenceOutput(output, "static state gate");

    [Fact]
    public void Firmware_has_no_writable_static_field_and_no_public_static_array()
    {
        Assembly firmware = typeof(TrustAnchorException).Assembly;
        var offenders = StaticStateGate.Offenders(File.ReadAllBytes(firmware.Location));

        offenders.Should().BeEmpty("state belongs to the device or verifier that owns it, not to the process:\n  "
            + string.Join("\n  ", offenders));
        output.WriteLine("desktop build of TrustAnchor.Firmware: no writable static field, no public static array");
    }

    [Fact]
    public void Device_build_has_no_writable_static_field_and_no_public_static_array()
    {
        var offenders = StaticStateGate.Offenders(File.ReadAllBytes(NanoBuildOutput.FirmwareAssembly));

        offenders.Should().BeEmpty("the board's build carries the same rule:\n  " + string.Join("\n  ", offenders));
    }

    [Fact]
    public void Gate_names_writable_statics_and_open_static_arrays()
    {
        byte[] image = Compile("""
            namespace Sample
            {
                public class Pool
                {
                    private static int _count;
                    internal static byte[] Scratch = new byte[32];
                    public static readonly byte[] Oid = { 0x55, 0x04, 0x03 };
                    protected internal static readonly int[] Table = { 1, 2 };
                    public static int Limit { get; set; }
                    public static int Next() { return ++_count; }
                }

                public class Engine
                {
                    protected static readonly uint[] Prime = { 1u };
                    public sealed class Nested { public static readonly string[] Names = { "a" }; }
                }
            }
            """);

        var offenders = StaticStateGate.Offenders(image);

        offenders.Should().BeEquivalentTo(
            "Sample.Engine.Prime: protected static readonly array (its elements can be overwritten)",
            "Sample.Engine+Nested.Names: public static readonly array (its elements can be overwritten)",
            "Sample.Pool._count: writable static field",
            "Sample.Pool.<Limit>k__BackingField: writable static field",
            "Sample.Pool.Oid: public static readonly array (its elements can be overwritten)",
            "Sample.Pool.Scratch: writable static field",
            "Sample.Pool.Table: protected internal static readonly array (its elements can be overwritten)");
    }

    [Fact]
    public void Gate_passes_constants_private_tables_and_instance_state()
    {
        byte[] image = Compile("""
            namespace Sample
            {
                public sealed class Owned
                {
                    public const int Size = 32;
                    public static readonly string Name = "owned";
                    private static readonly byte[] Prefix = { 0x11, 0x00 };
                    internal static readonly object Empty = new object();
                    private readonly byte[] _scratch = new byte[Size];
                    private int _count;
                    public int Count { get { return _count; } }
                    public byte First { get { return Prefix[0]; } }
                    public void Touch() { _count++; _scratch[0] = 1; }
                }
            }
            """);

        StaticStateGate.Offenders(image).Should().BeEmpty();
    }

    private static byte[] Compile(string source) => SampleAssembly.Compile("StaticStateSample", source, LanguageVersion.CSharp7_3);
}
