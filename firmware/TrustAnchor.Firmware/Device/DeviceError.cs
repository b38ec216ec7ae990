namespace TrustAnchor.Firmware.Device
{
    /// <summary>Codes carried by <see cref="DeviceException"/>.</summary>
    public static class DeviceError
    {
        public const int InvalidConfiguration = 0x0901;
        public const int NotProvisioned = 0x0902;
    }
}
