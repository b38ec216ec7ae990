using System.Diagnostics;
using TrustAnchor.Firmware.Tests.Support;
using Xunit.Abstractions;

namespace TrustAnchor.Firmware.Tests.NanoFrameworkGate;

/// <summary>
/// The build compiles the firmware against nanoFramework's real mscorlib (firmware/TrustAnchor.Firmware.NanoCheck).
/// This proves that compile can fail: a copy of the project and the firmware sources, plus one file calling
/// System.Math, built with the ordinary <c>dotnet build</c>, must fail on exactly that file.
/// </summary>
public class NanoCompileTests
{
    private readonly ITestOutputHelper output;

    public NanoCompileTests(ITestOutputHelper output) => this.output = new EvidenceOutput(output, "nanoFramework compile");

    [Fact]
    public void A_System_Math_call_in_the_firmware_sources_fails_the_nanoFramework_build()
    {
        string root = RepositoryRoot.Find();
        string temp = Path.Combine(Path.GetTempPath(), "ta-nanocheck-" + Guid.NewGuid().ToString("N"));
        try
        {
            // The same layout as the repository: the project imports ../../nf.props and globs ../TrustAnchor.Firmware.
            foreach (string file in new[] { "nf.props", "Directory.Build.props", "Directory.Packages.props", "global.json", "NuGet.config" })
            {
                if (File.Exists(Path.Combine(root, file)))
                {
                    File.Copy(Path.Combine(root, file), Path.Combine(temp, file).EnsureFolder());
                }
            }

            string project = Path.Combine("firmware", "TrustAnchor.Firmware.NanoCheck", "TrustAnchor.Firmware.NanoCheck.csproj");
            File.Copy(Path.Combine(root, project), Path.Combine(temp, project).EnsureFolder());
            string sources = Path.Combine(root, "firmware", "TrustAnchor.Firmware");
            int copied = 0;
            foreach (string file in Directory.GetFiles(sources, "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(sources, file);
                if (relative.StartsWith("bin" + Path.DirectorySeparatorChar) || relative.StartsWith("obj" + Path.DirectorySeparatorChar))
                {
                    continue;
                }

                File.Copy(file, Path.Combine(temp, "firmware", "TrustAnchor.Firmware", relative).EnsureFolder());
                copied++;
            }

            File.WriteAllText(Path.Combine(temp, "firmware", "TrustAnchor.Firmware", "Crypto", "MathProbe.cs"), """
                namespace TrustAnchor.Firmware.Crypto
                {
                    internal static class MathProbe
                    {
                        internal static int Larger(int a, int b) { return System.Math.Max(a, b); }
                    }
                }
                """);

            var (exitCode, log) = Run("dotnet", "build \"" + Path.Combine(temp, project) + "\" -nologo -v q -p:UseSharedCompilation=false", temp);
            var errors = log.Split('\n').Where(line => line.Contains(": error ")).Distinct().ToList();
            output.WriteLine($"copied {copied} firmware sources + MathProbe.cs; dotnet build exit {exitCode}; {errors.Count} error line(s): {errors.FirstOrDefault()?.Trim()}");

            exitCode.Should().NotBe(0, "System.Math is not in nanoFramework's mscorlib:\n" + log);
            errors.Should().NotBeEmpty();
            errors.Should().OnlyContain(line => line.Contains("MathProbe.cs") && line.Contains("CS0234") && line.Contains("'Math'"),
                "the firmware sources themselves compile; only the probe fails:\n" + string.Join("\n", errors));
        }
        finally
        {
            try
            {
                Directory.Delete(temp, recursive: true);
            }
            catch (IOException)
            {
                // A build server may still hold a file for a moment; the temp folder is disposable.
            }
        }
    }

    private static (int ExitCode, string Log) Run(string fileName, string arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDNOINPROCNODE"] = null;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}

internal static class PathExtensions
{
    /// <summary>Creates the file's folder and returns the path.</summary>
    public static string EnsureFolder(this string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
