using System.IO.Ports;

namespace TrustAnchor.DeviceApp
{
    /// <summary>
    /// GBCS frames over a UART with the simulator's TCP framing: a 4-byte big-endian length, then the frame.
    /// Frames over 64 KiB, or a stalled half frame, drop the partial input and resynchronise on the next length.
    /// </summary>
    public sealed class UartFrameLink
    {
        public const int MaxFrameLength = 64 * 1024;

        private readonly SerialPort _port;
        private readonly byte[] _header = new byte[4];

        public UartFrameLink(string portName, int baud)
        {
            _port = new SerialPort(portName, baud);
            _port.ReadTimeout = 250;
            _port.Open();
        }

        /// <summary>The next frame, or null when none arrived within <paramref name="timeoutMs"/>.</summary>
        public byte[] Receive(int timeoutMs)
        {
            _port.ReadTimeout = timeoutMs;
            if (!ReadExactly(_header, 4))
            {
                return null;
            }

            int length = (_header[0] << 24) | (_header[1] << 16) | (_header[2] << 8) | _header[3];
            if (length <= 0 || length > MaxFrameLength)
            {
                _port.DiscardInBuffer();
                return null;
            }

            var frame = new byte[length];
            return ReadExactly(frame, length) ? frame : null;
        }

        public void Send(byte[] frame)
        {
            var header = new byte[4];
            header[0] = (byte)(frame.Length >> 24);
            header[1] = (byte)(frame.Length >> 16);
            header[2] = (byte)(frame.Length >> 8);
            header[3] = (byte)frame.Length;
            _port.Write(header, 0, 4);
            _port.Write(frame, 0, frame.Length);
        }

        // Waits for the first byte with the caller's time-out, the rest with a short one so a half frame is dropped.
        private bool ReadExactly(byte[] buffer, int count)
        {
            int done = 0;
            while (done < count)
            {
                int n;
                try
                {
                    n = _port.Read(buffer, done, count - done);
                }
                catch (System.TimeoutException)
                {
                    return false;
                }

                if (n <= 0)
                {
                    return false;
                }

                done += n;
                _port.ReadTimeout = 50;
            }

            return true;
        }
    }
}
