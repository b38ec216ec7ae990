using System.Security.Cryptography;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Devices;
using TrustAnchor.Simulator.Expectations;
using TrustAnchor.Simulator.Premises;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Simulator.Steps;

namespace TrustAnchor.Simulator.Tests.Steps;

/// <summary>
/// The pieces PremisesRun used to hold, now testable on their own: the judge given an outcome, the report's words,
/// the DCC reading an answer, the EUI-64 rule and which party a device takes commands from.
/// </summary>
public sealed class ExpectationJudgeTests : IDisposable
{
    private readonly DeviceRecord _esme = Record("esme");

    public void Dispose() => _esme.Dispose();

    private static DeviceRecord Record(string kind)
    {
        using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var agreement = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        static byte[] Point(ECParameters p) => [0x04, .. p.Q.X!, .. p.Q.Y!];
        return new DeviceRecord(kind, [0x70, 0xB3, 0xD5, 0x00, 0x00, 0x00, 0x01, 0x20], VirtualFactory.DeviceTypeOf(kind), null,
            Point(signing.ExportParameters(false)), Point(agreement.ExportParameters(false)), "DCC-2016");
    }

    private static ScenarioStep Expecting(string? outcome = null, List<string>? alerts = null, bool? unchanged = null, string? pack = null) =>
        new() { Action = StepAction.VerifyCredentials, Expect = new StepExpectation { Outcome = outcome, Alerts = alerts, StateUnchanged = unchanged, Pack = pack } };

    [Fact]
    public void An_outcome_other_than_the_expected_one_is_a_failure_per_device()
    {
        var failures = new List<string>();
        ExpectationJudge.Outcomes(Expecting("refused"), [("ESME", "accepted"), ("GSME", "REFUSED"), ("PPMID", "no-response")], failures);
        failures.Should().Equal("ESME: outcome refused, got accepted", "PPMID: outcome refused, got no-response");
    }

    [Fact]
    public void No_expected_outcome_checks_nothing()
    {
        var failures = new List<string>();
        ExpectationJudge.Outcomes(Expecting(), [("ESME", "no-response")], failures);
        failures.Should().BeEmpty();
    }

    [Fact]
    public void A_missing_alert_names_it_and_what_was_raised()
    {
        var failures = new List<string>();
        ExpectationJudge.Alerts(Expecting(alerts: ["0x8F30", "0x8F67"]), _esme, [AlertCodes.CredentialsUpdateFailed, AlertCodes.UnusualCommands], failures);
        failures.Should().Equal("ESME raises 0x8F30 (source lacks authority), got 0x8F67, 0x8F60");

        failures.Clear();
        ExpectationJudge.Alerts(Expecting(alerts: ["0x8F69"]), _esme, [], failures);
        failures.Should().Equal("ESME raises 0x8F69 (device commissioned), got none");
    }

    [Fact]
    public void A_store_that_must_stay_untouched_is_compared_byte_for_byte()
    {
        var failures = new List<string>();
        ExpectationJudge.StoreUntouched(Expecting(unchanged: true), "ESME", [1, 2, 3], [1, 2, 3], failures);
        failures.Should().BeEmpty();
        ExpectationJudge.StoreUntouched(Expecting(unchanged: true), "ESME", [1, 2, 3], [1, 2, 4], failures);
        failures.Should().Equal("ESME's store is untouched, but its flash changed");
        ExpectationJudge.StoreUntouched(Expecting(), "GSME", [1], [2], failures);
        failures.Should().HaveCount(1, "without state-unchanged the flash may change");
    }

    [Fact]
    public void The_recognised_pack_must_be_the_expected_one()
    {
        var failures = new List<string>();
        ExpectationJudge.Pack(Expecting(pack: ScenarioPacks.Mp261), "DCC-MP261-2024", failures);
        failures.Should().BeEmpty();
        ExpectationJudge.Pack(Expecting(pack: ScenarioPacks.Mp261), "DCC-2016", failures);
        ExpectationJudge.Pack(Expecting(pack: ScenarioPacks.Original2016), null, failures);
        failures.Should().Equal("the DCC recognises pack DCC-MP261-2024, got DCC-2016", "the DCC recognises pack DCC-2016, got none");
    }

    [Fact]
    public void The_dcc_reads_silence_as_no_response_and_alerts_without_a_response_as_refused()
    {
        var failures = new List<string>();
        var silent = ResponseReader.Read(_esme, new DeviceAnswer(_esme.EuiHex, 5), [], failures);
        silent.Outcome.Should().Be("no-response");
        StepText.Summarise(silent).Should().Be("no answer");

        var alerted = ResponseReader.Read(_esme, new DeviceAnswer(_esme.EuiHex, 6), [AlertCodes.SourceLacksAuthority], failures);
        alerted.Outcome.Should().Be("refused");
        StepText.Summarise(alerted).Should().Be("refused with alert 0x8F30 (source lacks authority)");
        failures.Should().BeEmpty("nothing came back to check");
    }

    [Fact]
    public void Report_words_for_not_sent_and_results()
    {
        var notSent = new CommandOutcome(_esme, new DeviceAnswer(_esme.EuiHex, 0), "not-sent", [], null, null) { NotSentReason = "revoked" };
        StepText.Summarise(notSent).Should().Be("not sent by the DCC (revoked)");
        StepText.NotSent([("ESME", "a"), ("GSME", "b"), ("PPMID", "a")]).Should().Be("ESME, PPMID: a; GSME: b");
        StepText.UpdateDeviceCertificateResult((TrustAnchor.Firmware.Gbcs.UpdateDeviceCertificateResult)4).Should().Be("4 public key mismatch");
        StepText.UpdateDeviceCertificateResult((TrustAnchor.Firmware.Gbcs.UpdateDeviceCertificateResult)42).Should().Be("42");
        StepText.KeyUsage(DccCommands.KeyUsageKa).Should().Be("KA");
    }

    [Fact]
    public void Device_euis_carry_the_premises_number_and_slot()
    {
        DeviceEui.For(0x012345, DeviceKinds.CommsHub, 0).Should().Equal(0x70, 0xB3, 0xD5, 0x00, 0x01, 0x23, 0x45, 0x11);
        DeviceEui.For(7, DeviceKinds.Esme, 1).Should().Equal(0x70, 0xB3, 0xD5, 0x00, 0x00, 0x00, 0x07, 0x20);
    }

    [Fact]
    public void A_meter_takes_commands_from_its_supplier_and_the_hub_from_the_wan_provider()
    {
        using var hub = Record(DeviceKinds.CommsHub);
        using var gsme = Record(DeviceKinds.Gsme);
        CommandParties.RequesterRole(_esme).Should().Be(CommandParties.RequesterRole(gsme));
        CommandParties.RequesterRole(hub).Should().NotBe(CommandParties.RequesterRole(_esme));
        PackCells.PartyName(CommandParties.RequesterRole(hub)).Should().Be(PartyNames.WanProvider);
        PackCells.PartyName(CommandParties.RequesterRole(_esme)).Should().Be(PartyNames.PackSupplier);
    }
}
