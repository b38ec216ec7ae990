using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TrustAnchor.Simulator.Devices;
using TrustAnchor.Smki;

namespace TrustAnchor.Simulator.Keystore;

/// <summary>
/// What a kept run folder holds about each virtual device's own credentials, so a later process (the
/// <c>keystore</c> verb) can hand them to DCC-side tools: a Device Certificate for its DS and its KA key, issued by
/// the run's SMKI as the meter maker's Batched CSR would have (at manufacture), and the private keys themselves in
/// <c>&lt;premises&gt;/&lt;kind&gt;-&lt;EUI&gt;.credentials.json</c> as PKCS#8 PEM. These are test devices: a real
/// meter's keys never leave it. Temporary and in-memory runs keep nothing and pay nothing.
/// </summary>
public static class DeviceCredentialArchive
{
    public const string FileSuffix = ".credentials.json";

    /// <summary>Issues (or finds, for a re-run with the same seed) the device's certificates and writes its keys beside its flash.</summary>
    public static void Keep(SmkiPki smki, string folder, VirtualDevice device, ILogger logger)
    {
        var ds = device.Device.Credentials.Signing;
        var ka = device.Device.Credentials.KeyAgreementKey;
        try
        {
            EnsureCertificate(smki, device, SmkiKeyUsage.DigitalSignature, ds.PublicKey);
            EnsureCertificate(smki, device, SmkiKeyUsage.KeyAgreement, ka.PublicKey);
        }
        catch (SmkiException ex)
        {
            logger.LogWarning("{Kind} {Eui}: no Device Certificate from the run's SMKI ({Message}); the keystore will not list it", device.Kind, device.EuiHex, ex.Message);
        }

        var path = Path.Combine(folder, $"{device.Kind}-{device.EuiHex}{FileSuffix}");
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("kind", device.Kind);
        json.WriteString("eui", Convert.ToHexStringLower(device.Eui64));
        json.WriteString("digitalSignature", Pkcs8Pem(ds.PrivateKey, ds.PublicKey));
        json.WriteString("keyAgreement", Pkcs8Pem(ka.PrivateKey, ka.PublicKey));
        json.WriteEndObject();
    }

    private static void EnsureCertificate(SmkiPki smki, VirtualDevice device, SmkiKeyUsage usage, byte[] publicKey)
    {
        var hex = Convert.ToHexString(publicKey);
        var held = smki.FindByEntityId(device.Eui64).Any(c => c.Kind == CertificateKind.Device && c.KeyUsage == usage && string.Equals(c.PublicKey, hex, StringComparison.OrdinalIgnoreCase));
        if (!held)
        {
            smki.IssueDeviceCertificate(device.Eui64, usage, publicKey, label: $"sim/{device.Kind}-{device.EuiHex}-{usage.ShortName()}");
        }
    }

    /// <summary>PKCS#8 PEM of a raw P-256 key (d and 04||X||Y), through .NET's own encoder.</summary>
    public static string Pkcs8Pem(byte[] d, byte[] publicPoint)
    {
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = d,
            Q = new ECPoint { X = publicPoint.AsSpan(1, 32).ToArray(), Y = publicPoint.AsSpan(33, 32).ToArray() },
        });
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>One kept device key: which device, which usage, its public point (04||X||Y hex) and PEM.</summary>
    public sealed record KeptKey(string Kind, string Eui, SmkiKeyUsage Usage, string PublicKeyHex, string Pem);

    /// <summary>Every device key kept under <paramref name="runFolder"/>, keyed by public point (upper-case hex).</summary>
    public static Dictionary<string, KeptKey> Load(string runFolder)
    {
        var keys = new Dictionary<string, KeptKey>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in Directory.EnumerateFiles(runFolder, "*" + FileSuffix, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(path));
                var root = document.RootElement;
                var kind = root.GetProperty("kind").GetString() ?? "device";
                var eui = root.GetProperty("eui").GetString() ?? "";
                foreach (var (name, usage) in new[] { ("digitalSignature", SmkiKeyUsage.DigitalSignature), ("keyAgreement", SmkiKeyUsage.KeyAgreement) })
                {
                    var pem = root.GetProperty(name).GetString() ?? "";
                    using var key = ECDsa.Create();
                    key.ImportFromPem(pem);
                    var q = key.ExportParameters(false).Q;
                    var point = Convert.ToHexString([0x04, .. q.X!, .. q.Y!]);
                    keys[point] = new KeptKey(kind, eui, usage, point, pem);
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or CryptographicException)
            {
                throw new KeystoreException($"{path}: not a device credentials file ({ex.Message})");
            }
        }

        return keys;
    }
}
