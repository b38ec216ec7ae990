using TrustAnchor.Firmware.Provisioning;
using TrustAnchor.Firmware.Storage;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Smki;
using RemotePartyRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Firmware.Tests.Provisioning;

public class FactoryProvisioningTests : IClassFixture<PackFixture>
{
    private const KeyUsage DS = TrustAnchorCellIdentifier.KeyUsageDigitalSignature;
    private const KeyUsage KA = TrustAnchorCellIdentifier.KeyUsageKeyAgreement;
    private static readonly DeviceType[] DeviceTypes = { DeviceType.Esme, DeviceType.Gsme, DeviceType.CommsHub, DeviceType.Ppmid };
    private readonly PackFixture packs;

    public FactoryProvisioningTests(PackFixture packs) => this.packs = packs;

    private static (RamFlashStorage Flash, TrustAnchorStore Store) EmptyStore()
    {
        var flash = new RamFlashStorage(512, 8);
        return (flash, TrustAnchorStore.Open(flash));
    }

    [Fact]
    public void Provisions_every_device_type_from_either_pack()
    {
        foreach (DeviceType deviceType in DeviceTypes)
        {
            foreach (var der in new[] { packs.Original, packs.Mp261 })
            {
                var (flash, store) = EmptyStore();
                var state = FactoryProvisioning.Provision(store, der, deviceType);
                var pack = ManufacturingPack.Parse(der);

                store.IsProvisioned.Should().BeTrue();
                store.Generation.Should().Be(1UL);
                state.CellCount.Should().Be(CellSets.For(deviceType).Length);
                state.Root.EntityId.Should().OnlyContain(b => b == 0);
                state.Root.SubjectKeyId.Should().Equal(packs.Pki.RootOca.SubjectKeyIdBytes());
                state.Root.PublicKey.Should().Equal(packs.Pki.RootOca.PublicKeyBytes());
                for (int i = 1; i < state.CellCount; i++)
                {
                    var cell = state.GetCell(i);
                    var cert = pack.Find(cell.Id)!.Certificate;
                    cell.EntityId.Should().Equal(cert.EntityId);
                    cell.SubjectKeyId.Should().Equal(cert.SubjectKeyId);
                    cell.PublicKey.Should().Equal(cert.PublicKey);
                    state.GetSequenceNumber(cell.Id.Role).Should().Be(0UL);
                }

                var reopened = TrustAnchorStore.Open(new RamFlashStorage(512, flash.ToArray()));
                reopened.Current.ContentEquals(state).Should().BeTrue();
                PackRecognition.Recognise(reopened.Current, new[] { ManufacturingPack.Parse(packs.Mp261) }).Should().Be(0);
            }
        }
    }

    [Fact]
    public void Refuses_a_store_that_is_not_empty()
    {
        var (flash, store) = EmptyStore();
        FactoryProvisioning.Provision(store, packs.Original, DeviceType.Esme);
        byte[] before = flash.ToArray();
        var act = () => FactoryProvisioning.Provision(store, packs.Mp261, DeviceType.Esme);
        act.Should().Throw<PackException>().Which.Code.Should().Be(PackError.StoreNotEmpty);
        flash.ToArray().Should().Equal(before);
    }

    [Fact]
    public void Refuses_an_unknown_device_type()
    {
        var (_, store) = EmptyStore();
        var act = () => FactoryProvisioning.Provision(store, packs.Original, (TrustAnchor.Firmware.TrustAnchors.DeviceType)42);
        act.Should().Throw<PackException>().Which.Code.Should().Be(PackError.UnknownDeviceType);
    }

    [Fact]
    public void A_missing_cell_is_named_but_cells_a_device_lacks_are_ignored()
    {
        var parts = PackFixture.Split(packs.Mp261);
        byte[] supplierDs = new TrustAnchorCellIdentifier(RemotePartyRole.Supplier, DS).ToDer();
        parts.Cells.RemoveAll(c => c.Id.SequenceEqual(supplierDs));
        byte[] pack = parts.Build();

        Refused(pack, DeviceType.Esme, PackError.MissingCell, "supplier DS");
        Refused(pack, DeviceType.Ppmid, PackError.MissingCell, "supplier DS");

        var (_, store) = EmptyStore();
        FactoryProvisioning.Provision(store, pack, DeviceType.CommsHub).CellCount.Should().Be(4);
    }

    [Fact]
    public void A_certificate_for_another_role_or_key_usage_is_refused()
    {
        var parts = PackFixture.Split(packs.Original);
        int supplierDs = Index(parts, RemotePartyRole.Supplier, DS);
        int noDs = Index(parts, RemotePartyRole.NetworkOperator, DS);
        int supplierKa = Index(parts, RemotePartyRole.Supplier, KA);

        var wrongRole = parts.Copy();
        wrongRole.Cells[supplierDs] = (wrongRole.Cells[supplierDs].Id, parts.Cells[noDs].Certificate);
        Refused(wrongRole.Build(), DeviceType.Esme, PackError.RoleMismatch, "supplier DS");

        var wrongUsage = parts.Copy();
        wrongUsage.Cells[supplierDs] = (wrongUsage.Cells[supplierDs].Id, parts.Cells[supplierKa].Certificate);
        Refused(wrongUsage.Build(), DeviceType.Esme, PackError.KeyUsageMismatch, "supplier DS");
    }

    [Fact]
    public void A_certificate_that_does_not_chain_to_the_pack_root_is_refused()
    {
        using var otherPki = new PackFixture();
        var parts = PackFixture.Split(packs.Original);
        var foreign = PackFixture.Split(otherPki.Original);
        int acb = Index(parts, RemotePartyRole.AccessControlBroker, KA);

        var strangerCell = parts.Copy();
        strangerCell.Cells[acb] = (parts.Cells[acb].Id, foreign.Cells[Index(foreign, RemotePartyRole.AccessControlBroker, KA)].Certificate);
        Refused(strangerCell.Build(), DeviceType.CommsHub, PackError.PathInvalid, "accessControlBroker KA");

        var strangerRoot = parts with { Root = foreign.Root };
        var e = Refuse(strangerRoot.Build(), DeviceType.Esme);
        e.Code.Should().Be(PackError.PathInvalid);
        e.Cell.Should().Be("recovery DS", "the first non-root cell is checked first");

        var noIssuingOca = parts.Copy();
        noIssuingOca.Path.Clear();
        Refused(noIssuingOca.Build(), DeviceType.Esme, PackError.PathInvalid, "recovery DS");
    }

    [Fact]
    public void A_root_whose_signature_is_broken_is_refused()
    {
        var parts = PackFixture.Split(packs.Original);
        byte[] root = (byte[])parts.Root.Clone();
        root[^1] ^= 0x01; // last octet of s
        Refused((parts with { Root = root }).Build(), DeviceType.Esme, PackError.RootInvalid, "root");
    }

    [Fact]
    public void A_certificate_that_breaks_the_Organisation_profile_is_refused()
    {
        var parts = PackFixture.Split(packs.Original);
        var device = packs.Pki.IssueDeviceCertificate(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7 }, SmkiKeyUsage.DigitalSignature);
        int recovery = Index(parts, RemotePartyRole.Recovery, DS);
        parts.Cells[recovery] = (parts.Cells[recovery].Id, device.Der);
        var e = Refuse(parts.Build(), DeviceType.Esme);
        e.Code.Should().Be(PackError.ProfileViolation);
        e.Cell.Should().Be("recovery DS");
        e.Message.Should().Contain("profile");
    }

    private static int Index(PackParts parts, RemotePartyRole role, KeyUsage keyUsage, CellUsage cellUsage = CellUsage.Management)
    {
        byte[] id = new TrustAnchorCellIdentifier(role, keyUsage, cellUsage).ToDer();
        return parts.Cells.FindIndex(c => c.Id.SequenceEqual(id));
    }

    private static PackException Refuse(byte[] pack, DeviceType deviceType)
    {
        var (flash, store) = EmptyStore();
        var act = () => FactoryProvisioning.Provision(store, pack, deviceType);
        var e = act.Should().Throw<PackException>().Which;
        store.IsProvisioned.Should().BeFalse();
        flash.ToArray().Should().OnlyContain(b => b == 0xFF, "a refused pack writes nothing");
        TrustAnchorStore.Open(flash).IsProvisioned.Should().BeFalse();
        return e;
    }

    private static void Refused(byte[] pack, DeviceType deviceType, PackError code, string cell)
    {
        var e = Refuse(pack, deviceType);
        e.Code.Should().Be(code, e.Message);
        e.Cell.Should().Be(cell);
        e.Message.Should().StartWith(cell + ": ");
    }
}
