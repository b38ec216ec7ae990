using System.Security.Cryptography.X509Certificates;
using System.Formats.Asn1;
using TrustAnchor.Smki;

namespace TrustAnchor.Smki.Tests;

public sealed class ManufacturingPackTests : IClassFixture<HierarchyTests.Shared>
{
    private readonly SmkiPki pki;

    public ManufacturingPackTests(HierarchyTests.Shared shared)
    {
        pki = shared.Temp.Pki;
    }

    private sealed record ParsedPack(int Version, string Name, byte[] Root, List<(byte[] CellId, byte[] Certificate)> Cells, List<byte[]> Path);

    /// <summary>Reads the pack with AsnReader exactly as firmware/docs/manufacturing-pack.md lays it out.</summary>
    private static ParsedPack Parse(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var pack = reader.ReadSequence();
        reader.HasData.Should().BeFalse("no trailing bytes");
        pack.TryReadInt32(out var version).Should().BeTrue();
        var name = pack.ReadCharacterString(UniversalTagNumber.UTF8String);
        var root = pack.ReadEncodedValue().ToArray();
        var cells = new List<(byte[], byte[])>();
        var cellSeq = pack.ReadSequence();
        while (cellSeq.HasData)
        {
            var cell = cellSeq.ReadSequence();
            var id = cell.ReadEncodedValue().ToArray();
            var cert = cell.ReadEncodedValue().ToArray();
            cell.ThrowIfNotEmpty();
            cells.Add((id, cert));
        }

        var path = new List<byte[]>();
        var pathSeq = pack.ReadSequence();
        while (pathSeq.HasData)
        {
            path.Add(pathSeq.ReadEncodedValue().ToArray());
        }

        pack.ThrowIfNotEmpty();
        return new ParsedPack(version, name, root, cells, path);
    }

    [Fact]
    public void Original_pack_has_the_documented_structure_and_cell_identifiers()
    {
        var pack = Parse(pki.CreateManufacturingPack(PackKind.Original2016));
        pack.Version.Should().Be(1);
        pack.Name.Should().Be("DCC-2016");
        pack.Root.Should().Equal(pki.RootOca.Der);
        pack.Path.Should().ContainSingle().Which.Should().Equal(pki.IssuingOca.Der);
        pack.Cells.Should().HaveCount(PackCell.DefaultCells.Length);

        // The GBCS examples from the NOTES, byte for byte.
        var ids = pack.Cells.Select(c => Convert.ToHexString(c.CellId)).ToList();
        ids.Should().Contain("300702010203020780"); // Supplier DS
        ids.Should().Contain("300702010203020308"); // Supplier KA
        ids.Should().Contain("300A02010203020308020101"); // Supplier KA top-up
        ids.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Each_cell_certificate_matches_its_cell_and_chains_to_the_root()
    {
        foreach (var kind in new[] { PackKind.Original2016, PackKind.Mp261 })
        {
            var pack = Parse(pki.CreateManufacturingPack(kind));
            foreach (var (cellId, certificate) in pack.Cells)
            {
                var idReader = new AsnReader(cellId, AsnEncodingRules.DER).ReadSequence();
                idReader.TryReadInt32(out var role).Should().BeTrue();
                var ku = idReader.ReadBitString(out _);
                var cert = new ProfileReader(certificate);
                cert.OrganisationalUnitUtf8().Should().Be(role.ToString("X2"));
                var expectedBit = ku[0] == 0x80 ? 0 : 4;
                cert.Bc.GetKeyUsage()[expectedBit].Should().BeTrue();
                cert.Bc.GetKeyUsage().Count(b => b).Should().Be(1);
                cert.UniqueIdentifier64().Should().Equal(SmkiPki.PackEntityId(role));
                IndependentReaders.AssertBouncyCastleVerifies(certificate, pack.Path[0]);
                IndependentReaders.AssertChainBuilds(certificate, pack.Root, pack.Path, cert.Bc.NotBefore.AddDays(1));
            }
        }
    }

    [Fact]
    public void Original_pack_certificates_run_ten_years_from_2016_to_2026()
    {
        foreach (var (_, certificate) in Parse(pki.CreateManufacturingPack(PackKind.Original2016)).Cells)
        {
            var cert = new ProfileReader(certificate).Bc;
            cert.NotBefore.Year.Should().Be(2016);
            cert.NotAfter.Year.Should().Be(2026);
        }
    }

    [Fact]
    public void Mp261_pack_reissues_the_four_roles_with_the_same_keys_to_the_issuing_oca_not_after()
    {
        var original = Parse(pki.CreateManufacturingPack(PackKind.Original2016));
        var mp261 = Parse(pki.CreateManufacturingPack(PackKind.Mp261));
        mp261.Name.Should().Be("DCC-MP261-2024");
        mp261.Cells.Select(c => c.CellId).Should().BeEquivalentTo(original.Cells.Select(c => c.CellId), o => o.WithStrictOrdering());
        var issuingNotAfter = new ProfileReader(pki.IssuingOca.Der).Bc.NotAfter;
        var reissued = 0;
        for (var i = 0; i < original.Cells.Count; i++)
        {
            var before = new ProfileReader(original.Cells[i].Certificate);
            var after = new ProfileReader(mp261.Cells[i].Certificate);
            var role = new AsnReader(original.Cells[i].CellId, AsnEncodingRules.DER).ReadSequence().ReadInteger();
            after.SubjectKeyId.Should().Equal(before.SubjectKeyId, "same keys, so the same SKIs");
            after.UniqueIdentifier64().Should().Equal(before.UniqueIdentifier64());
            if (RemotePartyRole.IsMp261Role((int)role))
            {
                reissued++;
                after.Der.Should().NotEqual(before.Der);
                after.PublicPoint.Should().Equal(before.PublicPoint);
                after.Bc.NotAfter.Should().Be(issuingNotAfter);
                after.Bc.NotAfter.Year.Should().Be(2041);
                (after.Bc.NotAfter.Year - after.Bc.NotBefore.Year).Should().Be(17);
            }
            else
            {
                after.Der.Should().Equal(before.Der);
            }
        }

        reissued.Should().Be(4, "recovery, transitionalCoS, wanProvider and accessControlBroker cells");
    }

    [Fact]
    public void Pack_party_private_keys_sign_verifiably_for_the_simulator()
    {
        var supplierDs = pki.PackCertificate(PackKind.Original2016, RemotePartyRole.Supplier, SmkiKeyUsage.DigitalSignature);
        using var key = pki.ExportPrivateKey(supplierDs.Serial);
        var message = "GBCS command"u8.ToArray();
        var signature = key.SignData(message, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var cert = supplierDs.ToX509();
        cert.GetECDsaPublicKey()!.VerifyData(message, signature, System.Security.Cryptography.HashAlgorithmName.SHA256).Should().BeTrue();

        var mp261Recovery = pki.PackCertificate(PackKind.Mp261, RemotePartyRole.Recovery, SmkiKeyUsage.DigitalSignature);
        pki.ExportPrivateKeyPkcs8(mp261Recovery.Serial).Should().Equal(pki.ExportPrivateKeyPkcs8(pki.PackCertificate(PackKind.Original2016, RemotePartyRole.Recovery, SmkiKeyUsage.DigitalSignature).Serial));
        pki.KnownRemoteParties.Select(p => p.Name).Should().Contain(["DCC-2016/supplier-ds", "DCC-MP261-2024/wanProvider-ds"]);
    }
}
