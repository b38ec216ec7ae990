using System.Threading;

namespace TrustAnchor.Firmware.Link
{
    /// <summary>Writes device-link messages, each in one channel write so two threads never interleave halves.</summary>
    public sealed class LinkWriter
    {
        private readonly IByteChannel _channel;
        private readonly object _gate = new object();

        public LinkWriter(IByteChannel channel)
        {
            if (channel == null)
            {
                throw new LinkException(LinkError.ChannelFailed, "a link writer needs a channel");
            }

            _channel = channel;
        }

        public void Write(LinkMessage message)
        {
            byte[] wire = message.Encode();
            // Monitor.Enter(object), not lock: nanoFramework's mscorlib lacks the Enter(object, ref bool) that lock compiles to.
            Monitor.Enter(_gate);
            try
            {
                _channel.Write(wire, 0, wire.Length);
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }
    }
}
