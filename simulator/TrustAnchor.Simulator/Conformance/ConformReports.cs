using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml.Linq;

namespace TrustAnchor.Simulator.Conformance;

/// <summary>The conformance run as JUnit XML (a testcase per rule) and JSON (verdicts with their evidence).</summary>
public static class ConformReports
{
    public static void WriteJUnit(ConformOutcome outcome, string path)
    {
        var suite = new XElement("testsuite",
            new XAttribute("name", $"conform {outcome.DeviceType} {outcome.DeviceEui}"),
            new XAttribute("tests", outcome.Results.Count),
            new XAttribute("failures", outcome.Failed),
            new XAttribute("skipped", outcome.NotApplicable),
            new XAttribute("time", outcome.Duration.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)),
            new XAttribute("timestamp", outcome.Started.ToString("yyyy-MM-ddTHH:mm:ss")));
        foreach (var r in outcome.Results)
        {
            var testcase = new XElement("testcase",
                new XAttribute("classname", "conform." + r.Rule.Area),
                new XAttribute("name", r.Rule.Id),
                new XAttribute("time", r.Duration.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)),
                new XElement("properties",
                    new XElement("property", new XAttribute("name", "clause"), new XAttribute("value", r.Rule.Clause)),
                    new XElement("property", new XAttribute("name", "statement"), new XAttribute("value", r.Rule.Statement))));
            if (r.Verdict == RuleVerdict.Fail)
            {
                testcase.Add(new XElement("failure", new XAttribute("message", r.Detail), Evidence(r)));
            }
            else if (r.Verdict == RuleVerdict.NotApplicable)
            {
                testcase.Add(new XElement("skipped", new XAttribute("message", "not applicable: " + r.Detail)));
            }
            else
            {
                testcase.Add(new XElement("system-out", r.Detail + "\n" + Evidence(r)));
            }

            suite.Add(testcase);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite)).Save(path);
    }

    private static string Evidence(RuleResult r) =>
        string.Join("\n", r.Frames.Select(f => $"{f.Direction} {f.Label}{(f.Note is null ? "" : " (" + f.Note + ")")}: {f.Hex}"));

    public static void WriteJson(ConformOutcome outcome, string path)
    {
        var doc = new
        {
            device = new { uri = outcome.DeviceUri, eui64 = outcome.DeviceEui, type = outcome.DeviceType },
            started = outcome.Started,
            seconds = Math.Round(outcome.Duration.TotalSeconds, 3),
            summary = new { rules = outcome.Results.Count, passed = outcome.Passed, failed = outcome.Failed, notApplicable = outcome.NotApplicable },
            aborted = outcome.Aborted,
            rules = outcome.Results.Select(r => new
            {
                id = r.Rule.Id,
                clause = r.Rule.Clause,
                statement = r.Rule.Statement,
                verdict = r.Verdict switch { RuleVerdict.Pass => "pass", RuleVerdict.Fail => "fail", _ => "not-applicable" },
                detail = r.Detail,
                frames = r.Frames.Select(f => new { direction = f.Direction, label = f.Label, note = f.Note, hex = f.Hex }),
            }),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}
