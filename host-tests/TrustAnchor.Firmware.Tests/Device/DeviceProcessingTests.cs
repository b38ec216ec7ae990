using System.Formats.Asn1;
using System.Security.Cryptography;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Smki;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Firmware.Tests.Device;

/// <summary>Processing rules beyond the mode table: addressing, check order, floors, contingency, MP261, CS02a.</summary>
public class DeviceProcessingTests
{
    private static readonly DeviceTestPki Pki = DeviceTestPki.Shared;
    private static ModeCase Mode(int mode) => Cs02bModeTable.Cases[mode];

    [Fact]
    public void FrameForAnotherDeviceIsIgnoredThereAndAcceptedByItsTarget()
    {
        var target = new TestDevice(DeviceType.Esme, [1, 2, 3, 4, 5, 6, 7, 8]);
        var other = new TestDevice(DeviceType.Esme, [1, 2, 3, 4, 5, 6, 7, 9]);
        var c = Mode(2);
        var supplier = Pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);
        var frame = Cs02bModeTable.Frame(target, c, supplier, 101, Cs02bModeTable.Replacements(c, Pki));

        var before = other.Snapshot();
        var ignored = other.Process(frame);
        ignored.Response.Should().BeEmpty();
        ignored.Alerts.Should().BeEmpty();
        other.Device.LastDecision.Step.Should().Be(ProcessingStep.Addressing);
        other.Snapshot().Should().Equal(before);

        target.Process(frame).Alerts.Should().BeEmpty();
        target.Device.LastDecision.Accepted.Should().BeTrue();
    }

    [Fact]
    public void FirstFailingCheckDecidesTheAlert()
    {
        var dev = new TestDevice(DeviceType.Esme);
        var c = Mode(2);
        var supplier = Pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);
        var wrongCell = new[] { (c.WrongCell.Certificate(Pki), c.WrongCell.Cell) };
        var before = dev.Snapshot();
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        // Bad MAC beats forbidden cell, stale counter and bad signature.
        var payload = Cs02bModeTable.Payload(c, Cs02bModeTable.Cell(FwRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80), 5, wrongCell);
        var frame = dev.Command(c.MessageCode, payload, 5, supplier.EntityId, stranger, mac: true, macBy: stranger);
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(frame), before, GbcsAlertCodes.TrustedSourceAuthenticationFailure, ProcessingStep.Mac);

        // Forbidden cell beats stale counter and bad signature.
        frame = dev.Command(c.MessageCode, payload, 5, supplier.EntityId, stranger, mac: true);
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(frame), before, GbcsAlertCodes.SourceLacksAuthority, ProcessingStep.Authority);

        // Stale counter beats bad signature.
        payload = Cs02bModeTable.Payload(c, Cs02bModeTable.Cell(FwRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80), 5, Cs02bModeTable.Replacements(c, Pki));
        frame = dev.Command(c.MessageCode, payload, 5, supplier.EntityId, stranger, mac: true);
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(frame), before, GbcsAlertCodes.AuthenticationFailure, ProcessingStep.AntiReplay);
    }

    [Fact]
    public void KnownPartyWithoutAuthorityAndUnknownSenderGetDifferentAlerts()
    {
        var dev = new TestDevice(DeviceType.Esme);
        var c = Mode(2);
        var no = Pki.Pack((int)FwRole.NetworkOperator, SmkiKeyUsage.DigitalSignature);
        var before = dev.Snapshot();
        var payload = Cs02bModeTable.Payload(c, Cs02bModeTable.Cell(FwRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80), 101, Cs02bModeTable.Replacements(c, Pki));

        // The Network Operator is known but may not run supplierBySupplier.
        var frame = dev.Command(c.MessageCode, payload, 101, no.EntityId, no.Key, mac: true);
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(frame), before, GbcsAlertCodes.SourceLacksAuthority, ProcessingStep.Authority);

        // A stranger's EUI-64 is nobody the device knows.
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        frame = dev.Command(c.MessageCode, payload, 101, [9, 9, 9, 9, 9, 9, 9, 9], stranger, mac: true);
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(frame), before, GbcsAlertCodes.TrustedSourceAuthenticationFailure, ProcessingStep.Authority);

        // The authorising cell must be the mode's: naming the NO cell in a supplier mode is refused too.
        payload = Cs02bModeTable.Payload(c, Cs02bModeTable.Cell(FwRole.NetworkOperator, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80), 101, Cs02bModeTable.Replacements(c, Pki));
        frame = dev.Command(c.MessageCode, payload, 101, no.EntityId, no.Key, mac: true);
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(frame), before, GbcsAlertCodes.SourceLacksAuthority, ProcessingStep.Authority);
    }

    [Fact]
    public void SignatureOnlyModesRefuseAMacHeaderAndMacModesRequireOne()
    {
        var dev = new TestDevice(DeviceType.Esme);
        var before = dev.Snapshot();
        var recovery = Pki.Pack((int)FwRole.Recovery, SmkiKeyUsage.DigitalSignature);
        var c8 = Mode(8);
        var payload = Cs02bModeTable.Payload(c8, Cs02bModeTable.Cell(FwRole.Recovery, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80), 101, Cs02bModeTable.Replacements(c8, Pki));
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(dev.Command(c8.MessageCode, payload, 101, recovery.EntityId, recovery.Key, mac: true)),
            before, GbcsAlertCodes.AuthenticationFailure, ProcessingStep.Mac);

        var c2 = Mode(2);
        var supplier = Pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);
        payload = Cs02bModeTable.Payload(c2, Cs02bModeTable.Cell(FwRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80), 101, Cs02bModeTable.Replacements(c2, Pki));
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(dev.Command(c2.MessageCode, payload, 101, supplier.EntityId, supplier.Key, mac: false)),
            before, GbcsAlertCodes.TrustedSourceAuthenticationFailure, ProcessingStep.Mac);
    }

    [Fact]
    public void AuthorisingSeqNumberMustEqualOriginatorCounter()
    {
        var dev = new TestDevice(DeviceType.Esme);
        var c = Mode(2);
        var supplier = Pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);
        var payload = Cs02bModeTable.Payload(c, Cs02bModeTable.Cell(FwRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80), 150, Cs02bModeTable.Replacements(c, Pki));
        var before = dev.Snapshot();
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(dev.Command(c.MessageCode, payload, 151, supplier.EntityId, supplier.Key, mac: true)),
            before, GbcsAlertCodes.AuthenticationFailure, ProcessingStep.AntiReplay);
    }

    [Fact]
    public void ChangeOfSupplierSetsTheNewPartysFloorsAndTheOldCounterNoLongerWorks()
    {
        var dev = new TestDevice(DeviceType.Esme);
        var c = Mode(7);
        var transCoS = Pki.Pack((int)FwRole.TransitionalCoS, SmkiKeyUsage.DigitalSignature);
        var u = new UpdateSecurityCredentials
        {
            Mode = CredentialsReplacementMode.SupplierByTransCoS,
            AuthorisingRemotePartyCell = Cs02bModeTable.Cell(FwRole.TransitionalCoS, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80),
            AuthorisingRemotePartySeqNumber = 500,
            NewRemotePartySpecialistFloorSeqNumbers = [new SpecialistFloorSeqNumber(SpecialistFloorSeqNumber.PrepaymentTopUp, 7)],
        };
        u.SetNewRemotePartyFloorSeqNumber(3);
        foreach (var (der, cell) in Cs02bModeTable.Replacements(c, Pki))
        {
            u.AddReplacement(der, cell);
        }

        u.AddCertificationPathCertificate(Pki.IssuingOcaDer);
        var output = dev.Process(dev.Command(c.MessageCode, u.Encode(), 500, transCoS.EntityId, transCoS.Key, mac: true));
        output.Alerts.Should().BeEmpty(dev.Device.LastDecision.ToString());
        var outcome = Cs02bModeTableTests.ResponseOutcome(dev, output, c, transCoS, 500);
        outcome.SeqNumberChanges.Should().ContainSingle(ch => ch.Role == FwRole.Supplier && ch.FloorSeqNumber == 3);

        var state = dev.Store.Current;
        state.GetSequenceNumber(FwRole.TransitionalCoS).Should().Be(500);
        state.GetSequenceNumber(FwRole.Supplier).Should().Be(3, "the new supplier starts at its floor, below the old one's 100");
        state.TopUpSequenceNumber.Should().Be(7);

        // The new supplier signs with counter 4 (above its floor) and is accepted.
        var newSupplier = Pki.New((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);
        var c2 = Mode(2);
        var reps = new[] { (Pki.New((int)FwRole.Supplier, SmkiKeyUsage.KeyAgreement).CertificateDer, Cs02bModeTable.Cell(FwRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08, CellUsage.PrePaymentTopUp)) };
        var payload = Cs02bModeTable.Payload(c2, Cs02bModeTable.Cell(FwRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80), 3, reps);
        var before = dev.Snapshot();
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(dev.Command(c2.MessageCode, payload, 3, newSupplier.EntityId, newSupplier.Key, mac: true)),
            before, GbcsAlertCodes.AuthenticationFailure, ProcessingStep.AntiReplay);
        payload = Cs02bModeTable.Payload(c2, Cs02bModeTable.Cell(FwRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80), 4, reps);
        dev.Process(dev.Command(c2.MessageCode, payload, 4, newSupplier.EntityId, newSupplier.Key, mac: true)).Alerts.Should().BeEmpty();
        dev.Device.LastDecision.Accepted.Should().BeTrue(dev.Device.LastDecision.ToString());
    }

    [Fact]
    public void FloorBelowCounterOfAnUnchangedPartyIsRefused()
    {
        // Re-keying with the same Entity Identifier is not a change of party: lowering its counter would reopen replays.
        var dev = new TestDevice(DeviceType.Esme);
        var c = Mode(3);
        var no = Pki.Pack((int)FwRole.NetworkOperator, SmkiKeyUsage.DigitalSignature);
        var u = new UpdateSecurityCredentials { Mode = CredentialsReplacementMode.NetworkOperatorByNetworkOperator, AuthorisingRemotePartyCell = Cs02bModeTable.Cell(FwRole.NetworkOperator, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80), AuthorisingRemotePartySeqNumber = 200 };
        u.SetNewRemotePartyFloorSeqNumber(10);
        u.AddReplacement(Pki.Pack((int)FwRole.NetworkOperator, SmkiKeyUsage.KeyAgreement).CertificateDer, Cs02bModeTable.Cell(FwRole.NetworkOperator, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08));
        u.AddCertificationPathCertificate(Pki.IssuingOcaDer);
        var before = dev.Snapshot();
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(dev.Command(c.MessageCode, u.Encode(), 200, no.EntityId, no.Key, mac: true)),
            before, GbcsAlertCodes.AuthenticationFailure, ProcessingStep.Validation);
    }

    [Fact]
    public void RecoveryMayResetOtherPartiesCountersButOtherModesMayNot()
    {
        var dev = new TestDevice(DeviceType.Esme);
        var recovery = Pki.Pack((int)FwRole.Recovery, SmkiKeyUsage.DigitalSignature);
        var u = new UpdateSecurityCredentials
        {
            Mode = CredentialsReplacementMode.AnyExceptAbnormalRootByRecovery,
            AuthorisingRemotePartyCell = Cs02bModeTable.Cell(FwRole.Recovery, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80),
            AuthorisingRemotePartySeqNumber = 300,
            OtherRemotePartySeqNumberChanges = [new RemotePartySeqNumberChange(FwRole.NetworkOperator, 0)],
        };
        u.AddReplacement(Pki.New((int)FwRole.NetworkOperator, SmkiKeyUsage.DigitalSignature).CertificateDer, Cs02bModeTable.Cell(FwRole.NetworkOperator, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80));
        u.AddReplacement(Pki.New((int)FwRole.NetworkOperator, SmkiKeyUsage.KeyAgreement).CertificateDer, Cs02bModeTable.Cell(FwRole.NetworkOperator, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08));
        u.AddCertificationPathCertificate(Pki.IssuingOcaDer);
        dev.Process(dev.Command(0x0108, u.Encode(), 300, recovery.EntityId, recovery.Key, mac: false)).Alerts.Should().BeEmpty();
        dev.Device.LastDecision.Accepted.Should().BeTrue(dev.Device.LastDecision.ToString());
        dev.Store.Current.GetSequenceNumber(FwRole.NetworkOperator).Should().Be(0);
        dev.Store.Current.GetSequenceNumber(FwRole.Recovery).Should().Be(300);

        var no = Pki.New((int)FwRole.NetworkOperator, SmkiKeyUsage.DigitalSignature);
        var u3 = new UpdateSecurityCredentials
        {
            Mode = CredentialsReplacementMode.NetworkOperatorByNetworkOperator,
            AuthorisingRemotePartyCell = Cs02bModeTable.Cell(FwRole.NetworkOperator, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80),
            AuthorisingRemotePartySeqNumber = 1,
            OtherRemotePartySeqNumberChanges = [new RemotePartySeqNumberChange(FwRole.Supplier, 0)],
        };
        u3.AddReplacement(Pki.New((int)FwRole.NetworkOperator, SmkiKeyUsage.KeyAgreement).CertificateDer, Cs02bModeTable.Cell(FwRole.NetworkOperator, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08));
        u3.AddCertificationPathCertificate(Pki.IssuingOcaDer);
        var before = dev.Snapshot();
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(dev.Command(0x0103, u3.Encode(), 1, no.EntityId, no.Key, mac: true)),
            before, GbcsAlertCodes.SourceLacksAuthority, ProcessingStep.Authority);
    }

    [Fact]
    public void ContingencyNeedsTheRightKey()
    {
        var c = Mode(9);
        var recovery = Pki.Pack((int)FwRole.Recovery, SmkiKeyUsage.DigitalSignature);

        var unconfigured = new TestDevice(DeviceType.Esme);
        var before = unconfigured.Snapshot();
        Cs02bModeTableTests.AssertRefused(unconfigured, unconfigured.Process(Cs02bModeTable.Frame(unconfigured, c, recovery, 101, Cs02bModeTable.Replacements(c, Pki))),
            before, GbcsAlertCodes.TrustedSourceAuthenticationFailure, ProcessingStep.Signature);

        var dev = new TestDevice(DeviceType.Esme);
        dev.Credentials.SetContingencyKeyDigest(SHA256.HashData(new byte[16]));
        before = dev.Snapshot();
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(Cs02bModeTable.Frame(dev, c, recovery, 101, Cs02bModeTable.Replacements(c, Pki))),
            before, GbcsAlertCodes.TrustedSourceAuthenticationFailure, ProcessingStep.Signature);

        // The key outside mode 9: well-formed, but refused with an alert (0x8F53), nothing changed.
        var c8 = Mode(8);
        var u = new UpdateSecurityCredentials
        {
            Mode = CredentialsReplacementMode.AnyExceptAbnormalRootByRecovery,
            PlaintextSymmetricKey = Cs02bModeTable.ContingencyKey,
            AuthorisingRemotePartyCell = Cs02bModeTable.Cell(FwRole.Recovery, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80),
            AuthorisingRemotePartySeqNumber = 101,
        };
        foreach (var (der, cell) in Cs02bModeTable.Replacements(c8, Pki))
        {
            u.AddReplacement(der, cell);
        }

        u.AddCertificationPathCertificate(Pki.IssuingOcaDer);
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(dev.Command(c8.MessageCode, u.Encode(), 101, recovery.EntityId, recovery.Key, mac: false)),
            before, GbcsAlertCodes.AuthenticationFailure, ProcessingStep.Authority);
    }

    [Fact]
    public void ContingencyWithoutItsKeyIsRefusedWithAnAlert()
    {
        // Mode 9 with no plaintextSymmetricKey [0], laid out by hand: the Recovery signature alone lacks the authority.
        var c = Mode(9);
        var recovery = Pki.Pack((int)FwRole.Recovery, SmkiKeyUsage.DigitalSignature);
        var dev = new TestDevice(DeviceType.Esme);
        dev.Credentials.SetContingencyKeyDigest(SHA256.HashData(Cs02bModeTable.ContingencyKey));
        var (der, cell) = Cs02bModeTable.Replacements(c, Pki)[0];
        var cellDer = new AsnWriter(AsnEncodingRules.DER);
        using (cellDer.PushSequence())
        {
            cellDer.WriteInteger((long)cell.Role);
            cellDer.WriteBitString([(byte)cell.KeyUsage], 8 - BitLength((int)cell.KeyUsage));
        }

        var payload = TrustAnchor.Firmware.Tests.Gbcs.UpdateSecurityCredentialsTests.Sequence(w =>
        {
            using (w.PushSequence())
            {
                w.WriteInteger(9);
                using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2)))
                {
                    w.WriteInteger((long)FwRole.Recovery);
                    w.WriteBitString([0x80], 7);
                }

                w.WriteInteger(101, new Asn1Tag(TagClass.ContextSpecific, 3));
            }

            using (w.PushSequence())
            {
                using (w.PushSequence())
                {
                    w.WriteEncodedValue(der);
                    w.WriteEncodedValue(cellDer.Encode());
                }
            }

            using (w.PushSequence())
            {
                w.WriteEncodedValue(Pki.IssuingOcaDer);
            }
        });
        UpdateSecurityCredentials.Parse(payload, 0, payload.Length).HasPlaintextSymmetricKey.Should().BeFalse();
        var before = dev.Snapshot();
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(dev.Command(c.MessageCode, payload, 101, recovery.EntityId, recovery.Key, mac: false)),
            before, GbcsAlertCodes.SourceLacksAuthority, ProcessingStep.Authority);
    }

    private static int BitLength(int keyUsage)
    {
        var bits = 8;
        while (bits > 1 && (keyUsage & (1 << (8 - bits))) == 0)
        {
            bits--;
        }

        return bits;
    }

    [Fact]
    public void Mp261SameKeyReissueIsAccepted()
    {
        // Recovery installs the MP261 certificates: same keys and Entity Identifiers, new validity and serial.
        var dev = new TestDevice(DeviceType.Esme);
        var recovery = Pki.Pack((int)FwRole.Recovery, SmkiKeyUsage.DigitalSignature);
        var u = new UpdateSecurityCredentials { Mode = CredentialsReplacementMode.AnyExceptAbnormalRootByRecovery, AuthorisingRemotePartyCell = Cs02bModeTable.Cell(FwRole.Recovery, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80), AuthorisingRemotePartySeqNumber = 101 };
        var cells = new[]
        {
            (FwRole.AccessControlBroker, SmkiKeyUsage.KeyAgreement),
            (FwRole.TransitionalCoS, SmkiKeyUsage.DigitalSignature),
        };
        foreach (var (role, usage) in cells)
        {
            var mp261 = Pki.Pki.PackCertificate(PackKind.Mp261, (int)role, usage);
            mp261.PublicKeyBytes().Should().Equal(Pki.Pki.PackCertificate(PackKind.Original2016, (int)role, usage).PublicKeyBytes());
            u.AddReplacement(mp261.Der, Cs02bModeTable.Cell(role, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)usage.ToBitStringByte()));
        }

        u.AddCertificationPathCertificate(Pki.IssuingOcaDer);
        var before = dev.Store.Current;
        var output = dev.Process(dev.Command(0x0108, u.Encode(), 101, recovery.EntityId, recovery.Key, mac: false));
        output.Alerts.Should().BeEmpty(dev.Device.LastDecision.ToString());
        dev.Device.LastDecision.Accepted.Should().BeTrue();
        foreach (var (role, usage) in cells)
        {
            var id = Cs02bModeTable.Cell(role, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)usage.ToBitStringByte());
            dev.Store.Current.FindCell(id)!.PublicKey.Should().Equal(before.FindCell(id)!.PublicKey);
            dev.Store.Current.FindCell(id)!.EntityId.Should().Equal(before.FindCell(id)!.EntityId);
        }
    }

    [Fact]
    public void FutureDatedCommandThatFailsAtExecutionRaises8F67AndChangesNoCell()
    {
        var dev = new TestDevice(DeviceType.Esme);
        var c = Mode(2);
        var supplier = Pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);
        // Valid now; by the execution date the new supplier certificates (10 years) have expired.
        var when = DeviceTestPki.IssueTime.AddYears(11);
        dev.Process(Cs02bModeTable.Frame(dev, c, supplier, 101, Cs02bModeTable.Replacements(c, Pki), executeAt: when)).Alerts.Should().BeEmpty();
        var scheduled = dev.Snapshot();

        dev.Clock.UtcNow = when.AddSeconds(1);
        var alerts = dev.Device.Poll().Alerts;
        alerts.Should().ContainSingle();
        var payload = FutureDatedExecutionAlert.Parse(GbcsMessage.Parse(alerts[0]));
        payload.AlertCode.Should().Be(GbcsAlertCodes.FutureDatedExecutionFailed);
        payload.Outcome.Replacements.Select(r => r.StatusCode).Should().OnlyContain(s => s == ReplacementStatus.NoTrustAnchor);
        dev.Snapshot().Should().Equal(scheduled);
    }

    [Fact]
    public void FutureDatedCommandWhoseAuthoriserLostItsCellMeanwhileFailsWith8F67AndChangesNothing()
    {
        var dev = new TestDevice(DeviceType.Esme);
        var c2 = Mode(2);
        var c7 = Mode(7);
        var supplier = Pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);
        var transCoS = Pki.Pack((int)FwRole.TransitionalCoS, SmkiKeyUsage.DigitalSignature);
        var when = DeviceTestPki.DeviceTime.AddHours(2);
        dev.Process(Cs02bModeTable.Frame(dev, c2, supplier, 101, Cs02bModeTable.Replacements(c2, Pki), executeAt: when)).Alerts.Should().BeEmpty();
        dev.Device.PendingExecutionCount.Should().Be(1);

        // Change of supplier before the execution time: the Transitional CoS party hands the Supplier cells on.
        var packSupplierKey = dev.Store.Current.FindCell(FwRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80, CellUsage.Management)!.PublicKey.ToArray();
        var handOver = dev.Process(Cs02bModeTable.Frame(dev, c7, transCoS, 101, Cs02bModeTable.Replacements(c7, Pki)));
        handOver.Alerts.Should().BeEmpty(dev.Device.LastDecision.ToString());
        dev.Store.Current.FindCell(FwRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80, CellUsage.Management)!.PublicKey.Should().NotEqual(packSupplierKey);
        var afterHandOver = dev.Snapshot();

        dev.Clock.UtcNow = when.AddSeconds(1);
        var alerts = dev.Device.Poll().Alerts;
        alerts.Should().ContainSingle();
        var payload = FutureDatedExecutionAlert.Parse(GbcsMessage.Parse(alerts[0]));
        payload.AlertCode.Should().Be(GbcsAlertCodes.FutureDatedExecutionFailed, "the old supplier no longer holds the cell that authorised it");
        payload.Outcome.Replacements.Should().NotBeEmpty();
        payload.Outcome.Replacements.Select(r => r.StatusCode).Should().OnlyContain(s => s == ReplacementStatus.Other);
        dev.Snapshot().Should().Equal(afterHandOver);
        dev.Device.PendingExecutionCount.Should().Be(0);
    }

    [Fact]
    public void ProvideSecurityCredentialsDetailsReportsCellsAndCounters()
    {
        var dev = new TestDevice(DeviceType.Esme);
        var no = Pki.Pack((int)FwRole.NetworkOperator, SmkiKeyUsage.DigitalSignature);
        var payload = new ProvideSecurityCredentialsDetails(Cs02bModeTable.Cell(FwRole.NetworkOperator, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80),
            [FwRole.Root, FwRole.Supplier, FwRole.NetworkOperator, FwRole.WanProvider]).Encode();
        var output = dev.Process(dev.Command(GbcsMessageCodes.ProvideSecurityCredentialsDetails, payload, 101, no.EntityId, no.Key, mac: true));
        output.Alerts.Should().BeEmpty(dev.Device.LastDecision.ToString());
        var response = GbcsMessage.Parse(output.Response);
        TestDevice.VerifyFrameSignature(response, dev.Credentials.Signing.PublicKey).Should().BeTrue();
        var parties = ProvideSecurityCredentialsDetailsResponse.Parse(response).Parties;
        parties.Select(p => p.Role).Should().Equal(FwRole.Root, FwRole.Supplier, FwRole.NetworkOperator, FwRole.WanProvider);
        parties[0].Cells.Should().ContainSingle();
        parties[1].Cells.Should().HaveCount(3);
        parties[1].CurrentSeqNumber.Should().Be(TestDevice.InitialSequenceNumber);
        parties[1].Cells[0].SubjectUniqueId.Should().Equal(Pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature).EntityId);
        parties[2].CurrentSeqNumber.Should().Be(101, "the request's own counter is taken");
        parties[3].StatusCode.Should().Be(ReplacementStatus.TrustAnchorNotFound, "an ESME has no WAN Provider cell");

        // Same frame again: replay.
        var before = dev.Snapshot();
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(dev.Command(GbcsMessageCodes.ProvideSecurityCredentialsDetails, payload, 101, no.EntityId, no.Key, mac: true)),
            before, GbcsAlertCodes.AuthenticationFailure, ProcessingStep.AntiReplay);
    }

    [Fact]
    public void MalformedFramesAreSilentUntilTheyBecomeUnusual()
    {
        var dev = new TestDevice(DeviceType.Esme);
        var before = dev.Snapshot();
        var alerts = new List<byte[]>();
        for (int i = 0; i < dev.Device.Profile.MalformedFrameAlertThreshold; i++)
        {
            var output = dev.Process([0xDF, 0x09, (byte)i]);
            output.Response.Should().BeEmpty();
            alerts.AddRange(output.Alerts);
        }

        alerts.Should().ContainSingle();
        GbcsAlert.Parse(GbcsMessage.Parse(alerts[0])).AlertCode.Should().Be(GbcsAlertCodes.UnusualCommands);
        dev.Snapshot().Should().Equal(before);
    }

    [Fact]
    public void DeviceTypesDifferInTheirCellsAndAuthorisers()
    {
        // GSME: same cells as ESME, supplierBySupplier works.
        var gsme = new TestDevice(DeviceType.Gsme);
        var c2 = Mode(2);
        var supplier = Pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);
        gsme.Process(Cs02bModeTable.Frame(gsme, c2, supplier, 101, Cs02bModeTable.Replacements(c2, Pki))).Alerts.Should().BeEmpty();
        gsme.Device.LastDecision.Accepted.Should().BeTrue(gsme.Device.LastDecision.ToString());

        // PPMID: no Network Operator cells, so nobody may run networkOperatorByNetworkOperator.
        var ppmid = new TestDevice(DeviceType.Ppmid);
        var c3 = Mode(3);
        var no = Pki.Pack((int)FwRole.NetworkOperator, SmkiKeyUsage.DigitalSignature);
        var before = ppmid.Snapshot();
        Cs02bModeTableTests.AssertRefused(ppmid, ppmid.Process(Cs02bModeTable.Frame(ppmid, c3, no, 101, Cs02bModeTable.Replacements(c3, Pki))),
            before, GbcsAlertCodes.SourceLacksAuthority, ProcessingStep.Authority);

        // ESME: no WAN Provider cell, so wanProviderByWanProvider is refused there too.
        var esme = new TestDevice(DeviceType.Esme);
        var c5 = Mode(5);
        var wan = Pki.Pack((int)FwRole.WanProvider, SmkiKeyUsage.DigitalSignature);
        before = esme.Snapshot();
        Cs02bModeTableTests.AssertRefused(esme, esme.Process(Cs02bModeTable.Frame(esme, c5, wan, 101, Cs02bModeTable.Replacements(c5, Pki))),
            before, GbcsAlertCodes.SourceLacksAuthority, ProcessingStep.Authority);
    }

    [Fact]
    public void OnACommsHubTheAcbMustNameItsCell()
    {
        var chf = new TestDevice(DeviceType.CommsHub);
        var acb = Pki.Pack((int)FwRole.AccessControlBroker, SmkiKeyUsage.KeyAgreement);
        var unnamed = Mode(4);
        var before = chf.Snapshot();
        Cs02bModeTableTests.AssertRefused(chf, chf.Process(Cs02bModeTable.Frame(chf, unnamed, acb, 101, Cs02bModeTable.Replacements(unnamed, Pki))),
            before, GbcsAlertCodes.SourceLacksAuthority, ProcessingStep.Authority);

        var named = unnamed with { NamesAuthorisingCell = true, DeviceType = (int)DeviceType.CommsHub };
        var output = chf.Process(Cs02bModeTable.Frame(chf, named, acb, 102, Cs02bModeTable.Replacements(named, Pki)));
        output.Alerts.Should().BeEmpty(chf.Device.LastDecision.ToString());
        chf.Device.LastDecision.Accepted.Should().BeTrue();
        chf.Store.Current.FindCell(FwRole.AccessControlBroker, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08, CellUsage.Management)!.EntityId
            .Should().Equal(Pki.New((int)FwRole.AccessControlBroker, SmkiKeyUsage.KeyAgreement).EntityId);
    }

    [Fact]
    public void FutureDatedCommandsRunInTimeOrderAndTheirAlertsRideOnTheNextOutput()
    {
        var dev = new TestDevice(DeviceType.Esme);
        var c3 = Mode(3);
        var c6 = Mode(6);
        var no = Pki.Pack((int)FwRole.NetworkOperator, SmkiKeyUsage.DigitalSignature);
        var transCoS = Pki.Pack((int)FwRole.TransitionalCoS, SmkiKeyUsage.DigitalSignature);
        var later = DeviceTestPki.DeviceTime.AddHours(2);
        var sooner = DeviceTestPki.DeviceTime.AddHours(1);
        var noFrame = Cs02bModeTable.Frame(dev, c3, no, 101, Cs02bModeTable.Replacements(c3, Pki), executeAt: later);
        dev.Process(noFrame).Alerts.Should().BeEmpty();
        dev.Process(Cs02bModeTable.Frame(dev, c6, transCoS, 101, Cs02bModeTable.Replacements(c6, Pki), executeAt: sooner)).Alerts.Should().BeEmpty();
        dev.Device.PendingExecutionCount.Should().Be(2);

        // The accepted future-dated frame cannot be replayed while it waits.
        var before = dev.Snapshot();
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(noFrame), before, GbcsAlertCodes.AuthenticationFailure, ProcessingStep.AntiReplay);

        // Both fall due; the next Process (here a frame for another device) carries both 0x00CB alerts, sooner first.
        dev.Clock.UtcNow = later.AddSeconds(1);
        var output = dev.Process(dev.Command(GbcsMessageCodes.ProvideSecurityCredentialsDetails, [0x30, 0x00], 1, no.EntityId, null, mac: false, target: [9, 9, 9, 9, 9, 9, 9, 9]));
        output.Response.Should().BeEmpty();
        output.Alerts.Should().HaveCount(2);
        var first = FutureDatedExecutionAlert.Parse(GbcsMessage.Parse(output.Alerts[0]));
        var second = FutureDatedExecutionAlert.Parse(GbcsMessage.Parse(output.Alerts[1]));
        first.ExecutionDateTime.Should().Be(sooner);
        first.Outcome.Mode.Should().Be(CredentialsReplacementMode.TransCoSByTransCoS);
        second.ExecutionDateTime.Should().Be(later);
        second.Outcome.Mode.Should().Be(CredentialsReplacementMode.NetworkOperatorByNetworkOperator);
        first.Succeeded.Should().BeTrue();
        second.Succeeded.Should().BeTrue();
        GbcsMessage.Parse(output.Alerts[0]).TargetId.Should().Equal(transCoS.EntityId);
        dev.Device.PendingExecutionCount.Should().Be(0);
        dev.Store.Current.FindCell(FwRole.NetworkOperator, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80, CellUsage.Management)!.EntityId
            .Should().Equal(Pki.New((int)FwRole.NetworkOperator, SmkiKeyUsage.DigitalSignature).EntityId);
    }
}
