namespace TrustAnchor.Smki;

/// <summary>A Trust Anchor Cell a pack fills: GBCS TrustAnchorCellIdentifier (role, key usage, cell usage).</summary>
public sealed record PackCell(int Role, SmkiKeyUsage KeyUsage, int CellUsage = PackCell.Management)
{
    // The firmware's values: the pack and the device must agree on them.
    public const int Management = (int)TrustAnchor.Firmware.TrustAnchors.CellUsage.Management;
    public const int PrePaymentTopUp = (int)TrustAnchor.Firmware.TrustAnchors.CellUsage.PrePaymentTopUp;

    /// <summary>
    /// The non-root cells of ESME, GSME, Comms Hub and PPMID together (one pack serves all four; a device
    /// ignores the cells it does not have). ESME set from GBCS (NOTES section 5) plus the Comms Hub's WAN
    /// Provider DS cell.
    /// </summary>
    public static readonly PackCell[] DefaultCells =
    [
        new(RemotePartyRole.Recovery, SmkiKeyUsage.DigitalSignature),
        new(RemotePartyRole.Supplier, SmkiKeyUsage.DigitalSignature),
        new(RemotePartyRole.Supplier, SmkiKeyUsage.KeyAgreement),
        new(RemotePartyRole.Supplier, SmkiKeyUsage.KeyAgreement, PrePaymentTopUp),
        new(RemotePartyRole.NetworkOperator, SmkiKeyUsage.DigitalSignature),
        new(RemotePartyRole.NetworkOperator, SmkiKeyUsage.KeyAgreement),
        new(RemotePartyRole.AccessControlBroker, SmkiKeyUsage.KeyAgreement),
        new(RemotePartyRole.TransitionalCoS, SmkiKeyUsage.DigitalSignature),
        new(RemotePartyRole.WanProvider, SmkiKeyUsage.DigitalSignature),
    ];

    /// <summary>The Known Remote Party name of the certificate for this cell, e.g. "supplier-ka".</summary>
    public string PartyName => RemotePartyRole.Name(Role) + "-" + KeyUsage.ShortName();
}
