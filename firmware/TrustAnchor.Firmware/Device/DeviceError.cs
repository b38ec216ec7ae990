namespace TrustAnchor.Firmware.Device
{
    /// <summary>Codes carried by <see cref="DeviceException"/>.</summary>
    public enum DeviceError
    {
        InvalidConfiguration = 0x0901,
        NotProvisioned = 0x0902,
    }
}
