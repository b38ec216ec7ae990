namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// Which device alerts are critical (sent with Message Code 0x1000) and which non-critical (0x1001): GBCS's alert
    /// table, as data. 0x8F30 is critical in genuine frames; the other entries are [inferred] from that table's
    /// reading (authentication and authorisation failures are critical; the commissioning report is not). An alert
    /// code not in the table is sent as non-critical [inferred].
    /// </summary>
    public static class GbcsAlertClasses
    {
        private static readonly int[] Critical = new int[]
        {
            GbcsAlertCodes.SourceLacksAuthority,               // genuine frames
            GbcsAlertCodes.TrustedSourceAuthenticationFailure, // [inferred]
            GbcsAlertCodes.AuthenticationFailure,              // [inferred]
            GbcsAlertCodes.UnusualCommands,                    // [inferred]
        };

        /// <summary>True when <paramref name="alertCode"/> is sent as a Generic Critical Alert.</summary>
        public static bool IsCritical(int alertCode)
        {
            for (int i = 0; i < Critical.Length; i++)
            {
                if (Critical[i] == alertCode)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>0x1000 for a critical alert code, 0x1001 otherwise.</summary>
        public static int MessageCodeFor(int alertCode)
        {
            return IsCritical(alertCode) ? GbcsMessageCodes.GenericCriticalAlert : GbcsMessageCodes.GenericNonCriticalAlert;
        }
    }
}
