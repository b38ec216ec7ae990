using TrustAnchor.Firmware.Provisioning;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Tests.Provisioning;

public class PackRecognitionTests : IClassFixture<PackFixture>
{
    private readonly PackFixture packs;

    public PackRecognitionTests(PackFixture packs) => this.packs = packs;

    /// <summary>The cells a pack puts into a device (what provisioning stores), built here without provisioning.</summary>
    internal static TrustAnchorState StateFrom(ManufacturingPack pack, DeviceType deviceType)
    {
        var root = pack.RootOcaCertificate;
        var cells = CellSets.For(deviceType).Select(id => id.Role == RemotePartyRole.Root
            ? new TrustAnchorCell(id, new byte[8], root.SubjectKeyId, root.PublicKey)
            : new TrustAnchorCell(id, pack.Find(id)!.Certificate.EntityId, pack.Find(id)!.Certificate.SubjectKeyId, pack.Find(id)!.Certificate.PublicKey));
        return new TrustAnchorState(deviceType, cells.ToArray());
    }

    [Theory]
    [InlineData(DeviceType.Esme)]
    [InlineData(DeviceType.Gsme)]
    [InlineData(DeviceType.CommsHub)]
    [InlineData(DeviceType.Ppmid)]
    public void A_device_from_either_pack_is_recognised_as_holding_the_current_pack(DeviceType deviceType)
    {
        var original = ManufacturingPack.Parse(packs.Original);
        var mp261 = ManufacturingPack.Parse(packs.Mp261);
        var current = new[] { mp261, original };

        foreach (var provisionedFrom in new[] { original, mp261 })
        {
            var state = StateFrom(provisionedFrom, deviceType);
            PackRecognition.Holds(state, mp261).Should().BeTrue();
            PackRecognition.Holds(state, original).Should().BeTrue();
            PackRecognition.Recognise(state, current).Should().Be(0, "the current (MP261) pack is listed first");
        }
    }

    [Fact]
    public void A_replaced_supplier_credential_means_the_device_no_longer_holds_the_pack()
    {
        var mp261 = ManufacturingPack.Parse(packs.Mp261);
        var state = StateFrom(mp261, DeviceType.Esme).Clone();
        var rng = new Random(1);
        var id = new TrustAnchorCellIdentifier(RemotePartyRole.Supplier, TrustAnchorCellIdentifier.KeyUsageDigitalSignature);
        state.ReplaceCell(id, TrustAnchors.CellTestData.Bytes(rng, 8), TrustAnchors.CellTestData.Bytes(rng, 8), TrustAnchors.CellTestData.PublicKey(rng));

        PackRecognition.Holds(state, mp261).Should().BeFalse();
        PackRecognition.MatchingCellCount(state, mp261).Should().Be(state.CellCount - 1);
        PackRecognition.CellMatches(state.GetCell(id), mp261).Should().BeFalse();
        PackRecognition.Recognise(state, new[] { mp261 }).Should().Be(-1);
    }

    [Fact]
    public void Same_key_reissue_on_the_device_keeps_it_recognised()
    {
        var original = ManufacturingPack.Parse(packs.Original);
        var mp261 = ManufacturingPack.Parse(packs.Mp261);
        var state = StateFrom(original, DeviceType.CommsHub).Clone();
        foreach (var id in CellSets.For(DeviceType.CommsHub).Skip(1))
        {
            var cert = mp261.Find(id)!.Certificate;
            state.ReplaceCell(id, cert.EntityId, cert.SubjectKeyId, cert.PublicKey);
        }

        PackRecognition.Holds(state, mp261).Should().BeTrue();
        PackRecognition.Holds(state, original).Should().BeTrue();
    }

    [Fact]
    public void A_pack_from_another_PKI_is_not_recognised()
    {
        using var other = new PackFixture();
        var state = StateFrom(ManufacturingPack.Parse(packs.Mp261), DeviceType.Esme);
        var foreign = ManufacturingPack.Parse(other.Mp261);
        PackRecognition.Holds(state, foreign).Should().BeFalse();
        PackRecognition.MatchingCellCount(state, foreign).Should().Be(0);
    }
}
