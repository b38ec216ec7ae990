using System.Security.Cryptography;

namespace TrustAnchor.Smki;

public sealed partial class SmkiPki
{
    /// <summary>PMA reference recorded for the MP261 re-issue.</summary>
    public const string Mp261ApprovalReference = "MP261";

    /// <summary>
    /// The Entity Identifier of a manufacturing-pack party: 90-B3-D5-1F-30-00-00-RR (RR = role). Our own
    /// documented choice for the test PKI; the DCC's real identifiers are not public.
    /// </summary>
    public static byte[] PackEntityId(int role) => [0x90, 0xB3, 0xD5, 0x1F, 0x30, 0x00, 0x00, (byte)role];

    /// <summary>The manufacturing pack as DER, in the format of firmware/docs/manufacturing-pack.md.</summary>
    public byte[] CreateManufacturingPack(PackKind kind)
    {
        lock (gate)
        {
            var cells = PackCertificatesLocked(kind).Select(c => (c.Cell, c.Certificate.Der)).ToList();
            return ManufacturingPackWriter.Write(kind.PackName(), RootOca.Der, cells, [IssuingOca.Der]);
        }
    }

    /// <summary>Which certificate fills each cell in a pack.</summary>
    public IReadOnlyList<(PackCell Cell, CertificateRecord Certificate)> PackCertificates(PackKind kind)
    {
        lock (gate)
        {
            return PackCertificatesLocked(kind);
        }
    }

    /// <summary>The certificate a pack puts in one cell (its private key is held: see <see cref="ExportPrivateKey"/>).</summary>
    public CertificateRecord PackCertificate(PackKind kind, int role, SmkiKeyUsage keyUsage, int cellUsage = PackCell.Management) =>
        PackCertificates(kind).FirstOrDefault(c => c.Cell == new PackCell(role, keyUsage, cellUsage)).Certificate
        ?? throw new SmkiException(SmkiErrorCode.UnknownCertificate, $"pack {kind.PackName()} has no cell {RemotePartyRole.Name(role)} {keyUsage} usage {cellUsage}");

    /// <summary>
    /// Parties whose private keys the PKI holds and that the simulator can sign as: every Organisation Certificate
    /// it generated a key for (the pack parties, and parties issued without a public key).
    /// </summary>
    public IReadOnlyList<KnownRemoteParty> KnownRemoteParties
    {
        get
        {
            lock (gate)
            {
                return repository.All
                    .Where(r => r.Kind == CertificateKind.Organisation && r.PrivateKeyHeld)
                    .Select(r => new KnownRemoteParty(r.Label ?? $"{RemotePartyRole.Name(r.Role)}-{r.KeyUsage!.Value.ShortName()}-{r.EntityId}", r.Role, r.KeyUsage!.Value, r.EntityIdBytes(), r))
                    .ToList();
            }
        }
    }

    private List<(PackCell Cell, CertificateRecord Certificate)> PackCertificatesLocked(PackKind kind)
    {
        if (!index.Packs.TryGetValue(kind.PackName(), out var entries))
        {
            throw new SmkiException(SmkiErrorCode.FolderState, $"the PKI has no pack {kind.PackName()}");
        }

        return entries.Select(e => (new PackCell(e.Role, e.KeyUsage, e.CellUsage), Get(e.Serial))).ToList();
    }

    /// <summary>
    /// The pack parties (one key per role and usage) and both packs: 2016 certificates valid 10 years from the
    /// hierarchy's notBefore; MP261 re-issues the four eligible roles with the same keys, under a recorded PMA
    /// approval, from <see cref="SmkiOptions.Mp261NotBefore"/> to the Issuing OCA's notAfter.
    /// </summary>
    private void CreatePacks()
    {
        var o = index.Options;
        var nb = CertificateSigner.TruncateToSeconds(o.HierarchyNotBefore);
        var original = new Dictionary<string, CertificateRecord>();
        foreach (var cell in PackCell.DefaultCells)
        {
            if (original.ContainsKey(cell.PartyName))
            {
                continue; // the Supplier KA top-up cell holds the Supplier KA certificate
            }

            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            original[cell.PartyName] = IssueOrganisationCore(
                cell.Role,
                cell.KeyUsage,
                PackEntityId(cell.Role),
                $"{o.NamePrefix} pack {cell.PartyName}",
                CertificateSigner.PublicPoint(key),
                nb,
                nb.AddYears(o.OrganisationValidityYears),
                subscriber: null,
                label: $"{PackKind.Original2016.PackName()}/{cell.PartyName}",
                key);
        }

        var reissued = new Dictionary<string, CertificateRecord>();
        var issuingNotAfter = IssuingOca.NotAfter;
        foreach (var (name, old) in original)
        {
            if (!RemotePartyRole.IsMp261Role(old.Role))
            {
                continue;
            }

            RecordApprovalLocked(Mp261ApprovalReference, old.Role, old.SubjectKeyId);
            reissued[name] = IssueOrganisationCore(
                old.Role,
                old.KeyUsage!.Value,
                old.EntityIdBytes(),
                $"{o.NamePrefix} pack {name}",
                old.PublicKeyBytes(),
                o.Mp261NotBefore,
                issuingNotAfter,
                subscriber: null,
                label: $"{PackKind.Mp261.PackName()}/{name}",
                heldKey: null);
        }

        index.Packs[PackKind.Original2016.PackName()] = PackCell.DefaultCells
            .Select(c => new PackCellEntry { Role = c.Role, KeyUsage = c.KeyUsage, CellUsage = c.CellUsage, Serial = original[c.PartyName].Serial })
            .ToList();
        index.Packs[PackKind.Mp261.PackName()] = PackCell.DefaultCells
            .Select(c => new PackCellEntry { Role = c.Role, KeyUsage = c.KeyUsage, CellUsage = c.CellUsage, Serial = (reissued.GetValueOrDefault(c.PartyName) ?? original[c.PartyName]).Serial })
            .ToList();
    }
}
