using TrustAnchor.Simulator.Devices;

namespace TrustAnchor.Simulator.Tests.Devices;

public sealed class FileFlashStorageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ta-flash-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_new_part_is_erased_and_writes_persist_across_reopen()
    {
        var path = Path.Combine(_folder, "esme.flash");
        using (var flash = new FileFlashStorage(path, 256, 4))
        {
            var buffer = new byte[256];
            flash.Read(2, 0, buffer, 0, 256);
            buffer.Should().OnlyContain(b => b == 0xFF);
            flash.Write(2, 10, new byte[] { 0x12, 0x34 }, 0, 2);
        }

        new FileInfo(path).Length.Should().Be(1024);
        using (var again = new FileFlashStorage(path, 256, 4))
        {
            var two = new byte[2];
            again.Read(2, 10, two, 0, 2);
            two.Should().Equal(0x12, 0x34);
        }
    }

    [Fact]
    public void Programming_only_clears_bits_and_erase_restores_ones()
    {
        using var flash = new FileFlashStorage(Path.Combine(_folder, "f"), 64, 2);
        flash.Write(0, 0, new byte[] { 0xF0 }, 0, 1);
        flash.Write(0, 0, new byte[] { 0x3C }, 0, 1);
        var one = new byte[1];
        flash.Read(0, 0, one, 0, 1);
        one[0].Should().Be(0x30);
        flash.Erase(0);
        flash.Read(0, 0, one, 0, 1);
        one[0].Should().Be(0xFF);
    }

    [Fact]
    public void Snapshots_show_whether_anything_was_written()
    {
        using var flash = new FileFlashStorage(Path.Combine(_folder, "s"), 64, 2);
        var before = flash.Snapshot();
        flash.Snapshot().Should().Equal(before);
        flash.Write(1, 5, new byte[] { 0 }, 0, 1);
        flash.Snapshot().Should().NotEqual(before);
    }

    [Theory]
    [InlineData(-1, 0, 1)]
    [InlineData(2, 0, 1)]
    [InlineData(0, 60, 5)]
    [InlineData(0, -1, 1)]
    public void Accesses_outside_the_part_are_refused(int block, int offset, int count)
    {
        using var flash = new FileFlashStorage(Path.Combine(_folder, "b"), 64, 2);
        var act = () => flash.Write(block, offset, new byte[8], 0, count);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
