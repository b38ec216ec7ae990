using System.Text.Json;

namespace TrustAnchor.Simulator.Reporting;

/// <summary>The run as JSON for scripts: totals, figures, and per step the counts, timings and first failures.</summary>
public static class JsonReportWriter
{
    // & + < and non-ASCII stay literal: the file is read by scripts and people, never pasted into HTML.
    private static readonly JsonWriterOptions WriterOptions = TrustAnchor.Cli.JsonOutput.WriterOptions();

    public static void Write(IReadOnlyList<RunReport> reports, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var stream = File.Create(path);
        Write(reports, stream);
    }

    public static void Write(IReadOnlyList<RunReport> reports, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, WriterOptions);
        json.WriteStartObject();
        json.WriteString("tool", "trustanchor-sim");
        json.WriteBoolean("passed", reports.All(r => r.Passed));
        json.WriteStartArray("runs");
        foreach (var report in reports)
        {
            WriteRun(json, report);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRun(Utf8JsonWriter json, RunReport report)
    {
        json.WriteStartObject();
        json.WriteString("scenario", report.Scenario);
        json.WriteString("description", report.Description);
        json.WriteBoolean("negative", report.Negative);
        json.WriteBoolean("passed", report.Passed);
        json.WriteString("startedUtc", report.StartedUtc.UtcDateTime);
        json.WriteNumber("seconds", Math.Round(report.Elapsed.TotalSeconds, 3));
        json.WriteString("transport", report.Transport);
        json.WriteNumber("premises", report.Premises);
        json.WriteNumber("parallel", report.Parallel);
        json.WriteNumber("seed", report.Seed);
        json.WriteString("runFolder", report.RunFolder);
        json.WriteNumber("premisesPassed", report.PremisesPassed);
        json.WriteNumber("premisesFailed", report.PremisesFailed);
        json.WriteNumber("premisesPerSecond", report.Elapsed.TotalSeconds > 0 ? Math.Round(report.Premises / report.Elapsed.TotalSeconds, 1) : 0);
        json.WriteNumber("peakMegabytes", report.PeakWorkingSetBytes / (1024 * 1024));

        json.WriteStartObject("counters");
        json.WriteNumber("commands", report.Counters.Commands);
        json.WriteNumber("framesSent", report.Counters.FramesSent);
        json.WriteNumber("alerts", report.Counters.Alerts);
        json.WriteNumber("deviceVerifies", report.Counters.DeviceVerifies);
        json.WriteEndObject();

        WriteLink(json, "wan", report.Wan);
        WriteLink(json, "han", report.Han);

        json.WriteStartArray("errors");
        foreach (var error in report.Errors)
        {
            json.WriteStringValue(error);
        }

        json.WriteEndArray();

        json.WriteStartArray("steps");
        foreach (var step in report.Steps)
        {
            json.WriteStartObject();
            json.WriteNumber("index", step.Index);
            json.WriteString("name", step.Name);
            json.WriteString("action", step.Action);
            json.WriteString("description", step.Description);
            json.WriteBoolean("passed", step.Failed == 0);
            json.WriteNumber("premisesPassed", step.Passed);
            json.WriteNumber("premisesFailed", step.Failed);
            json.WriteNumber("premisesNotRun", step.NotRun);
            json.WriteNumber("meanMs", Math.Round(step.MeanDuration.TotalMilliseconds, 3));
            json.WriteNumber("maxMs", Math.Round(step.MaxDuration.TotalMilliseconds, 3));
            if (step.Detail is not null)
            {
                json.WriteString("detail", step.Detail);
            }

            json.WriteStartArray("failures");
            foreach (var failure in step.Failures)
            {
                json.WriteStartObject();
                json.WriteString("premises", failure.Premises);
                json.WriteString("message", failure.Message);
                json.WriteString("detail", failure.Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteLink(Utf8JsonWriter json, string name, Wan.LinkStatistics stats)
    {
        json.WriteStartObject(name);
        json.WriteNumber("sent", stats.Sent);
        json.WriteNumber("delivered", stats.Delivered);
        json.WriteNumber("lost", stats.Lost);
        json.WriteNumber("duplicated", stats.Duplicated);
        json.WriteNumber("reordered", stats.Reordered);
        json.WriteNumber("corrupted", stats.Corrupted);
        json.WriteEndObject();
    }
}
