using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// Per-device-type processing data: who may send the non-CS02b security-credential commands, and framing
    /// differences. Cell sets come from <see cref="CellSets"/>; CS02b rules from <see cref="ReplacementModeRules"/>.
    /// Choices marked [inferred] in device-processing.md.
    /// </summary>
    public sealed class DeviceProfile
    {
        private DeviceProfile(DeviceType deviceType, RemotePartyRole[] detailsRoles, RemotePartyRole[] credentialsRoles, bool acbCellIdentifierRequired)
        {
            // I&C commands (CCS01, CS03, ECS70) come from the party that installs the device: the WAN Provider on the
            // hub (the DCC's Communications Service Provider), the Supplier on a meter or PPMID [inferred].
            InstallRoles = credentialsRoles;
            DeviceType = deviceType;
            DetailsRoles = detailsRoles;
            CredentialsRoles = credentialsRoles;
            AcbCellIdentifierRequired = acbCellIdentifierRequired;
        }

        public DeviceType DeviceType { get; private set; }

        /// <summary>Roles that may ask for CS02a (Provide Security Credentials Details).</summary>
        public RemotePartyRole[] DetailsRoles { get; private set; }

        /// <summary>Roles that may send CS02c, CS02d and CS02e (the device's own credentials).</summary>
        public RemotePartyRole[] CredentialsRoles { get; private set; }

        /// <summary>Roles that may send the I&amp;C commands (CCS01 on the hub; CS03 joins and ECS70 on meters) [inferred].</summary>
        public RemotePartyRole[] InstallRoles { get; private set; }

        /// <summary>
        /// True when a CS02b from the ACB replacing its own credentials must still name its cell in
        /// <c>authorisingRemotePartyTACellIdentifier</c> (always on a Comms Hub, NOTES section 6).
        /// </summary>
        public bool AcbCellIdentifierRequired { get; private set; }

        /// <summary>
        /// hwType OID of the device's hardwareModuleName in its CS02c requests (content octets). The DCC test value;
        /// production values are not public [open].
        /// </summary>
        public byte[] HardwareModuleType
        {
            get { return Gbcs.Pkcs10Builder.TestHardwareModuleType; }
        }

        /// <summary>
        /// The language of the device's alert payloads (<see cref="Gbcs.GbcsAlertFormat"/>): an ESME speaks DLMS (Data-Notification);
        /// a GSME, a PPMID and the Comms Hub are ZigBee-side devices and send GBZ (NOTES section 9; for the CHF [inferred]).
        /// </summary>
        public int AlertFormat
        {
            get { return DeviceType == TrustAnchors.DeviceType.Esme ? Gbcs.GbcsAlertFormat.DlmsDataNotification : Gbcs.GbcsAlertFormat.Gbz; }
        }

        /// <summary>Consecutive malformed or unexpected frames after which the device raises 0x8F60 (and starts counting again).</summary>
        public int MalformedFrameAlertThreshold
        {
            get { return 5; }
        }

        /// <summary>Signed security alerts per device-clock minute before the device falls silent (flood protection).</summary>
        public int SecurityAlertsPerMinute
        {
            get { return 20; }
        }

        public static DeviceProfile For(DeviceType deviceType)
        {
            switch (deviceType)
            {
                case TrustAnchors.DeviceType.Esme:
                case TrustAnchors.DeviceType.Gsme:
                    return new DeviceProfile(deviceType,
                        new RemotePartyRole[] { RemotePartyRole.Supplier, RemotePartyRole.NetworkOperator, RemotePartyRole.TransitionalCoS, RemotePartyRole.Recovery },
                        new RemotePartyRole[] { RemotePartyRole.Supplier },
                        false);
                case TrustAnchors.DeviceType.Ppmid:
                    return new DeviceProfile(deviceType,
                        new RemotePartyRole[] { RemotePartyRole.Supplier, RemotePartyRole.TransitionalCoS, RemotePartyRole.Recovery },
                        new RemotePartyRole[] { RemotePartyRole.Supplier },
                        false);
                case TrustAnchors.DeviceType.CommsHub:
                    // The hub's own credentials are the Communications Service Provider's (WAN Provider) business [inferred].
                    return new DeviceProfile(deviceType,
                        new RemotePartyRole[] { RemotePartyRole.WanProvider, RemotePartyRole.Recovery },
                        new RemotePartyRole[] { RemotePartyRole.WanProvider },
                        true);
                default:
                    throw new DeviceException(DeviceError.InvalidConfiguration, "no device profile for device type " + ((int)deviceType).ToString());
            }
        }

        internal static bool Contains(RemotePartyRole[] roles, RemotePartyRole role)
        {
            for (int i = 0; i < roles.Length; i++)
            {
                if (roles[i] == role)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
