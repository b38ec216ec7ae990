using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustAnchor.Smki;

/// <summary>
/// The on-disk PKI:
/// <code>
/// smki.json            index: options, hierarchy serials, packs, subscribers, PMA approvals, revocations
/// certificates.jsonl   one CertificateRecord per line, append-only
/// certs/SERIAL.der     every certificate issued on its own
/// certs/batch-SERIAL.der  the certificates of one Batched CSR, DER one after another (offsets in the records)
/// keys/SKI.p8          PKCS#8 private keys the PKI holds (CAs and the Known Remote Parties it generated)
/// </code>
/// </summary>
internal sealed class SmkiFolder
{
    public const string IndexFile = "smki.json";
    public const string CertificatesFile = "certificates.jsonl";

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = TrustAnchor.Cli.JsonOutput.Encoder,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly JsonSerializerOptions JsonLine = new(Json) { WriteIndented = false };

    public SmkiFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    public string CertsDirectory => System.IO.Path.Combine(Path, "certs");

    public string KeysDirectory => System.IO.Path.Combine(Path, "keys");

    public bool Exists => File.Exists(System.IO.Path.Combine(Path, IndexFile));

    public void Create()
    {
        if (Exists)
        {
            throw new SmkiException(SmkiErrorCode.FolderState, $"{Path} already holds a PKI ({IndexFile} exists)");
        }

        Directory.CreateDirectory(CertsDirectory);
        Directory.CreateDirectory(KeysDirectory);
        File.WriteAllText(System.IO.Path.Combine(Path, CertificatesFile), string.Empty);
    }

    public SmkiIndex LoadIndex()
    {
        if (!Exists)
        {
            throw new SmkiException(SmkiErrorCode.FolderState, $"{Path} is not a PKI folder (no {IndexFile}); run init first");
        }

        return JsonSerializer.Deserialize<SmkiIndex>(File.ReadAllText(System.IO.Path.Combine(Path, IndexFile)), Json)
            ?? throw new SmkiException(SmkiErrorCode.FolderState, $"{IndexFile} is empty");
    }

    public void SaveIndex(SmkiIndex index)
    {
        // Write then rename, so a crash never leaves half an index.
        var target = System.IO.Path.Combine(Path, IndexFile);
        var temp = target + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(index, Json));
        File.Move(temp, target, overwrite: true);
    }

    public IEnumerable<CertificateRecord> LoadRecords()
    {
        foreach (var line in File.ReadLines(System.IO.Path.Combine(Path, CertificatesFile)))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var record = JsonSerializer.Deserialize<CertificateRecord>(line, JsonLine)!;
            record.DerLoader = () => ReadDer(record);
            yield return record;
        }
    }

    /// <summary>Batches of at least this many certificates go to one bundle file (a file per certificate is slow).</summary>
    public const int BundleThreshold = 16;

    public void Append(IReadOnlyList<CertificateRecord> records)
    {
        if (records.Count >= BundleThreshold)
        {
            var name = "batch-" + records[0].Serial + ".der";
            using (var bundle = new FileStream(System.IO.Path.Combine(CertsDirectory, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                foreach (var r in records)
                {
                    r.Bundle = name;
                    r.BundleOffset = bundle.Position;
                    r.BundleLength = r.Der.Length;
                    bundle.Write(r.Der);
                }
            }
        }
        else
        {
            foreach (var r in records)
            {
                File.WriteAllBytes(CertificatePath(r.Serial), r.Der);
            }
        }

        var text = new StringBuilder();
        foreach (var r in records)
        {
            text.Append(JsonSerializer.Serialize(r, JsonLine)).Append('\n');
        }

        File.AppendAllText(System.IO.Path.Combine(Path, CertificatesFile), text.ToString());
    }

    private byte[] ReadDer(CertificateRecord record)
    {
        if (record.Bundle is null)
        {
            return File.ReadAllBytes(CertificatePath(record.Serial));
        }

        using var bundle = File.OpenRead(System.IO.Path.Combine(CertsDirectory, record.Bundle));
        bundle.Position = record.BundleOffset!.Value;
        var der = new byte[record.BundleLength!.Value];
        bundle.ReadExactly(der);
        return der;
    }

    public string CertificatePath(string serial) => System.IO.Path.Combine(CertsDirectory, serial + ".der");

    public string KeyPath(string subjectKeyId) => System.IO.Path.Combine(KeysDirectory, subjectKeyId + ".p8");

    public void SaveKey(string subjectKeyId, ECDsa key)
    {
        var path = KeyPath(subjectKeyId);
        File.WriteAllBytes(path, key.ExportPkcs8PrivateKey());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public bool HasKey(string subjectKeyId) => File.Exists(KeyPath(subjectKeyId));

    public ECDsa LoadKey(string subjectKeyId)
    {
        var path = KeyPath(subjectKeyId);
        if (!File.Exists(path))
        {
            throw new SmkiException(SmkiErrorCode.PrivateKeyNotHeld, $"the PKI holds no private key for SKI {subjectKeyId}");
        }

        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(File.ReadAllBytes(path), out _);
        return key;
    }
}
