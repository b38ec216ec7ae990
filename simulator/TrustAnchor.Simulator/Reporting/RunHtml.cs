using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Simulator.Conformance;
using TrustAnchor.Simulator.Tracing;

namespace TrustAnchor.Simulator.Reporting;

/// <summary>A simulator run in the shape of the conformance HTML report: a row per step, and the first premises' frames.</summary>
public static class RunHtml
{
    public static ConformOutcome ToOutcome(RunReport report, IReadOnlyList<(TraceLink Link, byte[] Frame)> frames)
    {
        var results = new List<RuleResult>();
        foreach (var step in report.Steps)
        {
            var verdict = step.Failed > 0 ? RuleVerdict.Fail : step.Passed > 0 ? RuleVerdict.Pass : RuleVerdict.NotApplicable;
            var detail = step.Failures.Count > 0 ? string.Join("; ", step.Failures.Take(3).Select(f => $"{f.Premises}: {f.Message}")) : step.Detail ?? "";
            results.Add(new RuleResult(new ConformRule($"STEP-{step.Index}-{step.Name}", step.Action, step.Description, _ => Task.FromResult("")), verdict, detail, [], step.TotalDuration));
        }

        var evidence = frames.Select(f =>
        {
            string direction = "device->dcc", label = $"{f.Link} frame";
            try
            {
                var m = GbcsMessage.Parse(f.Frame);
                direction = m.CraFlag == GbcsCraFlag.Command ? "dcc->device" : "device->dcc";
                label = $"{f.Link} 0x{m.MessageCode:X4} {(m.CraFlag == GbcsCraFlag.Command ? "command" : m.CraFlag == GbcsCraFlag.Response ? "response" : "alert")} counter {m.OriginatorCounter}";
            }
            catch (TrustAnchorException)
            {
            }

            return new EvidenceFrame(direction, label, Convert.ToHexString(f.Frame), null);
        }).ToList();
        if (evidence.Count > 0)
        {
            results.Add(new RuleResult(new ConformRule("FRAMES", "premises 1", $"the first premises' WAN and HAN frames (up to {CapturingFrameTrace.Limit})", _ => Task.FromResult("")),
                RuleVerdict.Pass, $"{evidence.Count} frames", evidence, TimeSpan.Zero));
        }

        return new ConformOutcome($"run {report.Scenario}", $"{report.Premises} premises", "simulation", results, null, report.StartedUtc.UtcDateTime, report.Elapsed) { Title = $"Simulator run: {report.Scenario}" };
    }
}
