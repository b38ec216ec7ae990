using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using TrustAnchor.Simulator.Reporting;

namespace TrustAnchor.Simulator.Tests.Reporting;

public class ReportWriterTests
{
    private static RunReport SampleReport(int premises, bool failSecondStep, bool withError = false)
    {
        var steps = new List<StepReport>
        {
            new(1, "pre-notify", "pre-notify", "inventory"),
            new(2, "supplier-credentials", "replace-credentials", "CS02b <mode> & \"quotes\""),
            new(3, "verify-credentials", "verify-credentials", "CS02a"),
        };
        var report = new RunReport("install-commission", "desc", negative: false, steps) { Premises = premises, Transport = "tcp loopback", Seed = 9 };
        for (var p = 1; p <= premises; p++)
        {
            var name = $"premises-{p:D5}";
            steps[0].Record(name, new StepResult(true, TimeSpan.FromMilliseconds(2), "hub + 3 meters", []));
            var fail = failSecondStep && p % 2 == 0;
            steps[1].Record(name, new StepResult(!fail, TimeSpan.FromMilliseconds(5), "ESME accepted", fail ? ["outcome accepted, got refused <0x8F3D>"] : []));
            steps[2].Record(name, new StepResult(true, TimeSpan.FromMilliseconds(3), "all cells as expected", []));
            report.PremisesDone(!fail);
        }

        if (withError)
        {
            report.AddError("premises-00003: IOException: disk full");
        }

        report.Elapsed = TimeSpan.FromSeconds(1.5);
        return report;
    }

    private static XDocument WriteJUnit(params RunReport[] reports)
    {
        using var stream = new MemoryStream();
        JUnitReportWriter.Write(reports, stream);
        stream.Position = 0;
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        return XDocument.Load(reader);
    }

    [Fact]
    public void JUnit_for_a_passing_run_has_one_testcase_per_step_and_no_failures()
    {
        var xml = WriteJUnit(SampleReport(1, failSecondStep: false));
        var suites = xml.Root!;
        suites.Name.LocalName.Should().Be("testsuites");
        suites.Attribute("tests")!.Value.Should().Be("3");
        suites.Attribute("failures")!.Value.Should().Be("0");
        var suite = suites.Element("testsuite")!;
        suite.Attribute("name")!.Value.Should().Be("install-commission");
        suite.Elements("testcase").Should().HaveCount(3);
        suite.Descendants("failure").Should().BeEmpty();
        suite.Element("properties")!.Elements("property").Should().Contain(p => p.Attribute("name")!.Value == "transport" && p.Attribute("value")!.Value == "tcp loopback");
    }

    [Fact]
    public void JUnit_marks_a_step_that_failed_anywhere_in_a_fleet()
    {
        var xml = WriteJUnit(SampleReport(4, failSecondStep: true));
        var suite = xml.Root!.Element("testsuite")!;
        suite.Attribute("tests")!.Value.Should().Be("3");
        suite.Attribute("failures")!.Value.Should().Be("1");
        var failed = suite.Elements("testcase").Single(t => t.Element("failure") is not null);
        failed.Attribute("name")!.Value.Should().Be("02 supplier-credentials");
        failed.Element("failure")!.Attribute("message")!.Value.Should().Contain("2 of 4").And.Contain("<0x8F3D>");
        failed.Element("failure")!.Value.Should().Contain("premises-00002").And.Contain("premises-00004");
    }

    [Fact]
    public void JUnit_reports_errors_outside_steps_as_an_error_testcase()
    {
        var xml = WriteJUnit(SampleReport(1, failSecondStep: false, withError: true));
        var suite = xml.Root!.Element("testsuite")!;
        suite.Attribute("tests")!.Value.Should().Be("4");
        suite.Attribute("errors")!.Value.Should().Be("1");
        suite.Elements("testcase").Last().Element("error")!.Attribute("message")!.Value.Should().Contain("disk full");
    }

    [Fact]
    public void JUnit_sums_several_suites()
    {
        var xml = WriteJUnit(SampleReport(1, false), SampleReport(2, true));
        xml.Root!.Attribute("tests")!.Value.Should().Be("6");
        xml.Root!.Attribute("failures")!.Value.Should().Be("1");
        xml.Root!.Elements("testsuite").Should().HaveCount(2);
    }

    [Fact]
    public void Json_report_carries_totals_and_step_failures()
    {
        using var stream = new MemoryStream();
        JsonReportWriter.Write([SampleReport(4, failSecondStep: true)], stream);
        using var doc = JsonDocument.Parse(stream.ToArray());
        doc.RootElement.GetProperty("passed").GetBoolean().Should().BeFalse();
        var run = doc.RootElement.GetProperty("runs")[0];
        run.GetProperty("premises").GetInt32().Should().Be(4);
        run.GetProperty("premisesFailed").GetInt32().Should().Be(2);
        var step = run.GetProperty("steps")[1];
        step.GetProperty("premisesFailed").GetInt32().Should().Be(2);
        step.GetProperty("failures").GetArrayLength().Should().Be(2);
        step.GetProperty("failures")[0].GetProperty("premises").GetString().Should().Be("premises-00002");
    }

    [Fact]
    public void Summary_table_says_plainly_whether_it_worked()
    {
        var passed = SummaryTable.Render(SampleReport(1, false));
        passed.Should().Contain("PASSED").And.Contain("supplier-credentials").And.Contain("✓ pass");
        var failed = SummaryTable.Render(SampleReport(4, true));
        failed.Should().Contain("FAILED").And.Contain("2/4").And.Contain("<0x8F3D>");
        SummaryTable.Render(SampleReport(4, false)).Should().Contain("ESME accepted", "a fleet's table tells what happened at the first premises");
    }

    [Fact]
    public void A_failed_step_keeps_only_a_bounded_number_of_failures()
    {
        var step = new StepReport(1, "s", "s", "");
        for (var i = 0; i < StepReport.MaxFailuresKept + 20; i++)
        {
            step.Record($"p{i}", new StepResult(false, TimeSpan.Zero, "d", ["x"]));
        }

        step.Failed.Should().Be(StepReport.MaxFailuresKept + 20);
        step.Failures.Should().HaveCount(StepReport.MaxFailuresKept);
    }
}
