using System.Diagnostics;
using System.Text.Json;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Simulator.Cli;

namespace TrustAnchor.Simulator.Tests.Conformance;

/// <summary>
/// conform over loopback TCP against the reference device in its own process (<c>trustanchor-sim device --listen</c>):
/// the sound device passes every rule; each seeded defect is caught (exit 1) by a rule it breaks; a device killed
/// mid-run is exit 2.
/// </summary>
[Collection("conform")]
public class ConformTcpTests(ConformFixture fx)
{
    /// <summary>Each seeded defect and a rule that must catch it.</summary>
    public static readonly Dictionary<string, string> CaughtBy = new()
    {
        ["accept-equal-counter"] = "REPLAY-EQUAL-COUNTER",
        ["partial-cs02b"] = "ATOMIC-ONE-BAD-CELL",
        ["skip-certification-path"] = "CERT-FOREIGN-ROOT",
        ["ignore-validity-with-cpv"] = "CERT-EXPIRED-CPV-APPLIED",
        ["accept-wrong-cell-signer"] = "CS02B-M2-OTHER-PARTY",
        ["wrong-alert-code"] = "CS02A-NO-MAC",
        ["unsigned-response"] = "RESPONSES-SIGNED",
        ["lose-replacement-on-restart"] = "RESTART-KEEPS-CELLS",
        ["accept-wrong-key-usage"] = "CERT-KEY-USAGE",
        ["ignore-floor-seq-number"] = "REPLAY-FLOOR-BELOW",
        ["accept-wrong-role"] = "CERT-ROLE",
        ["execute-future-dated-now"] = "FUTURE-ACK",
    };

    public static TheoryData<string> Defects()
    {
        var data = new TheoryData<string>();
        for (var i = 0; i < SeededDefect.Count; i++)
        {
            data.Add(SeededDefect.NameAt(i));
        }

        return data;
    }

    [Fact]
    public async Task Every_defect_the_device_lists_has_a_test_here()
    {
        var (code, output, _) = await fx.RunAsync("device", "--list-defects");
        code.Should().Be(0);
        var listed = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();
        listed.Should().HaveCountGreaterThanOrEqualTo(10);
        listed.Should().BeEquivalentTo(CaughtBy.Keys);
    }

    [Fact]
    public async Task Against_the_reference_device_on_loopback_TCP_every_rule_passes()
    {
        await using var device = await DeviceProcess.StartAsync(fx, "esme", null);
        var json = fx.File("tcp-pass.json");
        var (code, output, error) = await fx.RunAsync("conform", "--device", device.Uri, "--type", "esme", "--pki", fx.Pki, "--device-keys", device.CredentialsFile, "--report-json", json);
        code.Should().Be(0, output + error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        doc.RootElement.GetProperty("summary").GetProperty("passed").GetInt32().Should().BeGreaterThanOrEqualTo(41);
        doc.RootElement.GetProperty("summary").GetProperty("failed").GetInt32().Should().Be(0);
        // The device had no Device Certificates: conform enrolled it through CS02c, the DCA and CS02d.
        doc.RootElement.GetProperty("rules")[0].GetProperty("detail").GetString().Should().Contain("DS enrolled");
    }

    [Theory]
    [MemberData(nameof(Defects))]
    public async Task A_seeded_defect_fails_the_run_and_a_rule_it_breaks_is_named(string defect)
    {
        await using var device = await DeviceProcess.StartAsync(fx, "esme", defect);
        var json = fx.File($"tcp-{defect}.json");
        var (code, output, error) = await fx.RunAsync("conform", "--device", device.Uri, "--type", "esme", "--pki", fx.Pki, "--device-keys", device.CredentialsFile, "--report-json", json);
        code.Should().Be(ConformCommand.ExitFailed, output + error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var failed = doc.RootElement.GetProperty("rules").EnumerateArray().Where(r => r.GetProperty("verdict").GetString() == "fail").Select(r => r.GetProperty("id").GetString()).ToList();
        failed.Should().Contain(CaughtBy[defect], output);
    }

    [Fact]
    public async Task A_device_killed_mid_run_exits_2_with_one_line()
    {
        var device = await DeviceProcess.StartAsync(fx, "esme", null);
        var json = fx.File("tcp-killed.json");
        var run = fx.RunAsync("conform", "--device", device.Uri, "--type", "esme", "--pki", fx.Pki, "--device-keys", device.CredentialsFile, "--report-json", json);
        await Task.Delay(3000);
        await device.DisposeAsync();
        var (code, _, error) = await run;
        code.Should().Be(2);
        error.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("error: ");
        File.Exists(json).Should().BeTrue("the report is written for the rules that ran");
    }

    /// <summary>The reference device as a child process: <c>dotnet trustanchor-sim.dll device --listen tcp://127.0.0.1:0 --factory F</c>.</summary>
    private sealed class DeviceProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private DeviceProcess(Process process, string uri, string folder)
        {
            _process = process;
            Uri = uri;
            CredentialsFile = Path.Combine(folder, "credentials.bin");
        }

        public string Uri { get; }

        public string CredentialsFile { get; }

        public static async Task<DeviceProcess> StartAsync(ConformFixture fx, string type, string? defect)
        {
            var name = type + "-" + (defect ?? "sound") + "-" + Guid.NewGuid().ToString("N")[..6];
            var factory = fx.File(name + ".factory");
            var (code, output, error) = await fx.RunAsync("factory", "--pki", fx.Pki, "--type", type, "--out", factory);
            code.Should().Be(0, output + error);
            var folder = fx.File(name);
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { typeof(ConformCommand).Assembly.Location, "device", "--listen", "tcp://127.0.0.1:0", "--factory", factory, "--run-folder", folder })
            {
                start.ArgumentList.Add(a);
            }

            if (defect is not null)
            {
                start.ArgumentList.Add("--defect");
                start.ArgumentList.Add(defect);
            }

            var process = Process.Start(start)!;
            _ = process.StandardError.ReadToEndAsync();
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            line.Should().StartWith("listening on tcp://127.0.0.1:");
            var uri = line!.Split(' ')[2];
            return new DeviceProcess(process, uri, folder);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }
    }
}
