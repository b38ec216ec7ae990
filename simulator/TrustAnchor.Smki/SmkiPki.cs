using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TrustAnchor.Smki;

/// <summary>
/// A test SMKI that lives in a folder: Root OCA → Issuing OCA → Organisation Certificates, Root DCA → Issuing
/// DCA → Device Certificates, the Repository, CRL/ARL, Authorised Subscribers and the manufacturing packs.
/// Thread-safe: every public member takes one lock (a batch signs in parallel inside it).
/// </summary>
public sealed partial class SmkiPki
{
    private readonly object gate = new();
    private readonly SmkiFolder folder;
    private readonly SmkiIndex index;
    private readonly CertificateRepository repository = new();
    private readonly Dictionary<string, ECDsa> caKeys = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, X500DistinguishedName> caNames = new(StringComparer.OrdinalIgnoreCase);

    private SmkiPki(SmkiFolder folder, SmkiIndex index, ISmkiClock clock)
    {
        this.folder = folder;
        this.index = index;
        Clock = clock;
    }

    /// <summary>The folder the PKI lives in.</summary>
    public string Folder => folder.Path;

    /// <summary>The settings the PKI was made with (read-only in effect: changes are not persisted).</summary>
    public SmkiOptions Options => index.Options;

    /// <summary>"Now" for notBefore, revocation and relying-party checks. Swap it to fake dates.</summary>
    public ISmkiClock Clock { get; set; }

    public CertificateRecord RootOca => Get(index.RootOca);

    public CertificateRecord IssuingOca => Get(index.IssuingOca);

    public CertificateRecord RootDca => Get(index.RootDca);

    public CertificateRecord IssuingDca => Get(index.IssuingDca);

    /// <summary>
    /// Makes a fresh PKI in <paramref name="folderPath"/> (created if missing; must not already hold one): both
    /// hierarchies, the manufacturing-pack parties and both packs. Takes well under a second.
    /// </summary>
    public static SmkiPki Init(string folderPath, SmkiOptions? options = null)
    {
        options ??= new SmkiOptions();
        options.Validate();
        var folder = new SmkiFolder(folderPath);
        folder.Create();
        var pki = new SmkiPki(folder, new SmkiIndex { Options = options }, options.Clock);
        lock (pki.gate)
        {
            pki.CreateHierarchy();
            pki.CreatePacks();
            folder.SaveIndex(pki.index);
        }

        return pki;
    }

    /// <summary>Opens a PKI made by <see cref="Init"/>.</summary>
    public static SmkiPki Open(string folderPath, ISmkiClock? clock = null)
    {
        var folder = new SmkiFolder(folderPath);
        var index = folder.LoadIndex();
        var pki = new SmkiPki(folder, index, clock ?? SystemClock.Instance);
        foreach (var record in folder.LoadRecords())
        {
            pki.repository.Add(record);
        }

        return pki;
    }

    /// <summary>
    /// Issues an Organisation Certificate directly (no CSR): for the PKI's own Known Remote Parties. With no
    /// <paramref name="publicKey"/> the PKI generates the key pair and keeps the private key (see
    /// <see cref="ExportPrivateKey"/>). L11.4 applies as for CSRs.
    /// </summary>
    public CertificateRecord IssueOrganisationCertificate(
        int role,
        SmkiKeyUsage keyUsage,
        byte[] entityId,
        string? commonName = null,
        byte[]? publicKey = null,
        DateTime? notBefore = null,
        DateTime? notAfter = null,
        string? label = null)
    {
        lock (gate)
        {
            using var generated = publicKey is null ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : null;
            var point = publicKey ?? CertificateSigner.PublicPoint(generated!);
            var record = IssueOrganisationCore(role, keyUsage, entityId, commonName, point, notBefore, notAfter, subscriber: null, label, generated);
            folder.SaveIndex(index);
            return record;
        }
    }

    /// <summary>Issues a Device Certificate directly (no CSR); generates and keeps the key pair if none is given.</summary>
    public CertificateRecord IssueDeviceCertificate(byte[] deviceId, SmkiKeyUsage keyUsage, byte[]? publicKey = null, DateTime? notBefore = null, string? label = null)
    {
        lock (gate)
        {
            using var generated = publicKey is null ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : null;
            var point = publicKey ?? CertificateSigner.PublicPoint(generated!);
            CheckEntityId(deviceId, "device identifier");
            CheckIssuingDcaValidAt(notBefore ?? Clock.UtcNow);
            CheckDuplicateKey(CertificateKind.Device, Convert.ToHexString(point), -1);
            using var pub = CertificateSigner.ImportPublicPoint(point);
            var record = SignDevice(IssuingDcaKey(), new PublicKey(pub), point, deviceId, keyUsage, notBefore ?? Clock.UtcNow, null, label, generated is not null);
            if (generated is not null)
            {
                folder.SaveKey(record.SubjectKeyId, generated);
            }

            Commit([record]);
            return record;
        }
    }

    /// <summary>
    /// The private key of a certificate the PKI generated (CAs, Known Remote Parties), by serial or SKI. This is
    /// the one deliberate way a private key leaves the folder: the simulator signs as each Known Remote Party.
    /// </summary>
    public ECDsa ExportPrivateKey(string serialOrSubjectKeyId)
    {
        lock (gate)
        {
            var record = repository.FindBySerial(serialOrSubjectKeyId)
                ?? repository.FindBySubjectKeyId(serialOrSubjectKeyId).FirstOrDefault()
                ?? throw new SmkiException(SmkiErrorCode.UnknownCertificate, $"no certificate with serial or SKI {serialOrSubjectKeyId}");
            return folder.LoadKey(record.SubjectKeyId);
        }
    }

    /// <summary>The private key as PKCS#8 DER (see <see cref="ExportPrivateKey"/>).</summary>
    public byte[] ExportPrivateKeyPkcs8(string serialOrSubjectKeyId)
    {
        using var key = ExportPrivateKey(serialOrSubjectKeyId);
        return key.ExportPkcs8PrivateKey();
    }

    private CertificateRecord Get(string serial) => repository.FindBySerial(serial)
        ?? throw new SmkiException(SmkiErrorCode.FolderState, $"index names certificate {serial} but it is not in {SmkiFolder.CertificatesFile}");

    private void CreateHierarchy()
    {
        var o = index.Options;
        var notBefore = CertificateSigner.TruncateToSeconds(o.HierarchyNotBefore);
        var rootOca = CreateCa(CertificateKind.RootOca, SmkiNames.Organisation(RemotePartyRole.Root, null, o.NamePrefix + " Root OCA"), null, notBefore, o.RootValidityYears, o.OrganisationPolicyOid);
        index.RootOca = rootOca.Serial;
        index.IssuingOca = CreateCa(CertificateKind.IssuingOca, SmkiNames.Organisation(RemotePartyRole.IssuingAuthority, null, o.NamePrefix + " Issuing OCA"), rootOca, notBefore, o.IssuingValidityYears, o.OrganisationPolicyOid).Serial;
        var rootDca = CreateCa(CertificateKind.RootDca, SmkiNames.CommonNameOnly(o.NamePrefix + " Root DCA"), null, notBefore, o.RootValidityYears, o.DevicePolicyOid);
        index.RootDca = rootDca.Serial;
        index.IssuingDca = CreateCa(CertificateKind.IssuingDca, SmkiNames.CommonNameOnly(o.NamePrefix + " Issuing DCA"), rootDca, notBefore, o.IssuingValidityYears, o.DevicePolicyOid).Serial;
    }

    private CertificateRecord CreateCa(CertificateKind kind, X500DistinguishedName subject, CertificateRecord? issuer, DateTime notBefore, int years, string policyOid)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = CertificateSigner.PublicPoint(key);
        var ski = KeyIdentifier.FromPublicKey(point);
        var isRoot = issuer is null;
        var notAfter = notBefore.AddYears(years);

        // Roots: keyCertSign only (GBCS Root OCA); issuing CAs: keyCertSign + cRLSign, pathLen 0.
        var extensions = new List<X509Extension>
        {
            SmkiExtensions.CaBasicConstraints(isRoot ? null : 0),
            SmkiExtensions.KeyUsage(isRoot ? X509KeyUsageFlags.KeyCertSign : X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign),
            SmkiExtensions.CertificatePolicies(policyOid),
            SmkiExtensions.SubjectKeyIdentifier(ski),
        };
        if (!isRoot)
        {
            extensions.Add(SmkiExtensions.AuthorityKeyIdentifier(issuer!.SubjectKeyIdBytes()));
        }

        var issuerName = isRoot ? subject : CaName(issuer!);
        var issuerKey = isRoot ? key : CaKey(issuer!);
        var serial = NewSerial();
        var der = CertificateSigner.Sign(subject, new PublicKey(key), issuerName, issuerKey, notBefore, notAfter, serial, extensions);
        var record = new CertificateRecord
        {
            Serial = Convert.ToHexString(serial),
            Kind = kind,
            Role = kind switch { CertificateKind.RootOca => RemotePartyRole.Root, CertificateKind.IssuingOca => RemotePartyRole.IssuingAuthority, _ => -1 },
            SubjectKeyId = Convert.ToHexString(ski),
            AuthorityKeyId = isRoot ? null : issuer!.SubjectKeyId,
            PublicKey = Convert.ToHexString(point),
            NotBefore = notBefore,
            NotAfter = notAfter,
            Label = kind.ToString(),
            PrivateKeyHeld = true,
            Der = der,
        };
        folder.SaveKey(record.SubjectKeyId, key);
        caKeys[record.SubjectKeyId] = key;
        Commit([record]);
        return record;
    }

    private ECDsa CaKey(CertificateRecord ca)
    {
        if (!caKeys.TryGetValue(ca.SubjectKeyId, out var key))
        {
            caKeys[ca.SubjectKeyId] = key = folder.LoadKey(ca.SubjectKeyId);
        }

        return key;
    }

    private ECDsa IssuingOcaKey() => CaKey(IssuingOca);

    private ECDsa IssuingDcaKey() => CaKey(IssuingDca);

    private byte[] NewSerial()
    {
        while (true)
        {
            var serial = SerialNumbers.NewSerial();
            if (!repository.ContainsSerial(Convert.ToHexString(serial)))
            {
                return serial;
            }
        }
    }

    private static void CheckEntityId(byte[]? id, string what)
    {
        if (id is null || id.Length != 8)
        {
            throw new SmkiException(SmkiErrorCode.ProfileViolation, $"{what} must be an EUI-64 (8 bytes)");
        }
    }

    private CertificateRecord IssueOrganisationCore(
        int role,
        SmkiKeyUsage keyUsage,
        byte[] entityId,
        string? commonName,
        byte[] point,
        DateTime? notBefore,
        DateTime? notAfter,
        string? subscriber,
        string? label,
        ECDsa? heldKey)
    {
        if (!RemotePartyRole.IsOrganisationRole(role))
        {
            throw new SmkiException(SmkiErrorCode.ProfileViolation, $"role {role} ({RemotePartyRole.Name(role)}) is not an Organisation Certificate role");
        }

        CheckEntityId(entityId, "Entity Identifier");
        var pointHex = Convert.ToHexString(point);
        CheckDuplicateKey(CertificateKind.Organisation, pointHex, role);
        using var pub = CertificateSigner.ImportPublicPoint(point);

        var issuing = IssuingOca;
        var nb = CertificateSigner.TruncateToSeconds(notBefore ?? Clock.UtcNow);
        if (nb >= issuing.NotAfter || nb < issuing.NotBefore)
        {
            throw new SmkiException(SmkiErrorCode.InvalidArgument, $"the Issuing OCA is valid {issuing.NotBefore:u} to {issuing.NotAfter:u}; it cannot issue from {nb:u}");
        }


        // 10 years by default, never beyond the Issuing OCA (the MP261 certificates end exactly with it).
        var na = CertificateSigner.TruncateToSeconds(notAfter ?? nb.AddYears(index.Options.OrganisationValidityYears));
        if (notAfter is null && na > issuing.NotAfter)
        {
            na = issuing.NotAfter;
        }

        if (na <= nb)
        {
            throw new SmkiException(SmkiErrorCode.InvalidArgument, $"notAfter {na:u} is not after notBefore {nb:u}");
        }

        var ski = KeyIdentifier.FromPublicKey(point);
        var serial = NewSerial();
        var extensions = new X509Extension[]
        {
            SmkiExtensions.KeyUsage(keyUsage.ToFlags()),
            SmkiExtensions.CertificatePolicies(index.Options.OrganisationPolicyOid),
            SmkiExtensions.SubjectKeyIdentifier(ski),
            SmkiExtensions.AuthorityKeyIdentifier(issuing.SubjectKeyIdBytes()),
        };
        var der = CertificateSigner.Sign(
            SmkiNames.Organisation(role, entityId, commonName),
            new PublicKey(pub),
            CaName(issuing),
            IssuingOcaKey(),
            nb,
            na,
            serial,
            extensions);
        var skiHex = Convert.ToHexString(ski);
        var held = heldKey is not null || folder.HasKey(skiHex);
        var record = new CertificateRecord
        {
            Serial = Convert.ToHexString(serial),
            Kind = CertificateKind.Organisation,
            Role = role,
            KeyUsage = keyUsage,
            EntityId = Convert.ToHexString(entityId),
            SubjectKeyId = skiHex,
            AuthorityKeyId = issuing.SubjectKeyId,
            PublicKey = pointHex,
            NotBefore = nb,
            NotAfter = na,
            Subscriber = subscriber,
            Label = label,
            PrivateKeyHeld = held,
            Der = der,
        };
        if (heldKey is not null)
        {
            folder.SaveKey(skiHex, heldKey);
        }

        Commit([record]);
        return record;
    }

    private void CheckIssuingDcaValidAt(DateTime when)
    {
        var issuing = IssuingDca;
        if (when >= issuing.NotAfter || when < issuing.NotBefore)
        {
            throw new SmkiException(SmkiErrorCode.InvalidArgument, $"the Issuing DCA is valid {issuing.NotBefore:u} to {issuing.NotAfter:u}; it cannot issue at {when:u}");
        }
    }

    /// <summary>Signs one Device Certificate; no state is touched, so a batch calls it in parallel.</summary>
    private CertificateRecord SignDevice(ECDsa issuingDcaKey, PublicKey publicKey, byte[] point, byte[] deviceId, SmkiKeyUsage keyUsage, DateTime notBefore, string? subscriber, string? label, bool held, byte[]? serial = null)
    {
        var issuing = IssuingDca;
        var ski = KeyIdentifier.FromPublicKey(point);
        serial ??= NewSerial();
        var nb = CertificateSigner.TruncateToSeconds(notBefore);
        var extensions = new X509Extension[]
        {
            SmkiExtensions.KeyUsage(keyUsage.ToFlags()),
            SmkiExtensions.CertificatePolicies(index.Options.DevicePolicyOid),
            SmkiExtensions.HardwareModuleName(index.Options.HardwareModuleTypeOid, deviceId),
            SmkiExtensions.SubjectKeyIdentifier(ski),
            SmkiExtensions.AuthorityKeyIdentifier(issuing.SubjectKeyIdBytes()),
        };
        var der = CertificateSigner.Sign(SmkiNames.Empty(), publicKey, IssuingDcaName, issuingDcaKey, nb, CertificateSigner.DeviceNotAfter, serial, extensions);
        return new CertificateRecord
        {
            Serial = Convert.ToHexString(serial),
            Kind = CertificateKind.Device,
            KeyUsage = keyUsage,
            EntityId = Convert.ToHexString(deviceId),
            SubjectKeyId = Convert.ToHexString(ski),
            AuthorityKeyId = issuing.SubjectKeyId,
            PublicKey = Convert.ToHexString(point),
            NotBefore = nb,
            NotAfter = CertificateSigner.DeviceNotAfter,
            Subscriber = subscriber,
            Label = label,
            PrivateKeyHeld = held,
            Der = der,
        };
    }

    private X500DistinguishedName IssuingDcaName => CaName(IssuingDca);

    /// <summary>A CA's subject (the issuer name of what it signs), read once from its certificate.</summary>
    private X500DistinguishedName CaName(CertificateRecord ca)
    {
        lock (caNames)
        {
            if (!caNames.TryGetValue(ca.Serial, out var name))
            {
                using var certificate = ca.ToX509();
                caNames[ca.Serial] = name = certificate.SubjectName;
            }

            return name;
        }
    }

    /// <summary>
    /// L11.4: a public key may be in only one certificate of a kind. L11.4A/B (MP261): an Organisation
    /// Certificate for recovery, transitionalCoS, wanProvider or accessControlBroker may reuse the key of an
    /// existing certificate of the same role when an SMKI PMA approval for that key and role is recorded.
    /// </summary>
    private void CheckDuplicateKey(CertificateKind kind, string pointHex, int role)
    {
        var existing = repository.FindByPublicKey(kind, pointHex);
        if (existing.Count == 0)
        {
            return;
        }

        var first = existing[0];
        if (kind != CertificateKind.Organisation)
        {
            throw new SmkiException(SmkiErrorCode.DuplicatePublicKey, $"L11.4: the public key is already in {kind} certificate {first.Serial}");
        }

        if (!RemotePartyRole.IsMp261Role(role))
        {
            throw new SmkiException(SmkiErrorCode.Mp261RoleNotEligible, $"L11.4: the public key is already in Organisation Certificate {first.Serial}; the MP261 exception (L11.4A/B) does not cover role {RemotePartyRole.Name(role)}");
        }

        if (existing.Any(r => r.Role != role))
        {
            throw new SmkiException(SmkiErrorCode.DuplicatePublicKey, $"L11.4: the public key is already in an Organisation Certificate of another role ({first.Serial}); MP261 reuse is within one role only");
        }

        var ski = first.SubjectKeyId;
        if (!index.Approvals.Any(a => a.Role == role && string.Equals(a.SubjectKeyId, ski, StringComparison.OrdinalIgnoreCase)))
        {
            throw new SmkiException(SmkiErrorCode.Mp261ApprovalMissing, $"L11.4A/B: reusing the key of {first.Serial} ({RemotePartyRole.Name(role)}, SKI {ski}) needs a recorded SMKI PMA approval; none is recorded");
        }
    }

    private void Commit(IReadOnlyList<CertificateRecord> records)
    {
        folder.Append(records);
        foreach (var record in records)
        {
            repository.Add(record);
        }
    }
}
