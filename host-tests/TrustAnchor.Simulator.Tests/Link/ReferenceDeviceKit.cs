using System.Diagnostics;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.DeviceProcess;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Smki;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;
using LinkDeviceType = TrustAnchor.Simulator.Link.DeviceType;

namespace TrustAnchor.Simulator.Tests.Link;

/// <summary>
/// One SMKI and ESME factory file shared by the device-link tests, and the DCC's side of a CS02b (supplierBySupplier,
/// the pack supplier's cells to a newly issued supplier) built by the simulator's own DCC code for any device keys.
/// </summary>
public sealed class ReferenceDeviceKit : IDisposable
{
    public static readonly byte[] Eui = [0x02, 0x12, 0x4B, 0x00, 0x00, 0x00, 0x0D, 0x01];

    private readonly PartyDirectory _parties;

    public ReferenceDeviceKit()
    {
        Folder = Directory.CreateTempSubdirectory("ta-link-").FullName;
        Smki = SmkiPki.Init(Path.Combine(Folder, "smki"));
        FactoryFile = FactoryFileWriter.Encode(LinkDeviceType.Esme, Eui, Smki.CreateManufacturingPack(PackKind.Mp261));
        FactoryPath = Path.Combine(Folder, "esme.factory");
        File.WriteAllBytes(FactoryPath, FactoryFile);
        _parties = new PartyDirectory(Smki, PackKind.Mp261, DateTime.UtcNow);
    }

    public string Folder { get; }

    public SmkiPki Smki { get; }

    public byte[] FactoryFile { get; }

    public string FactoryPath { get; }

    public string NewRunFolder() => Path.Combine(Folder, "run-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The new supplier's DS key, which the device's supplier DS cell holds once the CS02b is applied.</summary>
    public byte[] NewSupplierDsKey => Firmware.Certificates.Certificate.Parse(_parties.Get(PartyNames.Supplier).DigitalSignature!.Der).PublicKey;

    /// <summary>CS02b mode 2 from the pack supplier, MAC'd by the ACB for this device's KA key.</summary>
    public byte[] SupplierBySupplier(DeviceCredentials device, ulong counter)
    {
        var packSupplier = _parties.Get(PartyNames.PackSupplier);
        var next = _parties.Get(PartyNames.Supplier);
        var plan = DccCommands.CellsReplacedBy(CredentialsReplacementMode.SupplierBySupplier, (int)DeviceType.Esme)
            .Select(cell => new PlannedReplacement(cell, next, cell.KeyUsage == DccCommands.KeyUsageDs ? next.DigitalSignature! : next.KeyAgreement!))
            .ToList();
        using var record = new DeviceRecord("esme", Eui, (int)DeviceType.Esme, null, device.Signing.PublicKey, device.KeyAgreementKey.PublicKey, "mp261");
        return DccCommands.UpdateSecurityCredentials(CredentialsReplacementMode.SupplierBySupplier, packSupplier, packSupplier, _parties.Get(PartyNames.Acb),
            record, counter, plan, Smki.IssuingOca.Der, applyTimeChecks: false);
    }

    /// <summary>A CS02b to this device with no MAC and no signature: refused at the MAC step with 0x8F3D.</summary>
    public static byte[] Unauthenticated(ulong counter)
    {
        var b = GbcsMessageBuilder.Command(counter, [0x90, 0xB3, 0xD5, 0x1F, 0x30, 0x00, 0x00, 0x09], Eui, GbcsMessageCodes.ForUpdateSecurityCredentials(CredentialsReplacementMode.SupplierBySupplier));
        b.SetContent([0x30, 0x00]);
        return b.Build(null);
    }

    public static int AlertCode(byte[] frame) => GbcsAlert.Parse(GbcsMessage.Parse(frame)).AlertCode;

    public static byte[] SupplierDsCell(GbcsDevice device) =>
        device.Store.Current.FindCell(FwRole.Supplier, TrustAnchorCellIdentifier.KeyUsageDigitalSignature, CellUsage.Management)!.PublicKey;

    /// <summary>The trustanchor-sim beside the test assembly, as its own process (`dotnet trustanchor-sim.dll …`).</summary>
    public static Process StartSimulator(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "trustanchor-sim.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info)!;
    }

    public void Dispose()
    {
        _parties.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
