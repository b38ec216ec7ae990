using Microsoft.Extensions.Logging.Abstractions;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Devices;
using TrustAnchor.Simulator.Han;
using TrustAnchor.Simulator.Wan;

namespace TrustAnchor.Simulator.Tests.Devices;

/// <summary>Routing through the hub with stand-in devices that answer every command (the real devices are tested by the scenarios).</summary>
public class CommsHubRoutingTests
{
    private static readonly DateTime T0 = new(2025, 6, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly byte[] Dcc = Convert.FromHexString("90B3D51F31000201");

    private sealed class AnsweringDevice(string kind, string eui, bool alertToo) : IVirtualDevice
    {
        public string Kind => kind;
        public byte[] Eui64 => Convert.FromHexString(eui);
        public string EuiHex => eui;
        public int Seen;

        public DeviceReply Process(byte[] frame)
        {
            Seen++;
            var command = GbcsMessage.Parse(frame);
            var response = GbcsMessageBuilder.Response(command.OriginatorCounter, Eui64, command.OriginatorId, command.MessageCode, T0);
            response.SetContent(new byte[] { 0x30, 0x00 });
            byte[][] alerts = [];
            if (alertToo)
            {
                alerts = [GbcsAlert.BuildFrame(GbcsAlertFormat.DlmsDataNotification, GbcsAlertCodes.DeviceCommissioned, T0, 1, Eui64, command.OriginatorId, null)];
            }

            return new DeviceReply(response.Build(), alerts);
        }
    }

    private static byte[] Command(string target, ulong counter)
    {
        var b = GbcsMessageBuilder.Command(counter, Dcc, Convert.FromHexString(target), GbcsMessageCodes.ProvideSecurityCredentialsDetails);
        b.SetContent(new byte[] { 0x30, 0x00 });
        return b.Build();
    }

    public static TheoryData<string> Kinds => new() { "memory", "tcp" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Frames_reach_the_hub_and_joined_meters_and_answers_come_back(string kind)
    {
        ILinkFactory factory = kind == "tcp" ? new TcpLoopbackLinkFactory() : new InMemoryLinkFactory();
        await using var wan = await factory.CreateAsync("wan", LinkFaults.None, LinkFaults.None, 1, new LinkStatistics());
        var hubDevice = new AnsweringDevice("chf", "00000000000000C1", alertToo: false);
        var esme = new AnsweringDevice("esme", "00000000000000E1", alertToo: true);
        var gsme = new AnsweringDevice("gsme", "00000000000000E2", alertToo: false);
        await using var hub = new CommsHub(hubDevice, wan.Far, new DeviceLog(4, TimeSpan.FromMinutes(30)), NullLogger.Instance);
        hub.Start();

        var code = InstallCode.Create(new Random(1));
        hub.DeviceLog.Add(esme.EuiHex, "esme", code, T0);
        var hanLink = await new InMemoryLinkFactory().CreateAsync("han", LinkFaults.None, LinkFaults.None, 2, new LinkStatistics());
        hub.Join(new MeterNode(esme, NullLogger.Instance), code.LinkKey, T0, hanLink).Should().Be(JoinResult.Joined);

        var exchange = new WanExchange(wan.Near, TimeSpan.FromSeconds(5));
        var answers = await exchange.ExchangeAsync(
            [(Command(hubDevice.EuiHex, 5), hubDevice.EuiHex, 5UL), (Command(esme.EuiHex, 6), esme.EuiHex, 6UL)],
            CancellationToken.None);

        answers[0].Response.Should().NotBeNull();
        answers[0].Response!.OriginatorCounter.Should().Be(5);
        answers[1].Response.Should().NotBeNull();
        answers[1].Alerts.Should().ContainSingle().Which.CraFlag.Should().Be(GbcsCraFlag.Alert);
        answers[1].Alerts[0].MessageCode.Should().Be(GbcsMessageCodes.GenericNonCriticalAlert);
        answers[1].Alerts[0].CopyContent().Should().Equal(DlmsAlertNotification.Encode(0x8F69, T0, 1), "the ESME's alert arrives as it sent it");

        // A meter that is not joined gets nothing; the hub drops the frame and the DCC times out.
        var quick = new WanExchange(wan.Near, TimeSpan.FromMilliseconds(150));
        var none = await quick.ExchangeAsync([(Command(gsme.EuiHex, 7), gsme.EuiHex, 7UL)], CancellationToken.None);
        none[0].Response.Should().BeNull();
        gsme.Seen.Should().Be(0);
        hub.Dropped.Should().Be(1);

        // After leaving, the ESME is unreachable too.
        await hub.LeaveAsync(esme.EuiHex);
        var gone = await quick.ExchangeAsync([(Command(esme.EuiHex, 8), esme.EuiHex, 8UL)], CancellationToken.None);
        gone[0].Response.Should().BeNull();
        esme.Seen.Should().Be(1);
    }

    [Fact]
    public async Task A_frame_that_does_not_parse_is_dropped_by_the_hub()
    {
        await using var wan = await new InMemoryLinkFactory().CreateAsync("wan", LinkFaults.None, LinkFaults.None, 1, new LinkStatistics());
        var hubDevice = new AnsweringDevice("chf", "00000000000000C1", alertToo: false);
        await using var hub = new CommsHub(hubDevice, wan.Far, new DeviceLog(4, TimeSpan.FromMinutes(30)), NullLogger.Instance);
        hub.Start();
        var exchange = new WanExchange(wan.Near, TimeSpan.FromMilliseconds(150));
        var answers = await exchange.ExchangeAsync([(new byte[] { 0x01, 0x02 }, hubDevice.EuiHex, 1UL)], CancellationToken.None);
        answers[0].Response.Should().BeNull();
        hubDevice.Seen.Should().Be(0);
        hub.Dropped.Should().Be(1);
    }

    [Fact]
    public async Task A_response_to_another_counter_is_not_taken_as_the_answer()
    {
        await using var wan = await new InMemoryLinkFactory().CreateAsync("wan", LinkFaults.None, LinkFaults.None, 1, new LinkStatistics());
        var hubDevice = new AnsweringDevice("chf", "00000000000000C1", alertToo: false);
        await using var hub = new CommsHub(hubDevice, wan.Far, new DeviceLog(4, TimeSpan.FromMinutes(30)), NullLogger.Instance);
        hub.Start();
        var exchange = new WanExchange(wan.Near, TimeSpan.FromMilliseconds(200));

        // The frame says counter 5 but the DCC waits for the answer to counter 9 (say, a retry of a lost command).
        var answers = await exchange.ExchangeAsync([(Command(hubDevice.EuiHex, 5), hubDevice.EuiHex, 9UL)], CancellationToken.None);
        answers[0].Response.Should().BeNull();
        exchange.Stray.Should().ContainSingle().Which.OriginatorCounter.Should().Be(5UL);
    }
}
