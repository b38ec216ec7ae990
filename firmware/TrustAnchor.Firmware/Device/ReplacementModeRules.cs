using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// The CS02b authorisation table (NOTES section 6 and 7; modes 0/1 and the contingency authoriser are
    /// [inferred]). One row per CredentialsReplacementMode; firmware/docs/device-processing.md prints it.
    /// </summary>
    public static class ReplacementModeRules
    {
        public const int ModeCount = 10;

        /// <summary>Marker for <see cref="ReplacementModeRule.NewPartyRole"/>: derived from the replaced cells.</summary>
        public const RemotePartyRole NewPartyFromCells = (RemotePartyRole)(-1);

        /// <summary>Marker for <see cref="ReplacementModeRule.NewPartyRole"/>: no new party (root replacement).</summary>
        public const RemotePartyRole NoNewParty = (RemotePartyRole)(-2);

        private const KeyUsage DS = TrustAnchorCellIdentifier.KeyUsageDigitalSignature;
        private const KeyUsage KA = TrustAnchorCellIdentifier.KeyUsageKeyAgreement;

        // Built once by the type initializer, never written again: the rules are immutable.
        private static readonly ReplacementModeRule[] Rules = Build();

        /// <summary>The rule of <paramref name="mode"/>, or null when the mode is not 0..9.</summary>
        public static ReplacementModeRule For(int mode)
        {
            if (mode < 0 || mode >= ModeCount)
            {
                return null;
            }

            return Rules[mode];
        }

        private static ReplacementModeRule[] Build()
        {
            TrustAnchorCellIdentifier[] none = new TrustAnchorCellIdentifier[0];
            TrustAnchorCellIdentifier[] supplierCells = new TrustAnchorCellIdentifier[]
            {
                new TrustAnchorCellIdentifier(RemotePartyRole.Supplier, DS, CellUsage.Management),
                new TrustAnchorCellIdentifier(RemotePartyRole.Supplier, KA, CellUsage.Management),
                new TrustAnchorCellIdentifier(RemotePartyRole.Supplier, KA, CellUsage.PrePaymentTopUp),
            };

            return new ReplacementModeRule[]
            {
                // mode, name, authoriser role, its key usage, signed, ACB MAC, targets, any cell, root, new party,
                // other seq changes, contingency key, inferred
                new ReplacementModeRule(CredentialsReplacementMode.RootBySupplier, "rootBySupplier", RemotePartyRole.Supplier, DS, true, true,
                    none, false, true, NoNewParty, false, false, true),
                new ReplacementModeRule(CredentialsReplacementMode.RootByWanProvider, "rootByWanProvider", RemotePartyRole.WanProvider, DS, true, true,
                    none, false, true, NoNewParty, false, false, true),
                new ReplacementModeRule(CredentialsReplacementMode.SupplierBySupplier, "supplierBySupplier", RemotePartyRole.Supplier, DS, true, true,
                    supplierCells, false, false, RemotePartyRole.Supplier, false, false, false),
                new ReplacementModeRule(CredentialsReplacementMode.NetworkOperatorByNetworkOperator, "networkOperatorByNetworkOperator", RemotePartyRole.NetworkOperator, DS, true, true,
                    new TrustAnchorCellIdentifier[]
                    {
                        new TrustAnchorCellIdentifier(RemotePartyRole.NetworkOperator, DS, CellUsage.Management),
                        new TrustAnchorCellIdentifier(RemotePartyRole.NetworkOperator, KA, CellUsage.Management),
                    },
                    false, false, RemotePartyRole.NetworkOperator, false, false, false),
                // The ACB authenticates with its MAC alone (NOTES section 7).
                new ReplacementModeRule(CredentialsReplacementMode.AccessControlBrokerByAcb, "accessControlBrokerByACB", RemotePartyRole.AccessControlBroker, KA, false, true,
                    new TrustAnchorCellIdentifier[]
                    {
                        new TrustAnchorCellIdentifier(RemotePartyRole.AccessControlBroker, KA, CellUsage.Management),
                    },
                    false, false, RemotePartyRole.AccessControlBroker, false, false, false),
                new ReplacementModeRule(CredentialsReplacementMode.WanProviderByWanProvider, "wanProviderByWanProvider", RemotePartyRole.WanProvider, DS, true, true,
                    new TrustAnchorCellIdentifier[]
                    {
                        new TrustAnchorCellIdentifier(RemotePartyRole.WanProvider, DS, CellUsage.Management),
                    },
                    false, false, RemotePartyRole.WanProvider, false, false, false),
                new ReplacementModeRule(CredentialsReplacementMode.TransCoSByTransCoS, "transCoSByTransCoS", RemotePartyRole.TransitionalCoS, DS, true, true,
                    new TrustAnchorCellIdentifier[]
                    {
                        new TrustAnchorCellIdentifier(RemotePartyRole.TransitionalCoS, DS, CellUsage.Management),
                    },
                    false, false, RemotePartyRole.TransitionalCoS, false, false, false),
                // Change of Supplier: the DCC's Transitional CoS party installs the new Supplier.
                new ReplacementModeRule(CredentialsReplacementMode.SupplierByTransCoS, "supplierByTransCoS", RemotePartyRole.TransitionalCoS, DS, true, true,
                    supplierCells, false, false, RemotePartyRole.Supplier, false, false, false),
                // Recovery and contingency: signature only, no ACB MAC (the ACB may be what is being recovered).
                new ReplacementModeRule(CredentialsReplacementMode.AnyExceptAbnormalRootByRecovery, "anyExceptAbnormalRootByRecovery", RemotePartyRole.Recovery, DS, true, false,
                    none, true, false, NewPartyFromCells, true, false, false),
                // Contingency: signed by the Recovery key [inferred] and carrying the contingency symmetric key.
                new ReplacementModeRule(CredentialsReplacementMode.AnyByContingency, "anyByContingency", RemotePartyRole.Recovery, DS, true, false,
                    none, true, true, NewPartyFromCells, true, true, true),
            };
        }
    }
}
