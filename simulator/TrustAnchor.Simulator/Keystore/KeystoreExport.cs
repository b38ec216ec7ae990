using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using TrustAnchor.Smki;

namespace TrustAnchor.Simulator.Keystore;

/// <summary>
/// Writes a run folder's keys in the layout DCC-side test tools read:
/// <c>{ "&lt;EUI-64 lower-case hex&gt;": { "digitalSignature"|"keyAgreement": { "&lt;serial, decimal&gt;": { "certificate": PEM,
/// "privateKey": PKCS#8 PEM (when held), "name": text, "role": Remote Party Role (Organisation Certificates) } } } }</c>.
/// Every Organisation and Device Certificate of the run's SMKI is listed; private keys come from the SMKI (the
/// parties it keyed) and from the devices' kept credentials (<see cref="DeviceCredentialArchive"/>).
/// </summary>
public static class KeystoreExport
{
    public const string DigitalSignature = "digitalSignature";
    public const string KeyAgreement = "keyAgreement";

    public sealed record Summary(int Entities, int Certificates, int PrivateKeys);

    public static Summary Write(string runFolder, Stream output)
    {
        var smkiFolder = Path.Combine(runFolder, "smki");
        if (!Directory.Exists(runFolder))
        {
            throw new KeystoreException($"no run folder {runFolder}");
        }

        if (!Directory.Exists(smkiFolder) || !Directory.EnumerateFileSystemEntries(smkiFolder).Any())
        {
            throw new KeystoreException($"{runFolder} holds no SMKI (expected {smkiFolder}; 'run <scenario> --run-folder {runFolder}' makes one)");
        }

        SmkiPki smki;
        try
        {
            smki = SmkiPki.Open(smkiFolder);
        }
        catch (SmkiException ex)
        {
            throw new KeystoreException($"{smkiFolder}: {ex.Message}");
        }

        var deviceKeys = DeviceCredentialArchive.Load(runFolder);
        var entries = smki.Certificates
            .Where(c => c.Kind is CertificateKind.Organisation or CertificateKind.Device && c.KeyUsage is not null && !string.IsNullOrEmpty(c.EntityId))
            .Select(c => (Record: c, Eui: c.EntityId!.ToLowerInvariant(), Serial: Decimal(c.Serial)))
            .GroupBy(e => e.Eui, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

        int certificates = 0, privateKeys = 0;
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        foreach (var entity in entries)
        {
            json.WriteStartObject(entity.Key);
            foreach (var usage in new[] { SmkiKeyUsage.DigitalSignature, SmkiKeyUsage.KeyAgreement })
            {
                var ofUsage = entity.Where(e => e.Record.KeyUsage == usage).OrderBy(e => BigInteger.Parse(e.Serial, CultureInfo.InvariantCulture)).ToList();
                if (ofUsage.Count == 0)
                {
                    continue;
                }

                json.WriteStartObject(usage == SmkiKeyUsage.DigitalSignature ? DigitalSignature : KeyAgreement);
                foreach (var (record, eui, serial) in ofUsage)
                {
                    json.WriteStartObject(serial);
                    json.WriteString("certificate", PemEncoding.WriteString("CERTIFICATE", record.Der));
                    var privateKey = PrivateKeyPem(smki, record, deviceKeys, out var deviceKind);
                    if (privateKey is not null)
                    {
                        json.WriteString("privateKey", privateKey);
                        privateKeys++;
                    }

                    json.WriteString("name", NameOf(record, deviceKind, eui));
                    if (record.Kind == CertificateKind.Organisation)
                    {
                        json.WriteNumber("role", record.Role);
                    }

                    json.WriteEndObject();
                    certificates++;
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.Flush();
        return new Summary(entries.Count, certificates, privateKeys);
    }

    /// <summary>A certificate serial (hex, as the SMKI keeps it) as the unsigned decimal integer DCC tools key by.</summary>
    public static string Decimal(string serialHex) =>
        new BigInteger(Convert.FromHexString(serialHex.Length % 2 == 0 ? serialHex : "0" + serialHex), isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture);

    private static string? PrivateKeyPem(SmkiPki smki, CertificateRecord record, Dictionary<string, DeviceCredentialArchive.KeptKey> deviceKeys, out string? deviceKind)
    {
        deviceKind = null;
        if (record.Kind == CertificateKind.Device)
        {
            if (deviceKeys.TryGetValue(record.PublicKey, out var kept))
            {
                deviceKind = kept.Kind;
                return kept.Pem;
            }

            return null;
        }

        if (!record.PrivateKeyHeld)
        {
            return null;
        }

        using var key = smki.ExportPrivateKey(record.Serial);
        return key.ExportPkcs8PrivateKeyPem();
    }

    private static string NameOf(CertificateRecord record, string? deviceKind, string eui)
    {
        if (record.Kind == CertificateKind.Device)
        {
            return deviceKind is null ? $"Device {eui}" : $"{Scenarios.DeviceKinds.DisplayName(deviceKind)} {eui}";
        }

        using var certificate = X509CertificateLoader.LoadCertificate(record.Der);
        var commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!string.IsNullOrEmpty(commonName))
        {
            return commonName;
        }

        return record.Label ?? $"{RemotePartyRole.Name(record.Role)} {eui}";
    }
}
