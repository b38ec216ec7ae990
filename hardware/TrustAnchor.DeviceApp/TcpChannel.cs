#if ESP32_WIFI
using System;
using System.Net.Sockets;
using TrustAnchor.Firmware.Link;

namespace TrustAnchor.DeviceApp
{
    /// <summary>The device link's byte channel over one accepted TCP connection (ESP32 over Wi-Fi).</summary>
    public sealed class TcpChannel : IByteChannel
    {
        private readonly Socket _socket;

        public TcpChannel(Socket socket)
        {
            _socket = socket;
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            try
            {
                if (!_socket.Poll(timeoutMs * 1000, SelectMode.SelectRead))
                {
                    return 0;
                }

                int n = _socket.Receive(buffer, offset, count, SocketFlags.None);
                return n == 0 ? -1 : n;
            }
            catch (SocketException)
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
                    int n = _socket.Send(buffer, offset, count, SocketFlags.None);
                    offset += n;
                    count -= n;
                }
            }
            catch (SocketException e)
            {
                throw new LinkException(LinkError.ChannelFailed, "TCP write failed: " + e.Message);
            }
        }

        public void Close()
        {
            _socket.Close();
        }
    }
}
#endif
