using System.Globalization;
using System.Net;
using System.Xml;

namespace TrustAnchor.Simulator.Reporting;

/// <summary>
/// JUnit XML for CI dashboards, written with System.Xml: one &lt;testsuite&gt; per scenario, one &lt;testcase&gt;
/// per step (a fleet's step fails if it failed at any premises; the first failures are listed), and one
/// &lt;testcase&gt; "run" carrying errors outside the steps when there were any.
/// </summary>
public static class JUnitReportWriter
{
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
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        using var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "trustanchor-sim");
        xml.WriteAttributeString("tests", Inv(reports.Sum(CaseCount)));
        xml.WriteAttributeString("failures", Inv(reports.Sum(FailureCount)));
        xml.WriteAttributeString("errors", Inv(reports.Sum(r => r.Errors.Count > 0 ? 1 : 0)));
        xml.WriteAttributeString("time", Seconds(TimeSpan.FromTicks(reports.Sum(r => r.Elapsed.Ticks))));

        foreach (var report in reports)
        {
            WriteSuite(xml, report);
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <summary>Test cases the suite will hold: the steps, plus "run" when there were errors outside them.</summary>
    public static int CaseCount(RunReport report) => report.Steps.Count + (report.Errors.Count > 0 ? 1 : 0);

    public static int FailureCount(RunReport report) => report.Steps.Count(s => s.Failed > 0);

    private static void WriteSuite(XmlWriter xml, RunReport report)
    {
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", report.Scenario);
        xml.WriteAttributeString("tests", Inv(CaseCount(report)));
        xml.WriteAttributeString("failures", Inv(FailureCount(report)));
        xml.WriteAttributeString("errors", Inv(report.Errors.Count > 0 ? 1 : 0));
        xml.WriteAttributeString("skipped", "0");
        xml.WriteAttributeString("time", Seconds(report.Elapsed));
        xml.WriteAttributeString("timestamp", report.StartedUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteAttributeString("hostname", SafeHostName());

        xml.WriteStartElement("properties");
        Property(xml, "description", report.Description);
        Property(xml, "premises", Inv(report.Premises));
        Property(xml, "parallel", Inv(report.Parallel));
        Property(xml, "transport", report.Transport);
        Property(xml, "seed", Inv(report.Seed));
        Property(xml, "negative", report.Negative ? "true" : "false");
        Property(xml, "device_verifies", Inv(report.Counters.DeviceVerifies));
        xml.WriteEndElement();

        var classname = "trustanchor-sim." + report.Scenario;
        foreach (var step in report.Steps)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", classname);
            xml.WriteAttributeString("name", $"{step.Index:00} {step.Name}");
            xml.WriteAttributeString("time", Seconds(step.MaxDuration));
            if (step.Failed > 0)
            {
                var first = step.Failures.FirstOrDefault();
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("type", "expectation");
                xml.WriteAttributeString("message", first is null
                    ? $"failed at {step.Failed} of {step.Passed + step.Failed} premises"
                    : (report.Premises > 1 ? $"failed at {step.Failed} of {step.Passed + step.Failed} premises; first: " : "") + first.Message);
                xml.WriteString(string.Join("\n", step.Failures.Select(f => $"{f.Premises}: {f.Message} ({f.Detail})")));
                xml.WriteEndElement();
            }
            else if (step.Detail is not null)
            {
                xml.WriteElementString("system-out", step.Detail);
            }

            xml.WriteEndElement();
        }

        if (report.Errors.Count > 0)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", classname);
            xml.WriteAttributeString("name", "run");
            xml.WriteAttributeString("time", "0");
            xml.WriteStartElement("error");
            xml.WriteAttributeString("message", report.Errors.First());
            xml.WriteString(string.Join("\n", report.Errors));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }

    private static string Inv(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string SafeHostName()
    {
        try
        {
            return Dns.GetHostName();
        }
        catch (System.Net.Sockets.SocketException)
        {
            return "localhost";
        }
    }
}
