namespace TrustAnchor.Firmware.TrustAnchors
{
    /// <summary>
    /// Which Trust Anchor Cells each device type holds. ESME is GBCS (gbcs NOTES section 5); the others are
    /// our documented choices (firmware/docs/trust-anchor-cells.md). The order is the stored order; the root
    /// cell is always first.
    /// </summary>
    public static class CellSets
    {
        private const KeyUsage DS = TrustAnchorCellIdentifier.KeyUsageDigitalSignature;
        private const KeyUsage KA = TrustAnchorCellIdentifier.KeyUsageKeyAgreement;
        private const KeyUsage KCS = TrustAnchorCellIdentifier.KeyUsageKeyCertSign;
        private const CellUsage TopUp = CellUsage.PrePaymentTopUp;

        /// <summary>A fresh array of the cell identifiers of <paramref name="deviceType"/>.</summary>
        public static TrustAnchorCellIdentifier[] For(DeviceType deviceType)
        {
            switch (deviceType)
            {
                case DeviceType.Esme:
                case DeviceType.Gsme:
                    // GSME: same command set and prepayment as ESME, so the same cells.
                    return new TrustAnchorCellIdentifier[]
                    {
                        Cell(RemotePartyRole.Root, KCS),
                        Cell(RemotePartyRole.Recovery, DS),
                        Cell(RemotePartyRole.Supplier, DS),
                        Cell(RemotePartyRole.Supplier, KA),
                        new TrustAnchorCellIdentifier(RemotePartyRole.Supplier, KA, TopUp),
                        Cell(RemotePartyRole.NetworkOperator, DS),
                        Cell(RemotePartyRole.NetworkOperator, KA),
                        Cell(RemotePartyRole.AccessControlBroker, KA),
                        Cell(RemotePartyRole.TransitionalCoS, DS),
                    };
                case DeviceType.CommsHub:
                    // The hub is the DCC's: no Supplier, Network Operator or change-of-supplier cells.
                    return new TrustAnchorCellIdentifier[]
                    {
                        Cell(RemotePartyRole.Root, KCS),
                        Cell(RemotePartyRole.Recovery, DS),
                        Cell(RemotePartyRole.AccessControlBroker, KA),
                        Cell(RemotePartyRole.WanProvider, DS),
                    };
                case DeviceType.Ppmid:
                    // Takes Supplier commands (via the ACB) but no top-ups (those go to the meter) and no NO commands.
                    return new TrustAnchorCellIdentifier[]
                    {
                        Cell(RemotePartyRole.Root, KCS),
                        Cell(RemotePartyRole.Recovery, DS),
                        Cell(RemotePartyRole.Supplier, DS),
                        Cell(RemotePartyRole.Supplier, KA),
                        Cell(RemotePartyRole.AccessControlBroker, KA),
                        Cell(RemotePartyRole.TransitionalCoS, DS),
                    };
                default:
                    throw new TrustAnchorStateException(TrustAnchorStateError.UnknownDeviceType,
                        "no Trust Anchor Cell set for " + DeviceTypes.Name(deviceType));
            }
        }

        /// <summary>Index of <paramref name="id"/> in <paramref name="set"/>, or -1.</summary>
        public static int IndexOf(TrustAnchorCellIdentifier[] set, TrustAnchorCellIdentifier id)
        {
            for (int i = 0; i < set.Length; i++)
            {
                if (set[i].Equals(id))
                {
                    return i;
                }
            }

            return -1;
        }

        private static TrustAnchorCellIdentifier Cell(RemotePartyRole role, KeyUsage keyUsage)
        {
            return new TrustAnchorCellIdentifier(role, keyUsage, CellUsage.Management);
        }
    }
}
