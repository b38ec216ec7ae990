using TrustAnchor.Firmware.Storage;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Simulator.Devices;

namespace TrustAnchor.Simulator.Tests.Devices;

public class FileFlashStorageTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"ta-flash-{Guid.NewGuid():N}.bin");

    public void Dispose() => File.Delete(path);

    private static TrustAnchorState State(int seed)
    {
        var rng = new Random(seed);
        byte[] Bytes(int n) { var b = new byte[n]; rng.NextBytes(b); return b; }
        var cells = CellSets.For(DeviceType.CommsHub).Select(id =>
        {
            byte[] key = Bytes(65);
            key[0] = 4;
            return new TrustAnchorCell(id, id.Role == RemotePartyRole.Root ? new byte[8] : Bytes(8), Bytes(8), key);
        }).ToArray();
        return new TrustAnchorState(DeviceType.CommsHub, cells);
    }

    [Fact]
    public void A_new_file_is_erased_flash()
    {
        using var flash = new FileFlashStorage(path, 128, 8);
        new FileInfo(path).Length.Should().Be(1024);
        var buffer = new byte[128];
        flash.Read(3, 0, buffer, 0, 128);
        buffer.Should().OnlyContain(b => b == 0xFF);
        TrustAnchorStore.Open(flash).IsProvisioned.Should().BeFalse();
    }

    [Fact]
    public void Writes_program_like_NOR_flash_and_erase_restores_0xFF()
    {
        using var flash = new FileFlashStorage(path, 64, 4);
        flash.Write(1, 10, new byte[] { 0xF0, 0x0F }, 0, 2);
        flash.Write(1, 10, new byte[] { 0x3C, 0x3C }, 0, 2);
        var buffer = new byte[2];
        flash.Read(1, 10, buffer, 0, 2);
        buffer.Should().Equal(0x30, 0x0C);
        flash.Erase(1);
        flash.Read(1, 10, buffer, 0, 2);
        buffer.Should().Equal(0xFF, 0xFF);
    }

    [Fact]
    public void Long_unaligned_writes_AND_every_byte_in_memory_and_on_the_file()
    {
        using (var flash = new FileFlashStorage(path, 256, 4))
        {
            var random = new Random(7);
            var first = new byte[203];
            var second = new byte[203];
            random.NextBytes(first);
            random.NextBytes(second);
            flash.Write(2, 37, first, 0, first.Length);
            flash.Write(2, 37, second, 0, second.Length);

            var expected = Enumerable.Repeat((byte)0xFF, 256).ToArray();
            for (var i = 0; i < first.Length; i++)
            {
                expected[37 + i] = (byte)(first[i] & second[i]);
            }

            var block = new byte[256];
            flash.Read(2, 0, block, 0, 256);
            block.Should().Equal(expected);
            File.ReadAllBytes(path).AsSpan(512, 256).ToArray().Should().Equal(expected);
        }
    }

    [Fact]
    public void The_store_survives_a_simulator_restart()
    {
        var state = State(1);
        using (var flash = new FileFlashStorage(path, 256, 4))
        {
            var store = TrustAnchorStore.Open(flash);
            store.Commit(state);
            var next = store.Current.Clone();
            next.SetSequenceNumber(RemotePartyRole.WanProvider, 77);
            store.Commit(next);
        }

        using (var flash = new FileFlashStorage(path, 256, 4))
        {
            var store = TrustAnchorStore.Open(flash);
            store.Generation.Should().Be(2UL);
            store.Current.GetSequenceNumber(RemotePartyRole.WanProvider).Should().Be(77UL);
            store.Current.Root.PublicKey.Should().Equal(state.Root.PublicKey);
        }
    }

    [Fact]
    public void Wrong_geometry_or_out_of_range_access_is_a_typed_error()
    {
        using (new FileFlashStorage(path, 128, 8)) { }
        var act = () => new FileFlashStorage(path, 128, 4);
        act.Should().Throw<StoreException>().Which.Code.Should().Be(StoreError.FlashTooSmall);

        using var flash = new FileFlashStorage(path, 128, 8);
        var read = () => flash.Read(8, 0, new byte[1], 0, 1);
        read.Should().Throw<StoreException>().Which.Code.Should().Be(StoreError.FlashAccessOutOfRange);
    }

    [Fact]
    public void Snapshots_show_whether_anything_was_written()
    {
        using var flash = new FileFlashStorage(path, 64, 2);
        var before = flash.Snapshot();
        flash.Snapshot().Should().Equal(before);
        flash.Write(1, 5, new byte[] { 0 }, 0, 1);
        flash.Snapshot().Should().NotEqual(before);
    }

    [Fact]
    public void Writes_reach_the_file_at_once()
    {
        using var flash = new FileFlashStorage(path, 64, 2);
        flash.Write(0, 3, new byte[] { 0x5A }, 0, 1);
        using var copy = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        copy.Position = 3;
        copy.ReadByte().Should().Be(0x5A);
    }
}
