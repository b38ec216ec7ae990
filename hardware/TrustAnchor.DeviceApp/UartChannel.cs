using System;
using System.IO.Ports;
using TrustAnchor.Firmware.Link;

namespace TrustAnchor.DeviceApp
{
    /// <summary>
    /// The device link's byte channel over the board's frame UART (8N1, no flow control). The firmware's
    /// DeviceLinkServer does the framing, resynchronisation after garbage and the protocol (firmware/docs/device-link.md).
    /// </summary>
    public sealed class UartChannel : IByteChannel
    {
        private readonly SerialPort _port;

        public UartChannel(string portName, int baud)
        {
            _port = new SerialPort(portName, baud);
            _port.ReadTimeout = 250;
            _port.Open();
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            _port.ReadTimeout = timeoutMs < 1 ? 1 : timeoutMs;
            try
            {
                return _port.Read(buffer, offset, count);
            }
            catch (TimeoutException)
            {
                return 0;
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                _port.Write(buffer, offset, count);
            }
            catch (Exception e)
            {
                throw new LinkException(LinkError.ChannelFailed, "UART write failed: " + e.Message);
            }
        }
    }
}
