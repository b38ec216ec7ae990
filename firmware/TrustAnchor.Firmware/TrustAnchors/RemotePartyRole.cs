namespace TrustAnchor.Firmware.TrustAnchors
{
    /// <summary>
    /// GBCS Remote Party Role (an ASN.1 INTEGER; the two-hex-digit OU of an Organisation Certificate).
    /// </summary>
    public enum RemotePartyRole
    {
        Root = 0,
        Recovery = 1,
        Supplier = 2,
        NetworkOperator = 3,
        AccessControlBroker = 4,
        TransitionalCoS = 5,
        WanProvider = 6,
        IssuingAuthority = 7,
        LoadController = 8,
        Other = 127,
    }

    /// <summary>
    /// Helpers for <see cref="RemotePartyRole"/>: nanoFramework has no Enum.IsDefined and its Enum.ToString()
    /// prints the number, so the check of a decoded integer and the GBCS name are written out here.
    /// </summary>
    public static class RemotePartyRoles
    {
        /// <summary>True for the values GBCS defines.</summary>
        public static bool IsDefined(int role)
        {
            return (role >= (int)RemotePartyRole.Root && role <= (int)RemotePartyRole.LoadController) || role == (int)RemotePartyRole.Other;
        }

        /// <summary>The GBCS name of the role, for messages and logs.</summary>
        public static string Name(RemotePartyRole role)
        {
            switch (role)
            {
                case RemotePartyRole.Root: return "root";
                case RemotePartyRole.Recovery: return "recovery";
                case RemotePartyRole.Supplier: return "supplier";
                case RemotePartyRole.NetworkOperator: return "networkOperator";
                case RemotePartyRole.AccessControlBroker: return "accessControlBroker";
                case RemotePartyRole.TransitionalCoS: return "transitionalCoS";
                case RemotePartyRole.WanProvider: return "wanProvider";
                case RemotePartyRole.IssuingAuthority: return "issuingAuthority";
                case RemotePartyRole.LoadController: return "loadController";
                case RemotePartyRole.Other: return "other";
                default: return "role(" + ((int)role).ToString() + ")";
            }
        }
    }
}
