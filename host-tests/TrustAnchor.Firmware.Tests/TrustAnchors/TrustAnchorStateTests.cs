using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Tests.TrustAnchors;

public class TrustAnchorStateTests
{
    private const KeyUsage DS = TrustAnchorCellIdentifier.KeyUsageDigitalSignature;
    private const KeyUsage KA = TrustAnchorCellIdentifier.KeyUsageKeyAgreement;
    private const KeyUsage KCS = TrustAnchorCellIdentifier.KeyUsageKeyCertSign;

    [Fact]
    public void Esme_cell_set_is_the_GBCS_one()
    {
        CellSets.For(DeviceType.Esme).Select(c => c.ToString()).Should().Equal(
            "root keyCertSign", "recovery DS", "supplier DS", "supplier KA", "supplier KA top-up",
            "networkOperator DS", "networkOperator KA", "accessControlBroker KA", "transitionalCoS DS");
    }

    [Fact]
    public void Every_device_type_has_root_first_recovery_and_acb_and_no_duplicates()
    {
        foreach (DeviceType type in CellTestData.DeviceTypes)
        {
            var set = CellSets.For(type);
            set[0].Equals(RemotePartyRole.Root, KCS, CellUsage.Management).Should().BeTrue();
            set.Should().Contain(c => c.Equals(RemotePartyRole.Recovery, DS, CellUsage.Management));
            set.Should().Contain(c => c.Equals(RemotePartyRole.AccessControlBroker, KA, CellUsage.Management));
            set.Select(c => c.GetHashCode()).Should().OnlyHaveUniqueItems();
        }

        CellSets.For(DeviceType.CommsHub).Should().Contain(c => c.Equals(RemotePartyRole.WanProvider, DS, CellUsage.Management));
    }

    [Fact]
    public void Unknown_device_type_is_a_typed_error()
    {
        var act = () => CellSets.For((TrustAnchor.Firmware.TrustAnchors.DeviceType)99);
        act.Should().Throw<TrustAnchorStateException>().Which.Code.Should().Be(TrustAnchorStateError.UnknownDeviceType);
    }

    [Theory]
    [InlineData(-1, (int)DS, 0)]
    [InlineData(9, (int)DS, 0)]
    [InlineData(2, 0, 0)]
    [InlineData(2, 0x100, 0)]
    [InlineData(2, (int)DS, 2)]
    public void Identifier_rejects_values_it_cannot_name(int role, int keyUsage, int cellUsage)
    {
        var act = () => new TrustAnchorCellIdentifier((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)role, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)keyUsage, (TrustAnchor.Firmware.TrustAnchors.CellUsage)cellUsage);
        act.Should().Throw<TrustAnchorStateException>().Which.Code.Should().Be(TrustAnchorStateError.InvalidCellIdentifier);
    }

    [Fact]
    public void State_requires_every_cell_of_the_set()
    {
        var rng = new Random(1);
        var cells = CellSets.For(DeviceType.Esme).Select(id => CellTestData.Cell(rng, id)).ToList();

        var missing = () => new TrustAnchorState(DeviceType.Esme, cells.Skip(1).ToArray());
        missing.Should().Throw<TrustAnchorStateException>().Which.Code.Should().Be(TrustAnchorStateError.IncompleteCellSet);

        var duplicate = () => new TrustAnchorState(DeviceType.Esme, cells.Append(cells[3]).ToArray());
        duplicate.Should().Throw<TrustAnchorStateException>().Which.Code.Should().Be(TrustAnchorStateError.DuplicateCell);

        var foreign = () => new TrustAnchorState(DeviceType.CommsHub, cells.ToArray());
        foreign.Should().Throw<TrustAnchorStateException>().Which.Code.Should().Be(TrustAnchorStateError.CellNotFound);

        var shuffled = new TrustAnchorState(DeviceType.Esme, cells.AsEnumerable().Reverse().ToArray());
        shuffled.GetCell(0).Id.Role.Should().Be(RemotePartyRole.Root, "cells are kept in cell-set order");
    }

    [Theory]
    [InlineData(7, 8, 65, TrustAnchorStateError.InvalidEntityId)]
    [InlineData(8, 9, 65, TrustAnchorStateError.InvalidSubjectKeyId)]
    [InlineData(8, 8, 33, TrustAnchorStateError.InvalidPublicKey)]
    public void Cell_rejects_wrong_field_lengths(int entityLength, int skiLength, int keyLength, TrustAnchorStateError code)
    {
        var id = new TrustAnchorCellIdentifier(RemotePartyRole.Supplier, DS);
        byte[] key = new byte[keyLength];
        key[0] = 0x04;
        var act = () => new TrustAnchorCell(id, new byte[entityLength], new byte[skiLength], key);
        act.Should().Throw<TrustAnchorStateException>().Which.Code.Should().Be(code);
    }

    [Fact]
    public void Cell_rejects_a_compressed_key()
    {
        byte[] key = new byte[65];
        key[0] = 0x02;
        var act = () => new TrustAnchorCell(new TrustAnchorCellIdentifier((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)2, DS), new byte[8], new byte[8], key);
        act.Should().Throw<TrustAnchorStateException>().Which.Code.Should().Be(TrustAnchorStateError.InvalidPublicKey);
    }

    [Fact]
    public void Replacing_with_the_same_key_keeps_key_and_SKI()
    {
        var rng = new Random(2);
        var state = CellTestData.State(rng, DeviceType.Esme);
        var id = new TrustAnchorCellIdentifier(RemotePartyRole.Recovery, DS);
        var before = state.GetCell(id);

        var next = state.Clone();
        var after = next.ReplaceCell(id, before.EntityId, CellTestData.Bytes(rng, 8), (byte[])before.PublicKey.Clone());

        after.PublicKey.Should().Equal(before.PublicKey);
        after.SubjectKeyId.Should().Equal(before.SubjectKeyId);
        next.GetCell(id).ContentEquals(before).Should().BeTrue();
        next.ContentEquals(state).Should().BeTrue();
    }

    [Fact]
    public void Replacing_with_a_new_key_takes_key_SKI_and_party()
    {
        var rng = new Random(3);
        var state = CellTestData.State(rng, DeviceType.Esme);
        var id = new TrustAnchorCellIdentifier(RemotePartyRole.Supplier, KA, CellUsage.PrePaymentTopUp);
        byte[] party = CellTestData.Bytes(rng, 8), ski = CellTestData.Bytes(rng, 8), key = CellTestData.PublicKey(rng);

        var next = state.Clone();
        next.ReplaceCell(id, party, ski, key);

        var cell = next.GetCell(id);
        (cell.EntityId, cell.SubjectKeyId, cell.PublicKey).Should().BeEquivalentTo((party, ski, key));
        state.GetCell(id).PublicKey.Should().NotEqual(key, "the original state is untouched");
        next.IsPartyChanged(RemotePartyRole.Supplier).Should().BeTrue();
        next.IsPartyChanged(RemotePartyRole.NetworkOperator).Should().BeFalse();
    }

    [Fact]
    public void Replacing_a_cell_the_device_lacks_is_refused()
    {
        var rng = new Random(4);
        var state = CellTestData.State(rng, DeviceType.CommsHub).Clone();
        var act = () => state.ReplaceCell(new TrustAnchorCellIdentifier(RemotePartyRole.Supplier, DS), new byte[8], new byte[8], CellTestData.PublicKey(rng));
        act.Should().Throw<TrustAnchorStateException>().Which.Code.Should().Be(TrustAnchorStateError.CellNotFound);
    }

    [Fact]
    public void Counters_only_move_forward_for_the_same_party()
    {
        var rng = new Random(5);
        var state = CellTestData.State(rng, DeviceType.Esme);
        state.SetSequenceNumber(RemotePartyRole.Supplier, 1000);
        state.SetSequenceNumber(RemotePartyRole.Supplier, 1000);
        state.SetTopUpSequenceNumber(7);

        var back = () => state.SetSequenceNumber(RemotePartyRole.Supplier, 999);
        back.Should().Throw<TrustAnchorStateException>().Which.Code.Should().Be(TrustAnchorStateError.CounterWentBackwards);
        var topUpBack = () => state.SetTopUpSequenceNumber(6);
        topUpBack.Should().Throw<TrustAnchorStateException>().Which.Code.Should().Be(TrustAnchorStateError.CounterWentBackwards);

        state.GetSequenceNumber(RemotePartyRole.Supplier).Should().Be(1000UL);
        state.TopUpSequenceNumber.Should().Be(7UL);
    }

    [Fact]
    public void A_new_party_may_start_from_its_floor()
    {
        var rng = new Random(6);
        var state = CellTestData.State(rng, DeviceType.Esme);
        state.SetSequenceNumber(RemotePartyRole.Supplier, 5000);
        state.SetTopUpSequenceNumber(50);
        var committed = state.Clone();

        var next = committed.Clone();
        byte[] newSupplier = CellTestData.Bytes(rng, 8);
        foreach (var cell in Enumerable.Range(0, next.CellCount).Select(next.GetCell).Where(c => c.Id.Role == RemotePartyRole.Supplier).ToList())
        {
            next.ReplaceCell(cell.Id, newSupplier, CellTestData.Bytes(rng, 8), CellTestData.PublicKey(rng));
        }

        next.SetSequenceNumber(RemotePartyRole.Supplier, 0);
        next.SetTopUpSequenceNumber(0);
        next.CheckCountersNotBehind(committed);

        var fresh = committed.Clone();
        var freshBack = () => fresh.SetSequenceNumber(RemotePartyRole.NetworkOperator, 0);
        freshBack.Should().NotThrow("0 is not behind 0");
        var sneaky = new TrustAnchorState(DeviceType.Esme, Enumerable.Range(0, committed.CellCount).Select(committed.GetCell).ToArray());
        var check = () => sneaky.CheckCountersNotBehind(committed);
        check.Should().Throw<TrustAnchorStateException>().Which.Code.Should().Be(TrustAnchorStateError.CounterWentBackwards);
    }

    [Fact]
    public void Unknown_remote_party_is_a_typed_error()
    {
        var state = CellTestData.State(new Random(7), DeviceType.CommsHub);
        var act = () => state.GetSequenceNumber(RemotePartyRole.Supplier);
        act.Should().Throw<TrustAnchorStateException>().Which.Code.Should().Be(TrustAnchorStateError.UnknownRemoteParty);
        state.HasRemoteParty(RemotePartyRole.WanProvider).Should().BeTrue();
        state.HasRemoteParty(RemotePartyRole.Root).Should().BeFalse();
    }
}
