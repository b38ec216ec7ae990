namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>The one-octet status in the responses to CCS01, CS03 and ECS70 (our layout, gbcs-framing.md).</summary>
    public static class InstallCommandStatus
    {
        public const int Success = 0;

        /// <summary>CCS01: the Device Log has no free row.</summary>
        public const int DeviceLogFull = 1;

        /// <summary>CCS01: the install code's length or CRC is wrong.</summary>
        public const int BadInstallCode = 2;

        /// <summary>CS03: the device's join table has no free row.</summary>
        public const int JoinTableFull = 3;

        /// <summary>Reads the status octet of a response payload.</summary>
        public static int Parse(GbcsMessage message)
        {
            if (message.ContentLength != 1)
            {
                throw new GbcsFormatException(GbcsError.BadPayload, "an install command response is one status octet");
            }

            return message.Frame[message.ContentOffset];
        }
    }
}
