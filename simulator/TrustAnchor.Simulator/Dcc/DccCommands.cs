using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Simulator.Dcc;

/// <summary>One replacement a CS02b carries: the target cell, the new party and the certificate that goes in.</summary>
public sealed record PlannedReplacement(CellKey Cell, RemoteParty NewParty, Smki.CertificateRecord Certificate);

/// <summary>
/// Builds the security-credential commands the DCC sends, with the firmware's own GBCS framing and payload codecs
/// (the same bytes a device parses) but signed and MAC'd with host-side .NET crypto as each Known Remote Party.
/// </summary>
public static class DccCommands
{
    public const int KeyUsageDs = (int)TrustAnchorCellIdentifier.KeyUsageDigitalSignature;
    public const int KeyUsageKa = (int)TrustAnchorCellIdentifier.KeyUsageKeyAgreement;

    /// <summary>
    /// The cells a CS02b mode replaces (NOTES §6); recovery and contingency replace every cell except root. A
    /// contingency may also replace the root, but only with a new Root OCA, which the simulator's single SMKI
    /// hierarchy does not have: its contingency installs new parties under the existing root.
    /// </summary>
    public static IReadOnlyList<CellKey> CellsReplacedBy(CredentialsReplacementMode mode, int deviceType)
    {
        var set = CellSets.For((TrustAnchor.Firmware.TrustAnchors.DeviceType)deviceType).Select(c => new CellKey((int)c.Role, (int)c.KeyUsage, (int)c.CellUsage)).ToList();
        return mode switch
        {
            CredentialsReplacementMode.SupplierBySupplier or CredentialsReplacementMode.SupplierByTransCoS => set.Where(c => c.Role == (int)FwRole.Supplier).ToList(),
            CredentialsReplacementMode.NetworkOperatorByNetworkOperator => set.Where(c => c.Role == (int)FwRole.NetworkOperator).ToList(),
            CredentialsReplacementMode.AccessControlBrokerByAcb => set.Where(c => c.Role == (int)FwRole.AccessControlBroker).ToList(),
            CredentialsReplacementMode.WanProviderByWanProvider => set.Where(c => c.Role == (int)FwRole.WanProvider).ToList(),
            CredentialsReplacementMode.TransCoSByTransCoS => set.Where(c => c.Role == (int)FwRole.TransitionalCoS).ToList(),
            CredentialsReplacementMode.AnyExceptAbnormalRootByRecovery or CredentialsReplacementMode.AnyByContingency => set.Where(c => c.Role != (int)FwRole.Root).ToList(),
            _ => set.Where(c => c.Role == (int)FwRole.Root).ToList(),
        };
    }

    /// <summary>The cell whose holder must authorise a mode (the authorising cell [2]).</summary>
    public static CellKey AuthorisingCell(CredentialsReplacementMode mode) => mode switch
    {
        CredentialsReplacementMode.RootBySupplier or CredentialsReplacementMode.SupplierBySupplier => new CellKey((int)FwRole.Supplier, KeyUsageDs, (int)CellUsage.Management),
        CredentialsReplacementMode.RootByWanProvider or CredentialsReplacementMode.WanProviderByWanProvider => new CellKey((int)FwRole.WanProvider, KeyUsageDs, (int)CellUsage.Management),
        CredentialsReplacementMode.NetworkOperatorByNetworkOperator => new CellKey((int)FwRole.NetworkOperator, KeyUsageDs, (int)CellUsage.Management),
        CredentialsReplacementMode.AccessControlBrokerByAcb => new CellKey((int)FwRole.AccessControlBroker, KeyUsageKa, (int)CellUsage.Management),
        CredentialsReplacementMode.TransCoSByTransCoS or CredentialsReplacementMode.SupplierByTransCoS => new CellKey((int)FwRole.TransitionalCoS, KeyUsageDs, (int)CellUsage.Management),
        _ => new CellKey((int)FwRole.Recovery, KeyUsageDs, (int)CellUsage.Management),
    };

    /// <summary>Recovery and contingency are signed only; every other mode also carries the ACB's MAC.</summary>
    public static bool NeedsAcbMac(CredentialsReplacementMode mode) => mode is not (CredentialsReplacementMode.AnyExceptAbnormalRootByRecovery or CredentialsReplacementMode.AnyByContingency);

    public static TrustAnchorCellIdentifier Identifier(CellKey cell) => new((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)cell.Role, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)cell.KeyUsage, (TrustAnchor.Firmware.TrustAnchors.CellUsage)cell.CellUsage);

    /// <summary>CS02b Update Security Credentials for one device.</summary>
    public static byte[] UpdateSecurityCredentials(
        CredentialsReplacementMode mode,
        RemoteParty originator,
        RemoteParty signer,
        RemoteParty? acb,
        DeviceRecord device,
        ulong counter,
        IReadOnlyList<PlannedReplacement> replacements,
        byte[] issuingOcaDer,
        bool applyTimeChecks,
        byte[]? contingencyKey = null,
        bool? withAcbMac = null)
    {
        var payload = new UpdateSecurityCredentials
        {
            Mode = mode,
            ApplyTimeBasedCpvChecks = applyTimeChecks ? TrustAnchor.Firmware.Gbcs.UpdateSecurityCredentials.TimeChecksApply : TrustAnchor.Firmware.Gbcs.UpdateSecurityCredentials.TimeChecksDisapply,
            AuthorisingRemotePartyCell = Identifier(AuthorisingCell(mode)),
            AuthorisingRemotePartySeqNumber = counter,
            // [0] plaintextSymmetricKey: required in anyByContingency, refused in every other mode.
            PlaintextSymmetricKey = contingencyKey,
        };

        // One role changing hands: its new holder's counters start above this command's.
        if (replacements.Select(r => r.Cell.Role).Distinct().Count() == 1)
        {
            payload.SetNewRemotePartyFloorSeqNumber(counter);
        }

        foreach (var replacement in replacements)
        {
            payload.AddReplacement(replacement.Certificate.Der, Identifier(replacement.Cell));
        }

        payload.AddCertificationPathCertificate(issuingOcaDer);
        var builder = GbcsMessageBuilder.Command(counter, originator.EntityId, device.Eui64, GbcsMessageCodes.ForUpdateSecurityCredentials(mode));
        builder.SetContent(payload.Encode());
        var signing = mode == CredentialsReplacementMode.AccessControlBrokerByAcb ? null : signer.Signer;
        // Recovery and contingency frames are signed without a MAC; a scenario may add one (which the device refuses).
        return (withAcbMac ?? NeedsAcbMac(mode)) && acb is not null
            ? builder.Build(signing, new AcbMacProvider(acb, device))
            : builder.Build(signing);
    }

    /// <summary>CS02a Provide Security Credentials Details, asked by <paramref name="requester"/> (its DS cell).</summary>
    public static byte[] ProvideSecurityCredentialsDetails(RemoteParty requester, RemoteParty acb, DeviceRecord device, ulong counter, int[] roles)
    {
        var payload = new ProvideSecurityCredentialsDetails(new TrustAnchorCellIdentifier((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)requester.Role, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)KeyUsageDs, CellUsage.Management), Array.ConvertAll(roles, r => (FwRole)r));
        var builder = GbcsMessageBuilder.Command(counter, requester.EntityId, device.Eui64, GbcsMessageCodes.ProvideSecurityCredentialsDetails);
        builder.SetContent(payload.Encode());
        return builder.Build(requester.Signer, new AcbMacProvider(acb, device));
    }

    /// <summary>CS02c Issue Security Credentials (0x000A): the device makes a new key pair of <paramref name="keyUsage"/>.</summary>
    public static byte[] IssueSecurityCredentials(RemoteParty requester, RemoteParty acb, DeviceRecord device, ulong counter, int keyUsage) =>
        Signed(requester, acb, device, counter, GbcsMessageCodes.IssueSecurityCredentials, new IssueSecurityCredentials((TrustAnchor.Firmware.TrustAnchors.KeyUsage)keyUsage).Encode());

    /// <summary>CS02d Update Device Certificates (0x000B) carrying the Device Certificate for the CS02c key pair.</summary>
    public static byte[] UpdateDeviceCertificates(RemoteParty requester, RemoteParty acb, DeviceRecord device, ulong counter, byte[] certificateDer) =>
        Signed(requester, acb, device, counter, GbcsMessageCodes.UpdateDeviceCertificates, new UpdateDeviceCertificate(certificateDer).Encode());

    /// <summary>CS02e Provide Device Certificates (0x000C) for <paramref name="keyUsage"/>.</summary>
    public static byte[] ProvideDeviceCertificates(RemoteParty requester, RemoteParty acb, DeviceRecord device, ulong counter, int keyUsage) =>
        Signed(requester, acb, device, counter, GbcsMessageCodes.ProvideDeviceCertificates, new ProvideDeviceCertificate((TrustAnchor.Firmware.TrustAnchors.KeyUsage)keyUsage).Encode());

    /// <summary>CCS01 Add Device to CHF Device Log (0x0001) for <paramref name="deviceId"/> with its install code (with CRC).</summary>
    public static byte[] AddDeviceToDeviceLog(RemoteParty requester, RemoteParty acb, DeviceRecord hub, ulong counter, byte[] deviceId, byte[] installCodeWithCrc) =>
        Signed(requester, acb, hub, counter, InstallMessageCodes.AddDeviceToDeviceLog, new AddDeviceToDeviceLog(deviceId, installCodeWithCrc).Encode());

    /// <summary>A CS03 join (CS03A1 0x000D, CS03A2 0x00AB, CS03B 0x000E) telling <paramref name="device"/> the other device it works with.</summary>
    public static byte[] JoinDevice(RemoteParty requester, RemoteParty acb, DeviceRecord device, ulong counter, int messageCode, byte[] otherDeviceId, int otherDeviceType) =>
        Signed(requester, acb, device, counter, messageCode, new TrustAnchor.Firmware.Gbcs.JoinDevice(otherDeviceId, (TrustAnchor.Firmware.TrustAnchors.DeviceType)otherDeviceType).Encode());

    /// <summary>ECS70 Set Clock on ESME (0x0062).</summary>
    public static byte[] SetClock(RemoteParty requester, RemoteParty acb, DeviceRecord esme, ulong counter, DateTime utc) =>
        Signed(requester, acb, esme, counter, InstallMessageCodes.SetClockOnEsme, new TrustAnchor.Firmware.Gbcs.SetClock(utc).Encode());

    /// <summary>A command signed by <paramref name="requester"/> (Originator ID its Entity Identifier) with the ACB's MAC.</summary>
    private static byte[] Signed(RemoteParty requester, RemoteParty acb, DeviceRecord device, ulong counter, int messageCode, byte[] payload)
    {
        var builder = GbcsMessageBuilder.Command(counter, requester.EntityId, device.Eui64, messageCode);
        builder.SetContent(payload);
        return builder.Build(requester.Signer, new AcbMacProvider(acb, device));
    }
}
