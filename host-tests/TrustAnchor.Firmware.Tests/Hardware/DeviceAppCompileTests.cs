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

    // ESP32 with Wi-Fi: nanoFramework.Hardware.Esp32 (pin functions) and nanoFramework.Networking (join a network).
    // Sockets are System.Net.Sockets in both runtimes: the desktop assembly checks the calls the app makes.
    private const string Esp32StandIns = """
        namespace nanoFramework.Hardware.Esp32
        {
            public enum DeviceFunction { COM2_TX, COM2_RX }
            public static class Configuration { public static void SetPinFunction(int pin, DeviceFunction function) { } }
        }
        namespace nanoFramework.Networking
        {
            public static class WifiNetworkHelper
            {
                public static bool ConnectDhcp(string ssid, string password, bool requiresDateTime = false) { return false; }
            }
        }
        """;

    [Fact]
    public void Device_application_compiles_against_the_firmware_library()
    {
        Compile(new[] { "STM32" }, SerialPortStandIn);
    }

    [Fact]
    public void Esp32_build_with_the_wifi_link_compiles_too()
    {
        Compile(new[] { "ESP32", "ESP32_WIFI" }, SerialPortStandIn, Esp32StandIns);
    }

    private static void Compile(string[] symbols, params string[] standIns)
    {
        string app = Path.Combine(RepositoryRoot.Find(), "hardware", "TrustAnchor.DeviceApp");
        string[] files = Directory.GetFiles(app, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
            .ToArray();
        files.Should().Contain(f => f.EndsWith("Program.cs"));

        var options = new CSharpParseOptions(LanguageVersion.CSharp7_3, preprocessorSymbols: symbols);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, f))
            .Concat(standIns.Select(s => CSharpSyntaxTree.ParseText(s, options)));
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
