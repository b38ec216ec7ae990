using TrustAnchor.Firmware.Storage;
using TrustAnchor.Firmware.Tests.TrustAnchors;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Tests.Storage;

public class TrustAnchorStoreTests
{
    private static (RamFlashStorage Flash, TrustAnchorStore Store, TrustAnchorState State) Provisioned(int seed, DeviceType deviceType = DeviceType.Esme, int blockSize = 256)
    {
        var rng = new Random(seed);
        var flash = new RamFlashStorage(blockSize, 16);
        var store = TrustAnchorStore.Open(flash);
        var state = CellTestData.State(rng, deviceType);
        store.Commit(state);
        return (flash, store, state);
    }

    private static int SlotStart(IFlashStorage flash, int slot) => slot * (flash.BlockCount / 2) * flash.BlockSize;

    [Fact]
    public void A_fresh_part_is_not_provisioned_and_says_so()
    {
        var store = TrustAnchorStore.Open(new RamFlashStorage(256, 16));
        store.IsProvisioned.Should().BeFalse();
        store.Recovery.Should().Be(StoreRecovery.None);
        var act = () => store.Current;
        act.Should().Throw<StoreException>().Which.Code.Should().Be(StoreError.NotProvisioned);
    }

    [Fact]
    public void Commit_survives_restart_with_cells_counters_and_generation()
    {
        var (flash, store, state) = Provisioned(1);
        var next = store.Current.Clone();
        next.SetSequenceNumber(RemotePartyRole.Supplier, 0x1122334455667788UL);
        next.SetSequenceNumber(RemotePartyRole.NetworkOperator, ulong.MaxValue);
        next.SetTopUpSequenceNumber(42);
        store.Commit(next);

        var reopened = TrustAnchorStore.Open(new RamFlashStorage(256, flash.ToArray()));
        reopened.IsProvisioned.Should().BeTrue();
        reopened.Generation.Should().Be(2UL);
        reopened.Recovery.Should().Be(StoreRecovery.None);
        reopened.Current.ContentEquals(next).Should().BeTrue();
        reopened.Current.GetSequenceNumber(RemotePartyRole.NetworkOperator).Should().Be(ulong.MaxValue);
        reopened.Current.ContentEquals(state).Should().BeFalse();
    }

    [Fact]
    public void The_committed_state_is_read_only()
    {
        var (_, store, _) = Provisioned(2);
        var act = () => store.Current.SetSequenceNumber(RemotePartyRole.Supplier, 5);
        act.Should().Throw<TrustAnchorStateException>().Which.Code.Should().Be(TrustAnchorStateError.ReadOnlyState);
        store.Current.Clone().IsReadOnly.Should().BeFalse();
    }

    [Fact]
    public void A_counter_behind_the_stored_one_is_refused_and_nothing_is_written()
    {
        var (flash, store, _) = Provisioned(3);
        var next = store.Current.Clone();
        next.SetSequenceNumber(RemotePartyRole.Supplier, 100);
        store.Commit(next);
        byte[] before = flash.ToArray();

        // A state rebuilt from the cells (counters back at zero) for the same parties.
        var rebuilt = new TrustAnchorState(DeviceType.Esme, Enumerable.Range(0, next.CellCount).Select(next.GetCell).ToArray());
        var act = () => store.Commit(rebuilt);
        act.Should().Throw<TrustAnchorStateException>().Which.Code.Should().Be(TrustAnchorStateError.CounterWentBackwards);

        flash.ToArray().Should().Equal(before);
        TrustAnchorStore.Open(flash).Current.GetSequenceNumber(RemotePartyRole.Supplier).Should().Be(100UL);
    }

    [Fact]
    public void A_state_for_another_device_type_is_refused()
    {
        var (flash, store, _) = Provisioned(4);
        byte[] before = flash.ToArray();
        var act = () => store.Commit(CellTestData.State(new Random(5), DeviceType.CommsHub));
        act.Should().Throw<TrustAnchorStateException>().Which.Code.Should().Be(TrustAnchorStateError.DeviceTypeMismatch);
        flash.ToArray().Should().Equal(before);
    }

    [Fact]
    public void Flash_too_small_for_the_state_is_a_typed_error()
    {
        var act = () => TrustAnchorStore.Open(new RamFlashStorage(64, 1));
        act.Should().Throw<StoreException>().Which.Code.Should().Be(StoreError.FlashTooSmall);

        var store = TrustAnchorStore.Open(new RamFlashStorage(256, 4));
        var commit = () => store.Commit(CellTestData.State(new Random(6), DeviceType.Esme));
        commit.Should().Throw<StoreException>().Which.Code.Should().Be(StoreError.StateTooLarge);
        store.IsProvisioned.Should().BeFalse();
    }

    [Fact]
    public void Store_writes_only_erased_flash()
    {
        // RamFlashStorage ANDs writes like NOR flash: many commits reading back intact prove every write hit erased bytes.
        var (flash, store, _) = Provisioned(7);
        var rng = new Random(7);
        for (int i = 0; i < 50; i++)
        {
            var next = CellTestData.Update(rng, store.Current);
            store.Commit(next);
            var reopened = TrustAnchorStore.Open(new RamFlashStorage(256, flash.ToArray()));
            reopened.Current.ContentEquals(next).Should().BeTrue();
            reopened.Recovery.Should().Be(StoreRecovery.None);
        }
    }

    [Fact]
    public void Bit_rot_in_one_copy_is_detected_reported_and_repaired_from_the_other()
    {
        int detected = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            var rng = new Random(1000 + trial);
            var (flash, store, _) = Provisioned(trial, CellTestData.DeviceTypes[trial % 4], blockSize: 128);
            var current = CellTestData.Update(rng, store.Current);
            store.Commit(current);

            int slot = rng.Next(2);
            int used = TrustAnchorStore.Overhead + StateImage.EncodedLength(current);
            byte[] image = flash.ToArray();
            int flips = rng.Next(1, 4);
            for (int i = 0; i < flips; i++)
            {
                // Skip the 8-byte commit marker: its damage reads as "uncommitted", checked separately below.
                int at = SlotStart(flash, slot) + 8 + rng.Next(used - 8);
                image[at] ^= (byte)(1 << rng.Next(8));
            }

            var rotten = new RamFlashStorage(128, image);
            var reopened = TrustAnchorStore.Open(rotten);
            reopened.Current.ContentEquals(current).Should().BeTrue("the intact copy is used");
            reopened.Generation.Should().Be(2UL);
            (reopened.Recovery & StoreRecovery.CorruptCopy).Should().Be(StoreRecovery.CorruptCopy);
            (reopened.Recovery & StoreRecovery.CopyRepaired).Should().Be(StoreRecovery.CopyRepaired);
            reopened.CorruptSlot.Should().Be(slot);
            reopened.RecoveryReport.Should().Contain("integrity");
            detected++;

            var healed = TrustAnchorStore.Open(rotten);
            healed.Recovery.Should().Be(StoreRecovery.None, "the bad copy was rewritten");
            healed.Current.ContentEquals(current).Should().BeTrue();
        }

        detected.Should().Be(400);
    }

    [Fact]
    public void A_damaged_commit_marker_falls_back_to_the_other_copy_without_loss()
    {
        var (flash, store, state) = Provisioned(8);
        byte[] image = flash.ToArray();
        image[SlotStart(flash, 0) + 3] ^= 0x10;
        var reopened = TrustAnchorStore.Open(new RamFlashStorage(256, image));
        reopened.Current.ContentEquals(state).Should().BeTrue();
        (reopened.Recovery & StoreRecovery.CopyRepaired).Should().Be(StoreRecovery.CopyRepaired);
    }

    [Fact]
    public void Bit_rot_in_both_copies_is_a_typed_error_and_the_flash_is_left_alone()
    {
        for (int trial = 0; trial < 200; trial++)
        {
            var rng = new Random(trial);
            var (flash, _, state) = Provisioned(trial, CellTestData.DeviceTypes[trial % 4]);
            int used = TrustAnchorStore.Overhead + StateImage.EncodedLength(state);
            byte[] image = flash.ToArray();
            for (int slot = 0; slot < 2; slot++)
            {
                image[SlotStart(flash, slot) + rng.Next(used)] ^= (byte)(1 << rng.Next(8));
            }

            var rotten = new RamFlashStorage(256, image);
            var act = () => TrustAnchorStore.Open(rotten);
            act.Should().Throw<StoreException>().Which.Code.Should().Be(StoreError.BothCopiesCorrupt);
            rotten.ToArray().Should().Equal(image, "a refused open writes nothing");
        }
    }

    [Fact]
    public void A_provisioned_store_never_reads_as_empty_when_one_copy_is_erased_and_the_other_rots()
    {
        var (flash, _, state) = Provisioned(9);
        byte[] image = flash.ToArray();
        int slotBytes = flash.BlockCount / 2 * flash.BlockSize;
        Array.Fill(image, (byte)0xFF, SlotStart(flash, 1), slotBytes);
        image[SlotStart(flash, 0) + 100] ^= 0x01;
        var act = () => TrustAnchorStore.Open(new RamFlashStorage(256, image));
        act.Should().Throw<StoreException>().Which.Code.Should().Be(StoreError.BothCopiesCorrupt);
    }

    [Fact]
    public void A_cut_factory_provisioning_reads_as_empty_and_can_be_provisioned_again()
    {
        var rng = new Random(10);
        var state = CellTestData.State(rng, DeviceType.Esme);
        int discarded = 0;
        for (int step = 0; step < 12; step++)
        {
            var flash = new FaultInjectingFlash(256, 16, seed: step);
            var store = TrustAnchorStore.Open(flash);
            flash.Arm(step, CutMode.TornPrefix);
            var act = () => store.Commit(state);
            act.Should().Throw<PowerCutException>();
            flash.Disarm();

            var restarted = TrustAnchorStore.Open(flash);
            if (restarted.IsProvisioned)
            {
                restarted.Current.ContentEquals(state).Should().BeTrue();
                continue;
            }

            if ((restarted.Recovery & StoreRecovery.ProvisioningDiscarded) != 0) discarded++;
            restarted.Commit(state);
            var again = TrustAnchorStore.Open(flash);
            again.Current.ContentEquals(state).Should().BeTrue();
            again.Generation.Should().Be(1UL);
            again.Recovery.Should().Be(StoreRecovery.None);
        }

        discarded.Should().BeGreaterThan(0);
    }

    [Fact]
    public void A_refused_cell_replacement_leaves_the_state_unchanged()
    {
        var rng = new Random(11);
        var state = CellTestData.State(rng, DeviceType.Esme).Clone();
        var before = state.Clone();
        var id = new TrustAnchorCellIdentifier(RemotePartyRole.Supplier, TrustAnchorCellIdentifier.KeyUsageDigitalSignature);
        byte[] compressed = CellTestData.PublicKey(rng);
        compressed[0] = 0x03;
        var act = () => state.ReplaceCell(id, CellTestData.Bytes(rng, 8), CellTestData.Bytes(rng, 8), compressed);
        act.Should().Throw<TrustAnchorStateException>().Which.Code.Should().Be(TrustAnchorStateError.InvalidPublicKey);
        var shortParty = () => state.ReplaceCell(id, new byte[7], CellTestData.Bytes(rng, 8), CellTestData.PublicKey(rng));
        shortParty.Should().Throw<TrustAnchorStateException>().Which.Code.Should().Be(TrustAnchorStateError.InvalidEntityId);
        state.ContentEquals(before).Should().BeTrue();
        state.IsPartyChanged(RemotePartyRole.Supplier).Should().BeFalse();
    }
}
