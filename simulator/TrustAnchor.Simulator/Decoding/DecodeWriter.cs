using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TrustAnchor.Simulator.Decoding;

/// <summary>Prints decoded frames: as a protocol analyser's text (offset, length, field tree) or as one JSON document.</summary>
public static class DecodeWriter
{
    public static void WriteText(IReadOnlyList<DecodedFrame> frames, TextWriter output)
    {
        foreach (var frame in frames)
        {
            var where = new List<string> { $"frame {frame.Index}" };
            if (frame.Trace is { } t)
            {
                where.Add($"trace line {t.Line}");
                if (t.Time is not null)
                {
                    where.Add(t.Time);
                }

                if (t.Premises is not null)
                {
                    where.Add($"premises {t.Premises}");
                }

                if (t.Link is not null)
                {
                    where.Add(t.Link.ToUpperInvariant());
                }
            }

            where.Add($"{frame.Bytes.Length} bytes");
            output.WriteLine(string.Join(" · ", where));
            output.WriteLine($"  {frame.Cra} 0x{frame.MessageCode:X4} {PayloadDecoder.MessageCodeName(frame.MessageCode)} · {frame.Originator} → {frame.Target} · counter {frame.OriginatorCounter}");
            output.WriteLine("  offset  len  field");
            foreach (var field in frame.Fields)
            {
                WriteField(field, 0, output);
            }

            output.WriteLine($"  signature {frame.Signature?.Result ?? "absent"} · MAC {frame.Mac?.Result ?? "absent"}");
            output.WriteLine();
        }

        if (frames.Count > 1)
        {
            output.WriteLine(Summary(frames));
        }
    }

    private static void WriteField(DecodedField field, int depth, TextWriter output)
    {
        var position = field.Offset is { } o ? $"{o,6:D}{field.Length,5}" : new string(' ', 11);
        var line = new StringBuilder();
        line.Append("  ").Append(position).Append("  ").Append(' ', depth * 2).Append(field.Name);
        if (field.Value is not null)
        {
            line.Append(": ").Append(field.Value);
        }

        output.WriteLine(line.ToString());
        foreach (var child in field.Fields)
        {
            WriteField(child, depth + 1, output);
        }
    }

    public static string Summary(IReadOnlyList<DecodedFrame> frames)
    {
        static string Count(IEnumerable<FrameVerdict?> verdicts)
        {
            var list = verdicts.ToList();
            return string.Join(", ", new[] { FrameVerdict.Valid, FrameVerdict.Invalid, FrameVerdict.Unknown }
                .Select(v => $"{list.Count(x => x?.Result == v)} {v}")
                .Append($"{list.Count(x => x is null)} absent"));
        }

        return $"{frames.Count} frames decoded; signatures: {Count(frames.Select(f => f.Signature))}; MACs: {Count(frames.Select(f => f.Mac))}";
    }

    public static void WriteJson(IReadOnlyList<DecodedFrame> frames, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartArray("frames");
        foreach (var frame in frames)
        {
            json.WriteStartObject();
            json.WriteNumber("frame", frame.Index);
            if (frame.Trace is { } t)
            {
                json.WriteNumber("line", t.Line);
                WriteOptional(json, "time", t.Time);
                WriteOptional(json, "link", t.Link);
                if (t.Premises is { } p)
                {
                    json.WriteNumber("premises", p);
                }
            }

            json.WriteNumber("length", frame.Bytes.Length);
            json.WriteString("cra", frame.Cra);
            json.WriteString("messageCode", "0x" + frame.MessageCode.ToString("X4", CultureInfo.InvariantCulture));
            json.WriteString("useCase", frame.Payload.UseCase);
            json.WriteString("payloadLanguage", frame.Payload.Language);
            WriteOptional(json, "payloadNote", frame.Payload.Note);
            json.WriteString("originator", frame.Originator);
            json.WriteString("target", frame.Target);
            json.WriteNumber("originatorCounter", frame.OriginatorCounter);
            json.WriteStartArray("fields");
            foreach (var field in frame.Fields)
            {
                WriteField(json, field);
            }

            json.WriteEndArray();
            WriteVerdict(json, "signature", frame.Signature);
            WriteVerdict(json, "mac", frame.Mac);
            json.WriteString("hex", Convert.ToHexString(frame.Bytes));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("summary", Summary(frames));
        json.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter json, DecodedField field)
    {
        json.WriteStartObject();
        json.WriteString("name", field.Name);
        WriteOptional(json, "value", field.Value);
        if (field.Offset is { } o)
        {
            json.WriteNumber("offset", o);
        }

        if (field.Length is { } l)
        {
            json.WriteNumber("length", l);
        }

        if (field.Fields.Count > 0)
        {
            json.WriteStartArray("fields");
            foreach (var child in field.Fields)
            {
                WriteField(json, child);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteVerdict(Utf8JsonWriter json, string name, FrameVerdict? verdict)
    {
        if (verdict is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("verdict", verdict.Result);
        json.WriteNumber("offset", verdict.Offset);
        json.WriteString("hex", verdict.Hex);
        WriteOptional(json, "key", verdict.Key);
        json.WriteString("reason", verdict.Reason);
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
