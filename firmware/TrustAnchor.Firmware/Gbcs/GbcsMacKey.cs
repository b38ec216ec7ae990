using System;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>An <see cref="IGbcsMacProvider"/> holding an already derived 16-byte MAC key.</summary>
    public sealed class GbcsMacKey : IGbcsMacProvider
    {
        private readonly byte[] _key;

        public GbcsMacKey(byte[] key16)
        {
            if (key16 == null || key16.Length != 16)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "a GBCS MAC key is 16 bytes");
            }

            _key = new byte[16];
            Array.Copy(key16, 0, _key, 0, 16);
        }

        public void ComputeMac(GbcsMessage message, byte[] macOut, int macOutOffset)
        {
            byte[] mac = GbcsMac.Compute(_key, message);
            Array.Copy(mac, 0, macOut, macOutOffset, GbcsMessage.MacLength);
        }
    }
}
