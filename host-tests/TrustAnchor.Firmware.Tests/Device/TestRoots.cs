using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TrustAnchor.Smki;

namespace TrustAnchor.Firmware.Tests.Device;

/// <summary>Root OCA certificates for root-replacement modes, with the SMKI root profile.</summary>
public static class TestRoots
{
    /// <summary>
    /// A self-issued Root OCA certificate for <paramref name="key"/>'s public key, signed by <paramref name="signedBy"/>
    /// (the same key for a proper root; another key gives a root whose self-signature does not verify).
    /// </summary>
    public static byte[] RootOca(ECDsa key, ECDsa? signedBy = null, string name = "TrustAnchor Test Root OCA 2")
    {
        var subject = SmkiNames.Organisation(0, null, name);
        var point = new byte[65];
        var p = key.ExportParameters(false);
        point[0] = 0x04;
        p.Q.X!.CopyTo(point, 1);
        p.Q.Y!.CopyTo(point, 33);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(SmkiExtensions.CaBasicConstraints(null));
        request.CertificateExtensions.Add(SmkiExtensions.KeyUsage(X509KeyUsageFlags.KeyCertSign));
        request.CertificateExtensions.Add(SmkiExtensions.CertificatePolicies(SmkiOids.TestOrganisationPolicy));
        request.CertificateExtensions.Add(SmkiExtensions.SubjectKeyIdentifier(KeyIdentifier.FromPublicKey(point)));
        var notBefore = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(subject, X509SignatureGenerator.CreateForECDsa(signedBy ?? key), notBefore, notBefore.AddYears(50), serial);
        return certificate.RawData;
    }
}
