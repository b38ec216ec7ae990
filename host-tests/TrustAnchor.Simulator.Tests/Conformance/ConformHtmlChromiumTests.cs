using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TrustAnchor.Simulator.Tests.Conformance;

/// <summary>
/// The HTML report in a real browser: headless Chromium (Debian's package; .ci/run installs it) loads the file,
/// every rule row is in the DOM it built, and its screenshot is not blank.
/// </summary>
[Collection("conform")]
public class ConformHtmlChromiumTests(ConformFixture fx)
{
    [Fact]
    public async Task The_HTML_report_renders_in_headless_Chromium_with_every_rule_row_and_a_non_blank_screenshot()
    {
        var html = fx.File("report.html");
        var json = fx.File("report.json");
        var (code, output, _) = await fx.RunAsync("conform", "--device", "inproc:", "--type", "esme", "--pki", fx.Pki, "--report-html", html, "--report-json", json);
        code.Should().Be(0, output);

        var text = File.ReadAllText(html);
        // Self-contained: nothing fetched from elsewhere.
        text.Should().NotContain("<script").And.NotContain("<link").And.NotContain("@import").And.NotContain("src=\"http").And.NotContain("url(");

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var ids = doc.RootElement.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        ids.Count.Should().BeGreaterThan(40);

        var dom = Chromium("--dump-dom", "file://" + html);
        var rows = Regex.Matches(dom, "<tr class=\"rule-row [a-z-]+\" data-rule=\"([A-Z0-9x-]+)\"").Select(m => m.Groups[1].Value).ToList();
        rows.Should().BeEquivalentTo(ids, o => o.WithStrictOrdering());
        Regex.Matches(dom, "<svg[^>]*class=\"sequence\"").Count.Should().BeGreaterThan(40, "a sequence diagram per rule with frames");
        dom.Should().Contain("<details>");

        var png = fx.File("report.png");
        Chromium("--window-size=1200,900", "--screenshot=" + png, "file://" + html);
        var (width, height, distinct, spread) = PngStatistics(File.ReadAllBytes(png));
        width.Should().Be(1200);
        height.Should().Be(900);
        distinct.Should().BeGreaterThan(50, "a rendered page has text, table shading and links");
        spread.Should().BeGreaterThan(100, "dark text on a light page");
    }

    private static string Chromium(params string[] args)
    {
        var profile = Directory.CreateTempSubdirectory("conform-chromium-");
        try
        {
            var start = new ProcessStartInfo("chromium") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile.FullName }.Concat(args))
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start (install the Debian package 'chromium')");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit(120_000).Should().BeTrue("chromium finishes within 2 minutes");
            process.ExitCode.Should().Be(0, stderr.Result);
            return stdout;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Reads an 8-bit RGB or RGBA PNG (IHDR, IDAT through zlib, the five row filters) and returns its size, the number
    /// of distinct colours and the spread between its darkest and lightest pixel (sum of channels).
    /// </summary>
    internal static (int Width, int Height, int Distinct, int Spread) PngStatistics(byte[] png)
    {
        png.AsSpan(0, 8).ToArray().Should().Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = (int)BinaryPrimitives.ReadUInt32BigEndian(data);
                height = (int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                data[8].Should().Be(8, "8 bits per channel");
                channels = data[9] switch { 2 => 3, 6 => 4, _ => throw new InvalidDataException("colour type " + data[9]) };
                data[12].Should().Be(0, "not interlaced");
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        var bytes = raw.ToArray();
        var stride = width * channels;
        bytes.Length.Should().Be(height * (stride + 1));
        var previous = new byte[stride];
        var row = new byte[stride];
        var colours = new HashSet<int>();
        int darkest = int.MaxValue, lightest = int.MinValue;
        for (var y = 0; y < height; y++)
        {
            var filter = bytes[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int a = x >= channels ? row[x - channels] : 0, b = previous[x], c = x >= channels ? previous[x - channels] : 0;
                int v = bytes[y * (stride + 1) + 1 + x];
                row[x] = (byte)(filter switch
                {
                    0 => v,
                    1 => v + a,
                    2 => v + b,
                    3 => v + (a + b) / 2,
                    4 => v + Paeth(a, b, c),
                    _ => throw new InvalidDataException("filter " + filter),
                });
            }

            for (var x = 0; x < stride; x += channels)
            {
                colours.Add(row[x] << 16 | row[x + 1] << 8 | row[x + 2]);
                var sum = row[x] + row[x + 1] + row[x + 2];
                darkest = Math.Min(darkest, sum);
                lightest = Math.Max(lightest, sum);
            }

            (previous, row) = (row, previous);
        }

        return (width, height, colours.Count, lightest - darkest);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    [Fact]
    public void The_PNG_reader_finds_a_blank_image_blank()
    {
        // A 4x2 white RGB image, filter 0, laid by hand.
        using var raw = new MemoryStream();
        for (var y = 0; y < 2; y++)
        {
            raw.WriteByte(0);
            raw.Write(Enumerable.Repeat((byte)0xFF, 12).ToArray());
        }

        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw.ToArray());
        }

        byte[] Chunk(string type, byte[] data)
        {
            var chunk = new byte[12 + data.Length];
            BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
            System.Text.Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
            data.CopyTo(chunk, 8);
            return chunk; // CRC left zero: the reader does not check it
        }

        byte[] ihdr = [0, 0, 0, 4, 0, 0, 0, 2, 8, 2, 0, 0, 0];
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", compressed.ToArray()), .. Chunk("IEND", [])];
        var (w, h, distinct, spread) = PngStatistics(png);
        (w, h, distinct, spread).Should().Be((4, 2, 1, 0));
    }
}
