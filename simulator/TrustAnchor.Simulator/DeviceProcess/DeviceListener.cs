using System.Net;
using System.Net.Sockets;
using TrustAnchor.Firmware.Link;
using TrustAnchor.Simulator.Link;

namespace TrustAnchor.Simulator.DeviceProcess;

/// <summary>
/// Serves a <see cref="ILinkedDevice"/> on a device-link address until stopped: TCP (one connection at a time,
/// the next waits in the backlog) or a serial port (resynchronising after garbage, re-serving if the line drops).
/// The serving runs on its own thread through the firmware's <see cref="DeviceLinkServer"/>.
/// </summary>
public sealed class DeviceListener : IDisposable
{
    private static readonly int GapTimeoutMs = 2000;

    private readonly DeviceLinkServer _server;
    private readonly TcpListener? _tcp;
    private readonly DeviceLinkAddress _address;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILinkLog? _log;

    private DeviceListener(ILinkedDevice device, DeviceLinkAddress address, ILinkLog? log)
    {
        _address = address;
        _log = log;
        _server = new DeviceLinkServer(device, resynchronise: !address.IsTcp, GapTimeoutMs, log);
        if (address.IsTcp)
        {
            var ip = address.Host is "localhost" ? IPAddress.Loopback
                : IPAddress.TryParse(address.Host, out var parsed) ? parsed
                : throw new DeviceLinkException($"--listen {address}: the host must be an IP address or localhost");
            _tcp = new TcpListener(ip, address.Port);
            try
            {
                _tcp.Start();
            }
            catch (SocketException e)
            {
                throw new DeviceLinkException($"cannot listen on {address}: {e.Message}", e);
            }

            var bound = (IPEndPoint)_tcp.LocalEndpoint;
            var host = bound.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{bound.Address}]" : bound.Address.ToString();
            ListeningOn = $"tcp://{host}:{bound.Port}";
        }
        else
        {
            ListeningOn = address.ToString();
        }
    }

    /// <summary>The address served, with the real port when port 0 was asked for.</summary>
    public string ListeningOn { get; }

    /// <summary>Completes when serving has stopped.</summary>
    public Task Completion => _done.Task;

    /// <exception cref="DeviceLinkException">The address cannot be listened on (port taken, no such serial port).</exception>
    public static DeviceListener Start(ILinkedDevice device, string uri, ILinkLog? log = null)
    {
        var address = DeviceLinkAddress.Parse(uri);
        var listener = new DeviceListener(device, address, log);
        SerialByteChannel? serial = null;
        if (!address.IsTcp)
        {
            try
            {
                serial = new SerialByteChannel(address.SerialPort, address.Baud);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or PlatformNotSupportedException)
            {
                throw new DeviceLinkException($"cannot open {address}: {e.Message}", e);
            }
        }

        var thread = new Thread(() => listener.Run(serial)) { IsBackground = true, Name = "device-link" };
        thread.Start();
        return listener;
    }

    public void Stop()
    {
        _server.Stop();
        _tcp?.Stop();
    }

    public void Dispose()
    {
        Stop();
        _done.Task.Wait(TimeSpan.FromSeconds(5));
    }

    private void Run(SerialByteChannel? serial)
    {
        try
        {
            if (serial is not null)
            {
                using (serial)
                {
                    while (!_server.StopRequested)
                    {
                        _server.Serve(serial);
                        if (!_server.StopRequested)
                        {
                            Thread.Sleep(200); // the line dropped (the other end closed): wait and serve again
                        }
                    }
                }

                return;
            }

            while (!_server.StopRequested)
            {
                Socket socket;
                try
                {
                    if (!_tcp!.Server.Poll(DeviceLinkServer.PollIntervalMs * 1000, SelectMode.SelectRead))
                    {
                        continue;
                    }

                    socket = _tcp.AcceptSocket();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
                {
                    if (_server.StopRequested)
                    {
                        break;
                    }

                    Thread.Sleep(50);
                    continue;
                }

                socket.NoDelay = true;
                _log?.Write($"link: connection from {socket.RemoteEndPoint}");
                using var channel = new SocketByteChannel(socket);
                _server.Serve(channel);
                _log?.Write("link: connection ended");
            }
        }
        catch (Exception e)
        {
            _log?.Write("link: listener failed: " + e.Message);
        }
        finally
        {
            _tcp?.Stop();
            _done.TrySetResult();
        }
    }
}
