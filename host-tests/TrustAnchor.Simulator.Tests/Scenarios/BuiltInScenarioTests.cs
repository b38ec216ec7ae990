using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using TrustAnchor.HostCrypto;
using TrustAnchor.Simulator.Cli;
using TrustAnchor.Simulator.Hosting;
using TrustAnchor.Simulator.Scenarios;

namespace TrustAnchor.Simulator.Tests.Scenarios;

/// <summary>
/// Every built-in scenario, run in-process exactly as the command line runs it (one premises, real firmware devices,
/// a throwaway SMKI), with the JUnit and JSON reports checked. One runs its WAN over a loopback TCP socket.
/// </summary>
public sealed class BuiltInScenarioTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ta-sim-run-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Scenarios => new(ScenarioCatalog.BuiltInNames);

    private async Task<(int Code, string Output, XDocument JUnit, JsonDocument Json)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var junit = Path.Combine(_folder, "report.xml");
        var json = Path.Combine(_folder, "report.json");
        var code = await SimulatorCli.InvokeAsync(
            [.. args, "--report-junit", junit, "--report-json", json, "--progress", "lines", .. (args.Contains("--premises") ? Array.Empty<string>() : ["--premises", "1"])],
            new RunConsole(output, error, interactive: false));
        using var reader = XmlReader.Create(junit, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var document = XDocument.Load(reader);
        return (code, output + error.ToString(), document, JsonDocument.Parse(File.ReadAllBytes(json)));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Built_in_scenario_passes_with_a_well_formed_junit_report(string name)
    {
        var steps = new ScenarioCatalog().Resolve(name).Steps.Count;
        // A generous time-out: on a busy CI machine an answer may be slow, and these scenarios always get one.
        var (code, output, junit, json) = await RunAsync("run", name, "--response-timeout", "10");

        code.Should().Be(0, output);
        output.Should().Contain("PASSED");
        var suite = junit.Root!.Element("testsuite")!;
        suite.Attribute("name")!.Value.Should().Be(name);
        suite.Attribute("tests")!.Value.Should().Be(steps.ToString());
        suite.Attribute("failures")!.Value.Should().Be("0");
        suite.Attribute("errors")!.Value.Should().Be("0");
        suite.Elements("testcase").Should().HaveCount(steps);
        junit.Root.Attribute("tests")!.Value.Should().Be(steps.ToString());
        json.RootElement.GetProperty("passed").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("runs")[0].GetProperty("counters").GetProperty("deviceVerifies").GetInt64().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Install_and_commission_runs_over_a_real_loopback_tcp_wan()
    {
        var (code, output, junit, json) = await RunAsync("run", "install-commission", "--transport", "tcp", "--response-timeout", "10");
        code.Should().Be(0, output);
        output.Should().Contain("TCP WAN");
        junit.Root!.Element("testsuite")!.Attribute("failures")!.Value.Should().Be("0");
        var run = json.RootElement.GetProperty("runs")[0];
        run.GetProperty("transport").GetString().Should().Be("tcp loopback");
        run.GetProperty("wan").GetProperty("delivered").GetInt64().Should().BeGreaterThan(10);
    }

    [Fact]
    public async Task A_small_fleet_runs_in_parallel()
    {
        var (code, output, junit, json) = await RunAsync("run", "install-commission", "--premises", "3", "--parallel", "2", "--response-timeout", "10");
        code.Should().Be(0, output);
        var run = json.RootElement.GetProperty("runs")[0];
        run.GetProperty("premisesPassed").GetInt32().Should().Be(3);
        run.GetProperty("steps")[0].GetProperty("premisesPassed").GetInt32().Should().Be(3);
        junit.Root!.Element("testsuite")!.Attribute("failures")!.Value.Should().Be("0");
    }

    [Theory]
    [InlineData("install-commission")]
    [InlineData("wrong-signer")]
    public async Task A_fleet_shares_the_firmware_crypto_across_cores_and_every_premises_still_checks_for_itself(string scenario)
    {
        // Twelve premises six at a time: device crypto runs on several P-256 contexts at once, and every
        // premises must still accept (or refuse) exactly as a single one does.
        var (code, output, junit, json) = await RunAsync("run", scenario, "--premises", "12", "--parallel", "6", "--response-timeout", "10");
        code.Should().Be(0, output);
        var run = json.RootElement.GetProperty("runs")[0];
        run.GetProperty("premisesPassed").GetInt32().Should().Be(12);
        junit.Root!.Element("testsuite")!.Attribute("failures")!.Value.Should().Be("0");
    }

    [Fact]
    public async Task Every_virtual_device_owns_its_P256_context_and_the_host_shares_its_tables()
    {
        // The host's tables (one per host, from the options) serve every device's own context: after a fleet
        // of six premises they hold the signer keys and the ACB peer, built once each, not once per device.
        var settings = new Dictionary<string, string?>
        {
            ["Simulator:Premises"] = "6",
            ["Simulator:Parallel"] = "3",
            ["Simulator:Progress"] = "lines",
            ["Simulator:RunFolder"] = Path.Combine(_folder, "shared-tables"),
        };
        using var host = SimulatorHost.Build(settings, new RunConsole(new StringWriter(), new StringWriter(), interactive: false));
        var tables = host.Services.GetRequiredService<HostP256Tables>();
        tables.CachedKeys.Should().Be(8);
        tables.PeerTables.Should().Be(2);
        tables.WideKeyTables.Should().BeTrue();

        var catalog = host.Services.GetRequiredService<ScenarioCatalog>();
        var report = await host.Services.GetRequiredService<ScenarioRunner>().RunAsync(catalog.Resolve("install-commission"));

        report.Passed.Should().BeTrue(string.Join("; ", report.Errors));
        tables.KeyTablesBuilt.Should().BeInRange(1, 16, "a handful of signer keys, each built about once for 24 devices");
        tables.PeerTablesBuilt.Should().BeInRange(1, 4, "the Access Control Broker's table, built about once for the fleet");
    }

    [Fact]
    public async Task A_failed_expectation_fails_the_run_and_the_junit_counts_it()
    {
        var file = Path.Combine(_folder, "wrong.json");
        File.WriteAllText(file, """
        { "name": "expects-the-wrong-pack", "meters": ["esme"], "steps": [
            { "action": "pre-notify" },
            { "action": "install-hub", "expect": { "pack": "mp261" } },
            { "action": "whitelist" }
        ] }
        """);
        var (code, output, junit, json) = await RunAsync("run", "--scenario-file", file);
        code.Should().Be(SimulationCommand.ExitFailed, output);
        output.Should().Contain("FAILED").And.Contain("DCC-MP261-2024");
        var suite = junit.Root!.Element("testsuite")!;
        suite.Attribute("tests")!.Value.Should().Be("3");
        suite.Attribute("failures")!.Value.Should().Be("1");
        suite.Elements("testcase").Single(t => t.Element("failure") is not null).Attribute("name")!.Value.Should().Be("02 install-hub");
        json.RootElement.GetProperty("passed").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task The_dcc_retries_through_a_lossy_wan()
    {
        var file = Path.Combine(_folder, "lossy.json");
        File.WriteAllText(file, """
        { "name": "lossy", "meters": ["esme"], "wan": { "lossRate": 0.25 }, "steps": [
            { "action": "pre-notify" },
            { "action": "install-hub", "expect": { "outcome": "accepted" } },
            { "action": "verify-credentials", "devices": ["chf"], "expect": { "outcome": "accepted" } }
        ] }
        """);
        var (code, output, _, json) = await RunAsync("run", "--scenario-file", file, "--response-timeout", "0.3", "--seed", "11");
        var run = json.RootElement.GetProperty("runs")[0];
        run.GetProperty("wan").GetProperty("lost").GetInt64().Should().BeGreaterThan(0, "this seed loses frames");
        run.GetProperty("counters").GetProperty("commands").GetInt64().Should().BeGreaterThan(2, "the DCC retried what was lost");
        code.Should().Be(0, output);
    }

    [Fact]
    public async Task Install_and_commission_survives_a_lossy_han_by_retrying_and_reconciling()
    {
        var file = Path.Combine(_folder, "lossy-han.json");
        File.WriteAllText(file, """
        { "name": "lossy-han", "han": { "lossRate": 0.2 }, "steps": [ { "action": "include", "scenario": "install-commission" } ] }
        """);
        var (code, output, _, json) = await RunAsync("run", "--scenario-file", file, "--response-timeout", "0.3", "--seed", "3");
        var run = json.RootElement.GetProperty("runs")[0];
        run.GetProperty("han").GetProperty("lost").GetInt64().Should().BeGreaterThan(0, "this seed loses frames on the HAN");
        run.GetProperty("counters").GetProperty("commands").GetInt64().Should().BeGreaterThan(10, "the DCC sent commands again");
        code.Should().Be(0, output);
    }

    [Fact]
    public async Task A_wrong_install_code_keeps_a_meter_off_the_han()
    {
        var file = Path.Combine(_folder, "join.json");
        File.WriteAllText(file, """
        { "name": "wrong-install-code", "negative": true, "meters": ["gsme"], "steps": [
            { "action": "pre-notify" },
            { "action": "install-hub" },
            { "action": "whitelist" },
            { "action": "join", "installCode": "wrong", "expect": { "outcome": "not-joined" } },
            { "action": "join", "expect": { "outcome": "joined" } },
            { "action": "leave" },
            { "action": "verify-credentials", "devices": ["gsme"], "expect": { "outcome": "no-response" } }
        ] }
        """);
        var (code, output, _, json) = await RunAsync("run", "--scenario-file", file, "--response-timeout", "1.5");
        code.Should().Be(0, output);
        output.Should().Contain("wrong-link-key");
        json.RootElement.GetProperty("runs")[0].GetProperty("counters").GetProperty("commands").GetInt64().Should().Be(1 + 1 + 1 + 2, "CS02a to the hub, one CCS01, then the CS02a to the GSME the DCC retried twice");
    }

    [Fact]
    public async Task A_revoked_issuing_oca_on_the_arl_stops_every_command_with_the_reason_in_the_report()
    {
        var file = Path.Combine(_folder, "arl.json");
        File.WriteAllText(file, """
        { "name": "issuing-oca-revoked", "meters": ["esme"], "steps": [
            { "action": "include", "scenario": "install-commission" },
            { "action": "revoke-certificate", "party": "issuingOca" },
            { "action": "verify-credentials", "devices": ["chf", "esme"], "expect": { "outcome": "not-sent" } },
            { "action": "replace-credentials", "mode": "anyExceptAbnormalRootByRecovery", "signer": "recovery", "newParty": "supplier2", "cells": ["supplier"], "devices": ["esme"], "expect": { "outcome": "not-sent" } }
        ] }
        """);
        var (code, output, junit, _) = await RunAsync("run", "--scenario-file", file, "--response-timeout", "10");
        code.Should().Be(0, output);
        output.Should().Contain("ARL #1").And.Contain("cannot be relied on");
        junit.Root!.Element("testsuite")!.Attribute("failures")!.Value.Should().Be("0");
    }

    [Theory]
    [InlineData("missing", "0x8F30")]
    [InlineData("wrong", "0x8F3D")]
    public async Task A_contingency_that_expects_acceptance_without_the_right_key_fails_the_run(string key, string alert)
    {
        // The negative steps of the contingency scenario can fail: the same command expected to work does not.
        var file = Path.Combine(_folder, "contingency-" + key + ".json");
        File.WriteAllText(file, $$"""
        { "name": "contingency-{{key}}", "meters": ["esme"], "steps": [
            { "action": "include", "scenario": "install-commission" },
            { "action": "replace-credentials", "mode": "anyByContingency", "signer": "recovery", "newParty": "successors", "contingencyKey": "{{key}}", "devices": ["esme"], "expect": { "outcome": "accepted" } }
        ] }
        """);
        var (code, output, junit, _) = await RunAsync("run", "--scenario-file", file, "--response-timeout", "10");
        code.Should().Be(SimulationCommand.ExitFailed, output);
        output.Should().Contain(alert);
        junit.Root!.Element("testsuite")!.Attribute("failures")!.Value.Should().Be("1");
    }

    [Fact]
    public async Task A_re_keyed_device_refuses_a_mac_for_its_old_ka_key_and_cs02d_needs_a_cs02c_first()
    {
        var file = Path.Combine(_folder, "rekey.json");
        File.WriteAllText(file, """
        { "name": "rekey-esme", "meters": ["esme"], "steps": [
            { "action": "include", "scenario": "install-commission" },
            { "action": "update-device-certificate", "name": "cs02d-before-cs02c", "devices": ["esme"] },
            { "action": "issue-device-credentials", "keyUsage": "ka", "devices": ["esme"], "expect": { "outcome": "accepted" } },
            { "action": "update-device-certificate", "keyUsage": "ka", "devices": ["esme"], "expect": { "outcome": "accepted" } },
            { "action": "verify-credentials", "deviceKey": "retired", "devices": ["esme"], "expect": { "outcome": "accepted" } }
        ] }
        """);
        var (code, output, junit, _) = await RunAsync("run", "--scenario-file", file, "--response-timeout", "10");
        code.Should().Be(SimulationCommand.ExitFailed, output);
        var failed = junit.Root!.Element("testsuite")!.Elements("testcase").Where(t => t.Element("failure") is not null).Select(t => t.Attribute("name")!.Value).ToList();
        failed.Should().BeEquivalentTo(["10 cs02d-before-cs02c", "13 verify-credentials"]);
        output.Should().Contain("0x8F3D").And.Contain("issue-device-credentials first");
    }

    [Fact]
    public async Task Ccs01_goes_over_the_wan_and_a_wrong_party_a_bad_install_code_or_a_replay_changes_no_device_log()
    {
        var file = Path.Combine(_folder, "ccs01.json");
        File.WriteAllText(file, """
        { "name": "ccs01", "meters": ["esme", "ppmid"], "steps": [
            { "action": "pre-notify" },
            { "action": "install-hub" },
            { "action": "whitelist", "name": "from-recovery", "signer": "recovery", "expect": { "outcome": "refused", "alerts": ["0x8F30"], "stateUnchanged": true } },
            { "action": "join", "name": "not-whitelisted", "expect": { "outcome": "not-joined" } },
            { "action": "whitelist", "name": "bad-install-code", "installCode": "wrong", "expect": { "outcome": "refused", "stateUnchanged": true } },
            { "action": "whitelist", "expect": { "outcome": "accepted" } },
            { "action": "replay-last", "expect": { "outcome": "refused", "alerts": ["0x8F53"], "stateUnchanged": true } },
            { "action": "join", "expect": { "outcome": "joined" } },
            { "action": "join-devices", "name": "join-from-recovery", "signer": "recovery", "expect": { "outcome": "refused", "alerts": ["0x8F30"], "stateUnchanged": true } },
            { "action": "join-devices", "expect": { "outcome": "accepted" } },
            { "action": "replay-last", "name": "join-replayed", "expect": { "outcome": "refused", "alerts": ["0x8F53"] } },
            { "action": "join-devices", "name": "method-b", "method": "b", "expect": { "outcome": "accepted" } },
            { "action": "commission", "expect": { "outcome": "accepted", "alerts": ["0x8F69"] } }
        ] }
        """);
        var (code, output, junit, json) = await RunAsync("run", "--scenario-file", file, "--response-timeout", "10");
        code.Should().Be(0, output);
        output.Should().Contain("not-whitelisted").And.Contain("CCS01 over the WAN").And.Contain("CS03A2 PPMID").And.Contain("ECS70 set the ESME clock");
        junit.Root!.Element("testsuite")!.Attribute("failures")!.Value.Should().Be("0");
        // 1 CS02a, then CCS01 x2 three times and twice again, CS03 x2 three times and again, CS03B once, ECS70 once.
        json.RootElement.GetProperty("runs")[0].GetProperty("counters").GetProperty("commands").GetInt64().Should().Be(1 + 2 * 3 + 2 + 2 * 2 + 2 + 1 + 1);
    }
}
