using System.Formats.Asn1;
using System.Text;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Smki;
using static TrustAnchor.Firmware.Tests.Gbcs.GbcsHandLaidFrames;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Firmware.Tests.Device;

/// <summary>
/// The alerts a device sends, byte for byte against shared/gbcs/NOTES.md section 9, per device type: an ESME speaks
/// DLMS (Data-Notification), a GSME, a Comms Hub and a PPMID GBZ; Message Code 0x1000 / 0x1001, never 0x0000; no
/// header date-time. And the refusal of a Message Code the device does not support, by decision.
/// </summary>
public class DeviceAlertFormTests
{
    private static readonly DeviceTestPki Pki = DeviceTestPki.Shared;

    /// <summary>DeviceTestPki.DeviceTime, 2025-07-01 12:00:00 UTC, a Tuesday (DLMS day 2), as a DLMS date-time laid by hand.</summary>
    private const string DeviceTimeDlms = "07E9 07 01 02 0C 00 00 00 0000 00";

    private static string DeviceTimeZigBee() =>
        ((uint)(DeviceTestPki.DeviceTime - new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds).ToString("X8");

    public static TheoryData<DeviceType> DeviceTypes() => new() { DeviceType.Esme, DeviceType.Gsme, DeviceType.CommsHub, DeviceType.Ppmid };

    [Theory]
    [MemberData(nameof(DeviceTypes))]
    public void A_device_alert_is_laid_as_GBCS_lays_it_for_that_device_type(DeviceType deviceType)
    {
        var dev = new TestDevice(deviceType);
        var alerts = new List<byte[]>();
        for (int i = 0; i < dev.Device.Profile.MalformedFrameAlertThreshold; i++)
        {
            alerts.AddRange(dev.Process([0xDF, 0x09, (byte)i]).Alerts);
        }

        var frame = alerts.Should().ContainSingle().Subject;
        var acb = dev.Store.Current.FindCell(FwRole.AccessControlBroker, TrustAnchorCellIdentifier.KeyUsageKeyAgreement, CellUsage.Management)!.EntityId;

        // 0x8F60 is critical [inferred]: Message Code 0x1000. The device's first alert: Originator Counter 1.
        string payloadHex = deviceType == DeviceType.Esme
            ? "0F 20 00 00 01 00 02 02 12 8F 60 09 0C " + DeviceTimeDlms
            : "01 09 00 8F 60 " + DeviceTimeZigBee();
        var expectedApdu = Apdu(GbcsCraFlag.Alert, 1, dev.Eui, acb, null, [0x10, 0x00], Gbcs.GbcsTestKit.Hex(payloadHex), null);
        var unsignedPart = expectedApdu[..^1];
        frame.AsSpan(0, unsignedPart.Length).ToArray().Should().Equal(unsignedPart, TrustAnchor.Firmware.TrustAnchors.DeviceTypes.Name(deviceType) + " alert, laid by hand from NOTES section 9");
        frame.Length.Should().Be(unsignedPart.Length + 1 + 64);
        frame[unsignedPart.Length].Should().Be(0x40);
        var m = GbcsMessage.Parse(frame);
        TestDevice.VerifyFrameSignature(m, dev.Credentials.Signing.PublicKey).Should().BeTrue();

        var alert = GbcsAlert.Parse(m);
        alert.Format.Should().Be(deviceType == DeviceType.Esme ? GbcsAlertFormat.DlmsDataNotification : GbcsAlertFormat.Gbz);
        alert.AlertCode.Should().Be(GbcsAlertCodes.UnusualCommands);
        alert.IsCritical.Should().BeTrue();
        alert.EventTime.Should().Be(DeviceTestPki.DeviceTime);
    }

    [Theory]
    [MemberData(nameof(DeviceTypes))]
    public void The_commissioning_alert_is_a_non_critical_device_alert_in_the_device_language(DeviceType deviceType)
    {
        var dev = new TestDevice(deviceType);
        var frame = GbcsAlert.BuildFrame(dev.Device.Profile.AlertFormat, GbcsAlertCodes.DeviceCommissioned, DeviceTestPki.DeviceTime, 0x7D0, dev.Eui, Gbcs.GbcsTestKit.Acb, null);
        string payloadHex = deviceType == DeviceType.Esme
            ? "0F 20 00 07 D0 00 02 02 12 8F 69 09 0C " + DeviceTimeDlms
            : "01 09 00 8F 69 " + DeviceTimeZigBee();
        frame.Should().Equal(Apdu(GbcsCraFlag.Alert, 0x7D0, dev.Eui, Gbcs.GbcsTestKit.Acb, null, [0x10, 0x01], Gbcs.GbcsTestKit.Hex(payloadHex), null));
    }

    [Fact]
    public void A_critical_authority_failure_goes_as_0x1000_from_the_ESME()
    {
        var dev = new TestDevice(DeviceType.Esme);
        var no = Pki.Pack((int)FwRole.NetworkOperator, SmkiKeyUsage.DigitalSignature);
        // A CS02b supplierBySupplier signed by the Network Operator: a Known Remote Party without authority (0x8F30).
        var c = Cs02bModeTable.Cases[2];
        var frame = Cs02bModeTable.Frame(dev, c, no, 101, Cs02bModeTable.Replacements(c, Pki));
        var before = dev.Snapshot();
        var output = dev.Process(frame);
        dev.Device.LastDecision.AlertCode.Should().Be(GbcsAlertCodes.SourceLacksAuthority, dev.Device.LastDecision.ToString());
        var m = GbcsMessage.Parse(output.Alerts.Should().ContainSingle().Subject);
        m.MessageCode.Should().Be(0x1000);
        var content = m.CopyContent();
        content[..11].Should().Equal(Gbcs.GbcsTestKit.Hex("0F 20 00 00 01 00 02 02 12 8F 30"));
        dev.Snapshot().Should().Equal(before);
    }

    [Fact]
    public void The_future_dated_outcome_goes_with_0x00CB_a_DER_payload_and_no_header_date_time()
    {
        var dev = new TestDevice(DeviceType.Esme);
        var c = Cs02bModeTable.Cases[2];
        var supplier = Pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);
        var when = DeviceTestPki.DeviceTime.AddDays(1);
        dev.Process(Cs02bModeTable.Frame(dev, c, supplier, 101, Cs02bModeTable.Replacements(c, Pki), executeAt: when)).Alerts.Should().BeEmpty();
        dev.Clock.UtcNow = when.AddSeconds(1);

        var m = GbcsMessage.Parse(dev.Device.Poll().Alerts.Should().ContainSingle().Subject);
        m.CraFlag.Should().Be(GbcsCraFlag.Alert);
        m.MessageCode.Should().Be(0x00CB);
        m.HasDateTime.Should().BeFalse();
        m.TargetId.Should().Equal(supplier.EntityId, "the outcome goes to the party that sent the command");

        var reader = new AsnReader(m.CopyContent(), AsnEncodingRules.DER).ReadSequence();
        reader.PeekEncodedValue().ToArray().Should().Equal(Gbcs.GbcsTestKit.Hex("02 03 00 8F 66"));
        reader.ReadInteger();
        reader.PeekEncodedValue().ToArray().Should().Equal([0x18, 0x0F, .. Encoding.ASCII.GetBytes(when.ToString("yyyyMMddHHmmss") + "Z")]);
        reader.ReadGeneralizedTime();
        reader.ReadSequence();
        reader.HasData.Should().BeFalse();

        var alert = GbcsAlert.Parse(m);
        alert.Format.Should().Be(GbcsAlertFormat.Der);
        alert.FutureDated!.Succeeded.Should().BeTrue();
        alert.EventTime.Should().Be(when);
    }

    public static TheoryData<DeviceType, int, string> UnsupportedCommands()
    {
        var data = new TheoryData<DeviceType, int, string>();
        foreach (var deviceType in new[] { DeviceType.Esme, DeviceType.Gsme, DeviceType.CommsHub, DeviceType.Ppmid })
        {
            data.Add(deviceType, 0x0023, "C0 01 C1 00 08 00 00 01 00 00 FF 02 00"); // a DLMS use case
            data.Add(deviceType, 0x0070, "01 09 01 00 01 00 00 00 00 0D 00 07 01 00 00 00 00"); // a GBZ use case
            data.Add(deviceType, 0x1000, "30 00"); // an alert's code, sent as a command
            data.Add(deviceType, 0x0000, "");
            data.Add(deviceType, 0xFFFF, "30 03 02 01 05");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UnsupportedCommands))]
    public void A_command_with_a_message_code_the_device_does_not_support_is_refused_by_decision(DeviceType deviceType, int messageCode, string payloadHex)
    {
        var dev = new TestDevice(deviceType);
        var party = deviceType == DeviceType.CommsHub
            ? Pki.Pack((int)FwRole.WanProvider, SmkiKeyUsage.DigitalSignature)
            : Pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);
        var before = dev.Snapshot();
        var state = dev.Store.Current;

        // Well-formed, signed and MAC-protected; sent more often than the malformed-frame threshold.
        for (int i = 0; i <= dev.Device.Profile.MalformedFrameAlertThreshold; i++)
        {
            var frame = dev.Command(messageCode, Gbcs.GbcsTestKit.Hex(payloadHex), 101 + (ulong)i, party.EntityId, party.Key, mac: true);
            var output = dev.Process(frame);
            output.Response.Should().BeEmpty();
            output.Alerts.Should().BeEmpty("an unsupported use case is not malformed, and not unusual");
            var decision = dev.Device.LastDecision;
            decision.Step.Should().Be(ProcessingStep.UnsupportedMessageCode, decision.ToString());
            decision.AlertCode.Should().Be(0);
            decision.StateChanged.Should().BeFalse();
            decision.Reason.Should().Contain("0x" + messageCode.ToString("X4"));
        }

        dev.Snapshot().Should().Equal(before);
        dev.Store.Current.GetSequenceNumber(deviceType == DeviceType.CommsHub ? FwRole.WanProvider : FwRole.Supplier)
            .Should().Be(state.GetSequenceNumber(deviceType == DeviceType.CommsHub ? FwRole.WanProvider : FwRole.Supplier), "no counter is spent");

        // The malformed-frame count was not touched: a supported command still goes through as before.
        var details = new ProvideSecurityCredentialsDetails(
            Cs02bModeTable.Cell(deviceType == DeviceType.CommsHub ? FwRole.WanProvider : FwRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80), [FwRole.Recovery]);
        dev.Process(dev.Command(GbcsMessageCodes.ProvideSecurityCredentialsDetails, details.Encode(), 200, party.EntityId, party.Key, mac: true)).HasResponse
            .Should().BeTrue(dev.Device.LastDecision.ToString());
    }

    [Fact]
    public void A_command_with_every_other_information_form_reaches_processing()
    {
        var dev = new TestDevice(DeviceType.Esme);
        var supplier = Pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);
        var details = new ProvideSecurityCredentialsDetails(Cs02bModeTable.Cell(FwRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80), [FwRole.Supplier]).Encode();
        ulong counter = 300;
        foreach (var form in new[] { 10, 18, 26, 27 })
        {
            var b = GbcsMessageBuilder.Command(counter, supplier.EntityId, dev.Eui, GbcsMessageCodes.ProvideSecurityCredentialsDetails);
            switch (form)
            {
                case 10: b.SetSupplementaryRemoteParty(Urp); break;
                case 18: b.SetSupplementaryRemoteParty(Urp, 5); break;
                case 26: b.SetSupplementaryRemoteParty(Urp, 5, 6UL); break;
                default: b.SetSupplementaryRemoteParty(Urp, 5, KeyAgreementCertificate); break;
            }

            b.SetDateTime(DeviceTestPki.DeviceTime);
            b.SetContent(details);
            var frame = b.BuildWithMacKey(new HostSigner(supplier.Key), dev.MacKey(Pki.Pack((int)FwRole.AccessControlBroker, SmkiKeyUsage.KeyAgreement).Key, supplier.EntityId, counter));
            dev.Process(frame).HasResponse.Should().BeTrue(form + ": " + dev.Device.LastDecision);
            counter++;
        }
    }
}
