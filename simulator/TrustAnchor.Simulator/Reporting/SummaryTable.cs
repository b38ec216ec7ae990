using System.Globalization;
using System.Text;

namespace TrustAnchor.Simulator.Reporting;

/// <summary>The table a run ends with: one row per step, then one line that says plainly whether it worked.</summary>
public static class SummaryTable
{
    public static string Render(RunReport report, bool unicode = true)
    {
        var pass = unicode ? "✓" : "ok";
        var fail = unicode ? "✗" : "FAIL";
        var fleet = report.Premises > 1;
        // One premises: the step lines above already told the story, so the table is the scoreboard.
        var rows = new List<string[]>
        {
            new[] { "#", "step", "result", fleet ? "mean" : "time", fleet ? "what happened (first premises)" : "" },
        };

        foreach (var step in report.Steps)
        {
            var total = step.Passed + step.Failed;
            var result = step.Failed == 0
                ? (total == 0 ? "-" : fleet ? $"{pass} {step.Passed}/{total}" : $"{pass} pass")
                : (fleet ? $"{fail} {step.Failed}/{total}" : $"{fail} FAIL");
            var detail = step.Failed > 0 && step.Failures.Count > 0 ? step.Failures[0].Message : fleet ? step.Detail ?? "" : "";
            rows.Add(new[]
            {
                step.Index.ToString(CultureInfo.InvariantCulture),
                step.Name,
                result,
                Duration(fleet ? step.MeanDuration : step.TotalDuration),
                detail,
            });
        }

        var widths = new int[4];
        foreach (var row in rows)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var sb = new StringBuilder();
        sb.AppendLine();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var line = "  " + row[0].PadLeft(widths[0]) + "  " + row[1].PadRight(widths[1]) + "  " + row[2].PadRight(widths[2]) + "  " + row[3].PadLeft(widths[3]) + "  " + row[4];
            sb.AppendLine(line.TrimEnd());
            if (r == 0)
            {
                sb.Append("  ").Append(new string('-', widths.Sum() + 8 + (fleet ? 30 : 0))).AppendLine();
            }
        }

        sb.AppendLine();
        sb.AppendLine(Verdict(report, pass, fail));
        if (fleet || report.Counters.DeviceVerifies > 0)
        {
            sb.Append("  ").AppendLine(Figures(report));
        }

        foreach (var error in report.Errors.Take(5))
        {
            sb.Append("  error: ").AppendLine(error);
        }

        return sb.ToString();
    }

    public static string Verdict(RunReport report, string pass = "✓", string fail = "✗")
    {
        var kind = report.Negative ? "; every bad command was refused the right way" : "";
        var where = report.Premises == 1 ? "1 premises" : $"{report.Premises} premises";
        var steps = report.Steps.Count == 1 ? "1 step" : $"{report.Steps.Count} steps";
        return report.Passed
            ? $"{pass} {report.Scenario}: PASSED — {steps}, {where}, {report.Elapsed.TotalSeconds:0.00} s over the {report.Transport} WAN{kind}"
            : $"{fail} {report.Scenario}: FAILED — {report.Steps.Count(s => s.Failed > 0)} of {steps} failed at {report.PremisesFailed} of {where}";
    }

    public static string Figures(RunReport report)
    {
        var work = $"{report.Counters.Commands} commands, {report.Counters.Alerts} alerts, {report.Counters.DeviceVerifies} ECDSA verifications on the devices";
        if (report.Premises == 1)
        {
            return work;
        }

        var rate = report.Elapsed.TotalSeconds > 0 ? report.Premises / report.Elapsed.TotalSeconds : 0;
        return $"{work}; {rate:0.#} premises/s; peak {report.PeakWorkingSetBytes / (1024 * 1024)} MB";
    }

    private static string Duration(TimeSpan t) => t.TotalMilliseconds < 1000
        ? t.TotalMilliseconds.ToString(t.TotalMilliseconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms"
        : t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
