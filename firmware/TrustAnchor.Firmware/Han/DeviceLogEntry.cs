using System;

namespace TrustAnchor.Firmware.Han
{
    /// <summary>One row of the Comms Hub's Device Log: a device allowed on the HAN and the link key it must prove.</summary>
    public sealed class DeviceLogEntry
    {
        private readonly byte[] _eui64;
        private readonly byte[] _linkKey;

        internal DeviceLogEntry(byte[] eui64, byte[] linkKey, DateTime whitelistedAt)
        {
            _eui64 = Copy(eui64);
            _linkKey = Copy(linkKey);
            WhitelistedAt = whitelistedAt;
            State = HanJoinState.Whitelisted;
        }

        /// <summary>The device's EUI-64 (a copy).</summary>
        public byte[] Eui64
        {
            get { return Copy(_eui64); }
        }

        public DateTime WhitelistedAt { get; private set; }

        /// <summary>A <see cref="HanJoinState"/> value.</summary>
        public int State { get; internal set; }

        /// <summary>When the device last joined; meaningful once <see cref="HasJoined"/>.</summary>
        public DateTime JoinedAt { get; internal set; }

        public bool HasJoined { get; internal set; }

        internal byte[] LinkKey
        {
            get { return _linkKey; }
        }

        internal bool IsFor(byte[] eui64)
        {
            for (int i = 0; i < 8; i++)
            {
                if (_eui64[i] != eui64[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static byte[] Copy(byte[] source)
        {
            byte[] copy = new byte[source.Length];
            Array.Copy(source, 0, copy, 0, source.Length);
            return copy;
        }
    }
}
