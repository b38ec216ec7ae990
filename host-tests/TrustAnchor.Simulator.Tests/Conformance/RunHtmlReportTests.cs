using System.Text.RegularExpressions;

namespace TrustAnchor.Simulator.Tests.Conformance;

/// <summary>The simulator's own runs get the same HTML report: a row per step and the first premises' frames, decoded.</summary>
[Collection("conform")]
public class RunHtmlReportTests(ConformFixture fx)
{
    [Fact]
    public async Task Run_writes_an_HTML_report_with_every_step_and_the_frames_decoded()
    {
        var html = fx.File("run.html");
        var (code, output, error) = await fx.RunAsync("run", "install-commission", "--report-html", html, "--progress", "quiet");
        code.Should().Be(0, output + error);
        var text = File.ReadAllText(html);
        text.Should().StartWith("<!DOCTYPE html>").And.Contain("Simulator run: install-commission").And.NotContain("<script");
        var rows = Regex.Matches(text, "data-rule=\"STEP-").Count;
        rows.Should().BeGreaterThan(3);
        Regex.Matches(text, "data-rule=\"STEP-[^\"]*\"").Select(m => m.Value).Should().OnlyHaveUniqueItems();
        text.Should().Contain("data-rule=\"FRAMES\"").And.Contain("<svg").And.Contain("Message Code");
        Regex.Matches(text, "<tr class=\"rule-row fail").Count.Should().Be(0);
    }
}
