using System.Net;
using System.Net.Sockets;
using TrustAnchor.Firmware.Link;
using TrustAnchor.Simulator.DeviceProcess;
using TrustAnchor.Simulator.Link;

namespace TrustAnchor.Simulator.Tests.Link;

/// <summary>The device-link codec (firmware Link/) against bytes laid by hand from firmware/docs/device-link.md.</summary>
public class LinkCodecTests
{
    /// <summary>Bytes queued in advance; reading past them is "nothing in time" or, once closed, the end.</summary>
    private sealed class ScriptedChannel(byte[] input, bool closed) : IByteChannel
    {
        private int _at;

        public List<byte> Written { get; } = [];

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (_at == input.Length)
            {
                return closed ? -1 : 0;
            }

            var n = Math.Min(count, input.Length - _at);
            Array.Copy(input, _at, buffer, offset, n);
            _at += n;
            return n;
        }

        public void Write(byte[] buffer, int offset, int count) => Written.AddRange(buffer.AsSpan(offset, count).ToArray());
    }

    [Fact]
    public void Messages_encode_as_length_kind_body()
    {
        LinkMessage.Frame([0xAA, 0xBB, 0xCC]).Encode().Should().Equal(0x00, 0x00, 0x00, 0x04, 0x01, 0xAA, 0xBB, 0xCC);
        LinkMessage.Restart().Encode().Should().Equal(0x00, 0x00, 0x00, 0x01, 0x02);
        LinkMessage.Done().Encode().Should().Equal(0x00, 0x00, 0x00, 0x01, 0x04);
        LinkMessage.Ready(3, [1, 2, 3, 4, 5, 6, 7, 8]).Encode().Should().Equal(0x00, 0x00, 0x00, 0x0A, 0x03, 0x03, 1, 2, 3, 4, 5, 6, 7, 8);
        LinkMessage.Error("né").Encode().Should().Equal(0x00, 0x00, 0x00, 0x04, 0x7F, (byte)'n', 0xC3, 0xA9);
        LinkText.Decode([(byte)'n', 0xC3, 0xA9, 0xE2, 0x82, 0xAC]).Should().Be("né€");
        LinkText.Decode([0xC3]).Should().Be("?");
    }

    [Fact]
    public void Reader_takes_hand_laid_messages_back_to_back_including_the_largest()
    {
        var big = new byte[LinkMessage.MaxBodyLength];
        big[^1] = 0x5A;
        var input = new byte[] { 0, 0, 0, 3, 0x01, 0x10, 0x20, 0, 0, 0, 1, 0x04 }
            .Concat(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x01 }).Concat(big).ToArray();
        var reader = new LinkReader(new ScriptedChannel(input, closed: true), 100);
        var first = reader.Read(100)!;
        first.Kind.Should().Be(LinkMessageKind.Frame);
        first.Body.Should().Equal(0x10, 0x20);
        reader.Read(100)!.Kind.Should().Be(LinkMessageKind.Done);
        var largest = reader.Read(100)!;
        largest.Body.Length.Should().Be(65535);
        largest.Body[^1].Should().Be(0x5A);
        FluentActions.Invoking(() => reader.Read(100)).Should().Throw<LinkException>().Which.Code.Should().Be(LinkError.Closed);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0 })]            // L = 0: not even a kind
    [InlineData(new byte[] { 0, 1, 0, 1, 0x01 })]      // L = 65,537
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF })] // L negative as int
    public void Lengths_outside_1_to_65536_are_refused(byte[] input)
    {
        var reader = new LinkReader(new ScriptedChannel(input, closed: false), 50);
        FluentActions.Invoking(() => reader.Read(50)).Should().Throw<LinkException>().Which.Code.Should().Be(LinkError.LengthOutOfRange);
    }

    [Fact]
    public void A_message_that_stops_part_way_is_truncated_and_nothing_before_a_first_byte_is_a_timeout()
    {
        new LinkReader(new ScriptedChannel([], closed: false), 50).Read(10).Should().BeNull();
        var reader = new LinkReader(new ScriptedChannel([0, 0, 0, 5, 0x01, 0xAA], closed: false), 50);
        FluentActions.Invoking(() => reader.Read(50)).Should().Throw<LinkException>().Which.Code.Should().Be(LinkError.Truncated);
        var header = new LinkReader(new ScriptedChannel([0, 0], closed: true), 50);
        FluentActions.Invoking(() => header.Read(50)).Should().Throw<LinkException>().Which.Code.Should().Be(LinkError.Closed);
    }

    [Fact]
    public void Ready_must_be_nine_bytes_and_frames_over_the_limit_are_refused()
    {
        FluentActions.Invoking(() => new LinkMessage(LinkMessageKind.Ready, [3, 1, 2]).ReadyEui64()).Should().Throw<LinkException>()
            .Which.Code.Should().Be(LinkError.MalformedBody);
        FluentActions.Invoking(() => LinkMessage.Frame(new byte[65536])).Should().Throw<LinkException>().Which.Code.Should().Be(LinkError.LengthOutOfRange);
    }

    [Fact]
    public void Uris_parse_and_bad_ones_are_one_line_link_errors()
    {
        DeviceLinkAddress.Parse("tcp://127.0.0.1:4059").Should().Be(new DeviceLinkAddress("tcp", "127.0.0.1", 4059, "", 0));
        DeviceLinkAddress.Parse("serial:/dev/ttyUSB0?baud=115200").Should().Be(new DeviceLinkAddress("serial", "", 0, "/dev/ttyUSB0", 115200));
        DeviceLinkAddress.Parse("serial:/dev/ttyACM1").Baud.Should().Be(115200);
        foreach (var bad in new[] { "http://x:1", "tcp://nohost", "tcp://h:99999", "serial:?baud=9600", "serial:/dev/x?parity=odd", "serial:/dev/x?baud=fast" })
        {
            FluentActions.Invoking(() => DeviceLinkAddress.Parse(bad)).Should().Throw<DeviceLinkException>().Which.Message.Should().NotContain("\n");
        }
    }

    [Fact]
    public async Task An_unreachable_device_is_a_one_line_DeviceLinkException()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop(); // nothing listens there now

        var e = await FluentActions.Awaiting(() => DeviceLinks.ConnectAsync($"tcp://127.0.0.1:{port}", CancellationToken.None))
            .Should().ThrowAsync<DeviceLinkException>();
        e.Which.Message.Should().StartWith($"cannot reach the device at tcp://127.0.0.1:{port}").And.NotContain("\n");
        await FluentActions.Awaiting(() => DeviceLinks.ConnectAsync("serial:/dev/no-such-tty?baud=9600", CancellationToken.None))
            .Should().ThrowAsync<DeviceLinkException>();
    }
}
