using TrustAnchor.Firmware.Certificates;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Smki;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Firmware.Tests.Device;

/// <summary>
/// The handlers on their own: given a state snapshot, the clock, the verifier and a frame, they return a
/// <see cref="CommandDecision"/> and change nothing: not the state object they were given, not the store, not
/// the device's credentials or join table. The <see cref="TestDevice"/> here only provides the store, the device's
/// keys and the frames; its <see cref="GbcsDevice"/> is never called.
/// </summary>
public sealed class CommandDecisionTests
{
    private static DeviceTestPki Pki => DeviceTestPki.Shared;

    private static TestParty Supplier => Pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);

    private static TestParty NetworkOperator => Pki.Pack((int)FwRole.NetworkOperator, SmkiKeyUsage.DigitalSignature);

    private static readonly ModeCase Mode2 = Cs02bModeTable.Cases[2];

    /// <summary>A handler's collaborators, built as GbcsDevice builds them, from a test device's parts.</summary>
    private sealed class Parts
    {
        public Parts(DeviceType deviceType)
        {
            Dev = new TestDevice(deviceType);
            Profile = DeviceProfile.For(deviceType);
            Verifier = new CommandVerifier(Dev.Credentials, ManagedSymmetricCrypto.Instance, new P256Context());
            Prologue = new CommandPrologue(Verifier, Profile);
            State = Dev.Store.Current;
            Before = State.Clone();
            Flash = Dev.Snapshot();
        }

        public TestDevice Dev { get; }

        public DeviceProfile Profile { get; }

        public CommandVerifier Verifier { get; }

        public CommandPrologue Prologue { get; }

        /// <summary>The snapshot given to the handler, and a copy of it taken before.</summary>
        public TrustAnchorState State { get; }

        public TrustAnchorState Before { get; }

        public byte[] Flash { get; }

        public UpdateSecurityCredentialsHandler Cs02b() =>
            new(Prologue, Verifier, Profile, Dev.Credentials, Dev.Clock);

        public CredentialsHandler Credentials() =>
            new(Prologue, new DeviceIdentity(Dev.Eui, (DeviceType)Dev.DeviceType), Profile, Dev.Credentials, new SeededEntropy(7), ManagedSymmetricCrypto.Instance);

        public InstallCommissionHandler Install() => new(Prologue, (DeviceType)Dev.DeviceType);

        public GbcsMessage Parse(byte[] frame) => GbcsMessage.Parse(frame);

        /// <summary>The input state object and the store are exactly as before the handler ran.</summary>
        public void AssertUntouched()
        {
            State.ContentEquals(Before).Should().BeTrue("a handler never changes the snapshot it is given");
            Dev.Store.Current.Should().BeSameAs(State, "a handler never commits");
            Dev.Snapshot().Should().Equal(Flash);
        }
    }

    [Fact]
    public void Cs02a_decision_takes_the_counter_on_a_clone_and_reports_from_it()
    {
        var p = new Parts(DeviceType.Esme);
        var payload = new ProvideSecurityCredentialsDetails(Cs02bModeTable.Cell(FwRole.NetworkOperator, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80), [FwRole.Supplier, FwRole.NetworkOperator]).Encode();
        var frame = p.Dev.Command(GbcsMessageCodes.ProvideSecurityCredentialsDetails, payload, 101, NetworkOperator.EntityId, NetworkOperator.Key, mac: true);

        var decision = p.Credentials().HandleDetails(p.Parse(frame), p.State);

        p.AssertUntouched();
        decision.Next.Should().NotBeNull().And.NotBeSameAs(p.State);
        decision.Next.GetSequenceNumber(FwRole.NetworkOperator).Should().Be(101);
        p.State.GetSequenceNumber(FwRole.NetworkOperator).Should().Be(TestDevice.InitialSequenceNumber);
        decision.Record.Accepted.Should().BeTrue();
        decision.Record.StateChanged.Should().BeTrue();
        decision.Record.AlertCode.Should().Be(0);
        var parties = ProvideSecurityCredentialsDetailsResponse.Parse(decision.ResponsePayload, 0, decision.ResponsePayload.Length).Parties;
        parties.Select(x => x.CurrentSeqNumber).Should().Equal(TestDevice.InitialSequenceNumber, 101UL);
        decision.Pending.Should().BeNull();
        decision.KeyPair.Should().BeNull();
        p.Verifier.SignatureVerifications.Should().Be(1, "the frame's signature, checked once");
    }

    [Fact]
    public void Cs02b_decision_carries_the_replaced_cells_and_leaves_the_snapshot_alone()
    {
        var p = new Parts((DeviceType)Mode2.DeviceType);
        var frame = Cs02bModeTable.Frame(p.Dev, Mode2, Supplier, 101, Cs02bModeTable.Replacements(Mode2, Pki));
        var ds = Cs02bModeTable.Cell(FwRole.Supplier, TrustAnchorCellIdentifier.KeyUsageDigitalSignature);
        var oldKey = p.State.FindCell(ds)!.PublicKey.ToArray();

        var decision = p.Cs02b().Handle(p.Parse(frame), p.State);

        p.AssertUntouched();
        p.State.FindCell(ds)!.PublicKey.Should().Equal(oldKey);
        decision.Next.FindCell(ds)!.PublicKey.Should().Equal(Certificate.Parse(Pki.New((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature).CertificateDer).PublicKey);
        decision.Next.GetSequenceNumber(FwRole.Supplier).Should().Be(101);
        decision.Record.Accepted.Should().BeTrue();
        decision.Record.CellStatuses.Should().HaveCount(Mode2.Targets.Length).And.OnlyContain(s => s == ReplacementStatus.Success);
        decision.Pending.Should().BeNull();
        new UpdateSecurityCredentialsResponse(ExecutionOutcomeOf(decision)).Encode().Should().Equal(decision.ResponsePayload);
    }

    [Fact]
    public void Future_dated_cs02b_decision_commits_only_the_counter_and_carries_the_execution()
    {
        var p = new Parts((DeviceType)Mode2.DeviceType);
        var at = DeviceTestPki.DeviceTime.AddHours(2);
        var frame = Cs02bModeTable.Frame(p.Dev, Mode2, Supplier, 101, Cs02bModeTable.Replacements(Mode2, Pki), executeAt: at);

        var decision = p.Cs02b().Handle(p.Parse(frame), p.State);

        p.AssertUntouched();
        var expected = p.Before.Clone();
        expected.SetSequenceNumber(FwRole.Supplier, 101);
        decision.Next.ContentEquals(expected).Should().BeTrue("only the authoriser's counter is taken now");
        decision.Pending.Should().NotBeNull();
        decision.Pending.ExecuteAt.Should().Be(at);
        decision.Pending.Counter.Should().Be(101UL);
        decision.ResponsePayload.Should().Equal(UpdateSecurityCredentialsResponse.EncodeFutureDated());

        // At its time, the execution is decided against the state then current, which it does not change either.
        var later = decision.Next;
        var laterCopy = later.Clone();
        var evaluation = p.Cs02b().Execute(decision.Pending, later);
        evaluation.Succeeded.Should().BeTrue(evaluation.Reason);
        later.ContentEquals(laterCopy).Should().BeTrue();
        evaluation.Next.Should().NotBeSameAs(later);
    }

    [Fact]
    public void Replayed_cs02b_is_a_rejection_at_anti_replay_not_a_decision()
    {
        var p = new Parts((DeviceType)Mode2.DeviceType);
        var frame = Cs02bModeTable.Frame(p.Dev, Mode2, Supplier, TestDevice.InitialSequenceNumber, Cs02bModeTable.Replacements(Mode2, Pki));

        var act = () => p.Cs02b().Handle(p.Parse(frame), p.State);

        var rejection = act.Should().Throw<CommandRejection>().Which;
        rejection.Step.Should().Be(ProcessingStep.AntiReplay);
        rejection.AlertCode.Should().Be(GbcsAlertCodes.AuthenticationFailure);
        p.AssertUntouched();
        p.Verifier.SignatureVerifications.Should().Be(0, "the counter is checked before the signature");
    }

    [Fact]
    public void Prologue_checks_the_mac_before_reading_the_payload()
    {
        var p = new Parts(DeviceType.Esme);
        // Not a CS02a payload, and MAC'd with a key that is not the ACB's: the MAC (step 3) fails first, with 0x8F3D.
        var frame = p.Dev.Command(GbcsMessageCodes.ProvideSecurityCredentialsDetails, [0x30, 0x03, 0x02, 0x01], 101, NetworkOperator.EntityId,
            NetworkOperator.Key, mac: true, macBy: NetworkOperator.Key);

        var act = () => p.Credentials().HandleDetails(p.Parse(frame), p.State);

        var rejection = act.Should().Throw<CommandRejection>().Which;
        rejection.Step.Should().Be(ProcessingStep.Mac);
        rejection.AlertCode.Should().Be(GbcsAlertCodes.TrustedSourceAuthenticationFailure);

        // With the right MAC the same payload is malformed (step 4): silence, no alert code.
        var good = p.Dev.Command(GbcsMessageCodes.ProvideSecurityCredentialsDetails, [0x30, 0x03, 0x02, 0x01], 101, NetworkOperator.EntityId, NetworkOperator.Key, mac: true);
        act = () => p.Credentials().HandleDetails(p.Parse(good), p.State);
        rejection = act.Should().Throw<CommandRejection>().Which;
        rejection.Step.Should().Be(ProcessingStep.Payload);
        rejection.AlertCode.Should().Be(0);
        p.AssertUntouched();
    }

    [Fact]
    public void Refused_cs02d_decision_answers_and_commits_nothing()
    {
        var p = new Parts(DeviceType.Esme);
        // An Organisation Certificate is no Device Certificate: result 1, answered (the sender is authenticated), nothing committed.
        var payload = new UpdateDeviceCertificate(Supplier.CertificateDer).Encode();
        var frame = p.Dev.Command(GbcsMessageCodes.UpdateDeviceCertificates, payload, 101, Supplier.EntityId, Supplier.Key, mac: true);
        var version = p.Dev.Credentials.Version;

        var decision = p.Credentials().HandleUpdateDeviceCertificates(p.Parse(frame), p.State);

        p.AssertUntouched();
        decision.Next.Should().BeNull();
        decision.Record.Accepted.Should().BeFalse();
        decision.Record.Step.Should().Be(ProcessingStep.Validation);
        decision.Record.StateChanged.Should().BeFalse();
        decision.ResponsePayload.Should().Equal(new UpdateDeviceCertificateResponse(UpdateDeviceCertificateResult.BadCertificate).Encode());
        decision.DeviceCertificate.Should().BeNull();
        p.Dev.Credentials.Version.Should().Be(version);
    }

    [Fact]
    public void Cs02c_decision_carries_the_new_key_pair_which_only_the_device_keeps()
    {
        var p = new Parts(DeviceType.Esme);
        var payload = new IssueSecurityCredentials(DeviceCredentials.KeyAgreement).Encode();
        var frame = p.Dev.Command(GbcsMessageCodes.IssueSecurityCredentials, payload, 101, Supplier.EntityId, Supplier.Key, mac: true);

        var decision = p.Credentials().HandleIssue(p.Parse(frame), p.State);

        p.AssertUntouched();
        decision.KeyUsage.Should().Be(DeviceCredentials.KeyAgreement);
        decision.KeyPair.Should().NotBeNull();
        p.Dev.Credentials.Pending(DeviceCredentials.KeyAgreement).Should().BeNull("the handler does not install it; the device does, after the commit");
        decision.Next.GetSequenceNumber(FwRole.Supplier).Should().Be(101);
    }

    [Fact]
    public void Join_decision_carries_the_row_and_a_full_table_is_refused()
    {
        var p = new Parts(DeviceType.Esme);
        byte[] other = [0x70, 0xB3, 0xD5, 0x00, 0x00, 0x00, 0x01, 0x20, (byte)DeviceType.Ppmid];
        var frame = p.Dev.Command(InstallMessageCodes.MethodAJoinMeter, other, 101, Supplier.EntityId, Supplier.Key, mac: true);
        var joins = new JoinTable();

        var decision = p.Install().Handle(p.Parse(frame), p.State, null!, joins);

        p.AssertUntouched();
        joins.Count.Should().Be(0, "the device writes the row once the counter is committed");
        decision.JoinRow.Should().Equal(other);
        decision.ResponsePayload.Should().Equal(InstallCommandStatus.Success);

        for (byte i = 0; i < JoinTable.Size; i++)
        {
            joins.Write([0x11, 0, 0, 0, 0, 0, 0, i, (byte)DeviceType.Ppmid]);
        }

        var refused = p.Install().Handle(p.Parse(frame), p.State, null!, joins);
        refused.Next.Should().BeNull();
        refused.ResponsePayload.Should().Equal((byte)InstallCommandStatus.JoinTableFull);
        refused.JoinRow.Should().BeNull();
        p.AssertUntouched();
    }

    private static ExecutionOutcome ExecutionOutcomeOf(CommandDecision decision) =>
        UpdateSecurityCredentialsResponse.Parse(decision.ResponsePayload, 0, decision.ResponsePayload.Length).Outcome;
}
