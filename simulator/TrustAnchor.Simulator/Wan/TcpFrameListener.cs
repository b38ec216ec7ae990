using System.Net;
using System.Net.Sockets;

namespace TrustAnchor.Simulator.Wan;

/// <summary>
/// The DCC's end of the TCP WAN: listens on loopback at an ephemeral port and accepts Comms Hubs (virtual or a
/// board) as <see cref="TcpFrameTransport"/>s. Disposing stops listening; accepted connections live on.
/// </summary>
public sealed class TcpFrameListener : IAsyncDisposable
{
    private readonly TcpListener _listener;

    public TcpFrameListener(IPAddress? address = null, int port = 0)
    {
        _listener = new TcpListener(address ?? IPAddress.Loopback, port);
        _listener.Start(backlog: 512);
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
    }

    public IPEndPoint EndPoint { get; }

    public async Task<TcpFrameTransport> AcceptAsync(string name, TimeSpan? idleTimeout = null, CancellationToken cancellationToken = default)
    {
        var socket = await _listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
        return new TcpFrameTransport(socket, name, idleTimeout);
    }

    public ValueTask DisposeAsync()
    {
        _listener.Stop();
        return ValueTask.CompletedTask;
    }
}
