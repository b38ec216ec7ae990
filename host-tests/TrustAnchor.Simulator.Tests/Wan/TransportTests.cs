using System.Buffers.Binary;
using System.Net.Sockets;
using TrustAnchor.Simulator.Wan;

namespace TrustAnchor.Simulator.Tests.Wan;

public class TransportTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Kinds => new() { "memory", "tcp" };

    private static ILinkFactory Factory(string kind) => kind == "tcp" ? new TcpLoopbackLinkFactory() : new InMemoryLinkFactory();

    private static byte[] Frame(int n, int length = 40)
    {
        var frame = new byte[length];
        for (var i = 0; i < length; i++)
        {
            frame[i] = (byte)(n * 7 + i);
        }

        return frame;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Frames_arrive_intact_and_in_order_both_ways(string kind)
    {
        await using var link = await Factory(kind).CreateAsync("t", LinkFaults.None, LinkFaults.None, 1, new LinkStatistics());
        for (var i = 0; i < 20; i++)
        {
            await link.Near.SendAsync(Frame(i, 10 + i * 50));
        }

        for (var i = 0; i < 20; i++)
        {
            (await link.Far.ReceiveAsync(Wait)).Should().Equal(Frame(i, 10 + i * 50));
        }

        await link.Far.SendAsync(new byte[] { 0xDF, 1, 2 });
        (await link.Near.ReceiveAsync(Wait)).Should().Equal(0xDF, 1, 2);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Receive_returns_null_when_nothing_arrives(string kind)
    {
        await using var link = await Factory(kind).CreateAsync("t", LinkFaults.None, LinkFaults.None, 1, new LinkStatistics());
        (await link.Far.ReceiveAsync(TimeSpan.FromMilliseconds(50))).Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Total_loss_delivers_nothing_and_is_counted(string kind)
    {
        var stats = new LinkStatistics();
        await using var link = await Factory(kind).CreateAsync("t", new LinkFaults { LossRate = 1 }, LinkFaults.None, 1, stats);
        for (var i = 0; i < 5; i++)
        {
            await link.Near.SendAsync(Frame(i));
        }

        (await link.Far.ReceiveAsync(TimeSpan.FromMilliseconds(100))).Should().BeNull();
        stats.Lost.Should().Be(5);
        stats.Delivered.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Duplication_delivers_each_frame_twice(string kind)
    {
        var stats = new LinkStatistics();
        await using var link = await Factory(kind).CreateAsync("t", new LinkFaults { DuplicateRate = 1 }, LinkFaults.None, 1, stats);
        await link.Near.SendAsync(Frame(1));
        await link.Near.SendAsync(Frame(2));
        var received = new List<byte[]>();
        for (var i = 0; i < 4; i++)
        {
            received.Add((await link.Far.ReceiveAsync(Wait))!);
        }

        received[0].Should().Equal(Frame(1));
        received[1].Should().Equal(Frame(1));
        received[2].Should().Equal(Frame(2));
        received[3].Should().Equal(Frame(2));
        stats.Duplicated.Should().Be(2);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Corruption_flips_exactly_one_bit(string kind)
    {
        var stats = new LinkStatistics();
        await using var link = await Factory(kind).CreateAsync("t", new LinkFaults { CorruptRate = 1 }, LinkFaults.None, 42, stats);
        var sent = Frame(3, 200);
        await link.Near.SendAsync(sent);
        var got = (await link.Far.ReceiveAsync(Wait))!;
        got.Length.Should().Be(sent.Length);
        var flipped = 0;
        for (var i = 0; i < sent.Length; i++)
        {
            flipped += System.Numerics.BitOperations.PopCount((uint)(sent[i] ^ got[i]));
        }

        flipped.Should().Be(1);
        stats.Corrupted.Should().Be(1);
    }

    [Fact]
    public async Task Reordering_lets_a_later_frame_overtake_a_held_one()
    {
        var stats = new LinkStatistics();
        // Every frame that finds nothing held is held; the next one overtakes it.
        await using var link = await new InMemoryLinkFactory().CreateAsync("t", new LinkFaults { ReorderRate = 1, ReorderHoldMs = 5000 }, LinkFaults.None, 7, stats);
        await link.Near.SendAsync(Frame(1));
        await link.Near.SendAsync(Frame(2));
        (await link.Far.ReceiveAsync(Wait)).Should().Equal(Frame(2));
        (await link.Far.ReceiveAsync(Wait)).Should().Equal(Frame(1));
        stats.Reordered.Should().Be(1);
    }

    [Fact]
    public async Task A_held_frame_is_released_after_the_hold_time()
    {
        await using var link = await new InMemoryLinkFactory().CreateAsync("t", new LinkFaults { ReorderRate = 1, ReorderHoldMs = 10 }, LinkFaults.None, 7, new LinkStatistics());
        await link.Near.SendAsync(Frame(9));
        (await link.Far.ReceiveAsync(Wait)).Should().Equal(Frame(9));
    }

    [Fact]
    public async Task Same_seed_gives_the_same_fault_pattern()
    {
        async Task<string> Pattern(int seed)
        {
            var stats = new LinkStatistics();
            await using var link = await new InMemoryLinkFactory().CreateAsync("t", new LinkFaults { LossRate = 0.5 }, LinkFaults.None, seed, stats);
            var seen = new List<int>();
            for (var i = 0; i < 40; i++)
            {
                await link.Near.SendAsync(Frame(i, 4));
                var got = await link.Far.ReceiveAsync(TimeSpan.FromMilliseconds(1));
                seen.Add(got is null ? 0 : 1);
            }

            return string.Concat(seen);
        }

        var a = await Pattern(123);
        (await Pattern(123)).Should().Be(a);
        a.Should().Contain("0").And.Contain("1");
        (await Pattern(124)).Should().NotBe(a);
    }

    [Fact]
    public async Task Latency_delays_but_delivers()
    {
        await using var link = await new InMemoryLinkFactory().CreateAsync("t", new LinkFaults { LatencyMs = 20 }, LinkFaults.None, 1, new LinkStatistics());
        await link.Near.SendAsync(Frame(5));
        (await link.Far.ReceiveAsync(Wait)).Should().Equal(Frame(5));
    }

    [Fact]
    public void Fault_rates_outside_zero_to_one_are_refused()
    {
        var (a, _) = InMemoryFrameTransport.CreatePair("a", "b");
        var act = () => new FaultyFrameTransport(a, new LinkFaults { LossRate = 1.5 }, 1);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*LossRate*");
    }

    [Fact]
    public async Task Tcp_frames_are_length_prefixed_big_endian_on_the_wire()
    {
        await using var listener = new TcpFrameListener();
        using var raw = new Socket(System.Net.Sockets.AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accept = listener.AcceptAsync("dcc");
        await raw.ConnectAsync(listener.EndPoint);
        await using var dcc = await accept;
        listener.EndPoint.Address.Should().Be(System.Net.IPAddress.Loopback);

        await dcc.SendAsync(new byte[] { 0xDF, 0x09, 0x01 });
        var buffer = new byte[7];
        var read = 0;
        while (read < 7)
        {
            read += await raw.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None);
        }

        buffer.Should().Equal(0, 0, 0, 3, 0xDF, 0x09, 0x01);

        // And a frame written by hand (as a board would) arrives whole.
        var header = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, 2);
        await raw.SendAsync(header, SocketFlags.None);
        await raw.SendAsync(new byte[] { 0xAA, 0xBB }, SocketFlags.None);
        (await dcc.ReceiveAsync(Wait)).Should().Equal(0xAA, 0xBB);
    }

    [Fact]
    public async Task Tcp_closes_itself_on_an_oversized_length()
    {
        await using var listener = new TcpFrameListener();
        using var raw = new Socket(System.Net.Sockets.AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accept = listener.AcceptAsync("dcc");
        await raw.ConnectAsync(listener.EndPoint);
        await using var dcc = await accept;
        var header = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, TcpFrameTransport.MaxFrameLength + 1);
        await raw.SendAsync(header, SocketFlags.None);
        (await dcc.ReceiveAsync(Wait)).Should().BeNull();
        dcc.CloseReason.Should().Contain("malformed frame length");
    }

    [Fact]
    public async Task Tcp_refuses_to_send_an_oversized_frame()
    {
        await using var link = await new TcpLoopbackLinkFactory().CreateAsync("t", LinkFaults.None, LinkFaults.None, 1, new LinkStatistics());
        var act = async () => await link.Near.SendAsync(new byte[TcpFrameTransport.MaxFrameLength + 1]);
        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Tcp_closes_an_idle_link_by_itself()
    {
        await using var listener = new TcpFrameListener();
        var accept = listener.AcceptAsync("dcc", TimeSpan.FromMilliseconds(100));
        await using var hub = await TcpFrameTransport.ConnectAsync(listener.EndPoint, "hub");
        await using var dcc = await accept;
        (await dcc.ReceiveAsync(Wait)).Should().BeNull();
        dcc.CloseReason.Should().StartWith("idle");
        (await hub.ReceiveAsync(Wait)).Should().BeNull("the far end sees the connection close");
    }

    [Fact]
    public async Task Tcp_receive_returns_null_once_the_peer_hangs_up()
    {
        var link = await new TcpLoopbackLinkFactory().CreateAsync("t", LinkFaults.None, LinkFaults.None, 1, new LinkStatistics());
        await link.Far.SendAsync(Frame(1));
        await link.Far.DisposeAsync();
        (await link.Near.ReceiveAsync(Wait)).Should().Equal(Frame(1));
        (await link.Near.ReceiveAsync(Wait)).Should().BeNull();
        await link.Near.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_one_off_corruption_flips_the_chosen_bit_of_the_next_frame_only(string kind)
    {
        var stats = new LinkStatistics();
        await using var link = await Factory(kind).CreateAsync("t", LinkFaults.None, LinkFaults.None, 1, stats);
        link.Near.InjectOnce(OneOffFault.Corrupt, 8 * 10 + 2);
        await link.Near.SendAsync(Frame(1));
        await link.Near.SendAsync(Frame(2));
        var expected = Frame(1);
        expected[10] ^= 0x04;
        (await link.Far.ReceiveAsync(Wait)).Should().Equal(expected);
        (await link.Far.ReceiveAsync(Wait)).Should().Equal(Frame(2));
        stats.Corrupted.Should().Be(1);
    }

    [Fact]
    public async Task One_off_loss_and_duplication_affect_one_frame()
    {
        await using var link = await new InMemoryLinkFactory().CreateAsync("t", LinkFaults.None, LinkFaults.None, 1, new LinkStatistics());
        link.Near.InjectOnce(OneOffFault.Lose);
        await link.Near.SendAsync(Frame(1));
        link.Near.InjectOnce(OneOffFault.Duplicate);
        await link.Near.SendAsync(Frame(2));
        await link.Near.SendAsync(Frame(3));
        (await link.Far.ReceiveAsync(Wait)).Should().Equal(Frame(2));
        (await link.Far.ReceiveAsync(Wait)).Should().Equal(Frame(2));
        (await link.Far.ReceiveAsync(Wait)).Should().Equal(Frame(3));
        (await link.Far.ReceiveAsync(TimeSpan.FromMilliseconds(30))).Should().BeNull();
    }
}
