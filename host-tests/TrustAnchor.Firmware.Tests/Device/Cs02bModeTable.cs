using System.Security.Cryptography;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Smki;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Firmware.Tests.Device;

/// <summary>One replacement a mode makes: the cell and the certificate that properly goes there.</summary>
public sealed record ModeTarget(TrustAnchorCellIdentifier Cell, Func<DeviceTestPki, byte[]> Certificate);

/// <summary>
/// One row of the CS02b table: the mode, the device type it runs on, who authorises it and how the frame is
/// protected, what an authorised command replaces, and a cell the mode must not touch.
/// </summary>
public sealed record ModeCase(
    int Mode,
    int DeviceType,
    int AuthorisingRole,
    SmkiKeyUsage AuthorisingUsage,
    bool Signed,
    bool Mac,
    bool NamesAuthorisingCell,
    ModeTarget[] Targets,
    ModeTarget WrongCell,
    bool WrongCellIsAuthorityFailure)
{
    public override string ToString() => "mode " + Mode;

    public int MessageCode => GbcsMessageCodes.UpdateSecurityCredentialsBase + Mode;
}

public static class Cs02bModeTable
{
    public static readonly byte[] ContingencyKey = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");

    private const KeyUsage DS = TrustAnchorCellIdentifier.KeyUsageDigitalSignature;
    private const KeyUsage KA = TrustAnchorCellIdentifier.KeyUsageKeyAgreement;

    private static readonly Lazy<ECDsa> NewRootKey = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP256));
    private static readonly Lazy<byte[]> NewRoot = new(() => TestRoots.RootOca(NewRootKey.Value));
    private static readonly Lazy<byte[]> ReissuedRoot = new(() =>
        TestRoots.RootOca(DeviceTestPki.Shared.Pki.ExportPrivateKey(DeviceTestPki.Shared.Pki.RootOca.SubjectKeyId), name: "TrustAnchor Test Root OCA reissued"));

    public static TrustAnchorCellIdentifier Cell(FwRole role, KeyUsage keyUsage, CellUsage cellUsage = CellUsage.Management) => new(role, keyUsage, cellUsage);

    /// <summary>A new Root OCA with a fresh key.</summary>
    public static byte[] NewRootCertificate => NewRoot.Value;

    /// <summary>The current Root OCA key re-issued in a new self-signed certificate (existing cells still chain to it).</summary>
    public static byte[] ReissuedRootCertificate => ReissuedRoot.Value;

    private static ModeTarget Root(Func<byte[]> certificate) => new(Cell(FwRole.Root, TrustAnchorCellIdentifier.KeyUsageKeyCertSign), _ => certificate());

    private static ModeTarget NewParty(FwRole role, KeyUsage keyUsage, CellUsage cellUsage = CellUsage.Management) =>
        new(Cell(role, keyUsage, cellUsage), pki => pki.New((int)role, keyUsage == DS ? SmkiKeyUsage.DigitalSignature : SmkiKeyUsage.KeyAgreement).CertificateDer);

    public static readonly ModeCase[] Cases =
    [
        new(0, (int)DeviceType.Esme, (int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature, true, true, true,
            [Root(() => NewRoot.Value)], NewParty(FwRole.Supplier, DS), true),
        new(1, (int)DeviceType.CommsHub, (int)FwRole.WanProvider, SmkiKeyUsage.DigitalSignature, true, true, true,
            [Root(() => NewRoot.Value)], NewParty(FwRole.WanProvider, DS), true),
        new(2, (int)DeviceType.Esme, (int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature, true, true, true,
            [NewParty(FwRole.Supplier, DS), NewParty(FwRole.Supplier, KA), NewParty(FwRole.Supplier, KA, CellUsage.PrePaymentTopUp)],
            NewParty(FwRole.NetworkOperator, DS), true),
        new(3, (int)DeviceType.Esme, (int)FwRole.NetworkOperator, SmkiKeyUsage.DigitalSignature, true, true, true,
            [NewParty(FwRole.NetworkOperator, DS), NewParty(FwRole.NetworkOperator, KA)], NewParty(FwRole.Supplier, DS), true),
        new(4, (int)DeviceType.Esme, (int)FwRole.AccessControlBroker, SmkiKeyUsage.KeyAgreement, false, true, false,
            [NewParty(FwRole.AccessControlBroker, KA)], NewParty(FwRole.NetworkOperator, KA), true),
        new(5, (int)DeviceType.CommsHub, (int)FwRole.WanProvider, SmkiKeyUsage.DigitalSignature, true, true, true,
            [NewParty(FwRole.WanProvider, DS)], NewParty(FwRole.Recovery, DS), true),
        new(6, (int)DeviceType.Esme, (int)FwRole.TransitionalCoS, SmkiKeyUsage.DigitalSignature, true, true, true,
            [NewParty(FwRole.TransitionalCoS, DS)], NewParty(FwRole.Supplier, DS), true),
        new(7, (int)DeviceType.Esme, (int)FwRole.TransitionalCoS, SmkiKeyUsage.DigitalSignature, true, true, true,
            [NewParty(FwRole.Supplier, DS), NewParty(FwRole.Supplier, KA), NewParty(FwRole.Supplier, KA, CellUsage.PrePaymentTopUp)],
            NewParty(FwRole.TransitionalCoS, DS), true),
        new(8, (int)DeviceType.Esme, (int)FwRole.Recovery, SmkiKeyUsage.DigitalSignature, true, false, true,
            [NewParty(FwRole.Supplier, DS), NewParty(FwRole.AccessControlBroker, KA)], Root(() => NewRoot.Value), true),
        new(9, (int)DeviceType.Esme, (int)FwRole.Recovery, SmkiKeyUsage.DigitalSignature, true, false, true,
            [Root(() => ReissuedRoot.Value), NewParty(FwRole.Supplier, DS)], NewParty(FwRole.WanProvider, DS), false),
    ];

    public static (byte[] Der, TrustAnchorCellIdentifier Cell)[] Replacements(ModeCase c, DeviceTestPki pki) =>
        c.Targets.Select(t => (t.Certificate(pki), t.Cell)).ToArray();

    public static byte[] Payload(ModeCase c, TrustAnchorCellIdentifier? authorisingCell, ulong counter,
        IEnumerable<(byte[] Der, TrustAnchorCellIdentifier Cell)> replacements, bool includePath = true, DateTime? executeAt = null)
    {
        var u = new UpdateSecurityCredentials
        {
            Mode = (CredentialsReplacementMode)c.Mode,
            AuthorisingRemotePartySeqNumber = counter,
            ApplyTimeBasedCpvChecks = UpdateSecurityCredentials.TimeChecksApply,
            AuthorisingRemotePartyCell = c.NamesAuthorisingCell ? authorisingCell : null,
        };
        if (c.Mode == (int)CredentialsReplacementMode.AnyByContingency)
        {
            u.PlaintextSymmetricKey = Cs02bModeTable.ContingencyKey;
        }

        foreach (var (der, cell) in replacements)
        {
            u.AddReplacement(der, cell);
        }

        if (includePath)
        {
            u.AddCertificationPathCertificate(DeviceTestPki.Shared.IssuingOcaDer);
        }

        if (executeAt is { } when)
        {
            u.SetExecutionDateTime(when);
        }

        return u.Encode();
    }

    public static byte[] Frame(TestDevice dev, ModeCase c, TestParty authoriser, ulong counter,
        IEnumerable<(byte[] Der, TrustAnchorCellIdentifier Cell)> replacements, bool includePath = true, DateTime? executeAt = null)
    {
        var cell = Cs02bModeTable.Cell((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)c.AuthorisingRole, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)authoriser.KeyUsageBits);
        var payload = Payload(c, cell, counter, replacements, includePath, executeAt);
        return dev.Command(c.MessageCode, payload, counter, authoriser.EntityId, c.Signed ? authoriser.Key : null, c.Mac);
    }

}
