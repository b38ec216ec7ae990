namespace TrustAnchor.Firmware.TrustAnchors
{
    /// <summary>
    /// SMETS2 device types that hold Trust Anchor Cells. Values are ours (stored in flash and used as the
    /// <c>CellSets.For</c> key), not a GBCS encoding; 0 is deliberately unused so an erased or zeroed field
    /// never reads as a real device type.
    /// </summary>
    public static class DeviceType
    {
        /// <summary>Electricity Smart Metering Equipment.</summary>
        public const int Esme = 1;
        /// <summary>Gas Smart Metering Equipment.</summary>
        public const int Gsme = 2;
        /// <summary>Communications Hub Function.</summary>
        public const int CommsHub = 3;
        /// <summary>Pre-Payment Meter Interface Device.</summary>
        public const int Ppmid = 4;

        public static bool IsDefined(int deviceType)
        {
            return deviceType >= Esme && deviceType <= Ppmid;
        }

        public static string Name(int deviceType)
        {
            switch (deviceType)
            {
                case Esme: return "ESME";
                case Gsme: return "GSME";
                case CommsHub: return "CHF";
                case Ppmid: return "PPMID";
                default: return "deviceType(" + deviceType.ToString() + ")";
            }
        }
    }
}
