using System.Text;
using System.Text.Json;

namespace TrustAnchor.Simulator.Decoding;

/// <summary>One frame to decode and, for a trace line, where it came from.</summary>
public sealed record FrameInput(byte[] Frame, TraceOrigin? Trace, string Where);

/// <summary>
/// What <c>decode</c> reads: a frame as hex (the argument itself, a file, or <c>-</c> for stdin; whitespace allowed),
/// a raw binary frame file (it starts DD or DF), or a trace file (JSON Lines, one frame per line in <c>hex</c>).
/// Every refusal is one <see cref="DecodeInputException"/> line naming the byte offset, and the line for traces.
/// </summary>
public static class FrameSource
{
    public static IReadOnlyList<FrameInput> Read(string argument, TextReader stdin)
    {
        if (argument == "-")
        {
            return FromText(stdin.ReadToEnd(), "stdin");
        }

        if (File.Exists(argument))
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(argument);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new DecodeInputException($"cannot read {argument}: {ex.Message}");
            }

            if (bytes.Length > 0 && bytes[0] is 0xDD or 0xDF)
            {
                return [new FrameInput(bytes, null, argument)];
            }

            return FromText(Encoding.UTF8.GetString(bytes), argument);
        }

        if (LooksLikePath(argument))
        {
            throw new DecodeInputException($"no such file: {argument}");
        }

        return FromText(argument, "the argument");
    }

    public static IReadOnlyList<FrameInput> FromText(string text, string where)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] == '{')
        {
            return FromTrace(text, where);
        }

        return [new FrameInput(ParseHex(text, where + ": "), null, where)];
    }

    private static IReadOnlyList<FrameInput> FromTrace(string text, string where)
    {
        var frames = new List<FrameInput>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var number = i + 1;
            var prefix = $"{where} line {number}: ";
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                throw new DecodeInputException($"{prefix}not a JSON object at byte offset {ex.BytePositionInLine ?? 0} of the line ({FirstSentence(ex.Message)})");
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new DecodeInputException($"{prefix}a trace line is a JSON object, this is a JSON {root.ValueKind.ToString().ToLowerInvariant()} (byte offset 0 of the line)");
                }

                if (!root.TryGetProperty("hex", out var hex) || hex.ValueKind != JsonValueKind.String)
                {
                    throw new DecodeInputException($"{prefix}no \"hex\" string with the frame (byte offset 0 of the line)");
                }

                var frame = ParseHex(hex.GetString()!, prefix);
                var origin = new TraceOrigin(
                    number,
                    root.TryGetProperty("time", out var time) && time.ValueKind == JsonValueKind.String ? time.GetString() : null,
                    root.TryGetProperty("link", out var link) && link.ValueKind == JsonValueKind.String ? link.GetString() : null,
                    root.TryGetProperty("premises", out var premises) && premises.ValueKind == JsonValueKind.Number && premises.TryGetInt32(out var p) ? p : null);
                frames.Add(new FrameInput(frame, origin, $"{where} line {number}"));
            }
        }

        if (frames.Count == 0)
        {
            throw new DecodeInputException($"{where}: the trace holds no frames (byte offset 0)");
        }

        return frames;
    }

    /// <summary>Hex digits, whitespace between them allowed; <paramref name="prefix"/> starts the error line.</summary>
    public static byte[] ParseHex(string text, string prefix)
    {
        var digits = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (!char.IsAsciiHexDigit(c))
            {
                var shown = char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";
                throw new DecodeInputException($"{prefix}not hex: {shown} (character {i + 1}) at byte offset {digits.Length / 2}");
            }

            digits.Append(c);
        }

        if (digits.Length == 0)
        {
            throw new DecodeInputException($"{prefix}no frame: no hex digits at byte offset 0");
        }

        if (digits.Length % 2 != 0)
        {
            throw new DecodeInputException($"{prefix}odd-length hex: {digits.Length} digits, so the byte at byte offset {digits.Length / 2} has only one");
        }

        return Convert.FromHexString(digits.ToString());
    }

    private static bool LooksLikePath(string argument) =>
        argument.Contains('/') || argument.Contains('\\') || argument.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
        || argument.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || argument.EndsWith(".hex", StringComparison.OrdinalIgnoreCase)
        || argument.EndsWith(".bin", StringComparison.OrdinalIgnoreCase) || argument.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
