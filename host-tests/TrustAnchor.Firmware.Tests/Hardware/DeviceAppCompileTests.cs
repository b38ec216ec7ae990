using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Tests.Support;

namespace TrustAnchor.Firmware.Tests.Hardware;

/// <summary>
/// The board application (hardware/TrustAnchor.DeviceApp) needs the nanoFramework toolchain to build, which
/// CI lacks. This compiles its sources against the desktop firmware assembly instead, with a stand-in for
/// the one nanoFramework-only type it uses (SerialPort), so a change to the firmware API that would break
/// the board build fails here first.
/// </summary>
public class DeviceAppCompileTests
{
    // Same members as nanoFramework.System.IO.Ports' SerialPort uses by the app; bodies are irrelevant.
    private const string SerialPortStandIn = """
        namespace System.IO.Ports
        {
            public class SerialPort
            {
                public SerialPort(string portName, int baudRate) { }
                public int ReadTimeout { get; set; }
                public int BytesToRead { get { return 0; } }
                public void Open() { }
                public int Read(byte[] buffer, int offset, int count) { return 0; }
                public void Write(byte[] buffer, int offset, int count) { }
                public void DiscardInBuffer() { }
            }
        }
        """;

    [Fact]
    public void Device_application_compiles_against_the_firmware_library()
    {
        string app = Path.Combine(RepositoryRoot.Find(), "hardware", "TrustAnchor.DeviceApp");
        string[] files = Directory.GetFiles(app, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
            .ToArray();
        files.Should().Contain(f => f.EndsWith("Program.cs"));

        // STM32 flavour: the ESP32 one additionally needs nanoFramework.Hardware.Esp32 for pin set-up only.
        var options = new CSharpParseOptions(LanguageVersion.CSharp7_3, preprocessorSymbols: new[] { "STM32" });
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, f))
            .Append(CSharpSyntaxTree.ParseText(SerialPortStandIn, options));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(TrustAnchorException).Assembly.Location));

        var compilation = CSharpCompilation.Create("TrustAnchor.DeviceApp", trees, references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        errors.Should().BeEmpty(string.Join("\n", errors));
    }
}
