using System.Security.Cryptography;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Link;
using TrustAnchor.Smki;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;
using SmkiRole = TrustAnchor.Smki.RemotePartyRole;

namespace TrustAnchor.Simulator.Conformance;

/// <summary>What the device sent back for one command, parsed with the firmware's frame parser and checked with .NET.</summary>
public sealed class Reply
{
    public required byte[] Sent { get; init; }
    public byte[]? Response { get; init; }
    public GbcsMessage? ResponseMessage { get; init; }
    public required IReadOnlyList<byte[]> Alerts { get; init; }
    public required IReadOnlyList<int> AlertCodes { get; init; }
    public required IReadOnlyList<GbcsAlert?> ParsedAlerts { get; init; }

    public bool HasResponse => Response is not null;

    public string Describe()
    {
        var response = Response is null ? "no response" : "a response";
        var alerts = AlertCodes.Count == 0 ? "no alert" : "alert " + string.Join(", ", AlertCodes.Select(a => "0x" + a.ToString("X4")));
        return $"{response}, {alerts}";
    }
}

/// <summary>
/// The DCC's side of one conformance run against one device: the link, the SMKI it signs with, the device's keys
/// (from its Device Certificates in the Repository), who holds each Trust Anchor Cell (learned by CS02a, keys from
/// the SMKI), one rising Originator Counter, and the evidence of the rule running now.
/// </summary>
public sealed class ConformSession : IAsyncDisposable
{
    public static readonly TimeSpan ExchangeTimeout = TimeSpan.FromSeconds(10);

    private readonly List<EvidenceFrame> _evidence = [];
    private readonly List<DateTime> _alertTimes = [];
    private readonly Dictionary<string, RemoteParty> _parties = new(StringComparer.Ordinal);
    private ulong _counter;
    private int _partySerial;

    public ConformSession(IDeviceLink link, SmkiPki smki, int deviceType)
    {
        Link = link;
        Smki = smki;
        DeviceType = deviceType;
        Eui64 = link.Hello.Eui64;
        // Counters the DCC has never used before on any device: the time in 100 ns ticks, then only upwards.
        _counter = (ulong)DateTime.UtcNow.Ticks;
    }

    public IDeviceLink Link { get; }
    public SmkiPki Smki { get; }
    public int DeviceType { get; }
    public byte[] Eui64 { get; }
    public string EuiHex => Convert.ToHexString(Eui64);

    /// <summary>The device's DS and KA public keys (from its Device Certificates) and the .NET key objects for them.</summary>
    public DeviceRecord Device { get; private set; } = null!;

    /// <summary>During a CS02d that changes the DS key, the old key also counts for that one response.</summary>
    public DeviceRecord? PreviousDevice { get; set; }

    public CertificateRecord DeviceDsCertificate { get; private set; } = null!;
    public CertificateRecord DeviceKaCertificate { get; private set; } = null!;

    /// <summary>Who holds each cell now (only cells whose certificate's private key the SMKI has).</summary>
    public Dictionary<CellKey, RemoteParty> Holders { get; } = [];

    /// <summary>Each cell as CS02a last reported it (Entity Identifier and SKI).</summary>
    public Dictionary<CellKey, (byte[] EntityId, byte[] Ski)> Cells { get; } = [];

    /// <summary>Frames received that were not signed with the device's DS key (all rules).</summary>
    public List<string> UnsignedFrames { get; } = [];

    /// <summary>Frames received in the current rule that were not signed with the device's DS key.</summary>
    public int UnsignedInRule { get; private set; }

    public IReadOnlyList<TrustAnchorCellIdentifier> CellSet => CellSets.For((TrustAnchor.Firmware.TrustAnchors.DeviceType)DeviceType);

    public bool HasCell(int role, int keyUsage, int cellUsage = (int)CellUsage.Management) =>
        CellSet.Any(c => (int)c.Role == role && (int)c.KeyUsage == keyUsage && (int)c.CellUsage == cellUsage);

    public ulong NextCounter() => ++_counter;

    /// <summary>The device's main party, which most rules act as: the Supplier on meters, the WAN Provider on a Comms Hub.</summary>
    public int Primary => HasCell((int)FwRole.Supplier, DccCommands.KeyUsageDs) ? (int)FwRole.Supplier : (int)FwRole.WanProvider;

    /// <summary>The mode in which <see cref="Primary"/> replaces its own credentials.</summary>
    public CredentialsReplacementMode PrimaryMode => Primary == (int)FwRole.Supplier ? CredentialsReplacementMode.SupplierBySupplier : CredentialsReplacementMode.WanProviderByWanProvider;

    /// <summary>Jumps the counter (for floors set above the next commands).</summary>
    public ulong SkipCounter(ulong by) => _counter += by;

    public ulong PeekCounter => _counter;

    // ---- evidence ----

    internal void BeginRule()
    {
        _evidence.Clear();
        UnsignedInRule = 0;
    }

    internal IReadOnlyList<EvidenceFrame> TakeEvidence() => [.. _evidence];

    public void Note(string direction, string label, byte[] frame, string? note = null) =>
        _evidence.Add(new EvidenceFrame(direction, label, Convert.ToHexString(frame), note));

    /// <summary>Security alerts received in the last minute (the device may limit them, GBCS alert flood protection).</summary>
    public int RecentAlerts
    {
        get
        {
            _alertTimes.RemoveAll(t => t < DateTime.UtcNow.AddMinutes(-1));
            return _alertTimes.Count;
        }
    }

    // ---- exchanging frames ----

    public async Task<Reply> SendAsync(byte[] frame, string label)
    {
        Note("dcc->device", label, frame);
        var exchange = await Link.ExchangeAsync(frame, ExchangeTimeout).ConfigureAwait(false);
        GbcsMessage? response = null;
        if (exchange.Response is { } r)
        {
            response = TryParse(r);
            var signed = response is not null && Device is not null && (Device.VerifyDeviceSignature(response) || PreviousDevice?.VerifyDeviceSignature(response) == true);
            Note("device->dcc", "response" + (response is null ? " (unparsable)" : $" 0x{response.MessageCode:X4}"), r, signed ? "signed by the device" : "NOT signed by the device's DS key");
            if (!signed)
            {
                Unsigned(label + " response");
            }
        }

        var codes = new List<int>();
        var parsed = new List<GbcsAlert?>();
        foreach (var a in exchange.Alerts)
        {
            var message = TryParse(a);
            GbcsAlert? alert = null;
            try
            {
                alert = message is null ? null : GbcsAlert.Parse(message);
            }
            catch (TrustAnchorException)
            {
            }

            parsed.Add(alert);
            if (alert is not null)
            {
                codes.Add(alert.AlertCode);
                if (alert.AlertCode is GbcsAlertCodes.SourceLacksAuthority or GbcsAlertCodes.TrustedSourceAuthenticationFailure or GbcsAlertCodes.AuthenticationFailure or GbcsAlertCodes.UnusualCommands)
                {
                    _alertTimes.Add(DateTime.UtcNow);
                }
            }

            var signed = message is not null && Device is not null && Device.VerifyDeviceSignature(message);
            Note("device->dcc", alert is null ? "alert (unparsable)" : $"alert 0x{alert.AlertCode:X4}", a, signed ? "signed by the device" : "NOT signed by the device's DS key");
            if (!signed)
            {
                Unsigned(label + " alert");
            }
        }

        return new Reply { Sent = frame, Response = exchange.Response, ResponseMessage = response, Alerts = exchange.Alerts, AlertCodes = codes, ParsedAlerts = parsed };
    }

    private void Unsigned(string what)
    {
        if (Device is null)
        {
            return;
        }

        UnsignedInRule++;
        UnsignedFrames.Add(what);
    }

    public async Task RestartAsync()
    {
        var hello = await Link.RestartAsync(ExchangeTimeout).ConfigureAwait(false);
        _alertTimes.Clear();
        _evidence.Add(new EvidenceFrame("dcc->device", "RESTART (power cycle)", "", $"READY: type {hello.Type}, EUI-64 {Convert.ToHexString(hello.Eui64)}"));
        if (!hello.Eui64.AsSpan().SequenceEqual(Eui64))
        {
            throw new RuleFailedException($"after RESTART the device says it is {Convert.ToHexString(hello.Eui64)}, was {EuiHex}");
        }
    }

    private static GbcsMessage? TryParse(byte[] frame)
    {
        try
        {
            return GbcsMessage.Parse(frame);
        }
        catch (TrustAnchorException)
        {
            return null;
        }
    }

    // ---- parties ----

    public RemoteParty Acb => Holder((int)FwRole.AccessControlBroker, DccCommands.KeyUsageKa);

    /// <summary>The party holding a role's DS cell (or KA for the ACB).</summary>
    public RemoteParty Holder(int role, int keyUsage = DccCommands.KeyUsageDs)
    {
        if (!HasCell(role, keyUsage))
        {
            throw new RuleNotApplicableException($"a {SmkiRole.Name(role)} {(keyUsage == DccCommands.KeyUsageDs ? "DS" : "KA")} cell is not in this device type's cell set");
        }

        return Holders.TryGetValue(new CellKey(role, keyUsage, (int)CellUsage.Management), out var party)
            ? party
            : throw new RuleNotApplicableException($"the device's {SmkiRole.Name(role)} cell holds a certificate whose key the SMKI does not have");
    }

    /// <summary>A new party for a role: fresh keys, Organisation Certificates from the SMKI's Issuing OCA.</summary>
    public RemoteParty NewParty(int role, DateTime? notBefore = null, DateTime? notAfter = null, string? tag = null)
    {
        var serial = ++_partySerial;
        var name = $"conform-{SmkiRole.Name(role)}-{serial}{(tag is null ? "" : "-" + tag)}";
        var (ds, ka) = PartyDirectory.RoleKeys(role);
        var stamp = (ushort)(_counter >> 8);
        byte[] entity = [0x90, 0xB3, 0xD5, 0x1F, 0x33, (byte)role, (byte)(stamp ^ serial), (byte)serial];
        var from = notBefore ?? Smki.Clock.UtcNow.AddDays(-1);
        var dsRecord = ds ? Smki.IssueOrganisationCertificate(role, SmkiKeyUsage.DigitalSignature, entity, name, notBefore: from, notAfter: notAfter, label: name + "-ds") : null;
        var kaRecord = ka ? Smki.IssueOrganisationCertificate(role, SmkiKeyUsage.KeyAgreement, entity, name, notBefore: from, notAfter: notAfter, label: name + "-ka") : null;
        var party = new RemoteParty(name, role, dsRecord, dsRecord is null ? null : Smki.ExportPrivateKey(dsRecord.Serial), kaRecord, kaRecord is null ? null : Smki.ExportPrivateKey(kaRecord.Serial));
        _parties[name] = party;
        return party;
    }

    /// <summary>A party's certificate for one of the cells it goes into.</summary>
    public static CertificateRecord CertificateFor(RemoteParty party, CellKey cell) =>
        (cell.KeyUsage == DccCommands.KeyUsageDs ? party.DigitalSignature : party.KeyAgreement)
        ?? throw new InvalidOperationException($"{party.Name} has no certificate for {cell}");

    /// <summary>The cells of a role on this device (DS, KA, KA top-up…).</summary>
    public List<CellKey> CellsOf(int role) =>
        CellSet.Where(c => (int)c.Role == role).Select(c => new CellKey((int)c.Role, (int)c.KeyUsage, (int)c.CellUsage)).ToList();

    public List<(byte[] Der, CellKey Cell)> ReplacementsFor(int role, RemoteParty party) =>
        CellsOf(role).Select(c => (CertificateFor(party, c).Der, c)).ToList();

    // ---- commands ----

    /// <summary>What a CS02b carries, with every field a rule may want to get wrong.</summary>
    public sealed class Cs02b
    {
        public required CredentialsReplacementMode Mode { get; init; }
        public required RemoteParty Originator { get; init; }
        public IGbcsSigner? Signer { get; set; }
        public bool Sign { get; set; } = true;
        public bool? Mac { get; set; }
        public RemoteParty? MacAs { get; set; }
        public TrustAnchorCellIdentifier? AuthorisingCell { get; set; }
        public bool OmitAuthorisingCell { get; set; }
        public ulong? Counter { get; set; }
        public ulong? SeqNumber { get; set; }
        public ulong? Floor { get; set; }
        public bool NoFloor { get; set; }
        public required List<(byte[] Der, CellKey Cell)> Replacements { get; init; }
        public List<byte[]>? Path { get; set; }
        public bool ApplyTimeChecks { get; set; }
        public DateTime? ExecutionTime { get; set; }
    }

    public byte[] BuildCs02b(Cs02b c, out ulong counter)
    {
        counter = c.Counter ?? NextCounter();
        var payload = new UpdateSecurityCredentials
        {
            Mode = c.Mode,
            ApplyTimeBasedCpvChecks = c.ApplyTimeChecks ? UpdateSecurityCredentials.TimeChecksApply : UpdateSecurityCredentials.TimeChecksDisapply,
            AuthorisingRemotePartyCell = c.OmitAuthorisingCell ? null : c.AuthorisingCell ?? DccCommands.Identifier(DccCommands.AuthorisingCell(c.Mode)),
            AuthorisingRemotePartySeqNumber = c.SeqNumber ?? counter,
        };
        var roles = c.Replacements.Select(r => r.Cell.Role).Distinct().ToList();
        if (!c.NoFloor && (c.Floor is not null || roles.Count == 1))
        {
            payload.SetNewRemotePartyFloorSeqNumber(c.Floor ?? counter);
        }

        foreach (var (der, cell) in c.Replacements)
        {
            payload.AddReplacement(der, DccCommands.Identifier(cell));
        }

        foreach (var der in c.Path ?? [Smki.IssuingOca.Der])
        {
            payload.AddCertificationPathCertificate(der);
        }

        if (c.ExecutionTime is { } at)
        {
            payload.SetExecutionDateTime(at);
        }

        var builder = GbcsMessageBuilder.Command(counter, c.Originator.EntityId, Eui64, GbcsMessageCodes.ForUpdateSecurityCredentials(c.Mode));
        builder.SetContent(payload.Encode());
        var signer = !c.Sign || c.Mode == CredentialsReplacementMode.AccessControlBrokerByAcb ? null : c.Signer ?? c.Originator.Signer;
        var mac = c.Mac ?? DccCommands.NeedsAcbMac(c.Mode);
        return mac ? builder.Build(signer, new AcbMacProvider(c.MacAs ?? Acb, Device)) : builder.Build(signer);
    }

    public Task<Reply> SendCs02bAsync(Cs02b c, string label) => SendAsync(BuildCs02b(c, out _), label);

    /// <summary>A non-CS02b security-credential command (CS02a/c/d/e) from <paramref name="from"/> with the ACB's MAC.</summary>
    public byte[] BuildCommand(int messageCode, byte[] payload, RemoteParty from, ulong? counter = null, bool mac = true, RemoteParty? macAs = null, IGbcsSigner? signer = null, bool sign = true)
    {
        var builder = GbcsMessageBuilder.Command(counter ?? NextCounter(), from.EntityId, Eui64, messageCode);
        builder.SetContent(payload);
        var s = sign ? signer ?? from.Signer : null;
        return mac ? builder.Build(s, new AcbMacProvider(macAs ?? Acb, Device)) : builder.Build(s);
    }

    public byte[] BuildCs02a(RemoteParty requester, ulong? counter = null, TrustAnchorCellIdentifier? cell = null, bool mac = true, RemoteParty? macAs = null)
    {
        var roles = CellSet.Select(c => c.Role).Distinct().OrderBy(r => r).ToArray();
        var payload = new ProvideSecurityCredentialsDetails(cell ?? new TrustAnchorCellIdentifier((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)requester.Role, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)DccCommands.KeyUsageDs, CellUsage.Management), roles);
        return BuildCommand(GbcsMessageCodes.ProvideSecurityCredentialsDetails, payload.Encode(), requester, counter, mac, macAs);
    }

    /// <summary>The party CS02a is asked as: Recovery where the device type allows it (rules rarely touch it), else the first allowed role held.</summary>
    public RemoteParty DetailsRequester()
    {
        var profile = Firmware.Device.DeviceProfile.For((TrustAnchor.Firmware.TrustAnchors.DeviceType)DeviceType);
        foreach (var role in new[] { FwRole.Recovery }.Concat(profile.DetailsRoles))
        {
            if (profile.DetailsRoles.Contains(role) && Holders.TryGetValue(new CellKey((int)role, DccCommands.KeyUsageDs, (int)CellUsage.Management), out var party))
            {
                return party;
            }
        }

        throw new RuleNotApplicableException("no party the device lets ask CS02a holds a key the SMKI has");
    }

    /// <summary>The party for CS02c/d/e (Supplier on meters, WAN Provider on the hub).</summary>
    public RemoteParty CredentialsRequester()
    {
        var profile = Firmware.Device.DeviceProfile.For((TrustAnchor.Firmware.TrustAnchors.DeviceType)DeviceType);
        foreach (var role in profile.CredentialsRoles)
        {
            if (Holders.TryGetValue(new CellKey((int)role, DccCommands.KeyUsageDs, (int)CellUsage.Management), out var party))
            {
                return party;
            }
        }

        throw new RuleNotApplicableException("no party the device lets send CS02c/d/e holds a key the SMKI has");
    }

    /// <summary>CS02a: refreshes <see cref="Cells"/> and <see cref="Holders"/>; returns the per-role sequence numbers.</summary>
    public async Task<ProvideSecurityCredentialsDetailsResponse> ReadCellsAsync(string label = "CS02a (read cells)", RemoteParty? requester = null)
    {
        requester ??= DetailsRequester();
        var reply = await SendAsync(BuildCs02a(requester), label).ConfigureAwait(false);
        if (reply.ResponseMessage is null || reply.ResponseMessage.MessageCode != GbcsMessageCodes.ProvideSecurityCredentialsDetails)
        {
            throw new RuleFailedException($"CS02a from {requester.Name} answered: {reply.Describe()}");
        }

        ProvideSecurityCredentialsDetailsResponse details;
        try
        {
            details = ProvideSecurityCredentialsDetailsResponse.Parse(reply.ResponseMessage);
        }
        catch (TrustAnchorException ex)
        {
            throw new RuleFailedException("the CS02a response does not parse: " + ex.Message);
        }

        Learn(details);
        return details;
    }

    internal void Learn(ProvideSecurityCredentialsDetailsResponse details)
    {
        Cells.Clear();
        foreach (var party in details.Parties)
        {
            foreach (var cell in party.Cells)
            {
                Cells[new CellKey((int)party.Role, (int)cell.KeyUsage, (int)cell.CellUsage)] = (cell.SubjectUniqueId, cell.SubjectKeyIdentifier);
            }

            if (party.CurrentSeqNumber >= _counter)
            {
                _counter = party.CurrentSeqNumber + 1;
            }
        }

        foreach (var role in Cells.Keys.Select(k => k.Role).Distinct())
        {
            ResolveHolder(role);
        }
    }

    /// <summary>Finds the certificates a role's cells hold in the Repository and the keys for them.</summary>
    private void ResolveHolder(int role)
    {
        foreach (var key in Holders.Keys.Where(k => k.Role == role).ToList())
        {
            Holders.Remove(key);
        }

        CertificateRecord? Find(int usage)
        {
            if (!Cells.TryGetValue(new CellKey(role, usage, (int)CellUsage.Management), out var held))
            {
                return null;
            }

            return Smki.FindBySubjectKeyId(held.Ski)
                .Where(r => r.Kind == CertificateKind.Organisation && r.PrivateKeyHeld && r.EntityIdBytes().AsSpan().SequenceEqual(held.EntityId))
                .OrderByDescending(r => r.NotAfter)
                .FirstOrDefault();
        }

        var ds = Find(DccCommands.KeyUsageDs);
        var ka = Find(DccCommands.KeyUsageKa);
        if (ds is null && ka is null)
        {
            return;
        }

        var name = $"{SmkiRole.Name(role)} {(ds ?? ka)!.Serial[..Math.Min(8, (ds ?? ka)!.Serial.Length)]}";
        if (!_parties.TryGetValue("held:" + (ds?.Serial ?? "") + ":" + (ka?.Serial ?? ""), out var party))
        {
            party = new RemoteParty(name, role, ds, ds is null ? null : Smki.ExportPrivateKey(ds.Serial), ka, ka is null ? null : Smki.ExportPrivateKey(ka.Serial));
            _parties["held:" + (ds?.Serial ?? "") + ":" + (ka?.Serial ?? "")] = party;
        }

        if (ds is not null)
        {
            Holders[new CellKey(role, DccCommands.KeyUsageDs, (int)CellUsage.Management)] = party;
        }

        if (ka is not null)
        {
            Holders[new CellKey(role, DccCommands.KeyUsageKa, (int)CellUsage.Management)] = party;
        }
    }

    /// <summary>After an accepted replacement: the new party holds the role's cells.</summary>
    public void Replaced(int role, RemoteParty party)
    {
        foreach (var cell in CellsOf(role))
        {
            var certificate = cell.KeyUsage == DccCommands.KeyUsageDs ? party.DigitalSignature : party.KeyAgreement;
            if (certificate is null)
            {
                continue;
            }

            Cells[cell] = (certificate.EntityIdBytes(), certificate.SubjectKeyIdBytes());
            if (cell.CellUsage == (int)CellUsage.Management)
            {
                Holders[cell] = party;
            }
        }
    }

    // ---- the device's own keys ----

    /// <summary>Finds the device's Device Certificates in the Repository (newest DS and KA for its EUI-64).</summary>
    public void LoadDeviceKeys(byte[]? declaredDs = null, byte[]? declaredKa = null)
    {
        // Public keys the maker declared (e.g. read from the reference device's credentials file): the DCA issues
        // their Device Certificates unless the Repository already has them, as a maker's CSRs at manufacture would.
        foreach (var (key, usage) in new[] { (declaredDs, SmkiKeyUsage.DigitalSignature), (declaredKa, SmkiKeyUsage.KeyAgreement) })
        {
            if (key is null)
            {
                continue;
            }

            var hex = Convert.ToHexString(key);
            if (!Smki.FindByEntityId(Eui64).Any(r => r.Kind == CertificateKind.Device && r.KeyUsage == usage && string.Equals(r.PublicKey, hex, StringComparison.OrdinalIgnoreCase)))
            {
                Smki.IssueDeviceCertificate(Eui64, usage, key, label: "conform/declared-" + (usage == SmkiKeyUsage.DigitalSignature ? "ds" : "ka"));
            }
        }

        var records = Smki.FindByEntityId(Eui64).Where(r => r.Kind == CertificateKind.Device).ToList();
        var ds = records.Where(r => r.KeyUsage == SmkiKeyUsage.DigitalSignature).OrderByDescending(r => r.NotBefore).ThenByDescending(r => r.Serial).FirstOrDefault();
        var ka = records.Where(r => r.KeyUsage == SmkiKeyUsage.KeyAgreement).OrderByDescending(r => r.NotBefore).ThenByDescending(r => r.Serial).FirstOrDefault();
        if (ds is null || ka is null)
        {
            throw new DeviceLinkException($"the SMKI in {Smki.Folder} has no DS and KA Device Certificates for device {EuiHex} (make its factory file with 'factory --pki' from this SMKI)");
        }

        SetDeviceKeys(ds, ka);
    }

    public void SetDeviceKeys(CertificateRecord ds, CertificateRecord ka)
    {
        DeviceDsCertificate = ds;
        DeviceKaCertificate = ka;
        Device = new DeviceRecord("conform", Eui64, DeviceType, null, ds.PublicKeyBytes(), ka.PublicKeyBytes(), "unknown");
    }

    public ValueTask DisposeAsync()
    {
        foreach (var party in _parties.Values)
        {
            party.Dispose();
        }

        Device?.Dispose();
        return Link.DisposeAsync();
    }

    // ---- what one rule leaves for the next ----

    public byte[]? PendingCsr { get; set; }
    public byte[]? LastAccepted { get; set; }
    public (RemoteParty Party, ulong Floor)? FloorParty { get; set; }
    public (RemoteParty Party, DateTime At, List<(byte[] Der, CellKey Cell)> Replacements)? Future { get; set; }

    private ForeignPki? _foreign;

    /// <summary>Another PKI (its own Root and Issuing OCA) made once per run in a temporary folder: certificates with no path to the Root held.</summary>
    public ForeignPki Foreign => _foreign ??= ForeignPki.Create();

    public sealed class ForeignPki
    {
        public required SmkiPki Pki { get; init; }
        public CertificateRecord IssuingOca => Pki.IssuingOca;

        public static ForeignPki Create() =>
            new() { Pki = SmkiPki.Init(Path.Combine(Path.GetTempPath(), "trustanchor-conform-foreign-" + Guid.NewGuid().ToString("N")[..8])) };

        /// <summary>A DS Organisation Certificate for a role, from this other PKI.</summary>
        public CertificateRecord Issue(int role) =>
            Pki.IssueOrganisationCertificate(role, SmkiKeyUsage.DigitalSignature, [0x90, 0xB3, 0xD5, 0x1F, 0x34, 0x00, (byte)role, 0x01], "Foreign party");
    }

    /// <summary>The uncompressed public key of a PKCS#10 request (read by .NET).</summary>
    public static byte[] CsrPublicKey(byte[] csr) =>
        System.Security.Cryptography.X509Certificates.CertificateRequest.LoadSigningRequest(csr, HashAlgorithmName.SHA256).PublicKey.EncodedKeyValue.RawData;

    /// <summary>A signer that signs the wrong bytes: a signature that cannot verify (but is well formed).</summary>
    public sealed class WrongHashSigner(IGbcsSigner inner) : IGbcsSigner
    {
        public void Sign(byte[] hash32, byte[] signatureOut64, int offset)
        {
            var other = SHA256.HashData(hash32);
            inner.Sign(other, signatureOut64, offset);
        }
    }
}
