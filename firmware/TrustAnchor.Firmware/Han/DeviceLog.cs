using System;
using System.Threading;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Han
{
    /// <summary>
    /// The Comms Hub's Device Log: the devices allowed on its ZigBee HAN. CCS01 (Add Device to CHF Device Log)
    /// adds a device with the link key derived from its install code; the device must then join within the join
    /// window proving that key. Only joined devices get frames. A fixed number of rows, allocated once, as on a hub.
    /// Thread-safe: the hub's command handler and its HAN join both use it.
    /// </summary>
    public sealed class DeviceLog
    {
        private readonly object _gate = new object();
        private readonly DeviceLogEntry[] _rows;
        private readonly TimeSpan _joinTimeout;
        private int _count;

        public DeviceLog(int capacity, TimeSpan joinTimeout)
        {
            if (capacity < 1 || capacity > 1024)
            {
                throw new HanException(HanError.InvalidArgument, "Device Log capacity must be 1 to 1024 rows");
            }

            if (joinTimeout <= TimeSpan.Zero)
            {
                throw new HanException(HanError.InvalidArgument, "join time-out must be positive");
            }

            _rows = new DeviceLogEntry[capacity];
            _joinTimeout = joinTimeout;
        }

        public int Capacity
        {
            get { return _rows.Length; }
        }

        public TimeSpan JoinTimeout
        {
            get { return _joinTimeout; }
        }

        public int Count
        {
            get
            {
                Monitor.Enter(_gate);
                try
                {
                    return _count;
                }
                finally
                {
                    Monitor.Exit(_gate);
                }
            }
        }

        /// <summary>Row <paramref name="index"/> (0 .. Count-1), in the order they were added.</summary>
        public DeviceLogEntry GetEntry(int index)
        {
            Monitor.Enter(_gate);
            try
            {
                if (index < 0 || index >= _count)
                {
                    throw new HanException(HanError.InvalidArgument, "no Device Log row " + index.ToString());
                }

                return _rows[index];
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }

        /// <summary>The row for <paramref name="eui64"/>, or null.</summary>
        public DeviceLogEntry Find(byte[] eui64)
        {
            CheckEui(eui64);
            Monitor.Enter(_gate);
            try
            {
                int i = IndexOf(eui64);
                return i < 0 ? null : _rows[i];
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }

        /// <summary>True when adding <paramref name="eui64"/> would need a free row and there is none.</summary>
        public bool WouldOverflow(byte[] eui64)
        {
            CheckEui(eui64);
            Monitor.Enter(_gate);
            try
            {
                return IndexOf(eui64) < 0 && _count == _rows.Length;
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }

        /// <summary>
        /// Adds a device (CCS01), or replaces its row: a new link key and a new join window, as when a meter is
        /// re-installed. Bad input or a full log throws <see cref="HanException"/> and changes nothing.
        /// </summary>
        public DeviceLogEntry Add(byte[] eui64, byte[] linkKey16, DateTime now)
        {
            CheckEui(eui64);
            if (linkKey16 == null || linkKey16.Length != 16)
            {
                throw new HanException(HanError.InvalidArgument, "a link key is 16 bytes");
            }

            DeviceLogEntry entry = new DeviceLogEntry(eui64, linkKey16, now);
            Monitor.Enter(_gate);
            try
            {
                int i = IndexOf(eui64);
                if (i >= 0)
                {
                    _rows[i] = entry;
                    return entry;
                }

                if (_count == _rows.Length)
                {
                    throw new HanException(HanError.DeviceLogFull, "Device Log is full (" + _rows.Length.ToString() + " rows)");
                }

                _rows[_count++] = entry;
                return entry;
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }

        public bool Remove(byte[] eui64)
        {
            CheckEui(eui64);
            Monitor.Enter(_gate);
            try
            {
                int i = IndexOf(eui64);
                if (i < 0)
                {
                    return false;
                }

                for (int k = i; k < _count - 1; k++)
                {
                    _rows[k] = _rows[k + 1];
                }

                _rows[--_count] = null;
                return true;
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }

        /// <summary>A device asks to join the HAN proving the link key from its install code; a <see cref="JoinResult"/>.</summary>
        public int TryJoin(byte[] eui64, byte[] presentedLinkKey, DateTime now)
        {
            CheckEui(eui64);
            Monitor.Enter(_gate);
            try
            {
                int i = IndexOf(eui64);
                if (i < 0)
                {
                    return JoinResult.NotWhitelisted;
                }

                DeviceLogEntry entry = _rows[i];
                if (entry.State == HanJoinState.Joined)
                {
                    return JoinResult.AlreadyJoined;
                }

                if (entry.State == HanJoinState.TimedOut
                    || (entry.State == HanJoinState.Whitelisted && now - entry.WhitelistedAt > _joinTimeout))
                {
                    entry.State = HanJoinState.TimedOut;
                    return JoinResult.JoinWindowExpired;
                }

                if (presentedLinkKey == null || presentedLinkKey.Length != 16
                    || !SymmetricChecks.FixedTimeEquals(entry.LinkKey, 0, presentedLinkKey, 0, 16))
                {
                    return JoinResult.WrongLinkKey;
                }

                entry.State = HanJoinState.Joined;
                entry.JoinedAt = now;
                entry.HasJoined = true;
                return JoinResult.Joined;
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }

        /// <summary>The device leaves the HAN; it stays in the log and may join again with its key.</summary>
        public bool Leave(byte[] eui64)
        {
            CheckEui(eui64);
            Monitor.Enter(_gate);
            try
            {
                int i = IndexOf(eui64);
                if (i < 0 || _rows[i].State != HanJoinState.Joined)
                {
                    return false;
                }

                _rows[i].State = HanJoinState.Left;
                return true;
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }

        public bool IsJoined(byte[] eui64)
        {
            CheckEui(eui64);
            Monitor.Enter(_gate);
            try
            {
                int i = IndexOf(eui64);
                return i >= 0 && _rows[i].State == HanJoinState.Joined;
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }

        private int IndexOf(byte[] eui64)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_rows[i].IsFor(eui64))
                {
                    return i;
                }
            }

            return -1;
        }

        private static void CheckEui(byte[] eui64)
        {
            if (eui64 == null || eui64.Length != 8)
            {
                throw new HanException(HanError.InvalidArgument, "an EUI-64 is 8 bytes");
            }
        }
    }
}
