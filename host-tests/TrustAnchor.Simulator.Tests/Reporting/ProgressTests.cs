using TrustAnchor.Simulator.Hosting;
using TrustAnchor.Simulator.Reporting;

namespace TrustAnchor.Simulator.Tests.Reporting;

public class ProgressTests
{
    [Fact]
    public void Ci_fleets_get_a_plain_line_per_tenth_and_one_premises_gets_a_line_per_step()
    {
        var output = new StringWriter();
        var factory = new ProgressReporterFactory(new RunConsole(output, TextWriter.Null, interactive: false));
        using (var fleet = factory.Create(ProgressStyle.Auto, premises: 20, steps: 3))
        {
            fleet.Should().BeOfType<FleetLineProgress>();
            for (var i = 1; i <= 20; i++)
            {
                fleet.PremisesCompleted(i, passed: i != 7);
            }
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(10);
        lines[^1].Should().Contain("20/20").And.Contain("100%").And.Contain("1 failed");

        var single = new StringWriter();
        using (var steps = new ProgressReporterFactory(new RunConsole(single, TextWriter.Null, interactive: true)).Create(ProgressStyle.Auto, 1, 2))
        {
            steps.StepCompleted(1, 1, "pre-notify", new StepResult(true, TimeSpan.Zero, "all in the inventory", []));
            steps.StepCompleted(1, 2, "install-hub", new StepResult(false, TimeSpan.Zero, "no answer", ["the hub answers"]));
        }

        single.ToString().Should().Contain("✓ [1/2] pre-notify").And.Contain("✗ [2/2] install-hub").And.Contain("expected: the hub answers");
    }

    [Fact]
    public void An_interactive_fleet_gets_a_bar_on_stderr()
    {
        var error = new StringWriter();
        var factory = new ProgressReporterFactory(new RunConsole(TextWriter.Null, error, interactive: true));
        using (var bar = factory.Create(ProgressStyle.Auto, premises: 4, steps: 3))
        {
            bar.Should().BeOfType<FleetBarProgress>();
            for (var i = 1; i <= 4; i++)
            {
                bar.PremisesCompleted(i, passed: true);
            }
        }

        error.ToString().Should().Contain("4/4 premises").And.Contain("[##############################]");
    }
}
