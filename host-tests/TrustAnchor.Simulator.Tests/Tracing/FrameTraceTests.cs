using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TrustAnchor.Simulator.Tests.Decoding;
using TrustAnchor.Simulator.Tracing;
using TrustAnchor.Simulator.Wan;

namespace TrustAnchor.Simulator.Tests.Tracing;

/// <summary>The frame trace's shape: fields and formats per line, both links, fleets in one file with premises numbers.</summary>
public sealed partial class FrameTraceTests(KeptRunFixture run) : IClassFixture<KeptRunFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ta-sim-trace-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex Eui();

    [GeneratedRegex("^0x[0-9A-F]{4}$")]
    private static partial Regex MessageCode();

    [GeneratedRegex("^([0-9A-F]{2})+$")]
    private static partial Regex UpperHex();

    /// <summary>Where the Grouping Header starts: 0, or after DD 00×6, the BER length and the 5-byte security header.</summary>
    private static int GroupingHeaderAt(byte[] frame)
    {
        if (frame[0] == 0xDF)
        {
            return 0;
        }

        var lengthBytes = frame[7] < 0x80 ? 1 : 1 + (frame[7] & 0x7F);
        return 7 + lengthBytes + 5;
    }

    /// <summary>Checks one trace line against the bytes of its own frame, read here by offset (NOTES section 7), not by our parser.</summary>
    private static void CheckLine(JsonElement line)
    {
        var time = line.GetProperty("time").GetString()!;
        DateTimeOffset.TryParseExact(time, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed).Should().BeTrue(time);
        parsed.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        line.GetProperty("link").GetString().Should().BeOneOf("wan", "han");
        var hex = line.GetProperty("hex").GetString()!;
        UpperHex().IsMatch(hex).Should().BeTrue("hex is the whole frame, upper-case, no spaces");
        var frame = Convert.FromHexString(hex);
        line.GetProperty("length").GetInt32().Should().Be(frame.Length);
        var df = GroupingHeaderAt(frame);
        frame[df].Should().Be(0xDF);
        frame[df + 1].Should().Be(0x09);
        var cra = frame[df + 2];
        line.GetProperty("cra").GetString().Should().Be(cra switch { 1 => "command", 2 => "response", _ => "alert" });
        line.GetProperty("originatorCounter").GetUInt64().Should().Be(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(frame.AsSpan(df + 3)));
        var from = line.GetProperty("from").GetString()!;
        var to = line.GetProperty("to").GetString()!;
        Eui().IsMatch(from).Should().BeTrue(from);
        Eui().IsMatch(to).Should().BeTrue(to);
        from.Should().Be(Convert.ToHexStringLower(frame, df + 12, 8));
        to.Should().Be(Convert.ToHexStringLower(frame, df + 21, 8));
        var messageCode = line.GetProperty("messageCode").GetString()!;
        MessageCode().IsMatch(messageCode).Should().BeTrue(messageCode);
        var dateTimeLength = frame[df + 29];
        var otherInformation = df + 29 + 1 + dateTimeLength + 1;
        messageCode.Should().Be($"0x{frame[otherInformation]:X2}{frame[otherInformation + 1]:X2}");
    }

    [Fact]
    public void Every_line_of_a_run_trace_has_every_field_in_its_format_and_both_links_appear()
    {
        run.Run.Code.Should().Be(0, run.Run.Out + run.Run.Error);
        run.Run.Out.Should().Contain("trace: ").And.Contain(run.Trace);
        var lines = File.ReadAllLines(run.Trace);
        lines.Should().HaveCountGreaterThan(20);
        var links = new HashSet<string>();
        var cras = new HashSet<string>();
        foreach (var text in lines)
        {
            using var line = JsonDocument.Parse(text);
            CheckLine(line.RootElement);
            line.RootElement.GetProperty("premises").GetInt32().Should().Be(1);
            links.Add(line.RootElement.GetProperty("link").GetString()!);
            cras.Add(line.RootElement.GetProperty("cra").GetString()!);
        }

        links.Should().BeEquivalentTo(["wan", "han"]);
        cras.Should().BeEquivalentTo(["command", "response", "alert"]);

        // A meter's command crosses the WAN to the hub, then the HAN to the meter: the same bytes on both links.
        var wanToMeters = lines.Select(l => JsonDocument.Parse(l).RootElement).Where(l => l.GetProperty("link").GetString() == "wan" && l.GetProperty("cra").GetString() == "command" && !l.GetProperty("to").GetString()!.EndsWith("11")).ToList();
        var hanHex = lines.Select(l => JsonDocument.Parse(l).RootElement).Where(l => l.GetProperty("link").GetString() == "han").Select(l => l.GetProperty("hex").GetString()).ToHashSet();
        wanToMeters.Should().NotBeEmpty();
        wanToMeters.Should().OnlyContain(l => hanHex.Contains(l.GetProperty("hex").GetString()));
    }

    [Fact]
    public void The_install_and_commission_trace_holds_the_device_log_the_joins_and_the_clock_as_commands_on_the_wan()
    {
        run.Run.Code.Should().Be(0, run.Run.Out + run.Run.Error);
        var wanCommands = File.ReadAllLines(run.Trace)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(l => l.GetProperty("link").GetString() == "wan" && l.GetProperty("cra").GetString() == "command")
            .Select(l => l.GetProperty("messageCode").GetString())
            .ToList();

        // CCS01 Add Device to CHF Device Log, a CS03 join (A1 meter, A2 non-meter, B), ECS70 Set Clock (NOTES section 8).
        wanCommands.Should().Contain("0x0001", "CCS01 goes to the Comms Hub as a command over the WAN");
        wanCommands.Should().Contain(code => code == "0x000D" || code == "0x00AB" || code == "0x000E", "a CS03 join goes over the WAN as a command");
        wanCommands.Should().Contain("0x0062", "ECS70 sets the ESME's clock by command");
    }

    [Fact]
    public async Task A_fleet_writes_one_file_with_every_premises_numbered()
    {
        var trace = Path.Combine(_folder, "fleet.jsonl");
        var result = await CliRun.InvokeAsync("run", "install-commission", "--premises", "3", "--parallel", "3", "--trace", trace, "--progress", "quiet", "--response-timeout", "10");
        result.Code.Should().Be(0, result.Out + result.Error);
        var byPremises = new Dictionary<int, int>();
        foreach (var text in File.ReadAllLines(trace))
        {
            using var line = JsonDocument.Parse(text);
            CheckLine(line.RootElement);
            var premises = line.RootElement.GetProperty("premises").GetInt32();
            byPremises[premises] = byPremises.GetValueOrDefault(premises) + 1;

            // The run's device EUI-64s carry their premises number in bytes 4-6 (DeviceEui.For).
            var device = line.RootElement.GetProperty("from").GetString()!.StartsWith("70b3d5") ? line.RootElement.GetProperty("from").GetString()! : line.RootElement.GetProperty("to").GetString()!;
            Convert.ToInt32(device[8..14], 16).Should().Be(premises);
        }

        byPremises.Keys.Should().BeEquivalentTo([1, 2, 3]);
        byPremises.Values.Should().OnlyContain(n => n >= 20, "each premises carries its whole install and commission");
    }

    [Fact]
    public void A_line_written_for_a_hand_laid_frame_has_the_documented_fields()
    {
        using var signer = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var frame = HandFrames.Frame(3, 0xF0_0000_0000_0001, HandFrames.Esme, HandFrames.Acb, HandFrames.DlmsDateTime, HandFrames.OtherInformation(0x1000), [0x0F, 0, 0, 0, 1, 0, 0x02, 0x02, 0x12, 0x8F, 0x30, 0x09, 0x0C, .. HandFrames.DlmsDateTime], signer);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        JsonLinesFrameTrace.Write(buffer, new DateTimeOffset(2027, 3, 4, 5, 6, 7, 890, TimeSpan.Zero), TraceLink.Han, 42, frame);
        using var line = JsonDocument.Parse(buffer.WrittenMemory);
        var root = line.RootElement;
        root.GetProperty("time").GetString().Should().Be("2027-03-04T05:06:07.8900000Z");
        root.GetProperty("premises").GetInt32().Should().Be(42);
        root.GetProperty("link").GetString().Should().Be("han");
        root.GetProperty("from").GetString().Should().Be("70b3d50000000120");
        root.GetProperty("to").GetString().Should().Be("90b3d51f30000004");
        root.GetProperty("cra").GetString().Should().Be("alert");
        root.GetProperty("messageCode").GetString().Should().Be("0x1000");
        root.GetProperty("originatorCounter").GetUInt64().Should().Be(0xF0_0000_0000_0001);
        root.GetProperty("originatorCounter").GetRawText().Should().Be("67553994410557441", "the counter is a plain decimal number");
        root.GetProperty("hex").GetString().Should().Be(Convert.ToHexString(frame));
    }

    [Fact]
    public void A_frame_the_parser_refuses_is_still_recorded_with_an_error_instead_of_header_fields()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        JsonLinesFrameTrace.Write(buffer, DateTimeOffset.UtcNow, TraceLink.Wan, 1, [0xDF, 0x09, 0x01]);
        using var line = JsonDocument.Parse(buffer.WrittenMemory);
        line.RootElement.GetProperty("hex").GetString().Should().Be("DF0901");
        line.RootElement.TryGetProperty("error", out _).Should().BeTrue();
        line.RootElement.TryGetProperty("cra", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Frames_recorded_from_many_threads_at_once_each_get_a_whole_line()
    {
        var path = Path.Combine(_folder, "parallel.jsonl");
        var frame = HandFrames.Frame(1, 1, HandFrames.Supplier, HandFrames.Esme, null, HandFrames.OtherInformation(0x0008), new byte[300], signer: null);
        using (var trace = new JsonLinesFrameTrace(path, TimeProvider.System))
        {
            trace.Open();
            await Parallel.ForEachAsync(Enumerable.Range(1, 2000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, (i, _) =>
            {
                trace.Record(i % 2 == 0 ? TraceLink.Wan : TraceLink.Han, i, frame);
                return ValueTask.CompletedTask;
            });
            trace.Frames.Should().Be(2000);
        }

        var lines = File.ReadAllLines(path);
        lines.Should().HaveCount(2000);
        lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("premises").GetInt32()).Should().BeEquivalentTo(Enumerable.Range(1, 2000));
    }

    [Fact]
    public async Task Without_a_trace_no_link_is_tapped()
    {
        await using var link = await new InMemoryLinkFactory().CreateAsync("wan:test", new LinkFaults(), new LinkFaults(), 1, new LinkStatistics());
        link.TraceTo(FrameTrace.None, TraceLink.Wan, 1);
        link.Near.Tap.Should().BeNull();
        link.Far.Tap.Should().BeNull();
    }

    [Fact]
    public async Task A_trace_file_that_cannot_be_written_is_a_one_line_usage_error()
    {
        var blocker = Path.Combine(_folder, "file");
        File.WriteAllText(blocker, "");
        var result = await CliRun.InvokeAsync("run", "install-commission", "--trace", Path.Combine(blocker, "t.jsonl"), "--progress", "quiet");
        result.Code.Should().Be(2);
        result.ErrorLines.Should().ContainSingle().Which.Should().Contain("cannot write the trace");
    }
}
