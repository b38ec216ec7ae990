using System.Net.Sockets;

namespace TrustAnchor.Simulator.Link;

/// <summary>Opens device links from their URIs: <c>tcp://HOST:PORT</c>, <c>serial:/dev/ttyX?baud=N</c>.</summary>
public static class DeviceLinks
{
    /// <summary>How long a device has to connect and say READY.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <exception cref="DeviceLinkException">A bad URI, an unreachable device, or no READY.</exception>
    public static Task<IDeviceLink> ConnectAsync(string uri, CancellationToken ct) => ConnectAsync(uri, ConnectTimeout, ct);

    public static async Task<IDeviceLink> ConnectAsync(string uri, TimeSpan timeout, CancellationToken ct)
    {
        var address = DeviceLinkAddress.Parse(uri);
        if (address.IsTcp)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                connectTimeout.CancelAfter(timeout);
                try
                {
                    await socket.ConnectAsync(address.Host, address.Port, connectTimeout.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
                {
                    socket.Dispose();
                    var why = e is SocketException s ? s.Message : "no answer";
                    throw new DeviceLinkException($"cannot reach the device at {address}: {why}", e);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }

            var channel = new SocketByteChannel(socket);
            return await ChannelDeviceLink.OpenAsync(channel, channel, address.ToString(), askHello: false, timeout, ct).ConfigureAwait(false);
        }

        SerialByteChannel serial;
        try
        {
            serial = new SerialByteChannel(address.SerialPort, address.Baud);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or PlatformNotSupportedException)
        {
            throw new DeviceLinkException($"cannot open {address}: {e.Message}", e);
        }

        return await ChannelDeviceLink.OpenAsync(serial, serial, address.ToString(), askHello: true, timeout, ct).ConfigureAwait(false);
    }
}
