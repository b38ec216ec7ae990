namespace TrustAnchor.Firmware.Link
{
    /// <summary>Codes of <see cref="LinkException"/> (range 700-799).</summary>
    public enum LinkError
    {
        /// <summary>The length field is outside 1..65,536: the stream cannot be trusted past this point.</summary>
        LengthOutOfRange = 701,

        /// <summary>The peer closed the byte stream.</summary>
        Closed = 702,

        /// <summary>A message stopped arriving part-way (the gap exceeded the reader's limit); the partial message is dropped.</summary>
        Truncated = 703,

        /// <summary>A message's body does not fit its kind (e.g. a READY that is not 9 bytes).</summary>
        MalformedBody = 704,

        /// <summary>The channel failed (I/O error underneath).</summary>
        ChannelFailed = 705,
    }
}
