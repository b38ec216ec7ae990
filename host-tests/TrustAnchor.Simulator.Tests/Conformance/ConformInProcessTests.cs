using System.Text.Json;
using System.Xml.Linq;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Simulator.Cli;
using TrustAnchor.Simulator.Conformance;
using TrustAnchor.Simulator.Link;
using TrustAnchor.Smki;

namespace TrustAnchor.Simulator.Tests.Conformance;

/// <summary>conform against the firmware in-process: every rule passes; broken links and devices are caught; exit codes.</summary>
[Collection("conform")]
public class ConformInProcessTests(ConformFixture fx)
{
    [Fact]
    public async Task Against_the_reference_device_every_rule_passes_and_the_reports_say_so()
    {
        var json = fx.File("pass.json");
        var junit = fx.File("pass.xml");
        var (code, output, error) = await fx.RunAsync("conform", "--device", "inproc:", "--type", "esme", "--pki", fx.Pki, "--report-json", json, "--report-junit", junit);

        error.Should().BeEmpty();
        code.Should().Be(ConformCommand.ExitPassed, output);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var rules = doc.RootElement.GetProperty("rules").EnumerateArray().ToList();
        var passed = rules.Where(r => r.GetProperty("verdict").GetString() == "pass").ToList();
        passed.Count.Should().BeGreaterThanOrEqualTo(41, "enrolment plus at least 40 rules pass");
        rules.Should().NotContain(r => r.GetProperty("verdict").GetString() == "fail");
        rules.Select(r => r.GetProperty("id").GetString()).Should().OnlyHaveUniqueItems();
        // Evidence: every rule that passed exchanged frames (the last one judges the whole run's frames).
        passed.Where(r => r.GetProperty("id").GetString() != "RESPONSES-SIGNED")
            .Should().OnlyContain(r => r.GetProperty("frames").GetArrayLength() > 0);

        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        suite.Elements("testcase").Count().Should().Be(rules.Count);
        suite.Attribute("failures")!.Value.Should().Be("0");

        // The console has a progress line per rule, plain (no escape codes) when not a terminal.
        output.Split('\n').Count(l => l.Contains(" pass ")).Should().Be(passed.Count);
        output.Should().NotContain("\u001b[");
        // JSON keeps text as written ('+', '&', quotes in statements are not escaped).
        File.ReadAllText(json).Should().NotContain("\\u002B").And.NotContain("\\u0026").And.NotContain("\\u0027");
    }

    [Theory]
    [InlineData("chf", 40)]
    [InlineData("gsme", 60)]
    [InlineData("ppmid", 55)]
    public async Task Every_device_type_passes_every_rule_that_applies_to_it(string type, int atLeast)
    {
        var json = fx.File($"pass-{type}.json");
        var (code, output, _) = await fx.RunAsync("conform", "--device", "inproc:", "--type", type, "--pki", fx.Pki, "--report-json", json);
        code.Should().Be(0, output);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        doc.RootElement.GetProperty("summary").GetProperty("passed").GetInt32().Should().BeGreaterThanOrEqualTo(atLeast);
        doc.RootElement.GetProperty("summary").GetProperty("failed").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task A_device_without_Device_Certificates_is_enrolled_through_CS02c_the_DCA_and_CS02d()
    {
        var json = fx.File("enrol.json");
        var (code, output, _) = await fx.RunAsync("conform", "--device", "inproc:?certificates=none", "--type", "esme", "--pki", fx.Pki, "--rules", "CS02E-*,CS02A-DETAILS", "--report-json", json);

        code.Should().Be(0, output);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var enrol = doc.RootElement.GetProperty("rules")[0];
        enrol.GetProperty("id").GetString().Should().Be("ENROL");
        enrol.GetProperty("detail").GetString().Should().Contain("DS enrolled").And.Contain("KA enrolled");
        var labels = enrol.GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("label").GetString()).ToList();
        labels.Should().Contain(l => l!.StartsWith("CS02c DS")).And.Contain(l => l!.StartsWith("CS02d KA"));
        // The device now holds the certificates the SMKI issued: the Repository has them under its EUI-64.
        var device = ConformCommand.LastInProcess!.Device;
        var issued = SmkiPki.Open(fx.Pki).FindByEntityId(device.Identity.Eui64).Where(r => r.Kind == CertificateKind.Device && r.Label == "conform/enrol-ds").ToList();
        issued.Should().ContainSingle();
        device.Credentials.Certificate((TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80).Should().Equal(issued[0].Der);
    }

    [Fact]
    public async Task A_device_that_vanishes_mid_run_exits_2_with_one_line_and_the_report_of_the_rules_that_ran()
    {
        var json = fx.File("vanish.json");
        ConformCommand.InProcessVanishAfter = 25;
        try
        {
            var (code, _, error) = await fx.RunAsync("conform", "--device", "inproc:", "--type", "esme", "--pki", fx.Pki, "--report-json", json);
            code.Should().Be(ConformCommand.ExitUsage);
            error.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("error: ").And.Contain("gone");
            error.Should().NotContain("   at ");
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var rules = doc.RootElement.GetProperty("rules").EnumerateArray().ToList();
            rules.Count.Should().BeGreaterThan(2).And.BeLessThan(RuleCatalog.All.Count);
            rules[^1].GetProperty("id").GetString().Should().Be("LINK");
            doc.RootElement.GetProperty("aborted").GetString().Should().Contain("gone");
        }
        finally
        {
            ConformCommand.InProcessVanishAfter = null;
        }
    }

    [Fact]
    public async Task An_unreachable_device_and_usage_errors_exit_2_with_one_line()
    {
        var (code, _, error) = await fx.RunAsync("conform", "--device", "tcp://127.0.0.1:1", "--type", "esme", "--pki", fx.Pki);
        code.Should().Be(2);
        error.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("error: ");

        (code, _, error) = await fx.RunAsync("conform", "--type", "esme", "--pki", fx.Pki);
        code.Should().Be(2);
        error.Should().Contain("--device");

        (code, _, error) = await fx.RunAsync("conform", "--device", "inproc:", "--type", "esme", "--pki", fx.File("no-such-smki"));
        code.Should().Be(2);
        error.Should().Contain("no SMKI");

        (code, _, error) = await fx.RunAsync("conform", "--device", "inproc:", "--type", "esme", "--pki", fx.Pki, "--rules", "NO-SUCH-*");
        code.Should().Be(2);
        error.Should().Contain("NO-SUCH-*");
    }

    [Fact]
    public async Task List_names_at_least_40_rules_with_their_clauses()
    {
        var (code, output, _) = await fx.RunAsync("conform", "--list");
        code.Should().Be(0);
        RuleCatalog.All.Count.Should().BeGreaterThanOrEqualTo(40);
        foreach (var rule in RuleCatalog.All)
        {
            output.Should().Contain(rule.Id).And.Contain(rule.Clause);
        }

        RuleCatalog.Select("replay-*").Should().OnlyContain(r => r.Id.StartsWith("REPLAY-")).And.HaveCountGreaterThanOrEqualTo(5);
    }

    /// <summary>Faults put between conform and a sound device: the checker must notice each (exit 1, the rule named).</summary>
    public static TheoryData<string, string> LinkDefects => new()
    {
        { "unsigned-response", "RESPONSES-SIGNED" },
        { "no-alerts", "CS02A-NO-MAC" },
        { "wrong-alert-code", "REPLAY-EQUAL-COUNTER" },
        { "no-response", "ENROL" },
    };

    [Theory]
    [MemberData(nameof(LinkDefects))]
    public async Task A_faulty_device_fails_and_the_rule_it_breaks_is_named(string defect, string rule)
    {
        var json = fx.File($"defect-{defect}.json");
        var previous = ConformCommand.Connect;
        // Made (and its Device Certificates issued) before conform opens the SMKI, as a factory would.
        var device = InProcessDeviceLink.Create(SmkiPki.Open(fx.Pki), 1, "", Random.Shared.Next(1, 1 << 20));
        ConformCommand.Connect = (uri, ct) => Task.FromResult<IDeviceLink>(new FaultyLink(device, defect));
        try
        {
            var (code, output, _) = await fx.RunAsync("conform", "--device", "test:" + defect, "--type", "esme", "--pki", fx.Pki, "--report-json", json);
            code.Should().Be(ConformCommand.ExitFailed, output);
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var failed = doc.RootElement.GetProperty("rules").EnumerateArray().Where(r => r.GetProperty("verdict").GetString() == "fail").Select(r => r.GetProperty("id").GetString()).ToList();
            failed.Should().Contain(rule);
        }
        finally
        {
            ConformCommand.Connect = previous;
        }
    }

    /// <summary>A link that damages what a sound device says, as a faulty device would.</summary>
    private sealed class FaultyLink(IDeviceLink inner, string defect) : IDeviceLink
    {
        public DeviceHello Hello => inner.Hello;

        public async Task<DeviceExchange> ExchangeAsync(byte[] frame, TimeSpan timeout, CancellationToken ct = default)
        {
            var x = await inner.ExchangeAsync(frame, timeout, ct);
            return defect switch
            {
                "unsigned-response" when x.Response is { } r => x with { Response = FlipSignature(r) },
                "no-alerts" => x with { Alerts = [] },
                "wrong-alert-code" => x with { Alerts = x.Alerts.Select(SwapReplayAlert).ToList() },
                "no-response" => x with { Response = null },
                _ => x,
            };
        }

        public Task<DeviceHello> RestartAsync(TimeSpan timeout, CancellationToken ct = default) => inner.RestartAsync(timeout, ct);

        public ValueTask DisposeAsync() => inner.DisposeAsync();

        private static byte[] FlipSignature(byte[] frame)
        {
            var copy = (byte[])frame.Clone();
            var m = GbcsMessage.Parse(copy);
            copy[m.SignatureOffset + 10] ^= 0x01;
            return copy;
        }

        /// <summary>0x8F53 reported as 0x8F3D: the bytes of the alert code in the payload changed (the signature then fails too).</summary>
        private static byte[] SwapReplayAlert(byte[] frame)
        {
            var copy = (byte[])frame.Clone();
            for (var i = 0; i + 1 < copy.Length; i++)
            {
                if (copy[i] == 0x8F && copy[i + 1] == 0x53)
                {
                    copy[i + 1] = 0x3D;
                }
            }

            return copy;
        }
    }
}
