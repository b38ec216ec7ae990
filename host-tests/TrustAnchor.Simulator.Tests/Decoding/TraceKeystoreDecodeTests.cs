using System.Text.Json;

namespace TrustAnchor.Simulator.Tests.Decoding;

/// <summary>Issue 11's done-when: trace → keystore → decode, every frame decodes and every signature and MAC is valid.</summary>
public sealed class TraceKeystoreDecodeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ta-sim-decode-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Run_with_a_trace_then_keystore_then_decode_json_every_frame_decodes_and_every_signature_and_mac_is_valid()
    {
        var runFolder = Path.Combine(_folder, "D");
        var trace = Path.Combine(_folder, "t.jsonl");
        var keystore = Path.Combine(_folder, "k.json");

        var run = await CliRun.InvokeAsync("run", "install-commission", "--run-folder", runFolder, "--trace", trace, "--progress", "quiet", "--response-timeout", "10");
        run.Code.Should().Be(0, run.Out + run.Error);
        var keys = await CliRun.InvokeAsync("keystore", "--run-folder", runFolder, "--out", keystore);
        keys.Code.Should().Be(0, keys.Error);
        var decode = await CliRun.InvokeAsync("decode", trace, "--keystore", keystore, "--json");
        decode.Code.Should().Be(0, decode.Error);
        decode.Error.Should().BeEmpty();

        var lines = File.ReadAllLines(trace).Where(l => l.Length > 0).ToList();
        using var json = JsonDocument.Parse(decode.Out);
        var frames = json.RootElement.GetProperty("frames").EnumerateArray().ToList();
        frames.Should().HaveCount(lines.Count).And.HaveCountGreaterThan(20);
        var macs = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            frame.GetProperty("line").GetInt32().Should().Be(i + 1);
            using var line = JsonDocument.Parse(lines[i]);
            frame.GetProperty("hex").GetString().Should().Be(line.RootElement.GetProperty("hex").GetString());
            frame.GetProperty("messageCode").GetString().Should().Be(line.RootElement.GetProperty("messageCode").GetString());
            frame.GetProperty("fields").GetArrayLength().Should().BeGreaterThan(2);
            frame.GetProperty("payloadLanguage").GetString().Should().NotBe("opaque", "every payload of our run is a use case the decoder knows");
            frame.TryGetProperty("payloadNote", out _).Should().BeFalse("every payload follows its use case's layout");

            // Every frame our devices and DCC send is signed; commands also carry the ACB's MAC.
            frame.GetProperty("signature").GetProperty("verdict").GetString().Should().Be("valid", $"frame {i + 1} ({frame.GetProperty("cra")} {frame.GetProperty("messageCode")})");
            var mac = frame.GetProperty("mac");
            if (mac.ValueKind != JsonValueKind.Null)
            {
                mac.GetProperty("verdict").GetString().Should().Be("valid", $"frame {i + 1}");
                macs++;
            }
            else
            {
                frame.GetProperty("cra").GetString().Should().NotBe("command", "every command of the run carries a MAC");
            }
        }

        macs.Should().BeGreaterThan(0);
        frames.Select(f => f.GetProperty("cra").GetString()).Should().Contain(["command", "response", "alert"]);
    }
}
