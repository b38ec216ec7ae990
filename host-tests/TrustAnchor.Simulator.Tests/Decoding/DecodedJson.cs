using System.Text.Json;
using TrustAnchor.Simulator.Cli;

namespace TrustAnchor.Simulator.Tests.Decoding;

/// <summary>One frame through <c>decode --json</c>, and its field tree flattened for "contains" checks.</summary>
internal static class DecodedJson
{
    /// <summary>The first decoded frame of <paramref name="frame"/> given as hex on the command line (exit code 0 required).</summary>
    public static async Task<JsonElement> DecodeAsync(byte[] frame, params string[] more)
    {
        var result = await CliRun.InvokeAsync(["decode", Convert.ToHexString(frame), "--json", .. more]);
        result.Code.Should().Be(0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        return json.RootElement.GetProperty("frames")[0].Clone();
    }

    /// <summary>Depth-first: every (name, value, offset) of the field tree.</summary>
    public static List<(string Name, string? Value, int? Offset)> Flatten(JsonElement frame)
    {
        var all = new List<(string, string?, int?)>();
        void Walk(JsonElement field)
        {
            all.Add((field.GetProperty("name").GetString()!,
                field.TryGetProperty("value", out var v) ? v.GetString() : null,
                field.TryGetProperty("offset", out var o) ? o.GetInt32() : null));
            if (field.TryGetProperty("fields", out var children))
            {
                foreach (var child in children.EnumerateArray())
                {
                    Walk(child);
                }
            }
        }

        foreach (var field in frame.GetProperty("fields").EnumerateArray())
        {
            Walk(field);
        }

        return all;
    }
}
