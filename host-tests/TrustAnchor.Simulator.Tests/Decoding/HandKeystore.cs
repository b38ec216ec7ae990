using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace TrustAnchor.Simulator.Tests.Decoding;

/// <summary>A keystore in the DCC tools' layout written by the test itself (.NET self-signed certificates), not by our exporter.</summary>
public static class HandKeystore
{
    public sealed record Entry(byte[] Eui, string Usage, ECDsa CertificateKey, ECDsa? PrivateKey, int? Role);

    public static void Write(string path, IEnumerable<Entry> entries)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        foreach (var group in entries.GroupBy(e => Convert.ToHexStringLower(e.Eui)))
        {
            json.WriteStartObject(group.Key);
            foreach (var usage in group.GroupBy(e => e.Usage))
            {
                json.WriteStartObject(usage.Key);
                var serial = 1000;
                foreach (var entry in usage)
                {
                    var request = new CertificateRequest("CN=hand " + group.Key, entry.CertificateKey, HashAlgorithmName.SHA256);
                    using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
                    json.WriteStartObject(new BigInteger(serial++).ToString());
                    json.WriteString("certificate", certificate.ExportCertificatePem());
                    if (entry.PrivateKey is not null)
                    {
                        json.WriteString("privateKey", entry.PrivateKey.ExportPkcs8PrivateKeyPem());
                    }

                    json.WriteString("name", "hand-made " + entry.Usage);
                    if (entry.Role is { } role)
                    {
                        json.WriteNumber("role", role);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
