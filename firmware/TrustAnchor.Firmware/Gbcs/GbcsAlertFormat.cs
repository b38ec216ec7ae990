namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>The payload languages an alert comes in (<see cref="GbcsAlert.Format"/>; NOTES section 9).</summary>
    public static class GbcsAlertFormat
    {
        /// <summary>DLMS Data-Notification (an ESME): <see cref="DlmsAlertNotification"/>.</summary>
        public const int DlmsDataNotification = 1;
        /// <summary>GBZ alert payload (GSME, Comms Hub, PPMID and the other ZigBee-side devices): <see cref="GbzAlertPayload"/>.</summary>
        public const int Gbz = 2;
        /// <summary>ASN.1 DER (the 0x00CB future-dated CS02b outcome): <see cref="FutureDatedExecutionAlert"/>.</summary>
        public const int Der = 3;

        public static string Name(int format)
        {
            switch (format)
            {
                case DlmsDataNotification: return "DLMS Data-Notification";
                case Gbz: return "GBZ";
                case Der: return "ASN.1 DER";
                default: return "format(" + format.ToString() + ")";
            }
        }
    }
}
