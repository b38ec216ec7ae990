using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TrustAnchor.Smki;

/// <summary>Makes PKCS#10 requests in the shape the SMKI expects (for tests, the CLI and the simulator's devices).</summary>
public static class SmkiCsr
{
    /// <summary>An Organisation CSR: subject OU role, x500UniqueIdentifier, optional CN; keyUsage requested.</summary>
    public static byte[] CreateOrganisation(ECDsa key, int role, SmkiKeyUsage keyUsage, byte[] entityId, string? commonName = null)
    {
        var request = new CertificateRequest(SmkiNames.Organisation(role, entityId, commonName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(SmkiExtensions.KeyUsage(keyUsage.ToFlags()));
        return request.CreateSigningRequest();
    }

    /// <summary>A Device CSR: empty subject; keyUsage and hardwareModuleName subjectAltName requested.</summary>
    public static byte[] CreateDevice(ECDsa key, byte[] deviceId, SmkiKeyUsage keyUsage, string hwTypeOid = SmkiOids.TestHardwareModuleType)
    {
        var request = new CertificateRequest(SmkiNames.Empty(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(SmkiExtensions.KeyUsage(keyUsage.ToFlags()));
        request.CertificateExtensions.Add(SmkiExtensions.HardwareModuleName(hwTypeOid, deviceId));
        return request.CreateSigningRequest();
    }
}
