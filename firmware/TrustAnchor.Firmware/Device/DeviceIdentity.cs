using System;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>Who the device is: its EUI-64 (the Target ID it answers to) and its SMETS2 device type.</summary>
    public sealed class DeviceIdentity
    {
        public const int Eui64Length = 8;

        private readonly byte[] _eui64;

        public DeviceIdentity(byte[] eui64, DeviceType deviceType)
        {
            if (eui64 == null || eui64.Length != Eui64Length)
            {
                throw new DeviceException(DeviceError.InvalidConfiguration, "device EUI-64 must be 8 bytes");
            }

            if (!TrustAnchors.DeviceTypes.IsDefined((int)deviceType))
            {
                throw new DeviceException(DeviceError.InvalidConfiguration, "unknown device type " + ((int)deviceType).ToString());
            }

            _eui64 = new byte[Eui64Length];
            Array.Copy(eui64, 0, _eui64, 0, Eui64Length);
            DeviceType = deviceType;
        }

        /// <summary>A copy of the EUI-64.</summary>
        public byte[] Eui64
        {
            get
            {
                byte[] copy = new byte[Eui64Length];
                Array.Copy(_eui64, 0, copy, 0, Eui64Length);
                return copy;
            }
        }

        public DeviceType DeviceType { get; private set; }

        /// <summary>True when <paramref name="buffer"/> holds this EUI-64 at <paramref name="offset"/>.</summary>
        public bool Matches(byte[] buffer, int offset)
        {
            if (buffer == null || offset < 0 || offset > buffer.Length - Eui64Length)
            {
                return false;
            }

            for (int i = 0; i < Eui64Length; i++)
            {
                if (buffer[offset + i] != _eui64[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
