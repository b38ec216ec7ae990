using TrustAnchor.Firmware.Certificates;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Smki;

namespace TrustAnchor.Firmware.Tests.Certificates;

/// <summary>The host SMKI issuer (simulator/TrustAnchor.Smki) and the device's profile and path checks agree.</summary>
public sealed class SmkiInteropTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ta-certs-smki-" + Guid.NewGuid().ToString("N"));
    private readonly SmkiPki _pki;

    public SmkiInteropTests()
    {
        _pki = SmkiPki.Init(_folder);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void SmkiOrganisationHierarchyPassesTheProfiles()
    {
        var root = Certificate.Parse(_pki.RootOca.Der);
        var issuing = Certificate.Parse(_pki.IssuingOca.Der);
        CertificateProfile.CheckRootOca(root).Should().BeEmpty();
        CertificateProfile.CheckIssuingOca(issuing).Should().BeEmpty();

        var rootKey = P256PublicKey.Parse(root.PublicKey);
        foreach (var (role, usage) in new[] { (2, SmkiKeyUsage.DigitalSignature), (2, SmkiKeyUsage.KeyAgreement), (3, SmkiKeyUsage.DigitalSignature), (5, SmkiKeyUsage.DigitalSignature) })
        {
            var entityId = System.Security.Cryptography.RandomNumberGenerator.GetBytes(8);
            var record = _pki.IssueOrganisationCertificate(role, usage, entityId);
            var cert = Certificate.Parse(record.Der);
            CertificateProfile.CheckOrganisation(cert).Should().BeEmpty();
            cert.RemotePartyRole.Should().Be(role);
            cert.EntityId.Should().Equal(entityId);
            cert.SubjectKeyId.Should().Equal(record.SubjectKeyIdBytes());
            cert.PublicKey.Should().Equal(record.PublicKeyBytes());
            var result = CertificationPath.Validate(cert, new[] { issuing }, rootKey, root.SubjectKeyId, true, record.NotBefore.AddDays(1));
            result.IsValid.Should().BeTrue(result.Message);
        }
    }

    [Fact]
    public void SmkiDeviceCertificatesPassTheDeviceProfile()
    {
        var deviceId = new byte[] { 0x00, 0x1D, 0x2A, 0xFF, 0xFE, 0x01, 0x02, 0x03 };
        var record = _pki.IssueDeviceCertificate(deviceId, SmkiKeyUsage.DigitalSignature);
        var cert = Certificate.Parse(record.Der);
        CertificateProfile.CheckDevice(cert).Should().BeEmpty();
        cert.HardwareModuleSerial.Should().Equal(deviceId);
        var issuingDca = Certificate.Parse(_pki.IssuingDca.Der);
        var rootDca = Certificate.Parse(_pki.RootDca.Der);
        CertificationPath.Validate(cert, new[] { issuingDca }, P256PublicKey.Parse(rootDca.PublicKey), rootDca.SubjectKeyId, false, DateTime.UtcNow)
            .IsValid.Should().BeTrue();
    }
}
