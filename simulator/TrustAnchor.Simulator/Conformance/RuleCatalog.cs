using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Smki;
using static TrustAnchor.Firmware.Gbcs.GbcsAlertCodes;
using Mode = TrustAnchor.Firmware.Gbcs.CredentialsReplacementMode;
using Role = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Simulator.Conformance;

/// <summary>
/// The conformance rules, in the order they run. Each is data (id, clause, statement) plus a small function; the
/// families (one triple per CS02b mode) come from tables. Clauses: GBCS = SEC Appendix AB (section numbers as in
/// ../shared/gbcs/NOTES.md), SEC L = Section L.
/// </summary>
public static class RuleCatalog
{
    private const int Ds = DccCommands.KeyUsageDs;
    private const int Ka = DccCommands.KeyUsageKa;

    /// <summary>In the mode table: the device's main party (Supplier on meters, WAN Provider on the hub).</summary>
    private const int Primary = -1;

    /// <summary>The CS02b modes a party replaces its own (or another's) credentials with: mode, authoriser role, replaced role, another known party.</summary>
    private static readonly (Mode Mode, string Name, int Authoriser, int Replaced, int Other)[] SignedModes =
    [
        (Mode.SupplierBySupplier, "supplierBySupplier", (int)Role.Supplier, (int)Role.Supplier, (int)Role.NetworkOperator),
        (Mode.NetworkOperatorByNetworkOperator, "networkOperatorByNetworkOperator", (int)Role.NetworkOperator, (int)Role.NetworkOperator, (int)Role.Supplier),
        (Mode.TransCoSByTransCoS, "transCoSByTransCoS", (int)Role.TransitionalCoS, (int)Role.TransitionalCoS, (int)Role.Supplier),
        (Mode.SupplierByTransCoS, "supplierByTransCoS", (int)Role.TransitionalCoS, (int)Role.Supplier, (int)Role.Supplier),
        (Mode.WanProviderByWanProvider, "wanProviderByWanProvider", (int)Role.WanProvider, (int)Role.WanProvider, (int)Role.Recovery),
        (Mode.AnyExceptAbnormalRootByRecovery, "anyExceptAbnormalRootByRecovery", (int)Role.Recovery, Primary, Primary),
    ];

    public static IReadOnlyList<ConformRule> All { get; } = Build();

    /// <summary>Rules whose id matches a glob-like pattern (<c>*</c> any text; several patterns separated by commas).</summary>
    public static IReadOnlyList<ConformRule> Select(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return All;
        }

        var regexes = pattern.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => new Regex("^" + Regex.Escape(p).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.IgnoreCase))
            .ToList();
        return All.Where(r => regexes.Any(x => x.IsMatch(r.Id))).ToList();
    }

    private static List<ConformRule> Build()
    {
        var rules = new List<ConformRule>();
        void Add(string id, string clause, string statement, Func<ConformSession, Task<string>> check) => rules.Add(new ConformRule(id, clause, statement, check));

        // ---- learning the device: CS02a, CS02e, CS02c/d ----
        Add("CS02A-DETAILS", "GBCS 13 CS02a", "CS02a is answered with every role's cells and sequence number, signed by the device", async s =>
        {
            var details = await s.ReadCellsAsync();
            var missing = s.CellSet.Where(c => !s.Cells.ContainsKey(new CellKey((int)c.Role, (int)c.KeyUsage, (int)c.CellUsage))).ToList();
            Expect.That(missing.Count == 0, $"CS02a does not report {string.Join(", ", missing.Select(c => c.ToString()))}");
            return $"{s.Cells.Count} cells in {details.Parties.Length} roles";
        });
        Add("CS02A-ROOT-CELL", "GBCS 13 CS02a; SEC L Root OCA", "the root cell holds the SMKI's Root OCA (by its Subject Key Identifier)", async s =>
        {
            await s.ReadCellsAsync();
            var root = s.Cells.FirstOrDefault(c => c.Key.Role == (int)Role.Root);
            Expect.That(root.Value.Ski is not null && root.Value.Ski.AsSpan().SequenceEqual(s.Smki.RootOca.SubjectKeyIdBytes()),
                $"the root cell's SKI is {(root.Value.Ski is null ? "absent" : Convert.ToHexString(root.Value.Ski))}, the Root OCA's {s.Smki.RootOca.SubjectKeyId}");
            return "root cell SKI " + s.Smki.RootOca.SubjectKeyId;
        });
        Add("CS02A-UNAUTHORISED-CELL", "GBCS 13 CS02a; 0x8F30", "CS02a naming a cell that may not ask (ACB KA) is refused with 0x8F30", async s =>
        {
            var reply = await s.SendAsync(s.BuildCs02a(s.DetailsRequester(), cell: new TrustAnchorCellIdentifier(Role.AccessControlBroker, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)Ka, CellUsage.Management)), "CS02a naming the ACB KA cell");
            Expect.Refused(reply, SourceLacksAuthority, "CS02a naming the ACB KA cell");
            return "refused: " + reply.Describe();
        });
        Add("CS02A-NO-MAC", "GBCS 7 ACB MAC; 0x8F3D", "CS02a without the ACB's MAC is refused with 0x8F3D", async s =>
        {
            var reply = await s.SendAsync(s.BuildCs02a(s.DetailsRequester(), mac: false), "CS02a without MAC");
            Expect.Refused(reply, TrustedSourceAuthenticationFailure, "CS02a without MAC");
            return "refused: " + reply.Describe();
        });
        Add("CS02A-WRONG-MAC", "GBCS 7 ACB MAC; 0x8F3D", "CS02a MAC'd with a key other than the ACB cell's is refused with 0x8F3D", async s =>
        {
            var stranger = s.NewParty((int)Role.AccessControlBroker, tag: "stranger");
            var reply = await s.SendAsync(s.BuildCs02a(s.DetailsRequester(), macAs: stranger), "CS02a MAC'd by a stranger ACB");
            Expect.Refused(reply, TrustedSourceAuthenticationFailure, "CS02a with a wrong MAC");
            return "refused: " + reply.Describe();
        });
        foreach (var (usage, name) in new[] { (Ds, "DS"), (Ka, "KA") })
        {
            Add($"CS02E-{name}", "GBCS 13 CS02e", $"CS02e returns the device's {name} Device Certificate, the one the SMKI issued for it", async s =>
            {
                var reply = await s.SendAsync(s.BuildCommand(GbcsMessageCodes.ProvideDeviceCertificates, new ProvideDeviceCertificate((TrustAnchor.Firmware.TrustAnchors.KeyUsage)usage).Encode(), s.CredentialsRequester()), $"CS02e {name}");
                Expect.That(reply.ResponseMessage is not null, $"CS02e {name}: {reply.Describe()}");
                var der = ProvideDeviceCertificateResponse.Parse(reply.ResponseMessage!).Certificate;
                var bytes = der.Buffer.AsSpan(der.Offset, der.Length).ToArray();
                var expected = usage == Ds ? s.DeviceDsCertificate : s.DeviceKaCertificate;
                Expect.That(bytes.AsSpan().SequenceEqual(expected.Der), $"CS02e {name} returned a certificate other than {expected.Serial}");
                return $"certificate {expected.Serial}";
            });
        }

        Add("CS02C-UNAUTHORISED", "GBCS 13 CS02c; 0x8F30", "CS02c from a party that may not ask it (Network Operator / Recovery) is refused with 0x8F30", async s =>
        {
            var from = s.Holders.GetValueOrDefault(new CellKey((int)Role.NetworkOperator, Ds, (int)CellUsage.Management)) ?? s.Holder((int)Role.Recovery);
            var reply = await s.SendAsync(s.BuildCommand(GbcsMessageCodes.IssueSecurityCredentials, new IssueSecurityCredentials((TrustAnchor.Firmware.TrustAnchors.KeyUsage)Ds).Encode(), from), "CS02c from " + from.Name);
            Expect.Refused(reply, SourceLacksAuthority, "CS02c from " + from.Name);
            return "refused: " + reply.Describe();
        });
        Add("CS02C-CSR", "GBCS 13 CS02c; SEC L Device CSR", "CS02c returns a PKCS#10 request, signed by a new key pair, for the device's EUI-64", async s =>
        {
            var reply = await s.SendAsync(s.BuildCommand(GbcsMessageCodes.IssueSecurityCredentials, new IssueSecurityCredentials((TrustAnchor.Firmware.TrustAnchors.KeyUsage)Ds).Encode(), s.CredentialsRequester()), "CS02c DS");
            Expect.That(reply.ResponseMessage is not null, "CS02c: " + reply.Describe());
            var view = IssueSecurityCredentialsResponse.Parse(reply.ResponseMessage!).CertificationRequest;
            var csr = view.Buffer.AsSpan(view.Offset, view.Length).ToArray();
            CertificateRequest request;
            try
            {
                request = CertificateRequest.LoadSigningRequest(csr, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
            }
            catch (CryptographicException ex)
            {
                throw new RuleFailedException("the CSR does not verify with .NET: " + ex.Message);
            }

            var point = request.PublicKey.EncodedKeyValue.RawData;
            Expect.That(point.Length == 65 && point[0] == 4, "the CSR's key is not an uncompressed P-256 point");
            Expect.That(!point.AsSpan().SequenceEqual(s.DeviceDsCertificate.PublicKeyBytes()), "the CSR carries the current DS key, not a new one");
            s.PendingCsr = csr;
            return "CSR for a new DS key " + Convert.ToHexString(point.AsSpan(1, 8)) + "…";
        });
        Add("CS02D-WRONG-DEVICE", "GBCS 13 CS02d", "CS02d with a Device Certificate for another device is refused and changes nothing", async s =>
        {
            var other = s.Smki.IssueDeviceCertificate([0x00, 0xDB, 0xFF, 0xEE, 0xDD, 0xCC, 0xBB, (byte)Random.Shared.Next(256)], SmkiKeyUsage.DigitalSignature, label: "conform/other-device");
            var reply = await s.SendAsync(s.BuildCommand(GbcsMessageCodes.UpdateDeviceCertificates, new UpdateDeviceCertificate(other.Der).Encode(), s.CredentialsRequester()), "CS02d for another EUI-64");
            Expect.That(reply.ResponseMessage is not null, "CS02d: " + reply.Describe());
            var result = UpdateDeviceCertificateResponse.Parse(reply.ResponseMessage!).Result;
            Expect.That(result != UpdateDeviceCertificateResult.Success, "CS02d installed another device's certificate");
            return "refused with result " + result;
        });
        Add("CS02D-KEY-MISMATCH", "GBCS 13 CS02d", "CS02d with a Device Certificate for a key the device does not hold is refused", async s =>
        {
            var stray = s.Smki.IssueDeviceCertificate(s.Eui64, SmkiKeyUsage.DigitalSignature, label: "conform/stray-key");
            var reply = await s.SendAsync(s.BuildCommand(GbcsMessageCodes.UpdateDeviceCertificates, new UpdateDeviceCertificate(stray.Der).Encode(), s.CredentialsRequester()), "CS02d for a key the device lacks");
            Expect.That(reply.ResponseMessage is not null, "CS02d: " + reply.Describe());
            var result = UpdateDeviceCertificateResponse.Parse(reply.ResponseMessage!).Result;
            Expect.That(result != UpdateDeviceCertificateResult.Success, "CS02d installed a certificate for a key the device does not hold");
            return "refused with result " + result;
        });
        Add("CS02D-INSTALL", "GBCS 13 CS02d; SEC L DCA", "CS02d installs the DCA's certificate for the CS02c key; the device then signs with that key and CS02e returns it", async s =>
        {
            var csr = s.PendingCsr ?? throw new RuleNotApplicableException("CS02C-CSR did not leave a request");
            var issued = s.Smki.IssueDeviceCertificate(s.Eui64, SmkiKeyUsage.DigitalSignature, ConformSession.CsrPublicKey(csr), label: "conform/cs02c");
            // The CS02d response may be signed with the old key or the new one; after it, only the new one counts.
            s.PreviousDevice = s.Device;
            s.SetDeviceKeys(issued, s.DeviceKaCertificate);
            Reply reply;
            try
            {
                reply = await s.SendAsync(s.BuildCommand(GbcsMessageCodes.UpdateDeviceCertificates, new UpdateDeviceCertificate(issued.Der).Encode(), s.CredentialsRequester()), "CS02d DS");
            }
            finally
            {
                s.PreviousDevice = null;
            }

            Expect.That(reply.ResponseMessage is not null, "CS02d: " + reply.Describe());
            var result = UpdateDeviceCertificateResponse.Parse(reply.ResponseMessage!).Result;
            Expect.That(result == UpdateDeviceCertificateResult.Success, "CS02d refused the DCA's certificate: result " + (int)result);
            s.PendingCsr = null;
            var check = await s.SendAsync(s.BuildCommand(GbcsMessageCodes.ProvideDeviceCertificates, new ProvideDeviceCertificate((TrustAnchor.Firmware.TrustAnchors.KeyUsage)Ds).Encode(), s.CredentialsRequester()), "CS02e DS (after CS02d)");
            Expect.That(check.ResponseMessage is not null && s.Device.VerifyDeviceSignature(check.ResponseMessage), "after CS02d the device's response is not signed by the new DS key");
            var der = ProvideDeviceCertificateResponse.Parse(check.ResponseMessage!).Certificate;
            Expect.That(der.Buffer.AsSpan(der.Offset, der.Length).SequenceEqual(issued.Der), "CS02e does not return the certificate CS02d installed");
            return "installed " + issued.Serial;
        });

        // ---- CS02b authorisation, per mode ----
        foreach (var m in SignedModes)
        {
            var clause = $"GBCS 13 CS02b mode {(int)m.Mode} ({m.Name})";
            Add($"CS02B-M{(int)m.Mode}-ACCEPT", clause, $"{m.Name} signed by the {SmkiName(m.Authoriser)} replaces the {SmkiName(m.Replaced)} cells", async s =>
            {
                var n = Resolve(m, s);
                var authoriser = s.Holder(n.Authoriser);
                var party = s.NewParty(n.Replaced);
                var replacements = s.ReplacementsFor(n.Replaced, party);
                var reply = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = n.Mode, Originator = authoriser, Replacements = replacements }, $"CS02b {n.Name} by {authoriser.Name}");
                Expect.Accepted(reply, n.Name, s, replacements);
                s.Replaced(n.Replaced, party);
                s.LastAccepted = reply.Sent;
                return $"{replacements.Count} cells now {party.Name}";
            });
            Add($"CS02B-M{(int)m.Mode}-OTHER-PARTY", clause + "; 0x8F30", $"{m.Name} authorised by another known party ({SmkiName(m.Other)}) is refused with 0x8F30 and changes nothing", async s =>
            {
                var n = Resolve(m, s);
                s.Holder(n.Authoriser);
                var other = s.Holder(n.Other);
                var before = await Snapshot(s);
                var reply = await s.SendCs02bAsync(new ConformSession.Cs02b
                {
                    Mode = n.Mode,
                    Originator = other,
                    AuthorisingCell = new TrustAnchorCellIdentifier((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)n.Other, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)Ds, CellUsage.Management),
                    Replacements = s.ReplacementsFor(n.Replaced, s.NewParty(n.Replaced)),
                }, $"CS02b {n.Name} by {other.Name}");
                Expect.Refused(reply, SourceLacksAuthority, $"{n.Name} from {SmkiName(n.Other)}");
                await Unchanged(s, before);
                return "refused: " + reply.Describe();
            });
            Add($"CS02B-M{(int)m.Mode}-FORGED", clause + "; 0x8F3D", $"{m.Name} in the {SmkiName(m.Authoriser)}'s name but signed with another key is refused with 0x8F3D", async s =>
            {
                var n = Resolve(m, s);
                var authoriser = s.Holder(n.Authoriser);
                var forger = s.NewParty(n.Authoriser, tag: "forger");
                var before = await Snapshot(s);
                var reply = await s.SendCs02bAsync(new ConformSession.Cs02b
                {
                    Mode = n.Mode,
                    Originator = authoriser,
                    Signer = forger.Signer,
                    Replacements = s.ReplacementsFor(n.Replaced, s.NewParty(n.Replaced)),
                }, $"CS02b {n.Name} signed by a forger");
                Expect.Refused(reply, TrustedSourceAuthenticationFailure, $"{n.Name} with a forged signature");
                await Unchanged(s, before);
                return "refused: " + reply.Describe();
            });
        }

        Add("CS02B-M5-ABSENT-CELL", "GBCS 13 CS02b mode 5; 0x8F30", "wanProviderByWanProvider on a device without a WAN Provider cell is refused with 0x8F30", async s =>
        {
            if (s.HasCell((int)Role.WanProvider, Ds))
            {
                throw new RuleNotApplicableException("this device type has a WAN Provider cell");
            }

            var wan = s.NewParty((int)Role.WanProvider);
            var reply = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = Mode.WanProviderByWanProvider, Originator = wan, Replacements = [(wan.DigitalSignature!.Der, new CellKey((int)Role.WanProvider, Ds, (int)CellUsage.Management))] }, "CS02b wanProviderByWanProvider");
            Expect.Refused(reply, SourceLacksAuthority, "mode 5 on a device without the cell");
            return "refused: " + reply.Describe();
        });
        Add("CS02B-M4-ACCEPT", "GBCS 13 CS02b mode 4 (accessControlBrokerByACB); GBCS 7 MAC only", "the ACB replaces its own KA cell with its MAC alone, and the new ACB's MAC is then the one that counts", async s =>
        {
            var original = s.Acb;
            var next = s.NewParty((int)Role.AccessControlBroker);
            var cell = new CellKey((int)Role.AccessControlBroker, Ka, (int)CellUsage.Management);
            var reply = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = Mode.AccessControlBrokerByAcb, Originator = original, Replacements = [(next.KeyAgreement!.Der, cell)] }, "CS02b mode 4 to a new ACB");
            Expect.Accepted(reply, "mode 4", s, [(next.KeyAgreement!.Der, cell)]);
            s.Replaced((int)Role.AccessControlBroker, next);
            // Back to the ACB the device started with, MAC'd by the new one.
            var back = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = Mode.AccessControlBrokerByAcb, Originator = next, Replacements = [(original.KeyAgreement!.Der, cell)] }, "CS02b mode 4 back to the first ACB");
            Expect.Accepted(back, "mode 4 back", s);
            s.Replaced((int)Role.AccessControlBroker, original);
            return "ACB replaced and restored";
        });
        Add("CS02B-M4-WRONG-MAC", "GBCS 13 CS02b mode 4; 0x8F3D", "a mode 4 command MAC'd by a key other than the ACB cell's is refused with 0x8F3D", async s =>
        {
            var stranger = s.NewParty((int)Role.AccessControlBroker, tag: "stranger");
            var reply = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = Mode.AccessControlBrokerByAcb, Originator = s.Acb, MacAs = stranger, Replacements = [(stranger.KeyAgreement!.Der, new CellKey((int)Role.AccessControlBroker, Ka, (int)CellUsage.Management))] }, "CS02b mode 4 MAC'd by a stranger");
            Expect.Refused(reply, TrustedSourceAuthenticationFailure, "mode 4 with a stranger's MAC");
            return "refused: " + reply.Describe();
        });
        Add("CS02B-NO-MAC", "GBCS 7 CS02b framing; 0x8F3D", "supplierBySupplier without the ACB's MAC is refused with 0x8F3D", async s =>
        {
            var reply = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = s.PrimaryMode, Originator = s.Holder(s.Primary), Mac = false, Replacements = s.ReplacementsFor(s.Primary, s.NewParty(s.Primary)) }, "CS02b without MAC");
            Expect.Refused(reply, TrustedSourceAuthenticationFailure, "CS02b without MAC");
            return "refused: " + reply.Describe();
        });
        Add("CS02B-UNSIGNED", "GBCS 7 CS02b framing; 0x8F3D", "supplierBySupplier without a signature is refused with 0x8F3D", async s =>
        {
            var reply = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = s.PrimaryMode, Originator = s.Holder(s.Primary), Sign = false, Replacements = s.ReplacementsFor(s.Primary, s.NewParty(s.Primary)) }, "CS02b unsigned");
            Expect.Refused(reply, TrustedSourceAuthenticationFailure, "an unsigned CS02b");
            return "refused: " + reply.Describe();
        });
        Add("CS02B-BAD-SIGNATURE", "GBCS 7 signature; 0x8F3D", "supplierBySupplier whose signature does not verify (the right key over other bytes) is refused with 0x8F3D", async s =>
        {
            var supplier = s.Holder(s.Primary);
            var reply = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = s.PrimaryMode, Originator = supplier, Signer = new ConformSession.WrongHashSigner(supplier.Signer), Replacements = s.ReplacementsFor(s.Primary, s.NewParty(s.Primary)) }, "CS02b, signature over other bytes");
            Expect.Refused(reply, TrustedSourceAuthenticationFailure, "a CS02b with a bad signature");
            return "refused: " + reply.Describe();
        });
        Add("CS02B-UNKNOWN-ORIGINATOR", "GBCS 13 CS02b; 0x8F3D", "a CS02b from a party in no cell (an unknown Entity Identifier) is refused with 0x8F3D", async s =>
        {
            var stranger = s.NewParty(s.Primary, tag: "stranger");
            var reply = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = s.PrimaryMode, Originator = stranger, Replacements = s.ReplacementsFor(s.Primary, stranger) }, "CS02b from an unknown party");
            Expect.Refused(reply, TrustedSourceAuthenticationFailure, "a CS02b from an unknown party");
            return "refused: " + reply.Describe();
        });
        Add("CS02B-M8-WITH-MAC", "GBCS 7 CS02b framing (recovery: signature only); 0x8F53", "a recovery command carrying a MAC Header is refused with 0x8F53", async s =>
        {
            var reply = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = Mode.AnyExceptAbnormalRootByRecovery, Originator = s.Holder((int)Role.Recovery), Mac = true, Replacements = s.ReplacementsFor(s.Primary, s.NewParty(s.Primary)) }, "CS02b recovery with a MAC");
            Expect.Refused(reply, AuthenticationFailure, "recovery with a MAC Header");
            return "refused: " + reply.Describe();
        });

        // ---- anti-replay ----
        Add("REPLAY-EQUAL-COUNTER", "GBCS 7 anti-replay; 0x8F53", "a command whose Originator Counter equals the last accepted one is refused with 0x8F53", async s =>
        {
            var who = s.DetailsRequester();
            var c = s.NextCounter();
            var first = await s.SendAsync(s.BuildCs02a(who, c), "CS02a counter c");
            Expect.That(first.HasResponse, "the first CS02a: " + first.Describe());
            var again = await s.SendAsync(s.BuildCs02a(who, c), "CS02a counter c again (new frame)");
            Expect.Refused(again, AuthenticationFailure, "an equal counter");
            return "refused: " + again.Describe();
        });
        Add("REPLAY-LOWER-COUNTER", "GBCS 7 anti-replay; 0x8F53", "a command whose Originator Counter is below the last accepted one is refused with 0x8F53", async s =>
        {
            var who = s.DetailsRequester();
            var c = s.SkipCounter(10);
            var first = await s.SendAsync(s.BuildCs02a(who, c), "CS02a counter c");
            Expect.That(first.HasResponse, "the first CS02a: " + first.Describe());
            var again = await s.SendAsync(s.BuildCs02a(who, c - 5), "CS02a counter c-5");
            Expect.Refused(again, AuthenticationFailure, "a lower counter");
            return "refused: " + again.Describe();
        });
        Add("REPLAY-SAME-FRAME", "GBCS 7 anti-replay; 0x8F53", "an accepted CS02b sent again byte for byte is refused with 0x8F53 and changes nothing", async s =>
        {
            var frame = s.LastAccepted ?? throw new RuleNotApplicableException("no CS02b was accepted earlier in this run");
            var before = await Snapshot(s);
            var reply = await s.SendAsync(frame, "the last accepted CS02b, again");
            Expect.Refused(reply, AuthenticationFailure, "a replayed CS02b");
            await Unchanged(s, before);
            return "refused: " + reply.Describe();
        });
        Add("REPLAY-SEQ-MISMATCH", "GBCS 13 CS02b [3] authorisingRemotePartySeqNumber; 0x8F53", "a CS02b whose authorisingRemotePartySeqNumber differs from its Originator Counter is refused with 0x8F53", async s =>
        {
            var c = s.SkipCounter(5);
            var reply = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = s.PrimaryMode, Originator = s.Holder(s.Primary), Counter = c, SeqNumber = c - 2, Replacements = s.ReplacementsFor(s.Primary, s.NewParty(s.Primary)) }, "CS02b, [3] != counter");
            Expect.Refused(reply, AuthenticationFailure, "a sequence-number mismatch");
            return "refused: " + reply.Describe();
        });
        Add("REPLAY-FLOOR-BELOW", "GBCS 13 CS02b [4] newRemotePartyFloorSeqNumber; 0x8F53", "after a CS02b sets the new Supplier's floor, its command with a counter at or below the floor is refused with 0x8F53", async s =>
        {
            var (party, floor) = await HandOverWithFloorAsync(s);
            s.FloorParty = (party, floor);
            var below = await s.SendAsync(s.BuildCommand(GbcsMessageCodes.ProvideDeviceCertificates, new ProvideDeviceCertificate((TrustAnchor.Firmware.TrustAnchors.KeyUsage)Ds).Encode(), party, floor), "CS02e from the new Supplier, counter = floor");
            Expect.Refused(below, AuthenticationFailure, "a counter at the floor");
            s.SkipCounter(1_000_001);
            return "refused: " + below.Describe();
        });
        Add("REPLAY-FLOOR-ABOVE", "GBCS 13 CS02b [4]", "the new Supplier's command with a counter above the floor is accepted", async s =>
        {
            var (party, floor) = s.FloorParty ?? throw new RuleNotApplicableException("REPLAY-FLOOR-BELOW did not set a floor");
            var c = Math.Max(floor + 1, s.NextCounter());
            var above = await s.SendAsync(s.BuildCommand(GbcsMessageCodes.ProvideDeviceCertificates, new ProvideDeviceCertificate((TrustAnchor.Firmware.TrustAnchors.KeyUsage)Ds).Encode(), party, c), "CS02e from the new Supplier, counter above the floor");
            Expect.That(above.HasResponse, "a counter above the floor: " + above.Describe());
            return "answered";
        });

        // ---- all or nothing ----
        Add("ATOMIC-ONE-BAD-CELL", "GBCS 13 CS02b execution outcome (all or nothing)", "a CS02b with one bad replacement applies none: the bad cell gets its status, the others 127, CS02a shows nothing changed", async s =>
        {
            var supplier = s.Holder(s.Primary);
            var party = s.NewParty(s.Primary);
            var replacements = s.ReplacementsFor(s.Primary, party);
            if (replacements.Count < 2)
            {
                throw new RuleNotApplicableException("the main party has only one cell on this device type");
            }

            var last = replacements[^1];
            replacements[^1] = ((last.Cell.KeyUsage == Ds ? party.KeyAgreement : party.DigitalSignature)!.Der, last.Cell);
            var before = await Snapshot(s);
            var reply = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = s.PrimaryMode, Originator = supplier, Replacements = replacements }, "CS02b with one wrong-usage certificate");
            var update = Expect.RefusedWithStatus(reply, ReplacementStatus.BadCertificate, "one bad cell");
            Expect.That(update.Outcome.Replacements.Count(r => r.StatusCode == ReplacementStatus.Other) == replacements.Count - 1, "the good cells are not reported as 127 (not applied)");
            await Unchanged(s, before);
            return string.Join("/", update.Outcome.Replacements.Select(r => r.StatusCode));
        });
        Add("ATOMIC-ABSENT-CELL", "GBCS 13 CS02b status 25 trustAnchorNotFound", "a recovery command naming a cell the device lacks reports 25 and applies none of its cells", async s =>
        {
            var absent = new[] { (int)Role.WanProvider, s.Primary }.FirstOrDefault(r => !s.HasCell(r, Ds), -1);
            if (absent < 0)
            {
                throw new RuleNotApplicableException("the device has every role's DS cell");
            }

            var party = s.NewParty((int)Role.TransitionalCoS);
            var stray = s.NewParty(absent);
            var before = await Snapshot(s);
            var reply = await s.SendCs02bAsync(new ConformSession.Cs02b
            {
                Mode = Mode.AnyExceptAbnormalRootByRecovery,
                Originator = s.Holder((int)Role.Recovery),
                NoFloor = true,
                Replacements = [.. s.ReplacementsFor((int)Role.TransitionalCoS, party), (stray.DigitalSignature!.Der, new CellKey(absent, Ds, (int)CellUsage.Management))],
            }, "CS02b recovery with a cell the device lacks");
            Expect.RefusedWithStatus(reply, ReplacementStatus.TrustAnchorNotFound, "an absent cell");
            await Unchanged(s, before);
            return "refused, nothing applied";
        });

        // ---- certificates ----
        void CertRule(string id, string clause, string statement, int status, Func<ConformSession, RemoteParty, List<(byte[] Der, CellKey Cell)>> make, Func<ConformSession, List<byte[]>>? path = null)
        {
            Add(id, clause, statement, async s =>
            {
                var supplier = s.Holder(s.Primary);
                var party = s.NewParty(s.Primary);
                var replacements = make(s, party);
                var before = await Snapshot(s);
                var reply = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = s.PrimaryMode, Originator = supplier, ApplyTimeChecks = true, Path = path?.Invoke(s), Replacements = replacements }, "CS02b: " + statement);
                Expect.RefusedWithStatus(reply, status, id);
                await Unchanged(s, before);
                return $"refused with status {status}";
            });
        }

        CertRule("CERT-KEY-USAGE", "GBCS 12 key usage; CS02b status 5", "a KA certificate for the Supplier DS cell is refused with status 5", ReplacementStatus.BadCertificate,
            (s, p) => [((p.KeyAgreement ?? s.NewParty((int)Role.AccessControlBroker).KeyAgreement)!.Der, new CellKey(s.Primary, Ds, (int)CellUsage.Management))]);
        CertRule("CERT-ROLE", "GBCS 12 Remote Party Role; CS02b status 5", "a Network Operator's certificate for the Supplier DS cell is refused with status 5", ReplacementStatus.BadCertificate,
            (s, p) => [(s.NewParty((int)Role.NetworkOperator).DigitalSignature!.Der, new CellKey(s.Primary, Ds, (int)CellUsage.Management))]);
        CertRule("CERT-DEVICE-PROFILE", "GBCS 12 Organisation Certificate profile; status 5", "a Device Certificate for the Supplier DS cell is refused with status 5", ReplacementStatus.BadCertificate,
            (s, p) => [(s.DeviceDsCertificate.Der, new CellKey(s.Primary, Ds, (int)CellUsage.Management))]);
        CertRule("CERT-NO-PATH", "GBCS 13 certification path; status 10", "a replacement with no Issuing OCA in the certification path is refused with status 10", ReplacementStatus.NoTrustAnchor,
            (s, p) => s.ReplacementsFor(s.Primary, p), path: _ => []);
        CertRule("CERT-FOREIGN-ROOT", "GBCS 13 path to the Root OCA held; status 10", "a certificate from another PKI's Root (with its own Issuing OCA) is refused with status 10", ReplacementStatus.NoTrustAnchor,
            (s, p) => [(s.Foreign.Issue(s.Primary).Der, new CellKey(s.Primary, Ds, (int)CellUsage.Management))], path: s => [s.Foreign.IssuingOca.Der]);
        foreach (var (which, label) in new[] { ("expired", "an expired"), ("not-yet-valid", "a not-yet-valid") })
        {
            var up = which.ToUpperInvariant();
            Add($"CERT-{up}-CPV-APPLIED", "GBCS 13 CS02b [1] applyTimeBasedCPVChecks = apply", $"{label} replacement with time-based checks applied is refused and changes nothing", async s =>
            {
                var supplier = s.Holder(s.Primary);
                var party = OutOfValidity(s, which);
                var before = await Snapshot(s);
                var reply = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = s.PrimaryMode, Originator = supplier, ApplyTimeChecks = true, Replacements = s.ReplacementsFor(s.Primary, party) }, $"CS02b, {which} certificates, checks applied");
                var update = Expect.Cs02bResponse(reply, which);
                Expect.That(!update.IsFutureDatedAcknowledgement && !update.Outcome.Replacements.Any(r => r.StatusCode == ReplacementStatus.Success), $"{label} certificate was installed with time checks applied");
                await Unchanged(s, before);
                return "refused: statuses " + string.Join("/", update.Outcome.Replacements.Select(r => r.StatusCode));
            });
            Add($"CERT-{up}-CPV-DISAPPLIED", "GBCS 13 CS02b [1] applyTimeBasedCPVChecks = disapply", $"{label} replacement with time-based checks disapplied is accepted", async s =>
            {
                var supplier = s.Holder(s.Primary);
                var party = OutOfValidity(s, which);
                var replacements = s.ReplacementsFor(s.Primary, party);
                var reply = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = s.PrimaryMode, Originator = supplier, ApplyTimeChecks = false, Replacements = replacements }, $"CS02b, {which} certificates, checks disapplied");
                Expect.Accepted(reply, which, s, replacements);
                s.Replaced(s.Primary, party);
                return "accepted";
            });
        }

        // ---- future-dated execution ----
        Add("FUTURE-ACK", "GBCS 13 CS02b executionDateTime", "a future-dated CS02b is acknowledged (30 02 05 00) and changes no cell before its time", async s =>
        {
            var supplier = s.Holder(s.Primary);
            var party = s.NewParty(s.Primary);
            var at = DateTime.UtcNow.AddSeconds(3);
            var before = await Snapshot(s);
            var replacements = s.ReplacementsFor(s.Primary, party);
            var reply = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = s.PrimaryMode, Originator = supplier, ExecutionTime = at, Replacements = replacements }, "CS02b future-dated +3 s");
            var update = Expect.Cs02bResponse(reply, "future-dated CS02b");
            Expect.That(update.IsFutureDatedAcknowledgement, "the response is not the future-dated acknowledgement 30 02 05 00");
            await Unchanged(s, before);
            s.Future = (party, at, replacements);
            return "acknowledged; due " + at.ToString("HH:mm:ss");
        });
        Add("FUTURE-EXECUTES", "GBCS 9 alert 0x00CB; 0x8F66", "at its time the command executes and the device sends a 0x00CB alert with 0x8F66, and the cells change", async s =>
        {
            var (party, at, replacements) = s.Future ?? throw new RuleNotApplicableException("FUTURE-ACK left nothing pending");
            s.Future = null;
            var wait = at - DateTime.UtcNow + TimeSpan.FromMilliseconds(300);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var reply = await s.SendAsync(s.BuildCs02a(s.DetailsRequester()), "CS02a (after the execution time)");
            var alert = reply.ParsedAlerts.FirstOrDefault(a => a?.MessageCode == GbcsMessageCodes.FutureDatedUpdateSecurityCredentialsAlert);
            Expect.That(alert is not null, "no 0x00CB alert after the execution time: " + reply.Describe());
            Expect.That(alert!.AlertCode == FutureDatedExecutionSucceeded, $"the 0x00CB alert carries 0x{alert.AlertCode:X4}, not 0x8F66");
            s.Replaced(s.Primary, party);
            await s.ReadCellsAsync();
            var ds = replacements.First(r => r.Cell.KeyUsage == Ds);
            Expect.That(s.Cells[ds.Cell].Ski.AsSpan().SequenceEqual(Expect.SkiOf(ds.Der)), "the Supplier DS cell did not change at the execution time");
            return "0x00CB / 0x8F66";
        });
        Add("FUTURE-FAILS", "GBCS 9 alert 0x00CB; 0x8F67", "a future-dated command is re-checked at its time: a certificate that expired meanwhile (time checks applied) fails with 0x8F67 and changes nothing", async s =>
        {
            var supplier = s.Holder(s.Primary);
            var now = DateTime.UtcNow;
            var party = s.NewParty(s.Primary, now.AddDays(-1), now.AddSeconds(2), "expiring");
            var at = now.AddSeconds(4);
            var reply = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = s.PrimaryMode, Originator = supplier, ApplyTimeChecks = true, ExecutionTime = at, Replacements = s.ReplacementsFor(s.Primary, party) }, "CS02b future-dated +4 s, certificates valid for 2 s more");
            Expect.That(Expect.Cs02bResponse(reply, "future-dated").IsFutureDatedAcknowledgement, "not acknowledged as future-dated: " + reply.Describe());
            var before = await Snapshot(s);
            var wait = at - DateTime.UtcNow + TimeSpan.FromMilliseconds(300);
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
            var after = await s.SendAsync(s.BuildCs02a(s.DetailsRequester()), "CS02a (after the execution time)");
            var alert = after.ParsedAlerts.FirstOrDefault(a => a?.MessageCode == GbcsMessageCodes.FutureDatedUpdateSecurityCredentialsAlert);
            Expect.That(alert is not null, "no 0x00CB alert after the execution time: " + after.Describe());
            Expect.That(alert!.AlertCode == FutureDatedExecutionFailed, $"the 0x00CB alert carries 0x{alert.AlertCode:X4}, not 0x8F67");
            await Unchanged(s, before);
            return "0x00CB / 0x8F67";
        });

        // ---- persistence across a power cycle ----
        Add("RESTART-KEEPS-CELLS", "GBCS 13 CS02b (non-volatile Trust Anchor Cells)", "a replacement survives a power cycle (RESTART): CS02a afterwards shows the new cells", async s =>
        {
            var supplier = s.Holder(s.Primary);
            var party = s.NewParty(s.Primary);
            var replacements = s.ReplacementsFor(s.Primary, party);
            var reply = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = s.PrimaryMode, Originator = supplier, Replacements = replacements }, "CS02b supplierBySupplier");
            Expect.Accepted(reply, "the CS02b", s, replacements);
            s.Replaced(s.Primary, party);
            s.LastAccepted = reply.Sent;
            await s.RestartAsync();
            await s.ReadCellsAsync("CS02a after RESTART");
            foreach (var (der, cell) in replacements)
            {
                Expect.That(s.Cells.TryGetValue(cell, out var held) && held.Ski.AsSpan().SequenceEqual(Expect.SkiOf(der)), $"after RESTART {cell} no longer holds the replacement");
            }

            return $"{replacements.Count} cells kept";
        });
        Add("RESTART-KEEPS-COUNTERS", "GBCS 7 anti-replay (non-volatile counters); 0x8F53", "after a power cycle, a command accepted before it, sent again, is still refused with 0x8F53", async s =>
        {
            var frame = s.BuildCs02a(s.DetailsRequester());
            var first = await s.SendAsync(frame, "CS02a");
            Expect.That(first.HasResponse, "CS02a: " + first.Describe());
            await s.RestartAsync();
            var reply = await s.SendAsync(frame, "the same CS02a again, after RESTART");
            Expect.Refused(reply, AuthenticationFailure, "a replay after RESTART");
            return "refused: " + reply.Describe();
        });
        Add("RESTART-KEEPS-FLOOR", "GBCS 13 CS02b [4] (non-volatile floors)", "a floor set by CS02b still holds after a power cycle", async s =>
        {
            var (party, floor) = await HandOverWithFloorAsync(s);
            await s.RestartAsync();
            var below = await s.SendAsync(s.BuildCommand(GbcsMessageCodes.ProvideDeviceCertificates, new ProvideDeviceCertificate((TrustAnchor.Firmware.TrustAnchors.KeyUsage)Ds).Encode(), party, floor - 10), "CS02e from the new Supplier below its floor, after RESTART");
            Expect.Refused(below, AuthenticationFailure, "a counter below the floor after RESTART");
            s.SkipCounter(1_000_001);
            return "refused: " + below.Describe();
        });

        // ---- malformed frames ----
        void Malformed(string id, string statement, Func<ConformSession, byte[]> make)
        {
            Add(id, "GBCS 7 framing; device-processing step 1", statement, async s =>
            {
                var before = await Snapshot(s);
                var reply = await s.SendAsync(make(s), id.ToLowerInvariant());
                Expect.Silent(reply, statement);
                await Unchanged(s, before);
                return "dropped: " + reply.Describe();
            });
        }

        Malformed("MALFORMED-TRUNCATED", "a CS02b cut short is dropped with no response and no state change", s =>
        {
            var frame = s.BuildCs02b(new ConformSession.Cs02b { Mode = s.PrimaryMode, Originator = s.Holder(s.Primary), Replacements = s.ReplacementsFor(s.Primary, s.NewParty(s.Primary)) }, out _);
            return frame[..(frame.Length / 2)];
        });
        Malformed("MALFORMED-GARBAGE", "bytes that are no GBCS frame are dropped with no response and no state change", _ => [0xDF, 0x09, 0x01, 0x02, 0x03, 0xFF, 0xFF, 0xFF]);
        Malformed("MALFORMED-NOT-A-COMMAND", "a frame with CRA flag 2 (a response) is not executed", s =>
        {
            var b = new GbcsMessageBuilder(GbcsCraFlag.Response, s.NextCounter(), s.Holder(s.Primary).EntityId, s.Eui64, GbcsMessageCodes.ProvideSecurityCredentialsDetails);
            b.SetContent(new ProvideSecurityCredentialsDetails(new TrustAnchorCellIdentifier((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)s.Primary, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)Ds, CellUsage.Management), [(TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)s.Primary]).Encode());
            return b.Build(s.Holder(s.Primary).Signer, new AcbMacProvider(s.Acb, s.Device));
        });
        Malformed("MALFORMED-OTHER-TARGET", "a valid command addressed to another device is ignored (no response, no alert)", s =>
        {
            var b = GbcsMessageBuilder.Command(s.NextCounter(), s.Holder(s.Primary).EntityId, [0x00, 0xDB, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01], GbcsMessageCodes.ProvideDeviceCertificates);
            b.SetContent(new ProvideDeviceCertificate((TrustAnchor.Firmware.TrustAnchors.KeyUsage)Ds).Encode());
            return b.Build(s.Holder(s.Primary).Signer);
        });
        Malformed("MALFORMED-PAYLOAD", "a signed and MAC'd CS02b whose payload is not DER is dropped with no state change", s =>
        {
            var supplier = s.Holder(s.Primary);
            var b = GbcsMessageBuilder.Command(s.NextCounter(), supplier.EntityId, s.Eui64, GbcsMessageCodes.ForUpdateSecurityCredentials(s.PrimaryMode));
            b.SetContent([0x30, 0x81, 0x05, 0x02, 0x01]);
            return b.Build(supplier.Signer, new AcbMacProvider(s.Acb, s.Device));
        });
        Add("MALFORMED-REPEATED-0x8F60", "GBCS 9 alert 0x8F60", "five malformed frames in a row raise 0x8F60 (unusual numbers of malformed commands)", async s =>
        {
            await s.ReadCellsAsync("CS02a (a good frame first: the count starts at 0)");
            var codes = new List<int>();
            for (var i = 0; i < 5; i++)
            {
                var reply = await s.SendAsync([0xDF, 0x09, 0x01, (byte)i, 0x00], $"malformed frame {i + 1}");
                Expect.That(!reply.HasResponse, "a malformed frame got a response");
                codes.AddRange(reply.AlertCodes);
            }

            Expect.That(codes.Contains(UnusualCommands), "no 0x8F60 after five malformed frames");
            return "0x8F60 raised";
        });
        Add("UNSUPPORTED-MESSAGE-CODE", "GBCS 7 (refusal by Message Code)", "a well-formed, signed and MAC'd frame with a Message Code the device does not support is not executed and changes nothing", async s =>
        {
            var before = await Snapshot(s);
            var supplier = s.Holder(s.Primary);
            var reply = await s.SendAsync(s.BuildCommand(0x0041, [0x05, 0x00], supplier), "frame with Message Code 0x0041");
            Expect.That(!reply.HasResponse, "the device answered an unsupported Message Code: " + reply.Describe());
            await Unchanged(s, before);
            return reply.Describe();
        });

        // ---- what the device sends ----
        Add("RESPONSE-HEADER", "GBCS 7 Grouping Header (response)", "a response has CRA flag 2, the command's counter and Message Code, the device as originator and the requester as target", async s =>
        {
            var who = s.DetailsRequester();
            var c = s.NextCounter();
            var reply = await s.SendAsync(s.BuildCs02a(who, c), "CS02a");
            var m = reply.ResponseMessage ?? throw new RuleFailedException("CS02a: " + reply.Describe());
            Expect.That(m.CraFlag == GbcsCraFlag.Response, $"CRA flag {m.CraFlag}, not 2");
            Expect.That(m.OriginatorCounter == c, $"counter {m.OriginatorCounter}, command {c}");
            Expect.That(m.MessageCode == GbcsMessageCodes.ProvideSecurityCredentialsDetails, $"Message Code 0x{m.MessageCode:X4}");
            Expect.That(m.OriginatorId.AsSpan().SequenceEqual(s.Eui64), "the originator is not the device");
            Expect.That(m.TargetId.AsSpan().SequenceEqual(who.EntityId), "the target is not the requester");
            return "header as GBCS requires";
        });
        Add("ALERT-FORMAT", "GBCS 9 device alerts (0x1000/0x1001)", "a security alert is a CRA-3 frame from the device with Message Code 0x1000 or 0x1001, signed by the device", async s =>
        {
            var reply = await s.SendAsync(s.BuildCs02a(s.DetailsRequester(), mac: false), "CS02a without MAC (to raise an alert)");
            Expect.That(reply.Alerts.Count > 0, "no alert: " + reply.Describe());
            var m = GbcsMessage.Parse(reply.Alerts[0]);
            Expect.That(m.CraFlag == GbcsCraFlag.Alert, $"CRA flag {m.CraFlag}, not 3");
            Expect.That(m.MessageCode is GbcsMessageCodes.GenericCriticalAlert or GbcsMessageCodes.GenericNonCriticalAlert, $"Message Code 0x{m.MessageCode:X4}");
            Expect.That(m.OriginatorId.AsSpan().SequenceEqual(s.Eui64), "the originator is not the device");
            Expect.That(s.Device.VerifyDeviceSignature(m), "the alert is not signed by the device's DS key");
            return $"0x{m.MessageCode:X4}, alert 0x{GbcsAlert.Parse(m).AlertCode:X4}";
        });
        Add("RESPONSES-SIGNED", "GBCS 7 signature (responses and alerts)", "every response and alert the device sent in this run is signed with its DS key", s =>
        {
            Expect.That(s.UnsignedFrames.Count == 0, $"{s.UnsignedFrames.Count} frame(s) not signed by the device's DS key: {string.Join("; ", s.UnsignedFrames.Take(5))}");
            return Task.FromResult("all signed");
        });

        return rules;
    }

    /// <summary>
    /// The primary party hands its cells to a new party by CS02b with a floor far above the counter (the floor rules'
    /// common set-up); returns the new party and its floor.
    /// </summary>
    private static async Task<(RemoteParty Party, ulong Floor)> HandOverWithFloorAsync(ConformSession s)
    {
        var supplier = s.Holder(s.Primary);
        var party = s.NewParty(s.Primary);
        var c = s.NextCounter();
        var floor = c + 1_000_000;
        var reply = await s.SendCs02bAsync(new ConformSession.Cs02b { Mode = s.PrimaryMode, Originator = supplier, Counter = c, Floor = floor, Replacements = s.ReplacementsFor(s.Primary, party) }, "CS02b supplierBySupplier, floor c+1,000,000");
        Expect.Accepted(reply, "the CS02b that sets the floor");
        s.Replaced(s.Primary, party);
        return (party, floor);
    }

    private static string SmkiName(int role) => role == Primary ? "Supplier (WAN Provider on a hub)" : Smki.RemotePartyRole.Name(role);

    private static (Mode Mode, string Name, int Authoriser, int Replaced, int Other) Resolve((Mode Mode, string Name, int Authoriser, int Replaced, int Other) m, ConformSession s) =>
        m with { Replaced = m.Replaced == Primary ? s.Primary : m.Replaced, Other = m.Other == Primary ? s.Primary : m.Other };

    private static RemoteParty OutOfValidity(ConformSession s, string which)
    {
        var now = DateTime.UtcNow;
        return which == "expired"
            ? s.NewParty(s.Primary, now.AddYears(-3), now.AddYears(-2), "expired")
            : s.NewParty(s.Primary, now.AddYears(1), now.AddYears(5), "not-yet-valid");
    }

    /// <summary>The device's cells as CS02a reports them (identities and SKIs; counters change with every command).</summary>
    private static async Task<string> Snapshot(ConformSession s)
    {
        await s.ReadCellsAsync("CS02a (state before)");
        return string.Join(";", s.Cells.OrderBy(c => c.Key.Role).ThenBy(c => c.Key.KeyUsage).ThenBy(c => c.Key.CellUsage)
            .Select(c => $"{c.Key}={Convert.ToHexString(c.Value.EntityId)}/{Convert.ToHexString(c.Value.Ski)}"));
    }

    private static async Task Unchanged(ConformSession s, string before)
    {
        await s.ReadCellsAsync("CS02a (state after)");
        var after = string.Join(";", s.Cells.OrderBy(c => c.Key.Role).ThenBy(c => c.Key.KeyUsage).ThenBy(c => c.Key.CellUsage)
            .Select(c => $"{c.Key}={Convert.ToHexString(c.Value.EntityId)}/{Convert.ToHexString(c.Value.Ski)}"));
        if (after != before)
        {
            var b = before.Split(';').ToHashSet();
            var changed = after.Split(';').Where(x => !b.Contains(x)).ToList();
            throw new RuleFailedException("a refused command changed the device's cells: " + string.Join(", ", changed));
        }
    }
}
