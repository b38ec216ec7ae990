namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>Message Codes of the Install &amp; Commission commands the devices take over the WAN (NOTES section 8).</summary>
    public static class InstallMessageCodes
    {
        /// <summary>CCS01 Add Device to CHF Device Log (Comms Hub; SR 8.11).</summary>
        public const int AddDeviceToDeviceLog = 0x0001;

        /// <summary>CS03A1 Method A Join (Meter): an ESME or GSME is told the device it works with.</summary>
        public const int MethodAJoinMeter = 0x000D;

        /// <summary>CS03A2 Method A Join (Non-Meter): a PPMID (or other non-meter device) is told its meter.</summary>
        public const int MethodAJoinNonMeter = 0x00AB;

        /// <summary>CS03B Method B Join.</summary>
        public const int MethodBJoin = 0x000E;

        /// <summary>ECS70 Set Clock on ESME (SR 8.1.1 commissioning).</summary>
        public const int SetClockOnEsme = 0x0062;

        /// <summary>True for the three CS03 join commands.</summary>
        public static bool IsJoin(int messageCode)
        {
            return messageCode == MethodAJoinMeter || messageCode == MethodAJoinNonMeter || messageCode == MethodBJoin;
        }
    }
}
