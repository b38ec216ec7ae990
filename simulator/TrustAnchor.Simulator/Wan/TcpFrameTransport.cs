using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace TrustAnchor.Simulator.Wan;

/// <summary>
/// One end of a link over a real TCP connection: each frame is a 4-byte big-endian length then the frame bytes.
/// Frames are bounded (<see cref="MaxFrameLength"/>); a reader loop fills a small queue so a receive time-out never
/// cuts a frame in half. The connection closes itself when disposed, when the peer hangs up, on a malformed length,
/// or after <see cref="IdleTimeout"/> without traffic. A development board speaks exactly this framing.
/// </summary>
public sealed class TcpFrameTransport : IFrameTransport
{
    /// <summary>Largest frame accepted: a CS02b with four certificates is a few kilobytes.</summary>
    public const int MaxFrameLength = 64 * 1024;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly Channel<byte[]> _inbound = Channel.CreateBounded<byte[]>(64);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _readLoop;
    private readonly Timer _idleTimer;
    private long _lastTrafficTicks = Environment.TickCount64;
    private int _disposed;

    public TcpFrameTransport(Socket connectedSocket, string name, TimeSpan? idleTimeout = null)
    {
        _socket = connectedSocket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(connectedSocket, ownsSocket: true);
        Name = name;
        IdleTimeout = idleTimeout ?? TimeSpan.FromSeconds(30);
        _readLoop = Task.Run(ReadLoopAsync);
        var period = TimeSpan.FromMilliseconds(Math.Max(10, IdleTimeout.TotalMilliseconds / 4));
        _idleTimer = new Timer(CheckIdle, null, period, period);
    }

    public string Name { get; }

    public TimeSpan IdleTimeout { get; }

    /// <summary>Why the connection closed, once it has (null while open).</summary>
    public string? CloseReason { get; private set; }

    public EndPoint? RemoteEndPoint => _socket.RemoteEndPoint;

    /// <summary>Connects to a listening peer (a board, or the DCC side of a loopback link).</summary>
    public static async Task<TcpFrameTransport> ConnectAsync(IPEndPoint endPoint, string name, TimeSpan? idleTimeout = null, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new TcpFrameTransport(socket, name, idleTimeout);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken = default)
    {
        if (frame.Length > MaxFrameLength)
        {
            throw new ArgumentException($"{Name}: frame of {frame.Length} bytes exceeds the {MaxFrameLength}-byte limit", nameof(frame));
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var buffer = new byte[4 + frame.Length];
        BinaryPrimitives.WriteInt32BigEndian(buffer, frame.Length);
        frame.CopyTo(buffer.AsMemory(4));
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            Touch();
        }
        catch (IOException)
        {
            // Peer gone: the frame is lost, the reader loop records why.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask<byte[]?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (_inbound.Reader.TryRead(out var ready))
        {
            return ready;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            while (await _inbound.Reader.WaitToReadAsync(cts.Token).ConfigureAwait(false))
            {
                if (_inbound.Reader.TryRead(out var frame))
                {
                    return frame;
                }
            }

            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private void Touch() => Volatile.Write(ref _lastTrafficTicks, Environment.TickCount64);

    private async Task ReadLoopAsync()
    {
        var header = new byte[4];
        var token = _closing.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                if (!await ReadExactlyOrIdleAsync(header, token).ConfigureAwait(false))
                {
                    return;
                }

                var length = BinaryPrimitives.ReadInt32BigEndian(header);
                if (length < 0 || length > MaxFrameLength)
                {
                    CloseReason ??= $"malformed frame length {length}";
                    return;
                }

                var frame = new byte[length];
                if (length > 0 && !await ReadExactlyOrIdleAsync(frame, token).ConfigureAwait(false))
                {
                    CloseReason ??= "connection closed mid-frame";
                    return;
                }

                await _inbound.Writer.WriteAsync(frame, token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            CloseReason ??= token.IsCancellationRequested ? "closed" : ex.Message;
        }
        finally
        {
            _inbound.Writer.TryComplete();
            if (CloseReason is not null && CloseReason != "closed")
            {
                // Close our side too so the peer learns at once.
                try { _socket.Shutdown(SocketShutdown.Both); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
            }
        }
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes; false on a clean end of stream.</summary>
    private async Task<bool> ReadExactlyOrIdleAsync(byte[] buffer, CancellationToken token)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _stream.ReadAsync(buffer.AsMemory(read), token).ConfigureAwait(false);
            if (n == 0)
            {
                CloseReason ??= read == 0 ? "peer closed the connection" : "connection closed mid-frame";
                return false;
            }

            read += n;
            Touch();
        }

        return true;
    }

    /// <summary>Closes a link nobody has used for <see cref="IdleTimeout"/>, so a forgotten connection never lingers.</summary>
    private void CheckIdle(object? state)
    {
        if (Environment.TickCount64 - Volatile.Read(ref _lastTrafficTicks) >= (long)IdleTimeout.TotalMilliseconds)
        {
            CloseReason ??= $"idle for {IdleTimeout.TotalSeconds:0.#} s";
            _ = DisposeAsync().AsTask();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        CloseReason ??= "closed";
        await _idleTimer.DisposeAsync().ConfigureAwait(false);
        _closing.Cancel();
        try { _socket.Shutdown(SocketShutdown.Both); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        await _stream.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already recorded in CloseReason.
        }

        _closing.Dispose();
        _sendLock.Dispose();
    }
}
