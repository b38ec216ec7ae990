using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace TrustAnchor.Simulator.Keystore;

/// <summary>One certificate of a keystore, with its private key when the file holds it.</summary>
public sealed class KeystoreEntry
{
    public required byte[] Eui { get; init; }

    /// <summary><see cref="KeystoreExport.DigitalSignature"/> or <see cref="KeystoreExport.KeyAgreement"/>.</summary>
    public required string Usage { get; init; }

    public required string Serial { get; init; }

    public required string Name { get; init; }

    public int? Role { get; init; }

    /// <summary>The certificate's public key, 04||X||Y.</summary>
    public required byte[] PublicKey { get; init; }

    /// <summary>The P-256 private scalar d, or null when the file holds only the certificate.</summary>
    public byte[]? PrivateKey { get; init; }

    public ECParameters PublicParameters => new()
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = PublicKey.AsSpan(1, 32).ToArray(), Y = PublicKey.AsSpan(33, 32).ToArray() },
    };

    public ECParameters PrivateParameters => new()
    {
        Curve = ECCurve.NamedCurves.nistP256,
        D = PrivateKey ?? throw new InvalidOperationException("no private key"),
        Q = PublicParameters.Q,
    };
}

/// <summary>
/// A keystore in the DCC tools' layout (see <see cref="KeystoreExport"/>), read for verifying frames: whoever wrote
/// it, signatures verify with the originator's DS certificates and MACs with the key-agreement keys it holds.
/// </summary>
public sealed class DccKeystore
{
    private readonly List<KeystoreEntry> _entries;

    public DccKeystore(IEnumerable<KeystoreEntry> entries) => _entries = entries.ToList();

    public IReadOnlyList<KeystoreEntry> Entries => _entries;

    public static DccKeystore Empty { get; } = new([]);

    public IEnumerable<KeystoreEntry> For(byte[] eui, string usage) =>
        _entries.Where(e => e.Usage == usage && e.Eui.AsSpan().SequenceEqual(eui));

    public IEnumerable<KeystoreEntry> ByRole(int role, string usage) => _entries.Where(e => e.Usage == usage && e.Role == role);

    public static DccKeystore Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeystoreException($"cannot read the keystore {path}: {ex.Message}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new KeystoreException($"keystore {path} is not JSON ({ex.Message})");
        }

        using (document)
        {
            var entries = new List<KeystoreEntry>();
            var root = document.RootElement;
            Require(root.ValueKind == JsonValueKind.Object, path, "the top level is not an object of EUI-64s");
            foreach (var entity in root.EnumerateObject())
            {
                byte[] eui;
                try
                {
                    eui = Convert.FromHexString(entity.Name);
                }
                catch (FormatException)
                {
                    eui = [];
                }

                Require(eui.Length == 8, path, $"'{entity.Name}' is not an EUI-64 in hex");
                Require(entity.Value.ValueKind == JsonValueKind.Object, path, $"{entity.Name} is not an object");
                foreach (var usage in entity.Value.EnumerateObject())
                {
                    Require(usage.Name is KeystoreExport.DigitalSignature or KeystoreExport.KeyAgreement, path, $"{entity.Name}: '{usage.Name}' is neither digitalSignature nor keyAgreement");
                    Require(usage.Value.ValueKind == JsonValueKind.Object, path, $"{entity.Name}.{usage.Name} is not an object");
                    foreach (var serial in usage.Value.EnumerateObject())
                    {
                        entries.Add(ReadEntry(path, eui, usage.Name, serial));
                    }
                }
            }

            return new DccKeystore(entries);
        }
    }

    private static KeystoreEntry ReadEntry(string path, byte[] eui, string usage, JsonProperty serial)
    {
        var where = $"{Convert.ToHexStringLower(eui)}.{usage}.{serial.Name}";
        var value = serial.Value;
        Require(value.ValueKind == JsonValueKind.Object, path, $"{where} is not an object");
        Require(value.TryGetProperty("certificate", out var pem) && pem.ValueKind == JsonValueKind.String, path, $"{where} has no certificate");
        byte[] publicKey;
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(pem.GetString());
            // The subjectPublicKey BIT STRING as is: 04||X||Y for the uncompressed P-256 keys GBCS allows.
            publicKey = certificate.PublicKey.EncodedKeyValue.RawData;
            if (certificate.PublicKey.Oid.Value != "1.2.840.10045.2.1" || publicKey.Length != 65 || publicKey[0] != 0x04)
            {
                throw new CryptographicException("the key is not an uncompressed EC point");
            }
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new KeystoreException($"keystore {path}: {where}: the certificate does not load ({ex.Message})");
        }

        byte[]? privateKey = null;
        if (value.TryGetProperty("privateKey", out var privatePem) && privatePem.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var key = ECDsa.Create();
                key.ImportFromPem(privatePem.GetString());
                var parameters = key.ExportParameters(true);
                var q = parameters.Q;
                byte[] derived = [0x04, .. q.X!, .. q.Y!];
                Require(publicKey.AsSpan().SequenceEqual(derived), path, $"{where}: the private key does not match the certificate");
                privateKey = parameters.D;
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException)
            {
                throw new KeystoreException($"keystore {path}: {where}: the private key does not load ({ex.Message})");
            }
        }

        int? role = value.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var roleValue) ? roleValue : null;
        var name = value.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : where;
        return new KeystoreEntry { Eui = eui, Usage = usage, Serial = serial.Name, Name = name, Role = role, PublicKey = publicKey, PrivateKey = privateKey };
    }

    private static void Require(bool condition, string path, string what)
    {
        if (!condition)
        {
            throw new KeystoreException($"keystore {path}: {what}");
        }
    }
}
