namespace TrustAnchor.Firmware.TrustAnchors
{
    /// <summary>
    /// SMETS2 device types that hold Trust Anchor Cells. Values are ours (stored in flash and used as the
    /// <c>CellSets.For</c> key), not a GBCS encoding; 0 is deliberately unused so an erased or zeroed field
    /// never reads as a real device type.
    /// </summary>
    public enum DeviceType
    {
        /// <summary>Electricity Smart Metering Equipment.</summary>
        Esme = 1,
        /// <summary>Gas Smart Metering Equipment.</summary>
        Gsme = 2,
        /// <summary>Communications Hub Function.</summary>
        CommsHub = 3,
        /// <summary>Pre-Payment Meter Interface Device.</summary>
        Ppmid = 4,
    }

    /// <summary>Helpers for <see cref="DeviceType"/> (nanoFramework has no Enum.IsDefined; its ToString prints the number).</summary>
    public static class DeviceTypes
    {
        public static bool IsDefined(int deviceType)
        {
            return deviceType >= (int)DeviceType.Esme && deviceType <= (int)DeviceType.Ppmid;
        }

        public static string Name(DeviceType deviceType)
        {
            switch (deviceType)
            {
                case DeviceType.Esme: return "ESME";
                case DeviceType.Gsme: return "GSME";
                case DeviceType.CommsHub: return "CHF";
                case DeviceType.Ppmid: return "PPMID";
                default: return "deviceType(" + ((int)deviceType).ToString() + ")";
            }
        }
    }
}
