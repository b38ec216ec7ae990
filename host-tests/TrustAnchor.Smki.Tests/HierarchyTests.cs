using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1.X509;
using TrustAnchor.Smki;

namespace TrustAnchor.Smki.Tests;

public sealed class HierarchyTests : IClassFixture<HierarchyTests.Shared>
{
    private readonly SmkiPki pki;

    public HierarchyTests(Shared shared)
    {
        pki = shared.Temp.Pki;
    }

    public sealed class Shared : IDisposable
    {
        public TempPki Temp { get; } = new();

        public void Dispose() => Temp.Dispose();
    }

    [Fact]
    public void Root_oca_is_self_signed_ou_00_keycertsign_critical_policy_50_years()
    {
        var root = new ProfileReader(pki.RootOca.Der);
        root.OrganisationalUnitUtf8().Should().Be("00");
        root.Bc.SubjectDN.Should().BeEquivalentTo(root.Bc.IssuerDN);
        root.Extension("2.5.29.15")!.IsCritical.Should().BeTrue();
        root.Bc.GetKeyUsage().Select((b, i) => b ? i : -1).Where(i => i >= 0).Should().Equal(5); // keyCertSign
        root.Extension("2.5.29.32")!.IsCritical.Should().BeTrue();
        root.PolicyOids().Should().Equal(SmkiOids.TestOrganisationPolicy);
        root.SubjectKeyId.Should().Equal(root.ExpectedKeyId).And.HaveCount(8);
        root.AuthorityKeyId.Should().BeNull();
        root.Bc.GetBasicConstraints().Should().BeGreaterThanOrEqualTo(0, "the root is a CA");
        (root.Bc.NotAfter.Year - root.Bc.NotBefore.Year).Should().Be(50);
        var verify = () => root.Bc.Verify(root.Bc.GetPublicKey());
        verify.Should().NotThrow();
    }

    [Fact]
    public void Issuing_oca_is_ou_07_ca_pathlen_0_keycertsign_crlsign_25_years()
    {
        var issuing = new ProfileReader(pki.IssuingOca.Der);
        var root = new ProfileReader(pki.RootOca.Der);
        issuing.OrganisationalUnitUtf8().Should().Be("07");
        issuing.Bc.IssuerDN.Equivalent(root.Bc.SubjectDN).Should().BeTrue();
        issuing.Bc.GetBasicConstraints().Should().Be(0);
        issuing.Extension("2.5.29.19")!.IsCritical.Should().BeTrue();
        issuing.Extension("2.5.29.15")!.IsCritical.Should().BeTrue();
        var ku = issuing.Bc.GetKeyUsage();
        ku[5].Should().BeTrue();
        ku[6].Should().BeTrue();
        ku.Count(b => b).Should().Be(2);
        issuing.AuthorityKeyId.Should().Equal(root.SubjectKeyId);
        issuing.SubjectKeyId.Should().Equal(issuing.ExpectedKeyId);
        (issuing.Bc.NotAfter.Year - issuing.Bc.NotBefore.Year).Should().Be(25);
        issuing.Bc.NotAfter.Year.Should().Be(2041);
        IndependentReaders.AssertBouncyCastleVerifies(pki.IssuingOca.Der, pki.RootOca.Der);
        IndependentReaders.AssertChainBuilds(pki.IssuingOca.Der, pki.RootOca.Der, [], new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Organisation_certificate_has_every_profile_field()
    {
        var entity = new byte[] { 0x00, 0xDB, 0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC };
        var record = pki.IssueOrganisationCertificate(RemotePartyRole.Supplier, SmkiKeyUsage.KeyAgreement, entity, "Supplier A");
        var cert = new ProfileReader(record.Der);
        cert.OrganisationalUnitUtf8().Should().Be("02");
        cert.UniqueIdentifier64().Should().Equal(entity);
        cert.Extension("2.5.29.15")!.IsCritical.Should().BeTrue();
        var ku = cert.Bc.GetKeyUsage();
        ku.Count(b => b).Should().Be(1);
        ku[4].Should().BeTrue("keyAgreement");
        cert.Extension("2.5.29.32")!.IsCritical.Should().BeTrue();
        cert.Extension("2.5.29.14")!.IsCritical.Should().BeFalse();
        cert.Extension("2.5.29.35")!.IsCritical.Should().BeFalse();
        cert.SubjectKeyId.Should().Equal(cert.ExpectedKeyId);
        cert.AuthorityKeyId.Should().Equal(new ProfileReader(pki.IssuingOca.Der).SubjectKeyId);
        cert.PublicPoint.Should().HaveCount(65).And.StartWith(new byte[] { 0x04 });
        cert.Structure.SubjectPublicKeyInfo.AlgorithmID.Parameters.ToString().Should().Be("1.2.840.10045.3.1.7");
        cert.Bc.SerialNumber.SignValue.Should().Be(1);
        cert.Bc.SerialNumber.ToByteArrayUnsigned().Should().HaveCount(8);
        (cert.Bc.NotAfter - cert.Bc.NotBefore).TotalDays.Should().BeInRange(365.0 * 10, 365.25 * 10 + 1);
        record.SubjectKeyId.Should().Be(Convert.ToHexString(cert.SubjectKeyId));
        record.EntityId.Should().Be(Convert.ToHexString(entity));

        IndependentReaders.AssertBouncyCastleVerifies(record.Der, pki.IssuingOca.Der);
        IndependentReaders.AssertChainBuilds(record.Der, pki.RootOca.Der, [pki.IssuingOca.Der], record.NotBefore.AddDays(1));
    }

    [Fact]
    public void Device_certificate_has_empty_subject_hardware_module_name_and_9999_not_after()
    {
        var deviceId = new byte[] { 0x00, 0x12, 0x4B, 0x00, 0x01, 0x02, 0x03, 0x04 };
        var record = pki.IssueDeviceCertificate(deviceId, SmkiKeyUsage.DigitalSignature);
        var cert = new ProfileReader(record.Der);
        cert.Structure.Subject.GetOidList().Count.Should().Be(0);
        cert.NotAfterEncoding.Should().Equal(new byte[] { 0x18, 0x0F }.Concat("99991231235959Z"u8.ToArray()));
        var hw = cert.HardwareModuleName();
        hw.Should().NotBeNull();
        hw!.Value.Serial.Should().Equal(deviceId);
        hw.Value.HwType.Should().Be(pki.Options.HardwareModuleTypeOid);
        cert.Extension("2.5.29.17")!.IsCritical.Should().BeTrue();
        cert.PolicyOids().Should().Equal(SmkiOids.TestDevicePolicy);
        cert.Extension("2.5.29.32")!.IsCritical.Should().BeTrue();
        cert.Bc.GetKeyUsage()[0].Should().BeTrue();
        cert.Bc.GetKeyUsage().Count(b => b).Should().Be(1);
        cert.SubjectKeyId.Should().Equal(cert.ExpectedKeyId);
        cert.AuthorityKeyId.Should().Equal(new ProfileReader(pki.IssuingDca.Der).SubjectKeyId);

        IndependentReaders.AssertBouncyCastleVerifies(record.Der, pki.IssuingDca.Der);
        IndependentReaders.AssertChainBuilds(record.Der, pki.RootDca.Der, [pki.IssuingDca.Der], record.NotBefore.AddDays(1));
    }

    [Fact]
    public void Every_issued_certificate_verifies_with_openssl_or_else_with_both_other_readers()
    {
        var at = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var all = pki.PackCertificates(PackKind.Original2016).Select(c => c.Certificate).ToList();
        var chains = all.Select(c => (c.Der, Root: pki.RootOca.Der, Path: new[] { pki.IssuingOca.Der }, At: at)).ToList();
        chains.Add((pki.IssuingOca.Der, pki.RootOca.Der, [], at));
        chains.Add((pki.IssuingDca.Der, pki.RootDca.Der, [], at));
        var device = pki.IssueDeviceCertificate([1, 2, 3, 4, 5, 6, 7, 8], SmkiKeyUsage.KeyAgreement);
        chains.Add((device.Der, pki.RootDca.Der, [pki.IssuingDca.Der], device.NotBefore.AddHours(1)));
        foreach (var mp261 in pki.PackCertificates(PackKind.Mp261).Select(c => c.Certificate).Where(c => c.NotBefore.Year == 2024))
        {
            chains.Add((mp261.Der, pki.RootOca.Der, [pki.IssuingOca.Der], new DateTime(2035, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        }

        if (IndependentReaders.OpenSslAvailable)
        {
            // openssl is on this machine: every chain must pass `openssl verify -x509_strict`.
            foreach (var (leaf, root, path, when) in chains)
            {
                var (code, output) = IndependentReaders.OpenSslVerify(leaf, root, path, when);
                code.Should().Be(0, output);
                output.Should().Contain("leaf.pem: OK");
            }
        }
        else
        {
            // No openssl: the .NET chain builder and BouncyCastle signature check still have to agree on every chain.
            foreach (var (leaf, root, path, when) in chains)
            {
                IndependentReaders.AssertChainBuilds(leaf, root, path, when);
                IndependentReaders.AssertBouncyCastleVerifies(leaf, path.Length > 0 ? path[0] : root);
            }
        }
    }

    [Fact]
    public void Open_reloads_the_same_pki_from_its_folder()
    {
        var reopened = SmkiPki.Open(pki.Folder);
        reopened.RootOca.Der.Should().Equal(pki.RootOca.Der);
        reopened.IssuingDca.Serial.Should().Be(pki.IssuingDca.Serial);
        reopened.CreateManufacturingPack(PackKind.Mp261).Should().Equal(pki.CreateManufacturingPack(PackKind.Mp261));
        File.Exists(Path.Combine(pki.Folder, "keys", pki.IssuingOca.SubjectKeyId + ".p8")).Should().BeTrue();
        Directory.GetFiles(Path.Combine(pki.Folder, "certs"), "*.der").Length.Should().BeGreaterThanOrEqualTo(17);
    }

    [Fact]
    public void Validity_is_configurable()
    {
        using var temp = new TempPki(new SmkiOptions { RootValidityYears = 40, IssuingValidityYears = 20, OrganisationValidityYears = 5 });
        var p = temp.Pki;
        (p.RootOca.NotAfter.Year - p.RootOca.NotBefore.Year).Should().Be(40);
        (p.IssuingOca.NotAfter.Year - p.IssuingOca.NotBefore.Year).Should().Be(20);
        var org = p.IssueOrganisationCertificate(RemotePartyRole.NetworkOperator, SmkiKeyUsage.DigitalSignature, [9, 9, 9, 9, 9, 9, 9, 9]);
        var x = X509CertificateLoader.LoadCertificate(org.Der);
        (x.NotAfter.Year - x.NotBefore.Year).Should().Be(5);
    }
}
