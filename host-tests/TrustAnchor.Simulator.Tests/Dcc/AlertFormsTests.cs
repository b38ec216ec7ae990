using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Simulator.Dcc;

namespace TrustAnchor.Simulator.Tests.Dcc;

/// <summary>The DCC takes device alerts in their genuine forms only (NOTES section 9).</summary>
public class AlertFormsTests
{
    private static readonly byte[] Device = Convert.FromHexString("00DB1234567800E1");
    private static readonly byte[] Dcc = Convert.FromHexString("90B3D51F30000002");
    private static readonly DateTime When = new(2026, 11, 22, 0, 10, 30, DateTimeKind.Utc);

    private static string? Problem(int deviceType, byte[] frame)
    {
        var m = GbcsMessage.Parse(frame);
        return AlertForms.Problem(deviceType, m, GbcsAlert.Parse(m));
    }

    [Theory]
    [InlineData((int)DeviceType.Esme, GbcsAlertFormat.DlmsDataNotification)]
    [InlineData((int)DeviceType.Gsme, GbcsAlertFormat.Gbz)]
    [InlineData((int)DeviceType.CommsHub, GbcsAlertFormat.Gbz)]
    [InlineData((int)DeviceType.Ppmid, GbcsAlertFormat.Gbz)]
    public void Each_device_type_alerts_in_its_own_language(int deviceType, int language)
    {
        AlertForms.LanguageOf(deviceType).Should().Be(language);
        int other = language == GbcsAlertFormat.Gbz ? GbcsAlertFormat.DlmsDataNotification : GbcsAlertFormat.Gbz;
        foreach (var code in new[] { 0x8F30, 0x8F69 })
        {
            Problem(deviceType, GbcsAlert.BuildFrame(language, code, When, 7, Device, Dcc, null)).Should().BeNull();
            Problem(deviceType, GbcsAlert.BuildFrame(other, code, When, 7, Device, Dcc, null)).Should().Contain("payload, not");
        }
    }

    [Fact]
    public void A_device_alert_under_the_wrong_class_or_0x0000_is_refused()
    {
        foreach (var messageCode in new[] { 0x0000, 0x1001 })
        {
            var b = GbcsMessageBuilder.Alert(7, Device, Dcc, messageCode);
            b.SetContent(DlmsAlertNotification.Encode(0x8F30, When, 7));
            Problem((int)DeviceType.Esme, b.Build()).Should().Contain("goes with Message Code 0x1000");
        }
    }

    [Fact]
    public void The_future_dated_outcome_must_be_DER()
    {
        var outcome = new ExecutionOutcome(5, CredentialsReplacementMode.SupplierBySupplier, [], []);
        var b = GbcsMessageBuilder.Alert(7, Device, Dcc, GbcsMessageCodes.FutureDatedUpdateSecurityCredentialsAlert);
        b.SetContent(new FutureDatedExecutionAlert(0x8F66, When, outcome).Encode());
        Problem((int)DeviceType.Esme, b.Build()).Should().BeNull();
    }
}
