using System.Security.Cryptography;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Smki;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Firmware.Tests.Device;

/// <summary>
/// Every CS02b mode × {authorised, wrong signer, wrong cell, replayed, counter at floor, bad certificate, path broken,
/// future-dated}: the response, the alert and the store (its flash image) after each.
/// </summary>
public class Cs02bModeTableTests
{
    public const ulong InitialCounter = TestDevice.InitialSequenceNumber;

    public enum Scenario
    {
        Authorised,
        WrongSigner,
        WrongCell,
        Replayed,
        CounterAtFloor,
        BadCertificate,
        PathBroken,
        FutureDated,
    }

    public static IEnumerable<object[]> Rows() =>
        from c in Cs02bModeTable.Cases
        from s in Enum.GetValues<Scenario>()
        select new object[] { c.Mode, s };

    [Theory]
    [MemberData(nameof(Rows))]
    public void ModeAndScenario(int mode, Scenario scenario)
    {
        var c = Cs02bModeTable.Cases[mode];
        var pki = DeviceTestPki.Shared;
        var dev = new TestDevice((TrustAnchor.Firmware.TrustAnchors.DeviceType)c.DeviceType);
        if (c.Mode == (int)CredentialsReplacementMode.AnyByContingency)
        {
            dev.Credentials.SetContingencyKeyDigest(SHA256.HashData(Cs02bModeTable.ContingencyKey));
        }

        var authoriser = pki.Pack(c.AuthorisingRole, c.AuthorisingUsage);
        var authorisingCell = Cs02bModeTable.Cell((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)c.AuthorisingRole, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)authoriser.KeyUsageBits);
        ulong counter = InitialCounter + 1;
        var before = dev.Snapshot();
        var stateBefore = dev.Store.Current;

        switch (scenario)
        {
            case Scenario.Authorised:
            {
                var output = dev.Process(Cs02bModeTable.Frame(dev, c, authoriser, counter, Cs02bModeTable.Replacements(c, pki)));
                output.Alerts.Should().BeEmpty(dev.Device.LastDecision.ToString());
                var outcome = ResponseOutcome(dev, output, c, authoriser, counter);
                outcome.Replacements.Select(r => r.StatusCode).Should().OnlyContain(s => s == ReplacementStatus.Success);
                outcome.Replacements.Should().HaveCount(c.Targets.Length);
                dev.Device.LastDecision.Step.Should().Be(ProcessingStep.Executed);
                AssertReplaced(dev, c, pki, stateBefore);
                dev.Store.Current.GetSequenceNumber((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)c.AuthorisingRole).Should().Be(counter);
                break;
            }

            case Scenario.WrongSigner:
            {
                using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                var payload = Cs02bModeTable.Payload(c, authorisingCell, counter, Cs02bModeTable.Replacements(c, pki), includePath: true);
                var frame = c.Signed
                    ? dev.Command(c.MessageCode, payload, counter, authoriser.EntityId, stranger, c.Mac)
                    : dev.Command(c.MessageCode, payload, counter, authoriser.EntityId, null, c.Mac, macBy: stranger);
                var output = dev.Process(frame);
                AssertRefused(dev, output, before, GbcsAlertCodes.TrustedSourceAuthenticationFailure, c.Signed ? ProcessingStep.Signature : ProcessingStep.Mac);
                break;
            }

            case Scenario.WrongCell:
            {
                var reps = new[] { (c.WrongCell.Certificate(pki), c.WrongCell.Cell) };
                var output = dev.Process(Cs02bModeTable.Frame(dev, c, authoriser, counter, reps));
                if (c.WrongCellIsAuthorityFailure)
                {
                    AssertRefused(dev, output, before, GbcsAlertCodes.SourceLacksAuthority, ProcessingStep.Authority);
                }
                else
                {
                    // Mode 9 may replace any cell: one the device does not have is reported per cell.
                    output.Alerts.Should().BeEmpty();
                    ResponseOutcome(dev, output, c, authoriser, counter).Replacements.Single().StatusCode.Should().Be(ReplacementStatus.TrustAnchorNotFound);
                    dev.Snapshot().Should().Equal(before);
                }

                break;
            }

            case Scenario.Replayed:
            {
                var frame = Cs02bModeTable.Frame(dev, c, authoriser, counter, Cs02bModeTable.Replacements(c, pki));
                dev.Process(frame).Alerts.Should().BeEmpty();
                var afterFirst = dev.Snapshot();
                var state = dev.Store.Current;

                // What stops the copy depends on what the first run replaced: the ACB key (MAC), the authoriser (authority) or nothing (counter).
                var acb = state.FindCell(FwRole.AccessControlBroker, TrustAnchorCellIdentifier.KeyUsageKeyAgreement, CellUsage.Management)!;
                bool acbChanged = !acb.EntityId.SequenceEqual(pki.Pack((int)FwRole.AccessControlBroker, SmkiKeyUsage.KeyAgreement).EntityId);
                bool authoriserChanged = !state.FindCell(authorisingCell)!.EntityId.SequenceEqual(authoriser.EntityId);
                var output = dev.Process(frame);
                if (c.Mac && acbChanged)
                {
                    AssertRefused(dev, output, afterFirst, GbcsAlertCodes.TrustedSourceAuthenticationFailure, ProcessingStep.Mac);
                }
                else if (authoriserChanged)
                {
                    AssertRefused(dev, output, afterFirst, GbcsAlertCodes.TrustedSourceAuthenticationFailure, ProcessingStep.Authority);
                }
                else
                {
                    AssertRefused(dev, output, afterFirst, GbcsAlertCodes.AuthenticationFailure, ProcessingStep.AntiReplay);
                }

                break;
            }

            case Scenario.CounterAtFloor:
            {
                var output = dev.Process(Cs02bModeTable.Frame(dev, c, authoriser, InitialCounter, Cs02bModeTable.Replacements(c, pki)));
                AssertRefused(dev, output, before, GbcsAlertCodes.AuthenticationFailure, ProcessingStep.AntiReplay);
                break;
            }

            case Scenario.BadCertificate:
            {
                var reps = Cs02bModeTable.Replacements(c, pki);
                reps[0] = (WrongCertificateFor(reps[0].Cell, pki), reps[0].Cell);
                var output = dev.Process(Cs02bModeTable.Frame(dev, c, authoriser, counter, reps));
                output.Alerts.Should().BeEmpty();
                var statuses = ResponseOutcome(dev, output, c, authoriser, counter).Replacements.Select(r => r.StatusCode).ToArray();
                statuses[0].Should().Be(ReplacementStatus.BadCertificate);
                statuses.Skip(1).Where(s => s != ReplacementStatus.Other).Should().BeEmpty("all or nothing");
                dev.Device.LastDecision.Step.Should().Be(ProcessingStep.Validation);
                dev.Snapshot().Should().Equal(before);
                break;
            }

            case Scenario.PathBroken:
            {
                var reps = Cs02bModeTable.Replacements(c, pki);
                bool rootOnly = reps.All(r => r.Cell.Role == FwRole.Root);
                if (rootOnly)
                {
                    // A root whose self-signature is by another key anchors nothing.
                    using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                    using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                    reps[0] = (TestRoots.RootOca(rootKey, signedBy: other), reps[0].Cell);
                }

                var output = dev.Process(Cs02bModeTable.Frame(dev, c, authoriser, counter, reps, includePath: rootOnly));
                output.Alerts.Should().BeEmpty();
                var statuses = ResponseOutcome(dev, output, c, authoriser, counter).Replacements.Select(r => r.StatusCode).ToArray();
                for (int i = 0; i < statuses.Length; i++)
                {
                    statuses[i].Should().Be(reps[i].Cell.Role == FwRole.Root && !rootOnly ? ReplacementStatus.Other : ReplacementStatus.NoTrustAnchor);
                }

                dev.Snapshot().Should().Equal(before);
                break;
            }

            case Scenario.FutureDated:
            {
                var when = DeviceTestPki.DeviceTime.AddDays(1);
                var output = dev.Process(Cs02bModeTable.Frame(dev, c, authoriser, counter, Cs02bModeTable.Replacements(c, pki), executeAt: when));
                output.Alerts.Should().BeEmpty();
                var response = GbcsMessage.Parse(output.Response);
                response.CopyContent().Should().Equal(UpdateSecurityCredentialsResponse.EncodeFutureDated());
                dev.Device.PendingExecutionCount.Should().Be(1);

                // Accepted: the counter is taken now, the cells wait.
                for (int i = 0; i < dev.Store.Current.CellCount; i++)
                {
                    dev.Store.Current.GetCell(i).ContentEquals(stateBefore.GetCell(i)).Should().BeTrue();
                }

                dev.Store.Current.GetSequenceNumber((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)c.AuthorisingRole).Should().Be(counter);
                dev.Device.Tick();
                dev.Device.Poll().Alerts.Should().BeEmpty("not yet due");

                dev.Clock.UtcNow = when.AddMinutes(1);
                var later = dev.Device.Poll();
                later.Alerts.Should().ContainSingle();
                var alert = GbcsMessage.Parse(later.Alerts[0]);
                alert.CraFlag.Should().Be(GbcsCraFlag.Alert);
                alert.MessageCode.Should().Be(GbcsMessageCodes.FutureDatedUpdateSecurityCredentialsAlert);
                alert.TargetId.Should().Equal(authoriser.EntityId);
                TestDevice.VerifyFrameSignature(alert, dev.Credentials.Signing.PublicKey).Should().BeTrue();
                var payload = FutureDatedExecutionAlert.Parse(alert);
                payload.AlertCode.Should().Be(GbcsAlertCodes.FutureDatedExecutionSucceeded);
                payload.ExecutionDateTime.Should().Be(when);
                payload.Outcome.Replacements.Select(r => r.StatusCode).Should().OnlyContain(s => s == ReplacementStatus.Success);
                AssertReplaced(dev, c, pki, stateBefore);
                dev.Device.PendingExecutionCount.Should().Be(0);
                break;
            }
        }
    }

    // ---- helpers shared with the other device tests ----

    /// <summary>The response is to this command, from this device, signed by it; returns its execution outcome.</summary>
    public static ExecutionOutcome ResponseOutcome(TestDevice dev, DeviceOutput output, ModeCase c, TestParty authoriser, ulong counter)
    {
        output.Response.Should().NotBeEmpty(dev.Device.LastDecision.ToString());
        var response = GbcsMessage.Parse(output.Response);
        response.CraFlag.Should().Be(GbcsCraFlag.Response);
        response.MessageCode.Should().Be(c.MessageCode);
        response.OriginatorCounter.Should().Be(counter);
        response.OriginatorId.Should().Equal(dev.Eui);
        response.TargetId.Should().Equal(authoriser.EntityId);
        TestDevice.VerifyFrameSignature(response, dev.Credentials.Signing.PublicKey).Should().BeTrue();
        var outcome = UpdateSecurityCredentialsResponse.Parse(response).Outcome;
        outcome.Should().NotBeNull();
        outcome!.Mode.Should().Be((CredentialsReplacementMode)c.Mode);
        outcome.SeqNumber.Should().Be(counter);
        return outcome;
    }

    /// <summary>No response, exactly one alert with the code, processing ended at the step, and the flash image untouched.</summary>
    public static void AssertRefused(TestDevice dev, DeviceOutput output, byte[] flashBefore, int alertCode, int step)
    {
        var decision = dev.Device.LastDecision;
        output.Response.Should().BeEmpty(decision.ToString());
        output.Alerts.Should().ContainSingle(decision.ToString());
        var alert = GbcsMessage.Parse(output.Alerts[0]);
        alert.CraFlag.Should().Be(GbcsCraFlag.Alert);
        alert.OriginatorId.Should().Equal(dev.Eui);
        alert.TargetId.Should().Equal(dev.Store.Current.FindCell(FwRole.AccessControlBroker, TrustAnchorCellIdentifier.KeyUsageKeyAgreement, CellUsage.Management)!.EntityId,
            "security alerts go to the DCC's Access Control Broker");
        TestDevice.VerifyFrameSignature(alert, dev.Credentials.Signing.PublicKey).Should().BeTrue();
        GbcsAlert.Parse(alert).AlertCode.Should().Be(alertCode, decision.ToString());
        alert.MessageCode.Should().Be(GbcsAlertClasses.MessageCodeFor(alertCode), "device alerts go as Generic (Non-)Critical Alerts");
        alert.HasDateTime.Should().BeFalse("the event time travels in the payload");
        decision.AlertCode.Should().Be(alertCode);
        decision.Step.Should().Be(step, decision.ToString());
        decision.StateChanged.Should().BeFalse();
        dev.Snapshot().Should().Equal(flashBefore);
    }

    /// <summary>Every target cell holds its new certificate's identity and key; every other cell is as before.</summary>
    public static void AssertReplaced(TestDevice dev, ModeCase c, DeviceTestPki pki, TrustAnchorState before)
    {
        var now = dev.Store.Current;
        for (int i = 0; i < now.CellCount; i++)
        {
            var cell = now.GetCell(i);
            var target = c.Targets.FirstOrDefault(t => t.Cell.Equals(cell.Id));
            if (target is null)
            {
                cell.ContentEquals(before.GetCell(i)).Should().BeTrue(cell.Id.ToString() + " must be untouched");
                continue;
            }

            var cert = Firmware.Certificates.Certificate.Parse(target.Certificate(pki));
            cell.PublicKey.Should().Equal(cert.PublicKey, cell.Id.ToString());
            cell.SubjectKeyId.Should().Equal(cert.SubjectKeyId);
            cell.EntityId.Should().Equal(cell.Id.Role == FwRole.Root ? new byte[8] : cert.EntityId);
        }
    }

    /// <summary>A well-formed certificate that does not belong in <paramref name="cell"/> (another role, or no root profile).</summary>
    public static byte[] WrongCertificateFor(TrustAnchorCellIdentifier cell, DeviceTestPki pki) =>
        cell.Role == FwRole.Recovery || cell.Role == FwRole.Root
            ? pki.New((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature).CertificateDer
            : pki.New((int)FwRole.Recovery, cell.KeyUsage == TrustAnchorCellIdentifier.KeyUsageDigitalSignature ? SmkiKeyUsage.DigitalSignature : SmkiKeyUsage.KeyAgreement).CertificateDer;
}
