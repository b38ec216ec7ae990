using System.Formats.Asn1;
using TrustAnchor.Simulator.Cli;

namespace TrustAnchor.Simulator.Tests.Decoding;

/// <summary>Every kind of bad input to <c>decode</c>: exit 2, exactly one line on stderr naming the byte offset, nothing on stdout.</summary>
public sealed class DecodeBadInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ta-sim-bad-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A well-formed unsigned CS02a response (no MAC), laid out by hand: 53 bytes.</summary>
    private static byte[] GoodFrame()
    {
        var payload = new AsnWriter(AsnEncodingRules.DER);
        using (payload.PushSequence())
        {
        }

        return HandFrames.Frame(2, 1000, HandFrames.Esme, HandFrames.Supplier, HandFrames.DlmsDateTime, HandFrames.OtherInformation(0x0008), payload.Encode(), signer: null);
    }

    private static void ShouldBeOneLineNamingTheOffset(CliRun.Result result, int offset, string kind)
    {
        result.Code.Should().Be(DecodeCommand.ExitUsage, result.Error);
        result.Out.Should().BeEmpty();
        result.ErrorLines.Should().ContainSingle();
        result.ErrorLines[0].Should().StartWith("error: ").And.Contain(kind).And.Contain($"byte offset {offset}");
    }

    [Fact]
    public async Task The_good_frame_itself_decodes()
    {
        var result = await CliRun.InvokeAsync("decode", Convert.ToHexString(GoodFrame()));
        result.Code.Should().Be(0, result.Error);
    }

    [Fact]
    public async Task Odd_length_hex()
    {
        var hex = Convert.ToHexString(GoodFrame())[..41];
        ShouldBeOneLineNamingTheOffset(await CliRun.InvokeAsync("decode", hex), 20, "odd-length hex");
    }

    [Fact]
    public async Task Non_hex_characters()
    {
        var hex = Convert.ToHexString(GoodFrame());
        hex = hex[..14] + "zz" + hex[16..];
        ShouldBeOneLineNamingTheOffset(await CliRun.InvokeAsync("decode", hex), 7, "not hex");
    }

    [Fact]
    public async Task A_truncated_frame()
    {
        // Cut just after the target EUI-64: the date-time field (byte offset 29) is missing.
        var frame = GoodFrame()[..29];
        ShouldBeOneLineNamingTheOffset(await CliRun.InvokeAsync("decode", Convert.ToHexString(frame)), 29, "truncated frame");
    }

    [Fact]
    public async Task A_length_that_overruns_the_frame()
    {
        var frame = GoodFrame();
        // DF 09 .. (10) 08 EUI (9) 08 EUI (9) 0C dt (13) 02 code (3): the content length is at byte offset 45.
        frame[45].Should().Be(0x02);
        frame[45] = 0x7F;
        ShouldBeOneLineNamingTheOffset(await CliRun.InvokeAsync("decode", Convert.ToHexString(frame)), 45, "length overruns");
    }

    [Fact]
    public async Task A_trace_line_that_is_not_json_names_the_line_and_offset()
    {
        var trace = Path.Combine(_folder, "t.jsonl");
        File.WriteAllLines(trace, [$"{{\"hex\":\"{Convert.ToHexString(GoodFrame())}\"}}", "{\"hex\": 12,", ""]);
        var result = await CliRun.InvokeAsync("decode", trace);
        ShouldBeOneLineNamingTheOffset(result, 10, "not a JSON object");
        result.ErrorLines[0].Should().Contain("line 2");
    }

    [Fact]
    public async Task A_trace_line_without_a_hex_string()
    {
        var trace = Path.Combine(_folder, "t.jsonl");
        File.WriteAllLines(trace, [$"{{\"hex\":\"{Convert.ToHexString(GoodFrame())}\"}}", "{\"link\":\"wan\",\"hex\":42}"]);
        var result = await CliRun.InvokeAsync("decode", trace);
        ShouldBeOneLineNamingTheOffset(result, 0, "no \"hex\" string");
        result.ErrorLines[0].Should().Contain("line 2");
    }

    [Fact]
    public async Task A_trace_line_with_a_bad_frame_names_the_line_and_the_offset_in_the_frame()
    {
        var trace = Path.Combine(_folder, "t.jsonl");
        var cut = Convert.ToHexString(GoodFrame()[..29]);
        File.WriteAllLines(trace, [$"{{\"hex\":\"{Convert.ToHexString(GoodFrame())}\"}}", "", $"{{\"hex\":\"{cut}\"}}"]);
        var result = await CliRun.InvokeAsync("decode", trace, "--json");
        ShouldBeOneLineNamingTheOffset(result, 29, "truncated frame");
        result.ErrorLines[0].Should().Contain("line 3");
    }

    [Fact]
    public async Task A_trace_line_with_odd_hex()
    {
        var trace = Path.Combine(_folder, "t.jsonl");
        File.WriteAllLines(trace, ["{\"hex\":\"DF0\"}"]);
        var result = await CliRun.InvokeAsync("decode", trace);
        ShouldBeOneLineNamingTheOffset(result, 1, "odd-length hex");
        result.ErrorLines[0].Should().Contain("line 1");
    }

    [Fact]
    public async Task A_frame_that_is_not_gbcs_at_all()
    {
        ShouldBeOneLineNamingTheOffset(await CliRun.InvokeAsync("decode", "300500"), 0, "not a GBCS frame");
    }

    [Fact]
    public async Task A_missing_file_is_one_line_too()
    {
        var result = await CliRun.InvokeAsync("decode", Path.Combine(_folder, "nowhere.jsonl"));
        result.Code.Should().Be(2);
        result.ErrorLines.Should().ContainSingle().Which.Should().Contain("no such file");
    }

    [Fact]
    public async Task A_keystore_whose_private_key_does_not_match_its_certificate_is_refused()
    {
        var keystore = Path.Combine(_folder, "k.json");
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        HandKeystore.Write(keystore, [new HandKeystore.Entry(HandFrames.Supplier, "digitalSignature", key, other, 2)]);
        var result = await CliRun.InvokeAsync("decode", Convert.ToHexString(GoodFrame()), "--keystore", keystore);
        result.Code.Should().Be(2);
        result.ErrorLines.Should().ContainSingle().Which.Should().Contain("does not match the certificate");
    }
}
