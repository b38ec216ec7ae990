namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>CS02b CredentialsReplacementMode values (NOTES section 6; 0 and 1 are our reading).</summary>
    public static class CredentialsReplacementMode
    {
        public const int RootBySupplier = 0;
        public const int RootByWanProvider = 1;
        public const int SupplierBySupplier = 2;
        public const int NetworkOperatorByNetworkOperator = 3;
        public const int AccessControlBrokerByAcb = 4;
        public const int WanProviderByWanProvider = 5;
        public const int TransCoSByTransCoS = 6;
        public const int SupplierByTransCoS = 7;
        public const int AnyExceptAbnormalRootByRecovery = 8;
        public const int AnyByContingency = 9;

        public const int Max = 9;
    }
}
