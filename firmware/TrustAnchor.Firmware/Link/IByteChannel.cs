namespace TrustAnchor.Firmware.Link
{
    /// <summary>
    /// The byte stream under the device link: a UART, a TCP socket, a pseudo-terminal. nanoFramework's mscorlib
    /// has no Stream, so the link needs only these two calls; each transport adapts its own API to them.
    /// </summary>
    public interface IByteChannel
    {
        /// <summary>
        /// Reads up to <paramref name="count"/> bytes, waiting at most <paramref name="timeoutMs"/> for the first.
        /// Returns the number read (at least 1), 0 when nothing arrived in time, or -1 when the stream has ended.
        /// </summary>
        int Read(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>Writes all <paramref name="count"/> bytes (blocking).</summary>
        void Write(byte[] buffer, int offset, int count);
    }
}
