namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>CS02b CredentialsReplacementMode values (NOTES section 6; 0 and 1 are our reading).</summary>
    public enum CredentialsReplacementMode
    {
        RootBySupplier = 0,
        RootByWanProvider = 1,
        SupplierBySupplier = 2,
        NetworkOperatorByNetworkOperator = 3,
        AccessControlBrokerByAcb = 4,
        WanProviderByWanProvider = 5,
        TransCoSByTransCoS = 6,
        SupplierByTransCoS = 7,
        AnyExceptAbnormalRootByRecovery = 8,
        AnyByContingency = 9,
    }

    /// <summary>
    /// The range of <see cref="CredentialsReplacementMode"/>: a decoded integer is checked against it before the
    /// cast (the CS02b Message Code is 0x0100 + mode).
    /// </summary>
    public static class CredentialsReplacementModes
    {
        public const int Max = 9;
    }
}
