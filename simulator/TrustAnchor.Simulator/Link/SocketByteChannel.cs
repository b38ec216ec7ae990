using System.Net.Sockets;
using TrustAnchor.Firmware.Link;

namespace TrustAnchor.Simulator.Link;

/// <summary>The link codec's byte channel over a connected TCP socket.</summary>
public sealed class SocketByteChannel(Socket socket) : IByteChannel, IDisposable
{
    public Socket Socket { get; } = socket;

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        try
        {
            if (!Socket.Poll(checked(Math.Max(0, timeoutMs) * 1000), SelectMode.SelectRead))
            {
                return 0;
            }

            var n = Socket.Receive(buffer, offset, count, SocketFlags.None);
            return n == 0 ? -1 : n;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return -1;
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        try
        {
            while (count > 0)
            {
                var n = Socket.Send(buffer, offset, count, SocketFlags.None);
                offset += n;
                count -= n;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            throw new LinkException(LinkError.ChannelFailed, "TCP write failed: " + e.Message);
        }
    }

    public void Dispose()
    {
        try
        {
            Socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        Socket.Dispose();
    }
}
