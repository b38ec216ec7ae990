using Microsoft.Extensions.Logging;
using TrustAnchor.Simulator.Hosting;

namespace TrustAnchor.Simulator.Reporting;

/// <summary>Writes whichever reports the options ask for.</summary>
public sealed class ReportWriters(RunConsole console, ILogger<ReportWriters> logger, Tracing.IFrameTrace trace)
{
    public void Write(RunReport report, SimulatorOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ReportJson))
        {
            JsonReportWriter.Write([report], options.ReportJson);
            logger.LogInformation("JSON report written to {Path}", options.ReportJson);
            console.Out.WriteLine($"  JSON report:  {options.ReportJson}");
        }

        if (!string.IsNullOrWhiteSpace(options.ReportJUnit))
        {
            JUnitReportWriter.Write([report], options.ReportJUnit);
            logger.LogInformation("JUnit report written to {Path}", options.ReportJUnit);
            console.Out.WriteLine($"  JUnit report: {options.ReportJUnit}");
        }

        if (!string.IsNullOrWhiteSpace(options.ReportHtml))
        {
            var frames = (trace as Tracing.CapturingFrameTrace)?.Frames ?? [];
            Conformance.ConformHtmlReport.Write(RunHtml.ToOutcome(report, frames), options.ReportHtml);
            logger.LogInformation("HTML report written to {Path}", options.ReportHtml);
            console.Out.WriteLine($"  HTML report:  {options.ReportHtml}");
        }
    }
}
