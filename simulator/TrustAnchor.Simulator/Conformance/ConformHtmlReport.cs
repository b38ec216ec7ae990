using System.Net;
using System.Text;
using TrustAnchor.Simulator.Decoding;
using TrustAnchor.Simulator.Keystore;

namespace TrustAnchor.Simulator.Conformance;

/// <summary>
/// The conformance run as one self-contained HTML file (no scripts, fonts or network; opens from disk): the verdict
/// table, then per rule an SVG sequence diagram of the frames exchanged and each frame expandable
/// (<c>&lt;details&gt;</c>) to its fields as <c>decode</c> reads them.
/// </summary>
public static class ConformHtmlReport
{
    public static void Write(ConformOutcome outcome, string path, ConformSession? session = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Render(outcome), new UTF8Encoding(false));
    }

    public static string Render(ConformOutcome outcome)
    {
        var decoder = new FrameDecoder(DccKeystore.Empty);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E($"GBCS conformance: {outcome.DeviceType} {outcome.DeviceEui}"))
            .Append("</title><style>")
            .Append("body{font:14px/1.4 sans-serif;margin:24px;color:#222;background:#fff}table{border-collapse:collapse;width:100%}")
            .Append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eee}")
            .Append(".pass{background:#dff5df}.fail{background:#f9d6d6}.not-applicable{background:#eeeeee}")
            .Append(".verdict{font-weight:bold}section.rule{margin:24px 0;padding:8px 16px;border-left:6px solid #999}")
            .Append("section.rule.pass{border-color:#2a2}section.rule.fail{border-color:#c22}code,pre{font:12px monospace}")
            .Append("details{margin:2px 0 2px 16px}summary{cursor:pointer}ul.fields{margin:0;padding-left:20px}.hex{word-break:break-all;color:#555}")
            .Append("</style></head><body>\n");
        html.Append("<h1>").Append(E(outcome.Title)).Append("</h1>\n<p>Device ").Append(E(outcome.DeviceType)).Append(" <code>").Append(E(outcome.DeviceEui))
            .Append("</code> at <code>").Append(E(outcome.DeviceUri)).Append("</code>; started ").Append(outcome.Started.ToString("yyyy-MM-dd HH:mm:ss"))
            .Append(" UTC; ").Append(outcome.Duration.TotalSeconds.ToString("0.0")).Append(" s.</p>\n<p id=\"summary\"><b>")
            .Append(outcome.Passed).Append(" passed, ").Append(outcome.Failed).Append(" failed, ").Append(outcome.NotApplicable).Append(" not applicable</b>")
            .Append(outcome.Aborted is null ? "" : " — run ended early: " + E(outcome.Aborted)).Append("</p>\n");

        html.Append("<table id=\"verdicts\"><thead><tr><th>Rule</th><th>Clause</th><th>Statement</th><th>Verdict</th><th>Detail</th></tr></thead><tbody>\n");
        foreach (var r in outcome.Results)
        {
            var v = Verdict(r.Verdict);
            html.Append("<tr class=\"rule-row ").Append(v).Append("\" data-rule=\"").Append(E(r.Rule.Id)).Append("\"><td><a href=\"#").Append(E(r.Rule.Id)).Append("\">")
                .Append(E(r.Rule.Id)).Append("</a></td><td>").Append(E(r.Rule.Clause)).Append("</td><td>").Append(E(r.Rule.Statement))
                .Append("</td><td class=\"verdict\">").Append(v).Append("</td><td>").Append(E(r.Detail)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        foreach (var r in outcome.Results)
        {
            var v = Verdict(r.Verdict);
            html.Append("<section class=\"rule ").Append(v).Append("\" id=\"").Append(E(r.Rule.Id)).Append("\"><h2>").Append(E(r.Rule.Id)).Append(" — ").Append(v)
                .Append("</h2><p>").Append(E(r.Rule.Statement)).Append(" <i>(").Append(E(r.Rule.Clause)).Append(")</i></p><p>").Append(E(r.Detail)).Append("</p>\n");
            if (r.Frames.Count > 0)
            {
                html.Append(Sequence(r.Frames));
                html.Append("<ol class=\"frames\">\n");
                var index = 0;
                foreach (var f in r.Frames)
                {
                    index++;
                    html.Append("<li><details><summary>").Append(E(f.Direction == "dcc->device" ? "DCC → device: " : "device → DCC: ")).Append(E(f.Label))
                        .Append(f.Note is null ? "" : " (" + E(f.Note) + ")").Append("</summary>\n");
                    if (f.Hex.Length > 0)
                    {
                        try
                        {
                            var decoded = decoder.Decode(Convert.FromHexString(f.Hex), index);
                            html.Append("<ul class=\"fields\">");
                            foreach (var field in decoded.Fields)
                            {
                                Field(html, field);
                            }

                            html.Append("</ul>");
                        }
                        catch (Exception ex) when (ex is DecodeInputException or FormatException or Firmware.Errors.TrustAnchorException)
                        {
                            html.Append("<p>does not decode: ").Append(E(ex.Message)).Append("</p>");
                        }

                        html.Append("<p class=\"hex\">").Append(E(f.Hex)).Append("</p>");
                    }

                    html.Append("</details></li>\n");
                }

                html.Append("</ol>\n");
            }

            html.Append("</section>\n");
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Field(StringBuilder html, DecodedField field)
    {
        var label = field.Value is null ? E(field.Name) : $"{E(field.Name)}: <code>{E(field.Value)}</code>";
        if (field.Fields.Count == 0)
        {
            html.Append("<li>").Append(label).Append("</li>");
            return;
        }

        html.Append("<li><details><summary>").Append(label).Append("</summary><ul class=\"fields\">");
        foreach (var child in field.Fields)
        {
            Field(html, child);
        }

        html.Append("</ul></details></li>");
    }

    /// <summary>An SVG sequence diagram: two lifelines (DCC, device) and one arrow per frame.</summary>
    private static string Sequence(IReadOnlyList<EvidenceFrame> frames)
    {
        const int left = 90, right = 610, top = 40, step = 28;
        var height = top + frames.Count * step + 20;
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sequence\" width=\"700\" height=\"{height}\" viewBox=\"0 0 700 {height}\" role=\"img\">");
        svg.Append($"<text x=\"{left}\" y=\"20\" text-anchor=\"middle\" font-weight=\"bold\">DCC (conform)</text><text x=\"{right}\" y=\"20\" text-anchor=\"middle\" font-weight=\"bold\">device</text>");
        svg.Append($"<line x1=\"{left}\" y1=\"28\" x2=\"{left}\" y2=\"{height - 5}\" stroke=\"#888\" stroke-dasharray=\"4 3\"/><line x1=\"{right}\" y1=\"28\" x2=\"{right}\" y2=\"{height - 5}\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>");
        for (var i = 0; i < frames.Count; i++)
        {
            var f = frames[i];
            var y = top + i * step + 10;
            var toDevice = f.Direction == "dcc->device";
            var colour = f.Note is { } n && n.StartsWith("NOT", StringComparison.Ordinal) ? "#c22" : toDevice ? "#246" : "#2a6a2a";
            var (x1, x2) = toDevice ? (left, right) : (right, left);
            var head = toDevice ? $"{x2 - 8},{y - 5} {x2},{y} {x2 - 8},{y + 5}" : $"{x2 + 8},{y - 5} {x2},{y} {x2 + 8},{y + 5}";
            svg.Append($"<line x1=\"{x1}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"2\"/><polygon points=\"{head}\" fill=\"{colour}\"/>");
            svg.Append($"<text x=\"{(left + right) / 2}\" y=\"{y - 4}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{colour}\">{E($"{i + 1}. {f.Label}")}</text>");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Verdict(RuleVerdict v) => v switch { RuleVerdict.Pass => "pass", RuleVerdict.Fail => "fail", _ => "not-applicable" };

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
