using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Configuration;
using TrustAnchor.Cli;

namespace TrustAnchor.Smki.Cli;

/// <summary>
/// The <c>smki</c> verbs: init, subscriber, approve, issue-org, csr, batch, revoke, crl, pack, show, export-key. The simulator
/// mounts <see cref="Create"/> under its root command. Refusals print "refused: Code (n): reason" on stderr and exit 2;
/// usage errors print one "error: …" line and exit 2 too (see <see cref="CliRunner"/>).
/// </summary>
public static class SmkiCommand
{
    /// <summary>The configuration section <c>--config</c> files use: SmkiOptions for init, and "Pki" (the folder).</summary>
    public const string ConfigSection = "Smki";

    /// <summary>A fresh <c>smki</c> command tree (options are not shared between trees).</summary>
    public static Command Create() => new Verbs().Build();

    /// <summary>Runs <c>smki</c> verbs on their own (as the tests do), with the same exit codes and error lines as the simulator.</summary>
    public static int Invoke(IReadOnlyList<string> args, TextWriter output, TextWriter error) =>
        CliRunner.Invoke(Create(), args, output, error);

    private sealed class Verbs
    {
        private readonly Option<string?> pkiOption = new("--pki")
        {
            Description = "PKI folder (made by init; default: Smki:Pki from --config, else ./smki)",
            Recursive = true,
        };

        private readonly Option<DateTime?> nowOption = Recursive(OptionChecks.UtcDateTime("--now", "Pretend it is this UTC date/time (ISO 8601), e.g. 2027-01-01T00:00:00Z"));

        private readonly Option<string?> configOption = ConfigFile.CreateOption(recursive: true);

        public Command Build()
        {
            var smki = new Command("smki", "Test SMKI: Organisation and Device CAs, CSRs, Batched CSRs, revocation and manufacturing packs");
            smki.Add(pkiOption);
            smki.Add(nowOption);
            smki.Add(configOption);
            smki.Add(InitCommand());
            smki.Add(SubscriberCommand());
            smki.Add(ApproveCommand());
            smki.Add(IssueOrgCommand());
            smki.Add(CsrCommand());
            smki.Add(BatchCommand());
            smki.Add(RevokeCommand());
            smki.Add(CrlCommand());
            smki.Add(PackCommand());
            smki.Add(ShowCommand());
            smki.Add(ExportKeyCommand());
            return smki;
        }

        private Command InitCommand()
        {
            var root = new Option<int?>("--root-years") { Description = "Root OCA / Root DCA validity (default 50)" }.AtLeast(1);
            var issuing = new Option<int?>("--issuing-years") { Description = "Issuing OCA / Issuing DCA validity (default 25)" }.AtLeast(1);
            var org = new Option<int?>("--org-years") { Description = "Organisation Certificate validity (default 10)" }.AtLeast(1);
            var from = OptionChecks.UtcDateTime("--not-before", "notBefore of the CAs and the 2016 pack (default 2016-06-01)");
            var command = new Command("init", "Make a fresh PKI: both hierarchies, the pack parties, the 2016 and MP261 packs") { root, issuing, org, from };
            command.SetAction(r => Run(r, (o, _) =>
            {
                // Built-in defaults, then the --config file's "Smki" section, then the options given here.
                var options = ConfigFile.Bind(Configuration(r), ConfigSection, new SmkiOptions());
                options.Clock = ClockFor(r);
                options.RootValidityYears = r.GetValue(root) ?? options.RootValidityYears;
                options.IssuingValidityYears = r.GetValue(issuing) ?? options.IssuingValidityYears;
                options.OrganisationValidityYears = r.GetValue(org) ?? options.OrganisationValidityYears;
                options.HierarchyNotBefore = r.GetValue(from) ?? options.HierarchyNotBefore;

                var pki = SmkiPki.Init(PkiFolder(r), options);
                o.WriteLine($"PKI made in {pki.Folder}");
                WriteSummary(o, pki);
            }));
            return command;
        }

        private Command SubscriberCommand()
        {
            var name = new Option<string>("--name") { Description = "Organisation name", Required = true };
            var roles = new Option<string?>("--roles") { Description = "Comma-separated Remote Party Roles it may request, e.g. supplier,networkOperator" };
            var tests = new Option<bool>("--entry-tests") { Description = "Has completed the User Entry Process Tests" };
            var connection = new Option<string>("--connection") { Description = "gateway (DCC Gateway) or portal (internet portal)", DefaultValueFactory = _ => "gateway" };
            var command = new Command("subscriber", "Add or replace an Authorised Subscriber") { name, roles, tests, connection };
            command.SetAction(r => Run(r, (o, pki) =>
            {
                var subscriber = new AuthorisedSubscriber
                {
                    Organisation = r.GetValue(name)!,
                    Roles = (r.GetValue(roles) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(RemotePartyRole.Parse).ToArray(),
                    EntryTestsCompleted = r.GetValue(tests),
                    Connection = ParseConnection(r.GetValue(connection)!),
                };
                pki!.AddSubscriber(subscriber);
                o.WriteLine($"subscriber '{subscriber.Organisation}' roles=[{string.Join(',', subscriber.Roles.Select(RemotePartyRole.Name))}] entryTests={subscriber.EntryTestsCompleted} connection={subscriber.Connection}");
            }));
            return command;
        }

        private Command ApproveCommand()
        {
            var reference = new Option<string>("--reference") { Description = "SMKI PMA reference, e.g. MP261", Required = true };
            var role = new Option<string>("--role") { Description = "recovery, transitionalCoS, wanProvider or accessControlBroker", Required = true };
            var ski = new Option<string>("--ski") { Description = "Subject Key Identifier of the key that may be reused (hex)", Required = true };
            var command = new Command("approve", "Record an SMKI PMA approval to reuse a key (L11.4A/B, MP261)") { reference, role, ski };
            command.SetAction(r => Run(r, (o, pki) =>
            {
                var approval = pki!.RecordPmaApproval(r.GetValue(reference)!, RemotePartyRole.Parse(r.GetValue(role)!), ParseHex(r.GetValue(ski)!, 8, "--ski"));
                o.WriteLine($"approval {approval.Reference}: role {RemotePartyRole.Name(approval.Role)} may reuse the key with SKI {approval.SubjectKeyId}");
            }));
            return command;
        }

        private Command IssueOrgCommand()
        {
            var role = new Option<string>("--role") { Description = "Remote Party Role, e.g. supplier", Required = true };
            var usage = new Option<string>("--usage") { Description = "ds or ka", Required = true };
            var entity = new Option<string>("--entity-id") { Description = "Entity Identifier, 16 hex digits", Required = true };
            var cn = new Option<string?>("--cn") { Description = "Common name (optional)" };
            var publicKey = new Option<string?>("--public-key") { Description = "Uncompressed P-256 point in hex; omitted: the PKI makes and keeps the key pair" };
            var output = new Option<string?>("--out") { Description = "Write the certificate (DER) here" };
            var command = new Command("issue-org", "Issue an Organisation Certificate directly (a Known Remote Party of the PKI)") { role, usage, entity, cn, publicKey, output };
            command.SetAction(r => Run(r, (o, pki) =>
            {
                var record = pki!.IssueOrganisationCertificate(
                    RemotePartyRole.Parse(r.GetValue(role)!),
                    SmkiKeyUsageExtensions.ParseKeyUsage(r.GetValue(usage)!),
                    ParseHex(r.GetValue(entity)!, 8, "--entity-id"),
                    r.GetValue(cn),
                    r.GetValue(publicKey) is { } pk ? ParseHex(pk, 65, "--public-key") : null);
                WriteCertificate(o, record, r.GetValue(output));
            }));
            return command;
        }

        private Command CsrCommand()
        {
            var input = new Option<string>("--in") { Description = "PKCS#10 request, DER or PEM", Required = true };
            var subscriber = new Option<string>("--subscriber") { Description = "Authorised Subscriber sending it", Required = true };
            var via = new Option<string?>("--via") { Description = "gateway or portal (default: the subscriber's connection)" };
            var device = new Option<string?>("--device-id") { Description = "Device EUI-64 (hex) if the CSR has no hardwareModuleName" };
            var usage = new Option<string?>("--usage") { Description = "ds or ka if the CSR requests no keyUsage" };
            var output = new Option<string?>("--out") { Description = "Write the certificate (DER) here" };
            var command = new Command("csr", "Process one CSR (Organisation or Device)") { input, subscriber, via, device, usage, output };
            command.SetAction(r => Run(r, (o, pki) =>
            {
                var csr = ReadCsrs(r.GetValue(input)!).Single();
                var submission = new CsrSubmission(r.GetValue(subscriber)!, r.GetValue(via) is { } v ? ParseConnection(v) : null);
                var deviceId = r.GetValue(device) is { } d ? ParseHex(d, 8, "--device-id") : null;
                var keyUsage = r.GetValue(usage) is { } u ? SmkiKeyUsageExtensions.ParseKeyUsage(u) : (SmkiKeyUsage?)null;
                var record = deviceId is null && keyUsage is null
                    ? pki!.ProcessCsr(csr, submission)
                    : pki!.ProcessDeviceCsr(csr, submission, deviceId, keyUsage);
                WriteCertificate(o, record, r.GetValue(output));
            }));
            return command;
        }

        private Command BatchCommand()
        {
            var input = new Option<string?>("--in") { Description = "File of PEM CERTIFICATE REQUEST blocks (or a folder of .csr/.der/.pem files)" };
            var generate = new Option<int?>("--generate") { Description = "Instead of --in: make N device key pairs and CSRs (as a manufacturer would) and send them" }.AtLeast(1);
            var firstDevice = new Option<string>("--first-device-id") { Description = "First Device EUI-64 for --generate (hex)", DefaultValueFactory = _ => "00124B0000000000" };
            var subscriber = new Option<string>("--subscriber") { Description = "Authorised Subscriber sending it", Required = true };
            var via = new Option<string?>("--via") { Description = "gateway or portal (default: the subscriber's connection)" };
            var output = new Option<string?>("--out") { Description = "Write the issued certificates here as PEM" };
            var command = new Command("batch", "Process a Batched CSR of up to 50,000 Device CSRs") { input, generate, firstDevice, subscriber, via, output };
            command.SetAction(r => Run(r, (o, pki) =>
            {
                var error = r.InvocationConfiguration.Error;
                List<byte[]> csrs;
                if (r.GetValue(generate) is { } count)
                {
                    csrs = GenerateDeviceCsrs(count, ParseHex(r.GetValue(firstDevice)!, 8, "--first-device-id"), error);
                }
                else if (r.GetValue(input) is { } path)
                {
                    csrs = ReadCsrs(path);
                }
                else
                {
                    throw new UsageException("give --in FILE or --generate N");
                }

                var submission = new CsrSubmission(r.GetValue(subscriber)!, r.GetValue(via) is { } v ? ParseConnection(v) : null);
                var started = System.Diagnostics.Stopwatch.StartNew();
                var result = pki!.ProcessBatch(csrs, submission, csrs.Count >= 1000 ? new ProgressBar(error, csrs.Count, Terminal.CanRedraw(error)) : null);
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batch: {csrs.Count} CSRs, {result.IssuedCount} issued, {result.RefusedCount} refused in {started.Elapsed.TotalSeconds:F2} s"));
                foreach (var refused in result.Items.Where(i => !i.Issued).Take(20))
                {
                    o.WriteLine($"  #{refused.Index}: refused {refused.Error} ({(int)refused.Error!}): {refused.Reason}");
                }

                if (r.GetValue(output) is { } outPath)
                {
                    var pem = new StringBuilder();
                    foreach (var record in result.Certificates)
                    {
                        pem.Append(PemEncoding.Write("CERTIFICATE", record.Der)).Append('\n');
                    }

                    File.WriteAllText(outPath, pem.ToString());
                    o.WriteLine($"certificates written to {outPath}");
                }
            }));
            return command;
        }

        private Command RevokeCommand()
        {
            var serial = new Option<string>("--serial") { Description = "Serial number (hex)", Required = true };
            var reason = new Option<X509RevocationReason>("--reason") { Description = "RFC 5280 reason, e.g. KeyCompromise", DefaultValueFactory = _ => X509RevocationReason.Unspecified };
            var command = new Command("revoke", "Revoke a certificate (it goes on the next CRL / ARL)") { serial, reason };
            command.SetAction(r => Run(r, (o, pki) =>
            {
                var entry = pki!.Revoke(r.GetValue(serial)!, r.GetValue(reason));
                o.WriteLine($"revoked {entry.Serial} at {entry.RevokedAt:yyyy-MM-ddTHH:mm:ssZ} ({entry.Reason})");
            }));
            return command;
        }

        private Command CrlCommand()
        {
            var arl = new Option<bool>("--arl") { Description = "Issue the ARL (Root OCA; revoked Issuing OCAs) instead of a CRL" };
            var issuer = new Option<string>("--issuer") { Description = "oca (Organisation Certificates) or dca (Device Certificates)", DefaultValueFactory = _ => "oca" };
            var output = new Option<string>("--out") { Description = "Write the CRL (DER) here", Required = true };
            var command = new Command("crl", "Issue a CRL or the ARL") { arl, issuer, output };
            command.SetAction(r => Run(r, (o, pki) =>
            {
                var der = r.GetValue(arl)
                    ? pki!.IssueArl()
                    : pki!.IssueCrl(r.GetValue(issuer)!.ToLowerInvariant() switch
                    {
                        "oca" => CertificateKind.IssuingOca,
                        "dca" => CertificateKind.IssuingDca,
                        var other => throw new SmkiException(SmkiErrorCode.InvalidArgument, $"--issuer {other}: use oca or dca"),
                    });
                File.WriteAllBytes(r.GetValue(output)!, der);
                o.WriteLine($"{(r.GetValue(arl) ? "ARL" : "CRL")} ({der.Length} bytes, {pki.Revocations.Count} revocations recorded) written to {r.GetValue(output)}");
            }));
            return command;
        }

        private Command PackCommand()
        {
            var kind = new Option<string>("--kind") { Description = "original (DCC-2016) or mp261 (DCC-MP261-2024)", DefaultValueFactory = _ => "mp261" };
            var output = new Option<string>("--out") { Description = "Write the manufacturing pack (DER) here", Required = true };
            var command = new Command("pack", "Write a manufacturing pack in the device's pack format") { kind, output };
            command.SetAction(r => Run(r, (o, pki) =>
            {
                var packKind = PackKinds.Parse(r.GetValue(kind)!);
                var der = pki!.CreateManufacturingPack(packKind);
                File.WriteAllBytes(r.GetValue(output)!, der);
                o.WriteLine($"pack {packKind.PackName()} ({der.Length} bytes) written to {r.GetValue(output)}");
                foreach (var (cell, certificate) in pki.PackCertificates(packKind))
                {
                    o.WriteLine($"  {RemotePartyRole.Name(cell.Role),-20} {cell.KeyUsage.ShortName()}{(cell.CellUsage == PackCell.PrePaymentTopUp ? " top-up" : "       ")}  {certificate}");
                }
            }));
            return command;
        }

        private Command ShowCommand()
        {
            var serial = new Option<string?>("--serial") { Description = "Look up by serial (hex)" };
            var ski = new Option<string?>("--ski") { Description = "Look up by Subject Key Identifier (hex)" };
            var entity = new Option<string?>("--entity-id") { Description = "Look up by Entity Identifier / Device EUI-64 (hex)" };
            var output = new Option<string?>("--out") { Description = "Write the (single) certificate found (DER) here" };
            var command = new Command("show", "Show the PKI, or look certificates up in the repository") { serial, ski, entity, output };
            command.SetAction(r => Run(r, (o, pki) =>
            {
                IReadOnlyList<CertificateRecord>? found = null;
                if (r.GetValue(serial) is { } s)
                {
                    found = pki!.FindBySerial(s) is { } one ? [one] : [];
                }
                else if (r.GetValue(ski) is { } k)
                {
                    found = pki!.FindBySubjectKeyId(ParseHex(k, 8, "--ski"));
                }
                else if (r.GetValue(entity) is { } e)
                {
                    found = pki!.FindByEntityId(ParseHex(e, 8, "--entity-id"));
                }

                if (found is null)
                {
                    WriteSummary(o, pki!);
                    return;
                }

                if (found.Count == 0)
                {
                    throw new SmkiException(SmkiErrorCode.UnknownCertificate, "no certificate found");
                }

                foreach (var record in found)
                {
                    var verdict = pki!.CheckCertificate(record.Der);
                    o.WriteLine($"{record} status={verdict.Status}");
                }

                if (r.GetValue(output) is { } path)
                {
                    File.WriteAllBytes(path, found[^1].Der);
                    o.WriteLine($"certificate {found[^1].Serial} written to {path}");
                }
            }));
            return command;
        }

        private Command ExportKeyCommand()
        {
            var id = new Option<string>("--serial") { Description = "Serial or SKI (hex) of a certificate whose key the PKI holds", Required = true };
            var output = new Option<string>("--out") { Description = "Write the PKCS#8 private key (DER) here", Required = true };
            var command = new Command("export-key", "Deliberately export a private key the PKI holds (for the simulator)") { id, output };
            command.SetAction(r => Run(r, (o, pki) =>
            {
                File.WriteAllBytes(r.GetValue(output)!, pki!.ExportPrivateKeyPkcs8(r.GetValue(id)!));
                o.WriteLine($"private key exported to {r.GetValue(output)}");
            }));
            return command;
        }

        /// <summary>
        /// Runs a verb. A refusal by the SMKI's rules prints "refused: Code (n): reason"; a bad argument or a folder that
        /// is not a PKI is a usage error. Both exit 2. Anything else goes to <see cref="CliRunner"/>.
        /// </summary>
        private int Run(ParseResult r, Action<TextWriter, SmkiPki?> action)
        {
            var output = r.InvocationConfiguration.Output;
            var error = r.InvocationConfiguration.Error;
            try
            {
                var isInit = r.CommandResult.Command.Name == "init";
                var pki = isInit ? null : SmkiPki.Open(PkiFolder(r), ClockFor(r));
                action(output, pki);
                return ExitCodes.Success;
            }
            catch (SmkiException e) when (e.Code is SmkiErrorCode.InvalidArgument or SmkiErrorCode.FolderState)
            {
                error.WriteLine($"error: {CliRunner.OneLine(e.Message)}");
                return ExitCodes.Usage;
            }
            catch (SmkiException e)
            {
                error.WriteLine($"refused: {e.Code} ({(int)e.Code}): {CliRunner.OneLine(e.Message)}");
                return ExitCodes.Usage;
            }
            catch (FormatException e)
            {
                // Bad base64 in a PEM file and the like: the input, not the program.
                error.WriteLine($"error: {CliRunner.OneLine(e.Message)}");
                return ExitCodes.Usage;
            }
        }

        private IConfiguration Configuration(ParseResult r) => new ConfigurationBuilder().AddConfigFile(r.GetValue(configOption)).Build();

        /// <summary>--pki, else Smki:Pki from the --config file, else ./smki.</summary>
        private string PkiFolder(ParseResult r) =>
            r.GetValue(pkiOption) ?? Configuration(r)[ConfigSection + ":Pki"] ?? "smki";

        private ISmkiClock ClockFor(ParseResult r) => r.GetValue(nowOption) is { } now ? new FixedClock(now) : SystemClock.Instance;

        private static Option<T> Recursive<T>(Option<T> option)
        {
            option.Recursive = true;
            return option;
        }

        private static SubscriberConnection ParseConnection(string text) => text.ToLowerInvariant() switch
        {
            "gateway" or "dccgateway" => SubscriberConnection.DccGateway,
            "portal" or "internetportal" => SubscriberConnection.InternetPortal,
            _ => throw new SmkiException(SmkiErrorCode.InvalidArgument, $"'{text}' is not a connection (gateway or portal)"),
        };

        private static byte[] ParseHex(string text, int length, string what)
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromHexString(text.Replace("-", string.Empty, StringComparison.Ordinal).Replace(":", string.Empty, StringComparison.Ordinal));
            }
            catch (FormatException)
            {
                throw new SmkiException(SmkiErrorCode.InvalidArgument, $"{what}: '{text}' is not hex");
            }

            if (bytes.Length != length)
            {
                throw new SmkiException(SmkiErrorCode.InvalidArgument, $"{what}: expected {length} bytes, got {bytes.Length}");
            }

            return bytes;
        }

        /// <summary>CSRs from a DER file, a PEM file (any number of CERTIFICATE REQUEST blocks) or a folder of such files.</summary>
        private static List<byte[]> ReadCsrs(string path)
        {
            if (Directory.Exists(path))
            {
                return Directory.GetFiles(path).Order(StringComparer.Ordinal).SelectMany(ReadCsrs).ToList();
            }

            var bytes = File.ReadAllBytes(path);
            if (bytes.Length > 0 && bytes[0] == 0x30)
            {
                return [bytes];
            }

            var text = Encoding.ASCII.GetString(bytes).AsSpan();
            var result = new List<byte[]>();
            while (PemEncoding.TryFind(text, out var fields))
            {
                var label = text[fields.Label];
                if (label.SequenceEqual("CERTIFICATE REQUEST") || label.SequenceEqual("NEW CERTIFICATE REQUEST"))
                {
                    result.Add(Convert.FromBase64String(text[fields.Base64Data].ToString()));
                }

                text = text[fields.Location.End.Value..];
            }

            if (result.Count == 0)
            {
                throw new SmkiException(SmkiErrorCode.MalformedCsr, $"{path} holds no DER or PEM certificate request");
            }

            return result;
        }

        private static List<byte[]> GenerateDeviceCsrs(int count, byte[] firstDeviceId, TextWriter error)
        {
            var first = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(firstDeviceId);
            var csrs = new byte[count][];
            var done = 0;
            var progress = count >= 1000 ? new ProgressBar(error, count, Terminal.CanRedraw(error)) : null;
            if (progress is not null)
            {
                error.WriteLine($"making {count:N0} device key pairs and CSRs...");
            }

            Parallel.For(0, count, i =>
            {
                using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                var id = new byte[8];
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(id, first + (ulong)i);
                csrs[i] = SmkiCsr.CreateDevice(key, id, i % 2 == 0 ? SmkiKeyUsage.DigitalSignature : SmkiKeyUsage.KeyAgreement);
                var n = Interlocked.Increment(ref done);
                if (n % 500 == 0 || n == count)
                {
                    progress?.Report(n);
                }
            });
            return csrs.ToList();
        }

        private static void WriteCertificate(TextWriter o, CertificateRecord record, string? path)
        {
            o.WriteLine(record.ToString());
            if (path is not null)
            {
                File.WriteAllBytes(path, record.Der);
                o.WriteLine($"certificate written to {path}");
            }
        }

        private static void WriteSummary(TextWriter o, SmkiPki pki)
        {
            o.WriteLine($"Root OCA    {pki.RootOca}");
            o.WriteLine($"Issuing OCA {pki.IssuingOca}");
            o.WriteLine($"Root DCA    {pki.RootDca}");
            o.WriteLine($"Issuing DCA {pki.IssuingDca}");
            var all = pki.Certificates;
            o.WriteLine($"certificates: {all.Count} ({all.Count(c => c.Kind == CertificateKind.Organisation)} Organisation, {all.Count(c => c.Kind == CertificateKind.Device)} Device); revocations: {pki.Revocations.Count}");
            o.WriteLine("packs: " + string.Join(", ", Enum.GetValues<PackKind>().Select(k => k.PackName())));
            foreach (var party in pki.KnownRemoteParties)
            {
                o.WriteLine($"  known remote party {party.Name}: {party.Certificate.Serial} ski={party.Certificate.SubjectKeyId} notAfter={party.Certificate.NotAfter:yyyy-MM-dd}");
            }

            foreach (var s in pki.Subscribers)
            {
                o.WriteLine($"  subscriber '{s.Organisation}' roles=[{string.Join(',', s.Roles.Select(RemotePartyRole.Name))}] entryTests={s.EntryTestsCompleted} connection={s.Connection}");
            }
        }
    }
}
