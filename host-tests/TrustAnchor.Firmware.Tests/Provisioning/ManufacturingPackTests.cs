using TrustAnchor.Firmware.Tests.Support;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Provisioning;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Smki;
using Xunit.Abstractions;

namespace TrustAnchor.Firmware.Tests.Provisioning;

public class ManufacturingPackTests : IClassFixture<PackFixture>
{
    private readonly PackFixture packs;
    private readonly ITestOutputHelper output;

    public ManufacturingPackTests(PackFixture packs, ITestOutputHelper output)
    {
        this.packs = packs;
        this.output = new EvidenceOutput(output, "manufacturing packs");
    }

    [Fact]
    public void Parses_both_SMKI_packs()
    {
        foreach (var (der, name) in new[] { (packs.Original, "DCC-2016"), (packs.Mp261, "DCC-MP261-2024") })
        {
            var pack = ManufacturingPack.Parse(der);
            pack.Name.Should().Be(name);
            pack.CellCount.Should().Be(PackCell.DefaultCells.Length);
            pack.RootOcaCertificate.IsSelfIssued.Should().BeTrue();
            pack.RootOcaCertificate.SubjectKeyId.Should().Equal(packs.Pki.RootOca.SubjectKeyIdBytes());
            pack.CertificationPathCertificates.Should().ContainSingle()
                .Which.SubjectKeyId.Should().Equal(packs.Pki.IssuingOca.SubjectKeyIdBytes());

            foreach (DeviceType type in new[] { DeviceType.Esme, DeviceType.Gsme, DeviceType.CommsHub, DeviceType.Ppmid })
            {
                foreach (var id in CellSets.For(type).Skip(1))
                {
                    var entry = pack.Find(id);
                    entry.Should().NotBeNull($"{name} fills {id}");
                    entry!.Certificate.RemotePartyRole.Should().Be((int)id.Role);
                    entry.Certificate.KeyUsage.Should().Be((int)id.KeyUsage);
                }
            }
        }
    }

    [Fact]
    public void Mp261_keeps_keys_and_entity_identifiers_of_the_2016_pack()
    {
        var original = ManufacturingPack.Parse(packs.Original);
        var mp261 = ManufacturingPack.Parse(packs.Mp261);
        int reissued = 0;
        for (int i = 0; i < original.CellCount; i++)
        {
            var a = original.GetCell(i);
            var b = mp261.Find(a.Target)!;
            b.Certificate.PublicKey.Should().Equal(a.Certificate.PublicKey);
            b.Certificate.SubjectKeyId.Should().Equal(a.Certificate.SubjectKeyId);
            b.Certificate.EntityId.Should().Equal(a.Certificate.EntityId);
            if (b.Certificate.NotAfter != a.Certificate.NotAfter)
            {
                reissued++;
                b.Certificate.NotAfter.Year.Should().Be(2041);
            }
        }

        reissued.Should().Be(4, "recovery, transitionalCoS, wanProvider and accessControlBroker are re-issued");
    }

    [Fact]
    public void Refuses_structural_faults_naming_the_element()
    {
        var parts = PackFixture.Split(packs.Original);

        Refused(parts with { Version = 2 }, PackError.UnsupportedVersion, "version");

        var duplicate = parts.Copy();
        duplicate.Cells.Add(duplicate.Cells[1]);
        Refused(duplicate, PackError.DuplicateCell, duplicate.Cells[1].Id);

        var badCertificate = parts.Copy();
        byte[] cert = (byte[])badCertificate.Cells[2].Certificate.Clone();
        cert[6] ^= 0xFF; // inside the TBS header: no longer a certificate
        badCertificate.Cells[2] = (badCertificate.Cells[2].Id, cert);
        Refused(badCertificate, PackError.CertificateMalformed, badCertificate.Cells[2].Id);

        var badIdentifier = parts.Copy();
        badIdentifier.Cells[0] = (Convert.FromHexString("300A020101030207800201 00".Replace(" ", "")), badIdentifier.Cells[0].Certificate);
        Refused(badIdentifier, PackError.Malformed, null);

        var act = () => ManufacturingPack.Parse(packs.Original.Append((byte)0).ToArray());
        act.Should().Throw<PackException>().Which.Code.Should().Be(PackError.Malformed);
        var truncated = () => ManufacturingPack.Parse(packs.Original[..^1]);
        truncated.Should().Throw<PackException>().Which.Code.Should().Be(PackError.Malformed);
        var none = () => ManufacturingPack.Parse(null!);
        none.Should().Throw<PackException>();
    }

    [Fact]
    [Trait("Category", "Long")]
    public void Pack_parser_survives_20000_mutated_packs_with_typed_errors_only()
    {
        var rng = new Random(261);
        int refused = 0, accepted = 0;
        for (int i = 0; i < 20_000; i++)
        {
            byte[] b = (byte[])(i % 2 == 0 ? packs.Original : packs.Mp261).Clone();
            switch (rng.Next(4))
            {
                case 0: for (int n = rng.Next(1, 4), k = 0; k < n; k++) b[rng.Next(b.Length)] ^= (byte)(1 << rng.Next(8)); break;
                case 1: b = b[..rng.Next(b.Length)]; break;
                case 2: b[rng.Next(Math.Min(b.Length, 64))] = (byte)rng.Next(256); break; // lengths and tags of the outer levels
                default: int at = rng.Next(b.Length); b[at] = (byte)(b[at] + (rng.Next(2) == 0 ? 1 : -1)); break;
            }

            try
            {
                ManufacturingPack.Parse(b);
                accepted++;
            }
            catch (PackException)
            {
                refused++;
            }
        }

        output.WriteLine($"pack parser: 20000 mutated packs, {refused} refused with PackException, {accepted} still well-formed");
        refused.Should().BeGreaterThan(10_000);
    }

    private static void Refused(PackParts parts, PackError code, object? cell)
    {
        var act = () => ManufacturingPack.Parse(parts.Build());
        var e = act.Should().Throw<PackException>().Which;
        e.Code.Should().Be(code, e.Message);
        if (cell is byte[] id)
        {
            e.Cell.Should().Be(TrustAnchorCellIdentifier.Decode(id).ToString());
            e.Message.Should().StartWith(e.Cell);
        }
        else if (cell is string name)
        {
            e.Cell.Should().Be(name);
        }
    }
}
