using System.Formats.Asn1;
using System.Text;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using static TrustAnchor.Firmware.Tests.Gbcs.GbcsHandLaidFrames;
using static TrustAnchor.Firmware.Tests.Gbcs.GbcsTestKit;

namespace TrustAnchor.Firmware.Tests.Gbcs;

/// <summary>
/// Alert payloads byte for byte against shared/gbcs/NOTES.md section 9: the ESME's DLMS Data-Notification, the GBZ
/// alert of the ZigBee-side devices, and the 0x00CB future-dated CS02b outcome; the parsers read hand-laid payloads
/// (including the longer forms our devices never send) and refuse malformed ones with typed errors.
/// </summary>
public class GbcsAlertPayloadTests
{
    private static readonly DateTime EventTime = new(2026, 11, 22, 0, 10, 30, 500);

    /// <summary>The 12-byte DLMS date-time of EventTime, laid by hand: 2026, Nov, 22, Sunday (7), 00:10:30.50, deviation 0, status 0.</summary>
    private const string EventTimeDlms = "07EA 0B 16 07 00 0A 1E 32 0000 00";

    /// <summary>Seconds from 2000-01-01Z to EventTime (fraction dropped), as ZigBee UTCTime, big-endian.</summary>
    private static string EventTimeZigBee()
    {
        var seconds = (uint)(new DateTime(2026, 11, 22, 0, 10, 30, DateTimeKind.Utc) - new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds;
        return seconds.ToString("X8");
    }

    [Fact]
    public void An_ESME_alert_is_a_DLMS_Data_Notification_laid_as_in_the_notes()
    {
        var payload = DlmsAlertNotification.Encode(GbcsAlertCodes.SourceLacksAuthority, EventTime, 0x7D0);

        // 0F, long-invoke-id-and-priority 20 00 07 D0 (counter 0x7D0), date-time 00, structure of 2: 12 8F30, 09 0C + date-time.
        payload.Should().Equal(Hex("0F 20 00 07 D0 00 02 02 12 8F 30 09 0C " + EventTimeDlms));

        var n = DlmsAlertNotification.Parse(payload, 0, payload.Length);
        n.LongInvokeIdAndPriority.Should().Be(0x200007D0u);
        n.InvokeId.Should().Be(0x7D0);
        n.HasNotificationDateTime.Should().BeFalse();
        n.ElementCount.Should().Be(2);
        n.AlertCode.Should().Be(0x8F30);
        n.IsEventTimeValid.Should().BeTrue();
        n.EventTime.Should().Be(EventTime);
        n.ExtraElementsLength.Should().Be(0);
    }

    [Fact]
    public void The_invoke_id_keeps_the_low_24_bits_of_the_originator_counter()
    {
        DlmsAlertNotification.InvokeIdFor(0x0000_0001_0123_4567).Should().Be(0x20234567u);
        DlmsAlertNotification.Encode(0x8F3D, EventTime, 0xFFFF_FFFF_FF00_0001).AsSpan(1, 4).ToArray().Should().Equal(Hex("20 00 00 01"));
    }

    [Fact]
    public void A_ZigBee_side_alert_is_a_GBZ_payload_laid_as_in_the_notes()
    {
        var payload = GbzAlertPayload.Encode(GbcsAlertCodes.DeviceCommissioned, EventTime);

        // Profile ID 01 09, no components, alert code 8F69, UTCTime seconds since 2000-01-01Z.
        payload.Should().Equal(Hex("01 09 00 8F 69 " + EventTimeZigBee()));
        payload.Should().Equal(Hex("01 09 00 8F 69 32 94 EF 76"), "the example in gbcs-framing.md (0x3294EF76 s after 2000-01-01Z)");

        var g = GbzAlertPayload.Parse(payload, 0, payload.Length);
        g.ComponentCount.Should().Be(0);
        g.AlertCode.Should().Be(0x8F69);
        g.IsEventTimeValid.Should().BeTrue();
        g.EventTime.Should().Be(new DateTime(2026, 11, 22, 0, 10, 30), "UTCTime has whole seconds");
        g.ComponentsLength.Should().Be(0);
    }

    [Fact]
    public void ZigBee_UTCTime_counts_from_2000_and_knows_its_invalid_value()
    {
        ZigBeeUtcTime.FromDateTime(new DateTime(2000, 1, 1)).Should().Be(0u);
        ZigBeeUtcTime.FromDateTime(new DateTime(2000, 1, 2, 0, 0, 1)).Should().Be(86401u);
        ZigBeeUtcTime.TryToDateTime(0xFFFFFFFF, out _).Should().BeFalse();
        var act = () => ZigBeeUtcTime.FromDateTime(new DateTime(1999, 12, 31, 23, 59, 59));
        act.Should().Throw<GbcsFormatException>().Which.Code.Should().Be(GbcsError.InvalidArgument);
        var g = GbzAlertPayload.Parse(Hex("01 09 00 8F 30 FF FF FF FF"), 0, 9);
        g.IsEventTimeValid.Should().BeFalse();
        g.EventTimeSeconds.Should().Be(0xFFFFFFFF);
    }

    [Fact]
    public void The_future_dated_outcome_is_DER_with_the_alert_code_and_a_GeneralizedTime()
    {
        var outcome = new ExecutionOutcome(1000, CredentialsReplacementMode.SupplierBySupplier, [new RemotePartySeqNumberChange((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)2, 0)],
            [new ReplacementOutcome(new TrustAnchorCellIdentifier((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)2, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80, 0), 0, new byte[8], new byte[8], new byte[8], new byte[8])]);
        var payload = new FutureDatedExecutionAlert(GbcsAlertCodes.FutureDatedExecutionFailed, new DateTime(2027, 6, 1, 12, 0, 0), outcome).Encode();

        // Read with System.Formats.Asn1: SEQUENCE { INTEGER 0x8F67 (02 03 00 8F 67), GeneralizedTime 18 0F "20270601120000Z", outcome }.
        var reader = new AsnReader(payload, AsnEncodingRules.DER);
        var body = reader.ReadSequence();
        reader.HasData.Should().BeFalse();
        body.PeekEncodedValue().ToArray().Should().Equal(Hex("02 03 00 8F 67"));
        body.ReadInteger().Should().Be(0x8F67);
        var time = body.PeekEncodedValue().ToArray();
        time.Should().Equal([0x18, 0x0F, .. Encoding.ASCII.GetBytes("20270601120000Z")]);
        body.ReadGeneralizedTime();
        body.ReadSequence();
        body.HasData.Should().BeFalse();

        var alert = GbcsAlert.Parse(GbcsMessageCodes.FutureDatedUpdateSecurityCredentialsAlert, payload, 0, payload.Length);
        alert.Format.Should().Be(GbcsAlertFormat.Der);
        alert.AlertCode.Should().Be(0x8F67);
        alert.EventTime.Should().Be(new DateTime(2027, 6, 1, 12, 0, 0));
        alert.FutureDated!.Outcome.SeqNumber.Should().Be(1000UL);
    }

    [Fact]
    public void The_DLMS_parser_reads_longer_genuine_forms()
    {
        // A notification date-time, and two more elements after the event time (unsigned 5, octet-string AA BB CC).
        var payload = Hex("0F 20 00 00 2A 0C " + EventTimeDlms + " 02 04 12 8F 3D 09 0C " + EventTimeDlms + " 11 05 09 03 AA BB CC");
        var n = DlmsAlertNotification.Parse(payload, 0, payload.Length);
        n.HasNotificationDateTime.Should().BeTrue();
        n.NotificationDateTimeOffset.Should().Be(6);
        n.ElementCount.Should().Be(4);
        n.AlertCode.Should().Be(0x8F3D);
        n.EventTime.Should().Be(EventTime);
        payload.AsSpan(n.ExtraElementsOffset, n.ExtraElementsLength).ToArray().Should().Equal(Hex("11 05 09 03 AA BB CC"));

        // An event time with unspecified fields is present but not decoded (not an error).
        var unspecified = Hex("0F 20 00 00 01 00 02 02 12 8F 30 09 0C FFFF FF FF FF FF FF FF FF 8000 FF");
        DlmsAlertNotification.Parse(unspecified, 0, unspecified.Length).IsEventTimeValid.Should().BeFalse();
    }

    [Fact]
    public void The_GBZ_parser_reads_alerts_with_components()
    {
        var payload = Hex("01 09 01 8F 30 " + EventTimeZigBee() + " 09 00 01 00 03 00 AA BB CC");
        var g = GbzAlertPayload.Parse(payload, 0, payload.Length);
        g.ComponentCount.Should().Be(1);
        payload.AsSpan(g.ComponentsOffset, g.ComponentsLength).ToArray().Should().Equal(Hex("09 00 01 00 03 00 AA BB CC"));
    }

    public static TheoryData<string, string, GbcsError> MalformedPayloads() => new()
    {
        { "DLMS: wrong tag", "0E 20 00 07 D0 00 02 02 12 8F 30 09 0C " + EventTimeDlms, GbcsError.BadPayload },
        { "DLMS: date-time length 5", "0F 20 00 07 D0 05 02 02 12 8F 30 09 0C " + EventTimeDlms, GbcsError.BadPayload },
        { "DLMS: array not structure", "0F 20 00 07 D0 00 01 02 12 8F 30 09 0C " + EventTimeDlms, GbcsError.BadPayload },
        { "DLMS: one element", "0F 20 00 07 D0 00 02 01 12 8F 30", GbcsError.BadPayload },
        { "DLMS: code not long-unsigned", "0F 20 00 07 D0 00 02 02 11 8F 30 09 0C " + EventTimeDlms, GbcsError.BadPayload },
        { "DLMS: time of 11 bytes", "0F 20 00 07 D0 00 02 02 12 8F 30 09 0B " + EventTimeDlms[..^3], GbcsError.BadPayload },
        { "DLMS: third element missing", "0F 20 00 07 D0 00 02 03 12 8F 30 09 0C " + EventTimeDlms, GbcsError.BadPayload },
        { "DLMS: unknown data type", "0F 20 00 07 D0 00 02 03 12 8F 30 09 0C " + EventTimeDlms + " 13 00", GbcsError.BadPayload },
        { "DLMS: element overruns", "0F 20 00 07 D0 00 02 03 12 8F 30 09 0C " + EventTimeDlms + " 09 05 AA", GbcsError.Truncated },
        { "DLMS: trailing byte", "0F 20 00 07 D0 00 02 02 12 8F 30 09 0C " + EventTimeDlms + " 00", GbcsError.TrailingBytes },
        { "DLMS: cut", "0F 20 00", GbcsError.Truncated },
        { "GBZ: cut", "01 09 00 8F 30 00 00", GbcsError.Truncated },
        { "GBZ: components promised", "01 09 02 8F 30 00 00 00 01", GbcsError.BadPayload },
        { "GBZ: bytes after a plain alert", "01 09 00 8F 30 00 00 00 01 AA", GbcsError.BadPayload },
        { "neither language", "02 02 12 8F 30", GbcsError.BadPayload },
        { "empty", "", GbcsError.Truncated },
    };

    [Theory]
    [MemberData(nameof(MalformedPayloads))]
    public void Malformed_alert_payloads_are_typed_errors(string name, string hex, GbcsError code)
    {
        var payload = Hex(hex);
        var act = () => GbcsAlert.Parse(GbcsMessageCodes.GenericCriticalAlert, payload, 0, payload.Length);
        act.Should().Throw<GbcsFormatException>(name).Which.Code.Should().Be(code, name);
    }

    [Fact]
    public void Every_truncation_of_every_alert_payload_is_a_typed_error()
    {
        var outcome = new ExecutionOutcome(5, CredentialsReplacementMode.SupplierBySupplier, [], []);
        var payloads = new (int MessageCode, byte[] Payload)[]
        {
            (0x1000, DlmsAlertNotification.Encode(0x8F30, EventTime, 7)),
            (0x1000, Hex("0F 20 00 00 2A 0C " + EventTimeDlms + " 02 04 12 8F 3D 09 0C " + EventTimeDlms + " 11 05 09 03 AA BB CC")),
            (0x1001, GbzAlertPayload.Encode(0x8F69, EventTime)),
            (0x00CB, new FutureDatedExecutionAlert(0x8F66, EventTime, outcome).Encode()),
        };

        foreach (var (code, payload) in payloads)
        {
            GbcsAlert.Parse(code, payload, 0, payload.Length).AlertCode.Should().BeOneOf(0x8F30, 0x8F3D, 0x8F69, 0x8F66);
            for (int n = 0; n < payload.Length; n++)
            {
                var cut = payload[..n];
                var act = () => GbcsAlert.Parse(code, cut, 0, cut.Length);
                act.Should().Throw<TrustAnchorException>("a " + n + "-byte prefix is not an alert")
                    .Which.Should().BeOfType<GbcsFormatException>();
            }
        }
    }

    [Fact]
    public void Alert_frames_carry_the_generic_message_codes_by_class_and_no_header_date_time()
    {
        foreach (var (alertCode, critical) in new[] { (0x8F30, true), (0x8F3D, true), (0x8F53, true), (0x8F60, true), (0x8F69, false), (0x8F66, false) })
        {
            GbcsAlertClasses.IsCritical(alertCode).Should().Be(critical, alertCode.ToString("X4"));
            GbcsAlertClasses.MessageCodeFor(alertCode).Should().Be(critical ? 0x1000 : 0x1001);
            foreach (var format in new[] { GbcsAlertFormat.DlmsDataNotification, GbcsAlertFormat.Gbz })
            {
                var frame = GbcsAlert.BuildFrame(format, alertCode, EventTime, 0x7D0, Meter, Acb, null);
                var m = GbcsMessage.Parse(frame);
                m.CraFlag.Should().Be(GbcsCraFlag.Alert);
                m.HasDateTime.Should().BeFalse("the event time travels in the payload");
                m.MessageCode.Should().Be(critical ? GbcsMessageCodes.GenericCriticalAlert : GbcsMessageCodes.GenericNonCriticalAlert);
                m.MessageCode.Should().NotBe(0x0000);
                var alert = GbcsAlert.Parse(m);
                alert.Format.Should().Be(format);
                alert.AlertCode.Should().Be(alertCode);
                alert.IsCritical.Should().Be(critical);
                alert.IsEventTimeValid.Should().BeTrue();
            }
        }
    }
}
