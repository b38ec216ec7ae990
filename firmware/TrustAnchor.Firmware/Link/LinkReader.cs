namespace TrustAnchor.Firmware.Link
{
    /// <summary>
    /// Reads device-link messages from a byte channel: 4-byte big-endian length L (1..65,536), then L bytes
    /// (kind and body). Waits for a message's first byte as long as the caller says, and for every later byte at
    /// most the gap limit: a message that stalls part-way is dropped (<see cref="LinkError.Truncated"/>), so a
    /// serial line with a lost byte recovers instead of hanging.
    /// </summary>
    public sealed class LinkReader
    {
        private readonly IByteChannel _channel;
        private readonly int _gapTimeoutMs;
        private readonly byte[] _header = new byte[4];
        private readonly byte[] _drain = new byte[256];

        public LinkReader(IByteChannel channel, int gapTimeoutMs)
        {
            if (channel == null || gapTimeoutMs <= 0)
            {
                throw new LinkException(LinkError.ChannelFailed, "a link reader needs a channel and a positive gap limit");
            }

            _channel = channel;
            _gapTimeoutMs = gapTimeoutMs;
        }

        /// <summary>The next message, or null when none began within <paramref name="timeoutMs"/>.</summary>
        /// <exception cref="LinkException">Closed, LengthOutOfRange, Truncated or ChannelFailed.</exception>
        public LinkMessage Read(int timeoutMs)
        {
            int first = _channel.Read(_header, 0, 4, timeoutMs);
            if (first == 0)
            {
                return null;
            }

            if (first < 0)
            {
                throw new LinkException(LinkError.Closed, "the link was closed");
            }

            Fill(_header, first, 4, "length");
            int length = (_header[0] << 24) | (_header[1] << 16) | (_header[2] << 8) | _header[3];
            if (length < 1 || length > LinkMessage.MaxLength)
            {
                throw new LinkException(LinkError.LengthOutOfRange,
                    "message length " + ((uint)length).ToString() + " is outside 1.." + LinkMessage.MaxLength.ToString());
            }

            var content = new byte[length];
            Fill(content, 0, length, "message");
            var body = new byte[length - 1];
            System.Array.Copy(content, 1, body, 0, body.Length);
            return new LinkMessage(content[0], body);
        }

        /// <summary>
        /// Serial resynchronisation: discards input until the line has been quiet for <paramref name="quietMs"/>,
        /// so the next byte read starts a message. Returns the number of bytes dropped.
        /// </summary>
        public int DropUntilQuiet(int quietMs)
        {
            int dropped = 0;
            while (true)
            {
                int n = _channel.Read(_drain, 0, _drain.Length, quietMs);
                if (n <= 0)
                {
                    return dropped;
                }

                dropped += n;
            }
        }

        private void Fill(byte[] buffer, int done, int count, string what)
        {
            while (done < count)
            {
                int n = _channel.Read(buffer, done, count - done, _gapTimeoutMs);
                if (n < 0)
                {
                    throw new LinkException(LinkError.Closed, "the link was closed inside a message's " + what);
                }

                if (n == 0)
                {
                    throw new LinkException(LinkError.Truncated,
                        "the " + what + " stopped after " + done.ToString() + " of " + count.ToString() + " bytes; dropped");
                }

                done += n;
            }
        }
    }
}
