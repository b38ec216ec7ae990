using System;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>A whole DER element (tag, length and content) inside a larger buffer, e.g. a certificate in a payload.</summary>
    public sealed class DerView
    {
        public DerView(byte[] buffer, int offset, int length)
        {
            GbcsDer.CheckView(buffer, offset, length);
            Buffer = buffer;
            Offset = offset;
            Length = length;
        }

        /// <summary>Wraps a whole array.</summary>
        public DerView(byte[] encoded)
            : this(encoded, 0, encoded == null ? 0 : encoded.Length)
        {
        }

        public byte[] Buffer { get; private set; }

        public int Offset { get; private set; }

        public int Length { get; private set; }

        /// <summary>A copy of the element's bytes (e.g. for Certificate.Parse).</summary>
        public byte[] ToArray()
        {
            byte[] copy = new byte[Length];
            Array.Copy(Buffer, Offset, copy, 0, Length);
            return copy;
        }
    }
}
