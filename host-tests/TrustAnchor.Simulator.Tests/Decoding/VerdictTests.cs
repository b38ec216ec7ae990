using System.Text.Json;

namespace TrustAnchor.Simulator.Tests.Decoding;

/// <summary>Signature and MAC verdicts on frames of a kept run: invalid when altered, unknown without keys.</summary>
public sealed class VerdictTests(KeptRunFixture run) : IClassFixture<KeptRunFixture>
{
    [Fact]
    public async Task A_frame_altered_after_signing_decodes_but_its_signature_and_mac_are_invalid_and_the_exit_code_is_1()
    {
        var trace = run.Trace;
        var keystore = run.Keystore;
        run.Run.Code.Should().Be(0);
        run.KeystoreRun.Code.Should().Be(0);

        // The first command: flip one bit in its last content byte (just before the 40 + signature field).
        using var first = JsonDocument.Parse(File.ReadLines(trace).First());
        var bytes = Convert.FromHexString(first.RootElement.GetProperty("hex").GetString()!);
        bytes[0].Should().Be(0xDD, "commands carry the ACB's MAC");
        var signatureField = bytes.Length - 12 - 65;
        bytes[signatureField].Should().Be(0x40);
        bytes[signatureField - 1] ^= 0x01;

        var decode = await CliRun.InvokeAsync("decode", Convert.ToHexString(bytes), "--keystore", keystore, "--json");
        decode.Code.Should().Be(1, decode.Error);
        using var json = JsonDocument.Parse(decode.Out);
        var frame = json.RootElement.GetProperty("frames")[0];
        frame.GetProperty("signature").GetProperty("verdict").GetString().Should().Be("invalid");
        frame.GetProperty("mac").GetProperty("verdict").GetString().Should().Be("invalid");

        // Without keys nothing can be said either way.
        var unknown = await CliRun.InvokeAsync("decode", Convert.ToHexString(bytes), "--json");
        unknown.Code.Should().Be(0);
        using var unknownJson = JsonDocument.Parse(unknown.Out);
        unknownJson.RootElement.GetProperty("frames")[0].GetProperty("signature").GetProperty("verdict").GetString().Should().Be("unknown");
        unknownJson.RootElement.GetProperty("frames")[0].GetProperty("mac").GetProperty("verdict").GetString().Should().Be("unknown");
    }
}
