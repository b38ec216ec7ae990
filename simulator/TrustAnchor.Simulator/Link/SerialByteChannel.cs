using System.IO.Ports;
using TrustAnchor.Firmware.Link;

namespace TrustAnchor.Simulator.Link;

/// <summary>
/// The link codec's byte channel over a serial port (System.IO.Ports): a USB-UART adapter to a board, or one end
/// of a pseudo-terminal pair. 8N1, no flow control, as the boards' UARTs.
/// </summary>
public sealed class SerialByteChannel : IByteChannel, IDisposable
{
    private readonly SerialPort _port;

    public SerialByteChannel(string portName, int baud)
    {
        _port = new SerialPort(portName, baud, Parity.None, 8, StopBits.One) { Handshake = Handshake.None, ReadTimeout = 250, WriteTimeout = 5000 };
        _port.Open();
    }

    public string PortName => _port.PortName;

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        try
        {
            _port.ReadTimeout = Math.Max(1, timeoutMs);
            return _port.Read(buffer, offset, count);
        }
        catch (TimeoutException)
        {
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        try
        {
            _port.Write(buffer, offset, count);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException or TimeoutException or UnauthorizedAccessException)
        {
            throw new LinkException(LinkError.ChannelFailed, $"serial write to {_port.PortName} failed: {e.Message}");
        }
    }

    public void Dispose() => _port.Dispose();
}
