using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TrustAnchor.Firmware.Tests.NanoFrameworkGate;
using TrustAnchor.Firmware.Tests.Support;
using Xunit.Abstractions;

namespace TrustAnchor.Firmware.Tests.Hardware;

/// <summary>
/// The board application (hardware/TrustAnchor.DeviceApp) needs the nanoFramework toolchain to build, which CI
/// lacks. For every board profile this evaluates its .nfproj with MSBuild (symbols, references, sources as the
/// toolchain would see them) and compiles its sources with those symbols against nanoFramework's real mscorlib,
/// the nanoFramework build of the firmware, our System.Security.Cryptography reference assembly and stand-ins
/// for the other nanoFramework libraries (<see cref="NanoFrameworkStandIns"/>). Then: the app references only
/// assemblies the .nfproj references, and every library the .nfproj references directly is used.
/// </summary>
public class DeviceAppCompileTests
{
    // Dependencies of the direct packages that the app's code never names (packages.config must list them anyway).
    private static readonly string[] DependencyOnly = ["nanoFramework.Runtime.Events", "nanoFramework.System.Text"];

    private readonly ITestOutputHelper output;

    public DeviceAppCompileTests(ITestOutputHelper output) => this.output = new EvidenceOutput(output, "board application");

    public static TheoryData<string> Boards()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "hardware", "boards"), "*.json").Order())
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    /// <summary>Every board, and each ESP32 board again built with /p:Wifi=true ("&lt;board&gt;+wifi": ESP32_WIFI, the TCP device link).</summary>
    public static TheoryData<string> Builds()
    {
        var data = new TheoryData<string>();
        foreach (string board in Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "hardware", "boards"), "*.json").Order().Select(Path.GetFileNameWithoutExtension))
        {
            data.Add(board);
            if (board.StartsWith("esp32", StringComparison.Ordinal))
            {
                data.Add(board + WifiSuffix);
            }
        }

        return data;
    }

    internal const string WifiSuffix = "+wifi";

    // The ESP32 Wi-Fi build's own libraries: referenced only with /p:Wifi=true.
    internal static readonly string[] WifiLibraries = ["System.Net", "System.Device.Wifi"];

    [Theory]
    [MemberData(nameof(Builds))]
    public void Device_application_compiles_for_the_board_against_nanoFramework_shaped_libraries(string build)
    {
        bool wifi = build.EndsWith(WifiSuffix, StringComparison.Ordinal);
        string board = wifi ? build[..^WifiSuffix.Length] : build;
        var project = NfProject.Evaluate(build);
        project.DefineConstants.Should().Contain("BOARD_" + board.ToUpperInvariant().Replace('-', '_'));
        string family = board.StartsWith("esp32", StringComparison.Ordinal) ? "ESP32" : "STM32";
        project.DefineConstants.Should().Contain(family);
        project.Sources.Should().Contain(f => f.EndsWith("NativeSymmetricCrypto.cs", StringComparison.Ordinal), "the board-only provider is compiled in");
        project.Sources.Should().Contain(f => f.EndsWith("BoardProfile.g.cs", StringComparison.Ordinal));
        foreach (string file in new[] { "Program.cs", "BoardDevice.cs", "UartChannel.cs", "DebugLinkLog.cs", "Identity.cs", "WifiLink.cs", "TcpChannel.cs" })
        {
            project.Sources.Should().Contain(f => Path.GetFileName(f) == file, "the device link's board code is compiled in");
        }

        project.DefineConstants.Contains("ESP32_WIFI").Should().Be(wifi, "only /p:Wifi=true builds carry the TCP link");
        foreach (string library in WifiLibraries)
        {
            project.References.ContainsKey(library).Should().Be(wifi, library + " is referenced by Wi-Fi builds only");
        }

        byte[] image = Compile(project);

        var used = NanoBuildOutput.AssemblyReferences(image);
        var referenced = project.References.Keys.Append("TrustAnchor.Firmware").ToList();
        used.Should().BeSubsetOf(referenced, "the app may only use what its .nfproj references");
        referenced.Except(used).Except(DependencyOnly).Should().BeEmpty("every direct reference of the .nfproj is used by the app");
        (family == "ESP32").Should().Be(project.References.ContainsKey("nanoFramework.Hardware.Esp32"), "only ESP32 builds reference the ESP32 library");
        if (wifi)
        {
            used.Should().Contain(WifiLibraries, "the Wi-Fi build compiles WifiLink and TcpChannel against sockets and WifiNetworkHelper");
        }

        output.WriteLine($"{build}: {project.Sources.Count} sources, symbols {string.Join(";", project.DefineConstants)}, uses {string.Join(", ", used)}");
    }

    private static byte[] Compile(NfProject project)
    {
        var mscorlib = MetadataReference.CreateFromFile(Path.Combine(AppContext.BaseDirectory, "nanoframework-ref", "mscorlib.dll"));
        var references = new List<MetadataReference>
        {
            mscorlib,
            MetadataReference.CreateFromFile(NanoBuildOutput.FirmwareAssembly),
            MetadataReference.CreateFromFile(NanoBuildOutput.CryptographyReferenceAssembly),
        };
        var standIns = new Dictionary<string, MetadataReference>();
        foreach (var (name, deps, source) in NanoFrameworkStandIns.Libraries)
        {
            var lib = CSharpCompilation.Create(name, [CSharpSyntaxTree.ParseText(source)],
                deps.Select(d => standIns[d]).Append(mscorlib), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var stream = new MemoryStream();
            var emitted = lib.Emit(stream);
            emitted.Success.Should().BeTrue(name + ": " + string.Join("\n", emitted.Diagnostics));
            standIns[name] = MetadataReference.CreateFromImage(stream.ToArray());
        }

        // Only the libraries this board's .nfproj references (an ESP32-only call on an STM32 board must fail).
        references.AddRange(standIns.Where(s => project.References.ContainsKey(s.Key)).Select(s => s.Value));

        var options = new CSharpParseOptions(LanguageVersion.CSharp7_3, preprocessorSymbols: project.DefineConstants);
        var trees = project.Sources.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, f));
        var compilation = CSharpCompilation.Create("TrustAnchor.DeviceApp", trees, references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        using var app = new MemoryStream();
        var result = compilation.Emit(app);
        var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        problems.Should().BeEmpty(string.Join("\n", problems));
        result.Success.Should().BeTrue();
        return app.ToArray();
    }

    /// <summary>The .nfproj as MSBuild evaluates it for one board (dotnet msbuild -getProperty/-getItem).</summary>
    internal sealed record NfProject(IReadOnlyList<string> DefineConstants, IReadOnlyDictionary<string, string> References, IReadOnlyList<string> Sources)
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<NfProject>> Cache = new();

        /// <summary>Evaluated once per build ("&lt;board&gt;" or "&lt;board&gt;+wifi") per test run (each evaluation starts MSBuild).</summary>
        public static NfProject Evaluate(string build) => Cache.GetOrAdd(build, b => new Lazy<NfProject>(() => Load(b))).Value;

        private static NfProject Load(string build)
        {
            bool wifi = build.EndsWith(WifiSuffix, StringComparison.Ordinal);
            string board = wifi ? build[..^WifiSuffix.Length] : build;
            string root = RepositoryRoot.Find();
            string nfproj = Path.Combine(root, "hardware", "TrustAnchor.DeviceApp", "TrustAnchor.DeviceApp.nfproj");
            var start = new ProcessStartInfo("dotnet", ["msbuild", nfproj, "-p:Board=" + board, "-p:Wifi=" + (wifi ? "true" : "false"),
                "-getProperty:DefineConstants", "-getItem:Reference", "-getItem:Compile"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = root,
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string json = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            process.ExitCode.Should().Be(0, json + stderr.Result);

            using var doc = JsonDocument.Parse(json);
            var symbols = doc.RootElement.GetProperty("Properties").GetProperty("DefineConstants").GetString()!
                .Split(';', StringSplitOptions.RemoveEmptyEntries);
            var items = doc.RootElement.GetProperty("Items");
            var references = items.GetProperty("Reference").EnumerateArray().ToDictionary(
                r => r.GetProperty("Identity").GetString()!,
                r => r.TryGetProperty("HintPath", out var hint) ? hint.GetString()! : "");
            string folder = Path.GetDirectoryName(nfproj)!;
            var sources = items.GetProperty("Compile").EnumerateArray()
                .Select(c => Path.GetFullPath(Path.Combine(folder, c.GetProperty("Identity").GetString()!.Replace('\\', '/'))))
                .ToList();
            return new NfProject(symbols, references, sources);
        }
    }
}
