using System.Collections.Concurrent;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Smki;

namespace TrustAnchor.Simulator.Dcc;

/// <summary>
/// Every Known Remote Party the DCC can act as in a run, with keys from the SMKI folder:
/// the pack parties (Recovery, Transitional CoS, WAN Provider, ACB, and the pack's default Supplier and Network
/// Operator), the real Supplier, second Supplier and Network Operator issued for the run, and — for recovery —
/// a freshly keyed successor for every role. Entity Identifiers of the parties issued here are our documented
/// choice: 90-B3-D5-1F-31-00-RR-NN (RR role, NN party) and 90-B3-D5-1F-32-00-00-RR for successors.
/// </summary>
public sealed class PartyDirectory : IDisposable
{
    private readonly SmkiPki _smki;
    private readonly ConcurrentDictionary<string, Lazy<RemoteParty>> _parties = new(StringComparer.OrdinalIgnoreCase);
    private readonly DateTime _now;
    private readonly List<RemoteParty> _retired = [];
    private readonly object _reissueGate = new();

    public PartyDirectory(SmkiPki smki, PackKind pack, DateTime now)
    {
        _smki = smki;
        _now = now;
        CurrentPack = pack;
        Register(PartyNames.PackSupplier, () => FromPack(PartyNames.PackSupplier, RemotePartyRole.Supplier, hasDs: true, hasKa: true));
        Register(PartyNames.PackNetworkOperator, () => FromPack(PartyNames.PackNetworkOperator, RemotePartyRole.NetworkOperator, hasDs: true, hasKa: true));
        Register(PartyNames.Recovery, () => FromPack(PartyNames.Recovery, RemotePartyRole.Recovery, hasDs: true, hasKa: false));
        Register(PartyNames.TransitionalCoS, () => FromPack(PartyNames.TransitionalCoS, RemotePartyRole.TransitionalCoS, hasDs: true, hasKa: false));
        Register(PartyNames.WanProvider, () => FromPack(PartyNames.WanProvider, RemotePartyRole.WanProvider, hasDs: true, hasKa: false));
        Register(PartyNames.Acb, () => FromPack(PartyNames.Acb, RemotePartyRole.AccessControlBroker, hasDs: false, hasKa: true));
        Register(PartyNames.Supplier, () => Issue(PartyNames.Supplier, RemotePartyRole.Supplier, Entity(RemotePartyRole.Supplier, 1), ds: true, ka: true));
        Register(PartyNames.Supplier2, () => Issue(PartyNames.Supplier2, RemotePartyRole.Supplier, Entity(RemotePartyRole.Supplier, 2), ds: true, ka: true));
        Register(PartyNames.NetworkOperator, () => Issue(PartyNames.NetworkOperator, RemotePartyRole.NetworkOperator, Entity(RemotePartyRole.NetworkOperator, 1), ds: true, ka: true));
    }

    /// <summary>The pack the DCC currently records for installs (MP261 after a re-issue).</summary>
    public PackKind CurrentPack { get; set; }

    public SmkiPki Smki => _smki;

    public RemoteParty Get(string name)
    {
        if (_parties.TryGetValue(name, out var party))
        {
            return party.Value;
        }

        return name.StartsWith(SuccessorPrefix, StringComparison.Ordinal)
            ? Successor(RemotePartyRole.Parse(name[SuccessorPrefix.Length..]))
            : throw new KeyNotFoundException($"no Known Remote Party named '{name}'");
    }

    private const string SuccessorPrefix = "successor-";

    /// <summary>A freshly keyed successor for a role (what Recovery installs).</summary>
    public RemoteParty Successor(int role) =>
        _parties.GetOrAdd(SuccessorPrefix + RemotePartyRole.Name(role), _ => new Lazy<RemoteParty>(() =>
        {
            var (ds, ka) = RoleKeys(role);
            return Issue(SuccessorPrefix + RemotePartyRole.Name(role), role, [0x90, 0xB3, 0xD5, 0x1F, 0x32, 0x00, 0x00, (byte)role], ds, ka);
        })).Value;

    /// <summary>
    /// A variant of a party whose replacement certificates fall outside their validity at the scenario's time:
    /// "expired" (a year-long validity that ended before the scenario starts) or "not-yet-valid".
    /// </summary>
    public RemoteParty OutOfValidity(string name, string which) =>
        _parties.GetOrAdd(name + "/" + which, _ => new Lazy<RemoteParty>(() =>
        {
            var template = Get(name);
            var (notBefore, notAfter) = which == "expired"
                ? (_now.AddYears(-3), _now.AddYears(-2))
                : (_now.AddYears(1), _now.AddYears(5));
            var entity = (byte[])template.EntityId.Clone();
            return Issue(name + "/" + which, template.Role, entity, template.DigitalSignature is not null, template.KeyAgreement is not null, notBefore, notAfter);
        })).Value;

    /// <summary>
    /// New Organisation Certificates for a party, with new keys and the same role and Entity Identifier (what a party
    /// whose certificate was revoked asks the SMKI for). From now on <see cref="Get"/> returns the re-issued party;
    /// the old one stays usable by whoever holds it until the directory is disposed. Nothing is issued when
    /// <paramref name="onlyIf"/> returns false for the party as it is (e.g. another premises already re-issued it).
    /// </summary>
    public (RemoteParty Party, bool Reissued) Reissue(string name, Func<RemoteParty, bool>? onlyIf = null)
    {
        lock (_reissueGate)
        {
            var old = Get(name);
            if (onlyIf is not null && !onlyIf(old))
            {
                return (old, false);
            }

            var generation = _retired.Count(p => p.Name == old.Name) + 2;
            var fresh = Issue(old.Name, old.Role, (byte[])old.EntityId.Clone(), old.DigitalSignature is not null, old.KeyAgreement is not null, label: $"{old.Name}-g{generation}");
            _parties[name] = new Lazy<RemoteParty>(fresh);
            _retired.Add(old);
            return (fresh, true);
        }
    }

    /// <summary>Which key usages a role's cells need (DS, KA).</summary>
    public static (bool Ds, bool Ka) RoleKeys(int role) => role switch
    {
        RemotePartyRole.Supplier or RemotePartyRole.NetworkOperator => (true, true),
        RemotePartyRole.AccessControlBroker => (false, true),
        _ => (true, false),
    };

    private void Register(string name, Func<RemoteParty> create) =>
        _parties[name] = new Lazy<RemoteParty>(create, LazyThreadSafetyMode.ExecutionAndPublication);

    private RemoteParty FromPack(string name, int role, bool hasDs, bool hasKa)
    {
        CertificateRecord? ds = hasDs ? _smki.PackCertificate(CurrentPack, role, SmkiKeyUsage.DigitalSignature) : null;
        CertificateRecord? ka = hasKa ? _smki.PackCertificate(CurrentPack, role, SmkiKeyUsage.KeyAgreement) : null;
        return new RemoteParty(
            name,
            role,
            ds,
            ds is null ? null : _smki.ExportPrivateKey(ds.SubjectKeyId),
            ka,
            ka is null ? null : _smki.ExportPrivateKey(ka.SubjectKeyId));
    }

    private RemoteParty Issue(string name, int role, byte[] entityId, bool ds, bool ka, DateTime? notBefore = null, DateTime? notAfter = null, string? label = null)
    {
        label ??= name;
        var dsRecord = ds ? _smki.IssueOrganisationCertificate(role, SmkiKeyUsage.DigitalSignature, entityId, $"Simulated {name}", notBefore: notBefore ?? _now.AddDays(-1), notAfter: notAfter, label: $"sim/{label}-ds") : null;
        var kaRecord = ka ? _smki.IssueOrganisationCertificate(role, SmkiKeyUsage.KeyAgreement, entityId, $"Simulated {name}", notBefore: notBefore ?? _now.AddDays(-1), notAfter: notAfter, label: $"sim/{label}-ka") : null;
        return new RemoteParty(
            name,
            role,
            dsRecord,
            dsRecord is null ? null : _smki.ExportPrivateKey(dsRecord.Serial),
            kaRecord,
            kaRecord is null ? null : _smki.ExportPrivateKey(kaRecord.Serial));
    }

    private static byte[] Entity(int role, int index) => [0x90, 0xB3, 0xD5, 0x1F, 0x31, 0x00, (byte)role, (byte)index];

    public void Dispose()
    {
        foreach (var party in _retired)
        {
            party.Dispose();
        }

        foreach (var party in _parties.Values)
        {
            if (party.IsValueCreated)
            {
                party.Value.Dispose();
            }
        }
    }
}
