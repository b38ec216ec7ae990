namespace TrustAnchor.Firmware.Han
{
    /// <summary>Codes carried by <see cref="HanException"/>.</summary>
    public enum HanError
    {
        /// <summary>An EUI-64 that is not 8 bytes, a link key that is not 16, a capacity or time-out out of range.</summary>
        InvalidArgument = 0x0A01,

        /// <summary>The Device Log has no free row for a new device.</summary>
        DeviceLogFull = 0x0A02,

        /// <summary>An install code of the wrong length or whose CRC does not match.</summary>
        BadInstallCode = 0x0A03,
    }
}
