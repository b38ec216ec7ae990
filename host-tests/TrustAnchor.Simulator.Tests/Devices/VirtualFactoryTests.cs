using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Storage;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Simulator.Devices;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Smki;

namespace TrustAnchor.Simulator.Tests.Devices;

/// <summary>
/// The factory line checks a pack once per (pack, device type, flash geometry) and programs the checked store image
/// into later parts: such a part must be indistinguishable, cell for cell and byte for byte, from one the firmware's
/// FactoryProvisioning wrote, and nothing else may be served from the line's cache.
/// </summary>
public sealed class VirtualFactoryTests : IClassFixture<VirtualFactoryTests.Packs>
{
    public sealed class Packs : IDisposable
    {
        public Packs()
        {
            Folder = Directory.CreateTempSubdirectory("ta-sim-factory-").FullName;
            var smki = SmkiPki.Init(Path.Combine(Folder, "smki"), new SmkiOptions { Clock = new FixedClock(new DateTime(2025, 6, 2, 0, 0, 0, DateTimeKind.Utc)) });
            Original2016 = smki.CreateManufacturingPack(PackKind.Original2016);
            Mp261 = smki.CreateManufacturingPack(PackKind.Mp261);
        }

        public string Folder { get; }
        public byte[] Original2016 { get; }
        public byte[] Mp261 { get; }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }

    private readonly Packs _packs;

    public VirtualFactoryTests(Packs packs) => _packs = packs;

    private static int _serial;

    private static VirtualDevice Make(VirtualFactory factory, string kind, byte[] pack, DeviceFlash? flash = null)
    {
        var n = Interlocked.Increment(ref _serial);
        byte[] eui = [0x70, 0xB3, 0xD5, 0x00, 0x00, 0x00, (byte)(n >> 8), (byte)n];
        var clock = new DeviceClock(new WorldClock(new DateTime(2025, 6, 2, 0, 0, 0, DateTimeKind.Utc)), TimeSpan.Zero);
        return factory.Build(kind, eui, pack, flash ?? DeviceFlash.InMemory(4096, 8), clock, 1000 + n);
    }

    private static void ShouldHoldSameCells(TrustAnchorState actual, TrustAnchorState expected)
    {
        actual.DeviceType.Should().Be(expected.DeviceType);
        actual.CellCount.Should().Be(expected.CellCount);
        for (var i = 0; i < expected.CellCount; i++)
        {
            var a = actual.GetCell(i);
            var e = expected.GetCell(i);
            a.Id.ToString().Should().Be(e.Id.ToString());
            a.EntityId.Should().Equal(e.EntityId, $"cell {e.Id}");
            a.SubjectKeyId.Should().Equal(e.SubjectKeyId, $"cell {e.Id}");
            a.PublicKey.Should().Equal(e.PublicKey, $"cell {e.Id}");
        }

        actual.RemotePartyCount.Should().Be(expected.RemotePartyCount);
        for (var i = 0; i < expected.RemotePartyCount; i++)
        {
            var role = expected.GetRemotePartyRole(i);
            actual.GetSequenceNumber(role).Should().Be(expected.GetSequenceNumber(role));
        }

        actual.TopUpSequenceNumber.Should().Be(expected.TopUpSequenceNumber);
        actual.ContentEquals(expected).Should().BeTrue();
    }

    [Theory]
    [InlineData(DeviceKinds.CommsHub)]
    [InlineData(DeviceKinds.Esme)]
    [InlineData(DeviceKinds.Gsme)]
    [InlineData(DeviceKinds.Ppmid)]
    public void A_part_programmed_from_the_checked_image_holds_exactly_what_provisioning_writes(string kind)
    {
        var line = new VirtualFactory();
        using var first = Make(line, kind, _packs.Original2016);
        using var programmed = Make(line, kind, _packs.Original2016);
        line.PacksChecked.Should().Be(1);
        line.ImagesProgrammed.Should().Be(1);

        // A separate line provisions its first part through FactoryProvisioning: the reference.
        var reference = new VirtualFactory();
        using var direct = Make(reference, kind, _packs.Original2016);
        reference.PacksChecked.Should().Be(1);
        reference.ImagesProgrammed.Should().Be(0);

        ShouldHoldSameCells(programmed.State, direct.State);
        ShouldHoldSameCells(first.State, direct.State);
        programmed.FlashSnapshot().Should().Equal(direct.FlashSnapshot());
        programmed.Device.Store.Generation.Should().Be(1UL);
        programmed.Device.Store.Recovery.Should().Be(0);

        // The device's own identity and keys never come from the image.
        programmed.Eui64.Should().NotEqual(first.Eui64);
        programmed.SigningPublicKey.Should().NotEqual(first.SigningPublicKey);
        programmed.KeyAgreementPublicKey.Should().NotEqual(first.KeyAgreementPublicKey);
    }

    [Fact]
    public void A_programmed_part_on_a_flash_file_reopens_as_the_same_store()
    {
        var line = new VirtualFactory();
        var folder = Path.Combine(_packs.Folder, "files");
        Directory.CreateDirectory(folder);
        using (Make(line, DeviceKinds.Esme, _packs.Original2016, DeviceFlash.OnFile(Path.Combine(folder, "a.flash"), 4096, 8)))
        {
        }

        TrustAnchorState expected;
        using (var direct = Make(new VirtualFactory(), DeviceKinds.Esme, _packs.Original2016))
        {
            expected = direct.State;
        }

        var path = Path.Combine(folder, "b.flash");
        using (var programmed = Make(line, DeviceKinds.Esme, _packs.Original2016, DeviceFlash.OnFile(path, 4096, 8)))
        {
            line.ImagesProgrammed.Should().Be(1);
        }

        // Power the part up again: the firmware opens what is on the file.
        using var again = new FileFlashStorage(path, 4096, 8);
        var store = TrustAnchorStore.Open(again);
        store.IsProvisioned.Should().BeTrue();
        store.Recovery.Should().Be(0);
        ShouldHoldSameCells(store.Current, expected);
    }

    [Fact]
    public void Another_pack_device_type_or_flash_geometry_is_checked_again_not_served_from_the_cache()
    {
        var line = new VirtualFactory();
        using var esme2016 = Make(line, DeviceKinds.Esme, _packs.Original2016);
        line.PacksChecked.Should().Be(1);

        using var gsme2016 = Make(line, DeviceKinds.Gsme, _packs.Original2016);
        line.PacksChecked.Should().Be(2);
        gsme2016.State.DeviceType.Should().Be((TrustAnchor.Firmware.TrustAnchors.DeviceType)VirtualFactory.DeviceTypeOf(DeviceKinds.Gsme));

        using var esmeMp261 = Make(line, DeviceKinds.Esme, _packs.Mp261);
        line.PacksChecked.Should().Be(3);

        using var smallBlocks = Make(line, DeviceKinds.Esme, _packs.Original2016, DeviceFlash.InMemory(2048, 8));
        line.PacksChecked.Should().Be(4);
        line.ImagesProgrammed.Should().Be(0);

        // The same pack again is served from the cache, and matches what a direct provisioning of that pack gives.
        using var esmeMp261Again = Make(line, DeviceKinds.Esme, _packs.Mp261);
        line.PacksChecked.Should().Be(4);
        line.ImagesProgrammed.Should().Be(1);
        using var direct = Make(new VirtualFactory(), DeviceKinds.Esme, _packs.Mp261);
        ShouldHoldSameCells(esmeMp261Again.State, direct.State);
        esmeMp261Again.FlashSnapshot().Should().Equal(direct.FlashSnapshot());

        // A pack that differs in one byte is checked by the firmware, and refused, even after the good one was cached.
        var tampered = (byte[])_packs.Original2016.Clone();
        tampered[^1] ^= 0x01;
        FluentActions.Invoking(() => Make(line, DeviceKinds.Esme, tampered)).Should().Throw<TrustAnchorException>();
        line.ImagesProgrammed.Should().Be(1);
    }
}
