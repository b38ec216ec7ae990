using System.Formats.Asn1;
using System.Security.Cryptography;
using TrustAnchor.Firmware.Certificates;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Smki;
using FirmwareCertificate = TrustAnchor.Firmware.Certificates.Certificate;

namespace TrustAnchor.Smki.Tests;

/// <summary>Everything the SMKI issues passes the device's own parser and profile checks (firmware CertificateProfile).</summary>
public sealed class FirmwareProfileTests : IDisposable
{
    private readonly TempPki temp = new();

    public void Dispose() => temp.Dispose();

    private SmkiPki Pki => temp.Pki;

    /// <summary>Our configured policies, as the DER content octets the firmware compares.</summary>
    private ProfileSettings Settings => new(
        [OidContent(Pki.Options.OrganisationPolicyOid)],
        [OidContent(Pki.Options.DevicePolicyOid)]);

    private static byte[] OidContent(string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(oid);
        var encoded = writer.Encode();
        return encoded[2..];
    }

    private static void ShouldComply(ProfileViolation[] violations, CertificateRecord record) =>
        violations.Select(v => $"{v.Code}: {v.Message}").Should().BeEmpty($"{record} should meet the firmware profile");

    [Fact]
    public void Root_and_issuing_oca_pass_the_firmware_ca_profiles()
    {
        ShouldComply(CertificateProfile.CheckRootOca(FirmwareCertificate.Parse(Pki.RootOca.Der), Settings), Pki.RootOca);
        ShouldComply(CertificateProfile.CheckRootOca(FirmwareCertificate.Parse(Pki.RootOca.Der)), Pki.RootOca);
        ShouldComply(CertificateProfile.CheckIssuingOca(FirmwareCertificate.Parse(Pki.IssuingOca.Der), Settings), Pki.IssuingOca);
        ShouldComply(CertificateProfile.CheckIssuingOca(FirmwareCertificate.Parse(Pki.IssuingOca.Der)), Pki.IssuingOca);
    }

    [Fact]
    public void Every_organisation_certificate_passes_the_firmware_profile_and_reads_back_its_fields()
    {
        var issued = Pki.Certificates.Where(c => c.Kind == CertificateKind.Organisation).ToList();
        var entity = new byte[] { 0x00, 0xDB, 0x12, 0x34, 0x56, 0x78, 0x9A, 0x00 };
        foreach (var role in RemotePartyRole.OrganisationRoles)
        {
            foreach (var usage in new[] { SmkiKeyUsage.DigitalSignature, SmkiKeyUsage.KeyAgreement })
            {
                entity[7] = (byte)role;
                issued.Add(Pki.IssueOrganisationCertificate(role, usage, (byte[])entity.Clone(), "Party " + role));
            }
        }

        Pki.AddSubscriber(new AuthorisedSubscriber { Organisation = "NO", Roles = [RemotePartyRole.NetworkOperator] });
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        issued.Add(Pki.ProcessCsr(SmkiCsr.CreateOrganisation(key, RemotePartyRole.NetworkOperator, SmkiKeyUsage.KeyAgreement, entity), new CsrSubmission("NO")));

        issued.Count.Should().BeGreaterThan(20);
        foreach (var record in issued)
        {
            var cert = FirmwareCertificate.Parse(record.Der);
            ShouldComply(CertificateProfile.CheckOrganisation(cert, Settings), record);
            ShouldComply(CertificateProfile.CheckOrganisation(cert), record);
            cert.RemotePartyRole.Should().Be(record.Role);
            Convert.ToHexString(cert.EntityId).Should().Be(record.EntityId);
            Convert.ToHexString(cert.SubjectKeyId).Should().Be(record.SubjectKeyId);
            Convert.ToHexString(cert.AuthorityKeyId).Should().Be(Pki.IssuingOca.SubjectKeyId);
            Convert.ToHexString(cert.PublicKey).Should().Be(record.PublicKey);
            cert.KeyUsage.Should().Be(record.KeyUsage == SmkiKeyUsage.DigitalSignature ? KeyUsageBits.DigitalSignature : KeyUsageBits.KeyAgreement);
            cert.NotAfter.Should().Be(record.NotAfter);
        }
    }

    [Fact]
    public void Every_device_certificate_of_a_batch_passes_the_firmware_profile()
    {
        Pki.AddSubscriber(new AuthorisedSubscriber { Organisation = "Maker", EntryTestsCompleted = true });
        var csrs = Enumerable.Range(0, 60).Select(i =>
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return SmkiCsr.CreateDevice(key, [0x00, 0x12, 0x4B, 0, 0, 0, 1, (byte)i], i % 2 == 0 ? SmkiKeyUsage.DigitalSignature : SmkiKeyUsage.KeyAgreement);
        }).ToList();
        var result = Pki.ProcessBatch(csrs, new CsrSubmission("Maker"));
        result.IssuedCount.Should().Be(60);
        foreach (var record in result.Certificates.Append(Pki.IssueDeviceCertificate([1, 1, 1, 1, 1, 1, 1, 1], SmkiKeyUsage.KeyAgreement)))
        {
            var cert = FirmwareCertificate.Parse(record.Der);
            ShouldComply(CertificateProfile.CheckDevice(cert, Settings), record);
            ShouldComply(CertificateProfile.CheckDevice(cert), record);
            Convert.ToHexString(cert.HardwareModuleSerial).Should().Be(record.EntityId);
            cert.RemotePartyRole.Should().Be(-1);
        }
    }

    [Fact]
    public void Firmware_pack_parser_reads_both_packs_cell_for_cell()
    {
        foreach (var kind in new[] { PackKind.Original2016, PackKind.Mp261 })
        {
            var pack = TrustAnchor.Firmware.Provisioning.ManufacturingPack.Parse(Pki.CreateManufacturingPack(kind));
            pack.Name.Should().Be(kind.PackName());
            Convert.ToHexString(pack.RootOcaCertificate.SubjectKeyId).Should().Be(Pki.RootOca.SubjectKeyId);
            var path = pack.CertificationPathCertificates.Should().ContainSingle().Which;
            path.Der.AsSpan(path.Offset, path.Length).ToArray().Should().Equal(Pki.IssuingOca.Der, "certificates are views into the pack buffer");
            var expected = Pki.PackCertificates(kind);
            pack.CellCount.Should().Be(expected.Count);
            foreach (var (cell, record) in expected)
            {
                var id = new TrustAnchorCellIdentifier((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)cell.Role, (KeyUsage)cell.KeyUsage.ToBitStringByte(), (CellUsage)cell.CellUsage);
                var entry = pack.Find(id);
                entry.Should().NotBeNull($"cell {id}");
                Convert.ToHexString(entry!.Certificate.SubjectKeyId).Should().Be(record.SubjectKeyId);
                Convert.ToHexString(entry.Certificate.EntityId).Should().Be(record.EntityId);
            }
        }
    }

    [Fact]
    public void Pack_cells_cover_every_device_types_cell_set_with_the_firmware_encoding()
    {
        var pack = Pki.PackCertificates(PackKind.Mp261);
        var encoded = pack.Select(c => Convert.ToHexString(ManufacturingPackWriter.EncodeCellIdentifier(c.Cell.Role, c.Cell.KeyUsage.ToBitStringByte(), c.Cell.CellUsage))).ToList();
        foreach (var type in new[] { DeviceType.Esme, DeviceType.Gsme, DeviceType.CommsHub, DeviceType.Ppmid })
        {
            foreach (var id in CellSets.For(type).Where(id => id.Role != TrustAnchor.Firmware.TrustAnchors.RemotePartyRole.Root))
            {
                encoded.Should().Contain(Convert.ToHexString(id.ToDer()), $"{DeviceTypes.Name(type)} needs cell {id}");
            }
        }

        // And no cell that no device type has.
        var union = new[] { DeviceType.Esme, DeviceType.Gsme, DeviceType.CommsHub, DeviceType.Ppmid }
            .SelectMany(CellSets.For).Select(id => Convert.ToHexString(id.ToDer())).ToHashSet();
        encoded.Should().OnlyContain(e => union.Contains(e));
    }
}

/// <summary>The CSR a firmware device returns for CS02c (firmware Pkcs10Builder) is accepted as a Device CSR.</summary>
public sealed class FirmwareCsrTests : IDisposable
{
    private readonly TempPki temp = new();

    public void Dispose() => temp.Dispose();

    private sealed class EcdsaSigner(ECDsa key) : TrustAnchor.Firmware.Gbcs.IGbcsSigner
    {
        public void Sign(byte[] hash32, byte[] signatureOut64, int offset) =>
            key.SignHash(hash32, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).CopyTo(signatureOut64, offset);
    }

    [Fact]
    public void Device_made_pkcs10_becomes_a_device_certificate_the_device_accepts()
    {
        temp.Pki.AddSubscriber(new AuthorisedSubscriber { Organisation = "Supplier", EntryTestsCompleted = true });
        var deviceId = new byte[] { 0x00, 0x12, 0x4B, 0x00, 0x0A, 0x0B, 0x0C, 0x0D };
        foreach (var usage in new[] { SmkiKeyUsage.DigitalSignature, SmkiKeyUsage.KeyAgreement })
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var point = key.ExportSubjectPublicKeyInfo()[^65..];
            var csr = TrustAnchor.Firmware.Gbcs.Pkcs10Builder.Build(point, deviceId, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)usage.ToBitStringByte(), TrustAnchor.Firmware.Gbcs.Pkcs10Builder.TestHardwareModuleType, new EcdsaSigner(key));

            var record = temp.Pki.ProcessCsr(csr, new CsrSubmission("Supplier"));
            record.Kind.Should().Be(CertificateKind.Device);
            record.KeyUsage.Should().Be(usage);
            record.EntityId.Should().Be(Convert.ToHexString(deviceId));
            record.PublicKeyBytes().Should().Equal(point);
            var cert = FirmwareCertificate.Parse(record.Der);
            CertificateProfile.CheckDevice(cert).Should().BeEmpty();
            cert.HardwareModuleSerial.Should().Equal(deviceId);
        }
    }
}

/// <summary>Both packs provision every device type through the firmware's FactoryProvisioning, and MP261 keeps 2016 devices recognisable.</summary>
public sealed class FirmwareProvisioningTests : IClassFixture<HierarchyTests.Shared>
{
    private readonly SmkiPki pki;

    public FirmwareProvisioningTests(HierarchyTests.Shared shared)
    {
        pki = shared.Temp.Pki;
    }

    [Fact]
    public void Both_packs_provision_every_device_type_and_a_2016_device_is_recognised_by_the_mp261_pack()
    {
        var original = pki.CreateManufacturingPack(PackKind.Original2016);
        var mp261 = pki.CreateManufacturingPack(PackKind.Mp261);
        var packs = new[]
        {
            TrustAnchor.Firmware.Provisioning.ManufacturingPack.Parse(original),
            TrustAnchor.Firmware.Provisioning.ManufacturingPack.Parse(mp261),
        };
        foreach (var type in new[] { DeviceType.Esme, DeviceType.Gsme, DeviceType.CommsHub, DeviceType.Ppmid })
        {
            foreach (var der in new[] { original, mp261 })
            {
                var store = TrustAnchor.Firmware.Storage.TrustAnchorStore.Open(new TrustAnchor.Firmware.Storage.RamFlashStorage(512, 8));
                var state = TrustAnchor.Firmware.Provisioning.FactoryProvisioning.Provision(store, der, type);
                store.IsProvisioned.Should().BeTrue();

                // The same keys and Entity Identifiers: a device from either pack is recognised by both.
                TrustAnchor.Firmware.Provisioning.PackRecognition.Holds(state, packs[0]).Should().BeTrue($"{DeviceTypes.Name(type)}");
                TrustAnchor.Firmware.Provisioning.PackRecognition.Holds(state, packs[1]).Should().BeTrue($"{DeviceTypes.Name(type)}");
            }
        }

        // And a pack from another PKI is not recognised.
        using var other = new TempPki();
        var foreign = TrustAnchor.Firmware.Provisioning.ManufacturingPack.Parse(other.Pki.CreateManufacturingPack(PackKind.Mp261));
        var esme = TrustAnchor.Firmware.Provisioning.FactoryProvisioning.Provision(
            TrustAnchor.Firmware.Storage.TrustAnchorStore.Open(new TrustAnchor.Firmware.Storage.RamFlashStorage(512, 8)), original, DeviceType.Esme);
        TrustAnchor.Firmware.Provisioning.PackRecognition.Holds(esme, foreign).Should().BeFalse();
    }
}
