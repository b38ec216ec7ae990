using System.Security.Cryptography;
using TrustAnchor.Smki;

namespace TrustAnchor.Firmware.Tests.Device;

/// <summary>A remote party the tests can sign (DS) or MAC (KA) as: its certificate and private key.</summary>
public sealed record TestParty(string Name, int Role, SmkiKeyUsage Usage, byte[] EntityId, byte[] CertificateDer, ECDsa Key)
{
    public byte KeyUsageBits => Usage.ToBitStringByte();
}

/// <summary>
/// One SMKI test PKI for all device tests (made once per test run in a temp folder): the manufacturing-pack
/// parties the devices start with, and "real" parties the commands install.
/// </summary>
public sealed class DeviceTestPki
{
    private static readonly Lazy<DeviceTestPki> Instance = new(() => new DeviceTestPki());

    /// <summary>SMKI time: new Organisation Certificates start here.</summary>
    public static readonly DateTime IssueTime = new(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The devices' clock at the start of each test (after <see cref="IssueTime"/>, before the 2016 pack expires).</summary>
    public static readonly DateTime DeviceTime = new(2025, 7, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly Dictionary<string, TestParty> parties = new();

    private DeviceTestPki()
    {
        var folder = Path.Combine(Path.GetTempPath(), "trustanchor-device-tests-" + Guid.NewGuid().ToString("N"));
        Pki = SmkiPki.Init(folder, new SmkiOptions { Clock = new TrustAnchor.Smki.FixedClock(IssueTime) });
        foreach (var known in Pki.KnownRemoteParties)
        {
            // Pack parties: one per role and usage (the top-up cell holds the supplier KA certificate).
            var name = "pack-" + RemotePartyRole.Name(known.Role) + "-" + known.KeyUsage.ShortName();
            parties.TryAdd(name, Party(name, known.Certificate));
        }

        IssuingOcaDer = Pki.IssuingOca.Der;
        Pack2016 = Pki.CreateManufacturingPack(PackKind.Original2016);
        RootOcaDer = Pki.RootOca.Der;
        AddNew("new-supplier", RemotePartyRole.Supplier, 0x11);
        AddNew("new-networkOperator", RemotePartyRole.NetworkOperator, 0x12);
        AddNew("new-accessControlBroker", RemotePartyRole.AccessControlBroker, 0x13);
        AddNew("new-transitionalCoS", RemotePartyRole.TransitionalCoS, 0x14);
        AddNew("new-wanProvider", RemotePartyRole.WanProvider, 0x15);
        AddNew("new-recovery", RemotePartyRole.Recovery, 0x16);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Temp folder clean-up is best effort.
            }
        };
    }

    public static DeviceTestPki Shared => Instance.Value;

    public SmkiPki Pki { get; }

    public byte[] IssuingOcaDer { get; }

    public byte[] RootOcaDer { get; }

    /// <summary>The 2016 manufacturing pack (DER) every test device is provisioned from.</summary>
    public byte[] Pack2016 { get; }

    /// <summary>The pack party (current holder of a cell on a freshly provisioned device).</summary>
    public TestParty Pack(int role, SmkiKeyUsage usage) => parties["pack-" + RemotePartyRole.Name(role) + "-" + usage.ShortName()];

    /// <summary>A new party of <paramref name="role"/> with its own Entity Identifier (DS and KA certificates).</summary>
    public TestParty New(int role, SmkiKeyUsage usage) => parties["new-" + RemotePartyRole.Name(role) + "-" + usage.ShortName()];

    private void AddNew(string prefix, int role, byte tag)
    {
        byte[] entity = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, tag];
        foreach (var usage in new[] { SmkiKeyUsage.DigitalSignature, SmkiKeyUsage.KeyAgreement })
        {
            var record = Pki.IssueOrganisationCertificate(role, usage, entity, commonName: prefix + " " + usage.ShortName(), label: prefix + "-" + usage.ShortName());
            parties[prefix + "-" + usage.ShortName()] = Party(prefix + "-" + usage.ShortName(), record);
        }
    }

    private TestParty Party(string name, TrustAnchor.Smki.CertificateRecord record) =>
        new(name, record.Role, record.KeyUsage!.Value, record.EntityIdBytes(), record.Der, Pki.ExportPrivateKey(record.SubjectKeyId));
}
