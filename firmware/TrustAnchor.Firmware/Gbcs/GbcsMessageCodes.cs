namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>Message Codes of the security-credential use cases and of device alerts (NOTES sections 6 and 9).</summary>
    public static class GbcsMessageCodes
    {
        /// <summary>Generic Critical Alert: a device alert not tied to one command, payload in the device's language.</summary>
        public const int GenericCriticalAlert = 0x1000;
        /// <summary>Generic Non-Critical Alert.</summary>
        public const int GenericNonCriticalAlert = 0x1001;
        /// <summary>CS02a Provide Security Credentials Details.</summary>
        public const int ProvideSecurityCredentialsDetails = 0x0008;
        /// <summary>CS02c Issue Security Credentials.</summary>
        public const int IssueSecurityCredentials = 0x000A;
        /// <summary>CS02d Update Device Certificates.</summary>
        public const int UpdateDeviceCertificates = 0x000B;
        /// <summary>CS02e Provide Device Certificates.</summary>
        public const int ProvideDeviceCertificates = 0x000C;
        /// <summary>CS02b Update Security Credentials: this plus the CredentialsReplacementMode (0..9).</summary>
        public const int UpdateSecurityCredentialsBase = 0x0100;
        /// <summary>Alert raised when a future-dated CS02b has been executed.</summary>
        public const int FutureDatedUpdateSecurityCredentialsAlert = 0x00CB;

        /// <summary>Message Code of CS02b for a replacement mode.</summary>
        public static int ForUpdateSecurityCredentials(CredentialsReplacementMode mode)
        {
            if (mode < 0 || (int)mode > CredentialsReplacementModes.Max)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "replacement mode " + ((int)mode).ToString() + " out of range");
            }

            return UpdateSecurityCredentialsBase + (int)mode;
        }

        /// <summary>True for 0x1000 and 0x1001.</summary>
        public static bool IsGenericAlert(int messageCode)
        {
            return messageCode == GenericCriticalAlert || messageCode == GenericNonCriticalAlert;
        }

        /// <summary>True for 0x0100..0x0109.</summary>
        public static bool IsUpdateSecurityCredentials(int messageCode)
        {
            return messageCode >= UpdateSecurityCredentialsBase
                && messageCode <= UpdateSecurityCredentialsBase + CredentialsReplacementModes.Max;
        }
    }
}
