using System.Security.Cryptography;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.Han;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Smki;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Firmware.Tests.Device;

/// <summary>
/// The I&amp;C commands through the device's processing: CCS01 to the Comms Hub's Device Log, CS03 joins and ECS70 on
/// meters. Payloads are laid by hand from the documented layouts; the link key is checked against an AES-MMO
/// written here on .NET's AES.
/// </summary>
public sealed class InstallCommandTests
{
    private static DeviceTestPki Pki => DeviceTestPki.Shared;

    private static TestParty WanProvider => Pki.Pack((int)FwRole.WanProvider, SmkiKeyUsage.DigitalSignature);

    private static TestParty Supplier => Pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);

    private static TestParty NetworkOperator => Pki.Pack((int)FwRole.NetworkOperator, SmkiKeyUsage.DigitalSignature);

    private static readonly byte[] MeterEui = Convert.FromHexString("70B3D50000000120");

    /// <summary>A 16-byte install code and its CRC-16/X.25, computed here.</summary>
    private static byte[] InstallCode(byte seed)
    {
        var code = new byte[18];
        for (var i = 0; i < 16; i++)
        {
            code[i] = (byte)(seed + 17 * i);
        }

        ushort crc = 0xFFFF;
        for (var i = 0; i < 16; i++)
        {
            crc ^= code[i];
            for (var b = 0; b < 8; b++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0x8408) : (ushort)(crc >> 1);
            }
        }

        crc ^= 0xFFFF;
        code[16] = (byte)crc;
        code[17] = (byte)(crc >> 8);
        return code;
    }

    /// <summary>AES-MMO (ZigBee B.6) on .NET's AES.</summary>
    private static byte[] Mmo(byte[] message)
    {
        var padded = new byte[(message.Length + 3 + 15) / 16 * 16];
        message.CopyTo(padded, 0);
        padded[message.Length] = 0x80;
        padded[^2] = (byte)(message.Length * 8 >> 8);
        padded[^1] = (byte)(message.Length * 8);
        var h = new byte[16];
        using var aes = Aes.Create();
        for (var at = 0; at < padded.Length; at += 16)
        {
            aes.Key = h;
            var e = aes.EncryptEcb(padded.AsSpan(at, 16), PaddingMode.None);
            for (var i = 0; i < 16; i++)
            {
                h[i] = (byte)(e[i] ^ padded[at + i]);
            }
        }

        return h;
    }

    private static byte[] Ccs01Payload(byte[] eui, byte[] code) => [.. eui, (byte)code.Length, .. code];

    private static TestDevice Hub()
    {
        var hub = new TestDevice(DeviceType.CommsHub);
        hub.Device.AttachDeviceLog(new DeviceLog(4, TimeSpan.FromMinutes(30)));
        return hub;
    }

    private static byte[] Ccs01(TestDevice hub, ulong counter, TestParty from, bool signed = true, byte[]? code = null) =>
        hub.Command(InstallMessageCodes.AddDeviceToDeviceLog, Ccs01Payload(MeterEui, code ?? InstallCode(1)), counter, from.EntityId, signed ? from.Key : null, mac: true);

    [Fact]
    public void Ccs01_from_the_wan_provider_adds_the_device_with_the_link_key_of_its_install_code()
    {
        var hub = Hub();
        var output = hub.Process(Ccs01(hub, 101, WanProvider));

        output.Alerts.Should().BeEmpty(hub.Device.LastDecision.ToString());
        var response = GbcsMessage.Parse(output.Response);
        response.MessageCode.Should().Be(0x0001);
        response.OriginatorCounter.Should().Be(101);
        TestDevice.VerifyFrameSignature(response, hub.Credentials.Signing.PublicKey).Should().BeTrue();
        response.Frame[response.ContentOffset].Should().Be(0, "status success");
        response.ContentLength.Should().Be(1);

        var log = hub.Device.DeviceLog!;
        log.Count.Should().Be(1);
        log.Find(MeterEui)!.State.Should().Be(HanJoinState.Whitelisted);
        log.TryJoin(MeterEui, new byte[16], DeviceTestPki.DeviceTime).Should().Be(JoinResult.WrongLinkKey);
        log.TryJoin(MeterEui, Mmo(InstallCode(1)), DeviceTestPki.DeviceTime).Should().Be(JoinResult.Joined);
        hub.Store.Current.GetSequenceNumber(FwRole.WanProvider).Should().Be(101);
    }

    [Theory]
    [InlineData("wrong-party", GbcsAlertCodes.SourceLacksAuthority, ProcessingStep.Authority)]
    [InlineData("unsigned", GbcsAlertCodes.TrustedSourceAuthenticationFailure, ProcessingStep.Signature)]
    [InlineData("wrong-key", GbcsAlertCodes.TrustedSourceAuthenticationFailure, ProcessingStep.Signature)]
    [InlineData("no-mac", GbcsAlertCodes.TrustedSourceAuthenticationFailure, ProcessingStep.Mac)]
    [InlineData("replayed", GbcsAlertCodes.AuthenticationFailure, ProcessingStep.AntiReplay)]
    public void A_bad_ccs01_is_refused_with_the_right_alert_and_the_device_log_is_unchanged(string how, int alert, int step)
    {
        var hub = Hub();
        if (how == "replayed")
        {
            var first = Ccs01(hub, 101, WanProvider);
            hub.Process(first).Alerts.Should().BeEmpty();
            hub.Device.DeviceLog!.Remove(MeterEui).Should().BeTrue("emptied so a replay that got through would show");
            var before = hub.Snapshot();
            Cs02bModeTableTests.AssertRefused(hub, hub.Process(first), before, alert, step);
            hub.Device.DeviceLog.Count.Should().Be(0);
            return;
        }

        var frame = how switch
        {
            // The hub knows the Recovery party, which may not whitelist devices.
            "wrong-party" => Ccs01(hub, 101, Pki.Pack((int)FwRole.Recovery, SmkiKeyUsage.DigitalSignature)),
            "unsigned" => Ccs01(hub, 101, WanProvider, signed: false),
            "wrong-key" => hub.Command(InstallMessageCodes.AddDeviceToDeviceLog, Ccs01Payload(MeterEui, InstallCode(1)), 101, WanProvider.EntityId, Supplier.Key, mac: true),
            _ => hub.Command(InstallMessageCodes.AddDeviceToDeviceLog, Ccs01Payload(MeterEui, InstallCode(1)), 101, WanProvider.EntityId, WanProvider.Key, mac: false),
        };
        var flash = hub.Snapshot();
        Cs02bModeTableTests.AssertRefused(hub, hub.Process(frame), flash, alert, step);
        hub.Device.DeviceLog!.Count.Should().Be(0);
        hub.Store.Current.GetSequenceNumber(FwRole.WanProvider).Should().Be(TestDevice.InitialSequenceNumber);
    }

    [Fact]
    public void A_ccs01_with_a_bad_install_code_crc_is_answered_with_a_status_and_changes_nothing()
    {
        var hub = Hub();
        var code = InstallCode(2);
        code[17] ^= 0x01;
        var output = hub.Process(Ccs01(hub, 101, WanProvider, code: code));
        output.Alerts.Should().BeEmpty();
        var response = GbcsMessage.Parse(output.Response);
        response.Frame[response.ContentOffset].Should().Be(InstallCommandStatus.BadInstallCode);
        hub.Device.DeviceLog!.Count.Should().Be(0);
        hub.Store.Current.GetSequenceNumber(FwRole.WanProvider).Should().Be(TestDevice.InitialSequenceNumber, "the counter is spent only by a command that is carried out");
    }

    [Fact]
    public void A_full_device_log_refuses_a_new_device_but_takes_a_known_one_again()
    {
        var hub = new TestDevice(DeviceType.CommsHub);
        hub.Device.AttachDeviceLog(new DeviceLog(1, TimeSpan.FromMinutes(30)));
        hub.Process(Ccs01(hub, 101, WanProvider)).Alerts.Should().BeEmpty();
        var other = hub.Command(InstallMessageCodes.AddDeviceToDeviceLog, Ccs01Payload(Convert.FromHexString("70B3D50000000130"), InstallCode(3)), 102, WanProvider.EntityId, WanProvider.Key, mac: true);
        var refused = GbcsMessage.Parse(hub.Process(other).Response);
        refused.Frame[refused.ContentOffset].Should().Be(InstallCommandStatus.DeviceLogFull);
        var again = GbcsMessage.Parse(hub.Process(Ccs01(hub, 103, WanProvider, code: InstallCode(4))).Response);
        again.Frame[again.ContentOffset].Should().Be(InstallCommandStatus.Success);
        hub.Device.DeviceLog!.TryJoin(MeterEui, Mmo(InstallCode(4)), DeviceTestPki.DeviceTime).Should().Be(JoinResult.Joined);
    }

    [Fact]
    public void A_malformed_ccs01_is_dropped_without_a_change()
    {
        var hub = Hub();
        var frame = hub.Command(InstallMessageCodes.AddDeviceToDeviceLog, [.. MeterEui, 0x12, 0x01], 101, WanProvider.EntityId, WanProvider.Key, mac: true);
        var output = hub.Process(frame);
        output.Response.Should().BeEmpty();
        hub.Device.LastDecision.Step.Should().Be(ProcessingStep.Payload);
        hub.Device.DeviceLog!.Count.Should().Be(0);
    }

    [Fact]
    public void A_meter_takes_no_ccs01_and_a_hub_no_join()
    {
        var esme = new TestDevice(DeviceType.Esme);
        var output = esme.Process(esme.Command(InstallMessageCodes.AddDeviceToDeviceLog, Ccs01Payload(MeterEui, InstallCode(1)), 101, Supplier.EntityId, Supplier.Key, mac: true));
        output.Response.Should().BeEmpty();
        esme.Device.LastDecision.Step.Should().Be(ProcessingStep.UnsupportedMessageCode);

        var hub = Hub();
        output = hub.Process(hub.Command(InstallMessageCodes.MethodAJoinMeter, [.. MeterEui, (byte)DeviceType.Ppmid], 101, WanProvider.EntityId, WanProvider.Key, mac: true));
        output.Response.Should().BeEmpty();
        hub.Device.LastDecision.Step.Should().Be(ProcessingStep.UnsupportedMessageCode);
    }

    [Theory]
    [InlineData(DeviceType.Esme, InstallMessageCodes.MethodAJoinMeter)]
    [InlineData(DeviceType.Gsme, InstallMessageCodes.MethodAJoinMeter)]
    [InlineData(DeviceType.Esme, InstallMessageCodes.MethodBJoin)]
    [InlineData(DeviceType.Ppmid, InstallMessageCodes.MethodAJoinNonMeter)]
    public void A_join_from_the_supplier_is_recorded_and_from_anyone_else_or_again_it_is_refused(DeviceType deviceType, int code)
    {
        var dev = new TestDevice(deviceType);
        var partner = Convert.FromHexString("70B3D50000000140");
        byte[] payload = [.. partner, (byte)DeviceType.Ppmid];

        var flash = dev.Snapshot();
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(dev.Command(code, payload, 101, Pki.Pack((int)FwRole.Recovery, SmkiKeyUsage.DigitalSignature).EntityId, Pki.Pack((int)FwRole.Recovery, SmkiKeyUsage.DigitalSignature).Key, mac: true)),
            flash, GbcsAlertCodes.SourceLacksAuthority, ProcessingStep.Authority);
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(dev.Command(code, payload, 101, Supplier.EntityId, null, mac: true)),
            flash, GbcsAlertCodes.TrustedSourceAuthenticationFailure, ProcessingStep.Signature);
        dev.Device.JoinedDeviceCount.Should().Be(0);

        var frame = dev.Command(code, payload, 101, Supplier.EntityId, Supplier.Key, mac: true);
        var output = dev.Process(frame);
        output.Alerts.Should().BeEmpty(dev.Device.LastDecision.ToString());
        GbcsMessage.Parse(output.Response).MessageCode.Should().Be(code);
        dev.Device.JoinedDeviceCount.Should().Be(1);
        dev.Device.GetJoinedDevice(0).Should().Equal(payload);

        var after = dev.Snapshot();
        Cs02bModeTableTests.AssertRefused(dev, dev.Process(frame), after, GbcsAlertCodes.AuthenticationFailure, ProcessingStep.AntiReplay);
        dev.Device.JoinedDeviceCount.Should().Be(1);
    }

    private sealed class SettableClock(DateTime now) : IAdjustableDeviceClock
    {
        public DateTime UtcNow { get; private set; } = now;

        public void Set(DateTime utc) => UtcNow = utc;
    }

    [Fact]
    public void Ecs70_sets_an_esme_clock_only_when_signed_by_the_supplier()
    {
        var pki = Pki;
        var template = new TestDevice(DeviceType.Esme);
        var clock = new SettableClock(DeviceTestPki.DeviceTime.AddMinutes(-7));
        var esme = new GbcsDevice(new DeviceIdentity(template.Eui, DeviceType.Esme), template.Store, clock, new SeededEntropy(77), template.Credentials);
        var target = DeviceTestPki.DeviceTime;
        // DLMS date-time laid by hand: year, month, day, weekday, h, m, s, hundredths, deviation 0x8000 (not specified), status.
        byte[] Dlms(DateTime t) => [(byte)(t.Year >> 8), (byte)t.Year, (byte)t.Month, (byte)t.Day, (byte)(t.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)t.DayOfWeek), (byte)t.Hour, (byte)t.Minute, (byte)t.Second, 0x00, 0x00, 0x00, 0x00];

        var unsigned = esme.Process(template.Command(InstallMessageCodes.SetClockOnEsme, Dlms(target), 101, Supplier.EntityId, null, mac: true));
        unsigned.Response.Should().BeEmpty();
        clock.UtcNow.Should().Be(DeviceTestPki.DeviceTime.AddMinutes(-7));

        var output = esme.Process(template.Command(InstallMessageCodes.SetClockOnEsme, Dlms(target), 102, Supplier.EntityId, Supplier.Key, mac: true));
        output.Alerts.Should().BeEmpty(esme.LastDecision.ToString());
        clock.UtcNow.Should().Be(target);

        var gsme = new TestDevice(DeviceType.Gsme);
        gsme.Process(gsme.Command(InstallMessageCodes.SetClockOnEsme, Dlms(target), 101, Supplier.EntityId, Supplier.Key, mac: true)).Response.Should().BeEmpty("ECS70 is for the ESME");
        _ = pki;
    }

    [Fact]
    public void The_firmware_link_key_matches_an_independent_aes_mmo_and_bad_codes_are_typed_errors()
    {
        var code = InstallCode(9);
        InstallCodes.LinkKey(code, 0, code.Length).Should().Equal(Mmo(code));
        var bad = (byte[])code.Clone();
        bad[0] ^= 1;
        var crc = () => InstallCodes.LinkKey(bad, 0, bad.Length);
        crc.Should().Throw<HanException>().Which.Code.Should().Be(HanError.BadInstallCode);
        var length = () => InstallCodes.LinkKey(code, 0, 11);
        length.Should().Throw<HanException>().Which.Code.Should().Be(HanError.BadInstallCode);

        var log = new DeviceLog(2, TimeSpan.FromMinutes(30));
        var shortEui = () => log.Add(new byte[7], new byte[16], DateTime.UtcNow);
        shortEui.Should().Throw<HanException>().Which.Code.Should().Be(HanError.InvalidArgument);
        log.Count.Should().Be(0);
        var capacity = () => new DeviceLog(0, TimeSpan.FromMinutes(1));
        capacity.Should().Throw<HanException>();
    }
}
