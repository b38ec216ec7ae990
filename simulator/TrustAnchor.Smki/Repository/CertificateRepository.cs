namespace TrustAnchor.Smki;

/// <summary>In-memory look-ups over everything issued: by serial, SKI, Entity Identifier and (kind, public key).</summary>
internal sealed class CertificateRepository
{
    private readonly Dictionary<string, CertificateRecord> bySerial = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<CertificateRecord>> bySubjectKeyId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<CertificateRecord>> byEntityId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(CertificateKind, string), List<CertificateRecord>> byPublicKey = new();
    private readonly List<CertificateRecord> all = new();

    public int Count => all.Count;

    public IReadOnlyList<CertificateRecord> All => all;

    public bool ContainsSerial(string serial) => bySerial.ContainsKey(serial);

    public void Add(CertificateRecord record)
    {
        bySerial.Add(record.Serial, record);
        all.Add(record);
        AddTo(bySubjectKeyId, record.SubjectKeyId, record);
        if (record.EntityId is not null)
        {
            AddTo(byEntityId, record.EntityId, record);
        }

        var key = (record.Kind, record.PublicKey);
        if (!byPublicKey.TryGetValue(key, out var list))
        {
            byPublicKey[key] = list = new List<CertificateRecord>(1);
        }

        list.Add(record);
    }

    public CertificateRecord? FindBySerial(string serial) => bySerial.GetValueOrDefault(serial);

    public IReadOnlyList<CertificateRecord> FindBySubjectKeyId(string ski) => bySubjectKeyId.GetValueOrDefault(ski) ?? (IReadOnlyList<CertificateRecord>)[];

    public IReadOnlyList<CertificateRecord> FindByEntityId(string entityId) => byEntityId.GetValueOrDefault(entityId) ?? (IReadOnlyList<CertificateRecord>)[];

    public IReadOnlyList<CertificateRecord> FindByPublicKey(CertificateKind kind, string publicKey) =>
        byPublicKey.GetValueOrDefault((kind, publicKey)) ?? (IReadOnlyList<CertificateRecord>)[];

    private static void AddTo(Dictionary<string, List<CertificateRecord>> map, string key, CertificateRecord record)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = new List<CertificateRecord>(1);
        }

        list.Add(record);
    }
}
