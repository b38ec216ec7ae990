namespace TrustAnchor.Firmware.TrustAnchors
{
    /// <summary>
    /// GBCS Remote Party Role (an ASN.1 INTEGER; the two-hex-digit OU of an Organisation Certificate).
    /// </summary>
    public static class RemotePartyRole
    {
        public const int Root = 0;
        public const int Recovery = 1;
        public const int Supplier = 2;
        public const int NetworkOperator = 3;
        public const int AccessControlBroker = 4;
        public const int TransitionalCoS = 5;
        public const int WanProvider = 6;
        public const int IssuingAuthority = 7;
        public const int LoadController = 8;
        public const int Other = 127;

        /// <summary>True for the values GBCS defines.</summary>
        public static bool IsDefined(int role)
        {
            return (role >= Root && role <= LoadController) || role == Other;
        }

        /// <summary>The GBCS name of the role, for messages and logs.</summary>
        public static string Name(int role)
        {
            switch (role)
            {
                case Root: return "root";
                case Recovery: return "recovery";
                case Supplier: return "supplier";
                case NetworkOperator: return "networkOperator";
                case AccessControlBroker: return "accessControlBroker";
                case TransitionalCoS: return "transitionalCoS";
                case WanProvider: return "wanProvider";
                case IssuingAuthority: return "issuingAuthority";
                case LoadController: return "loadController";
                case Other: return "other";
                default: return "role(" + role.ToString() + ")";
            }
        }
    }
}
