using System.CommandLine;
using TrustAnchor.Simulator.Conformance;
using TrustAnchor.Simulator.Devices;
using TrustAnchor.Simulator.Link;
using TrustAnchor.Smki;

namespace TrustAnchor.Simulator.Cli;

/// <summary>
/// <c>conform --device URI --type T [--pki D] [--rules PATTERN] [--report-junit F] [--report-json F] [--report-html F]</c>
/// and <c>conform --list</c>: the DCC's side of the security-credential rules against any device on a link.
/// Exit 0 every applicable rule passed, 1 a rule failed, 2 usage or connection error (one line on stderr; the
/// reports are still written for the rules that ran).
/// </summary>
public static class ConformCommand
{
    public const int ExitPassed = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    /// <summary>Opens links conform cannot open itself (tests swap it; default: the device link's own factory).</summary>
    public static Func<string, CancellationToken, Task<IDeviceLink>> Connect { get; set; } = DeviceLinks.ConnectAsync;

    /// <summary>The last in-process device conform made (tests look inside it).</summary>
    public static InProcessDeviceLink? LastInProcess { get; private set; }

    /// <summary>Set by tests to make the next in-process device vanish after this many exchanges.</summary>
    public static int? InProcessVanishAfter { get; set; }

    public static Command Create()
    {
        var device = new Option<string?>("--device", "-d") { Description = "The device: tcp://HOST:PORT, serial:/dev/ttyX?baud=N, or inproc: (the firmware in this process; inproc:?certificates=none to enrol it)." };
        var type = new Option<string?>("--type", "-t") { Description = "Device type: esme, gsme, chf or ppmid." };
        type.AcceptOnlyFromAmong("esme", "gsme", "chf", "ppmid");
        var pki = new Option<string>("--pki") { Description = "The SMKI folder conform signs with (the device holds its manufacturing pack).", DefaultValueFactory = _ => "smki" };
        var rules = new Option<string?>("--rules", "-r") { Description = "Only rules whose id matches (e.g. 'CS02B-*,REPLAY-*')." };
        var junit = new Option<string?>("--report-junit") { Description = "Write a JUnit XML report (a testcase per rule)." };
        var json = new Option<string?>("--report-json") { Description = "Write a JSON report with every rule's evidence." };
        var html = new Option<string?>("--report-html") { Description = "Write a self-contained HTML report (verdicts, sequence diagrams, decoded frames)." };
        var list = new Option<bool>("--list") { Description = "List the rules and exit." };
        var deviceKeys = new Option<string?>("--device-keys") { Description = "The device's credentials file as its maker keeps it (the reference device's RUN-FOLDER/credentials.bin): conform takes the two public keys from it and has the SMKI's DCA certify them when the Repository does not hold the device's certificates yet." };
        var command = new Command("conform", "Run the GBCS security-credential conformance rules against a device and give a verdict per rule.")
        {
            device, type, pki, rules, junit, json, html, list, deviceKeys,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var selected = RuleCatalog.Select(parse.GetValue(rules));
            if (parse.GetValue(list))
            {
                foreach (var rule in selected)
                {
                    stdout.WriteLine($"{rule.Id,-34} {rule.Clause}");
                    stdout.WriteLine($"{"",-34} {rule.Statement}");
                }

                stdout.WriteLine($"{selected.Count} rules");
                return ExitPassed;
            }

            if (parse.GetValue(device) is not { } uri || parse.GetValue(type) is not { } kind)
            {
                stderr.WriteLine("error: conform needs --device URI and --type T (or --list)");
                return ExitUsage;
            }

            if (selected.Count == 0)
            {
                stderr.WriteLine($"error: no rule matches '{parse.GetValue(rules)}' (see conform --list)");
                return ExitUsage;
            }

            var pkiFolder = Path.GetFullPath(parse.GetValue(pki)!);
            if (!Directory.Exists(pkiFolder))
            {
                stderr.WriteLine($"error: no SMKI in {pkiFolder} (make one with 'smki init' or 'factory --pki', or give --pki)");
                return ExitUsage;
            }

            SmkiPki smki;
            try
            {
                smki = SmkiPki.Open(pkiFolder);
            }
            catch (Exception ex) when (ex is SmkiException or IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: cannot open the SMKI in {pkiFolder}: {ex.Message}");
                return ExitUsage;
            }

            var deviceType = VirtualFactory.DeviceTypeOf(kind);
            IDeviceLink link;
            try
            {
                if (uri.StartsWith("inproc:", StringComparison.OrdinalIgnoreCase))
                {
                    var inproc = InProcessDeviceLink.Create(smki, deviceType, uri["inproc:".Length..], Random.Shared.Next(1, 1 << 24));
                    inproc.VanishAfterExchanges = InProcessVanishAfter;
                    LastInProcess = inproc;
                    link = inproc;
                }
                else
                {
                    link = await Connect(uri, cancellationToken);
                }
            }
            catch (DeviceLinkException ex)
            {
                stderr.WriteLine("error: " + ex.Message);
                return ExitUsage;
            }

            if ((int)link.Hello.Type != deviceType)
            {
                await link.DisposeAsync();
                stderr.WriteLine($"error: the device at {uri} says it is device type {link.Hello.Type}, not {kind} ({deviceType})");
                return ExitUsage;
            }

            (byte[] Ds, byte[] Ka)? declared = null;
            if (parse.GetValue(deviceKeys) is { } keysFile)
            {
                try
                {
                    var credentials = DeviceProcess.CredentialsFile.Decode(File.ReadAllBytes(keysFile));
                    declared = (credentials.Signing.PublicKey, credentials.KeyAgreementKey.PublicKey);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Firmware.Errors.TrustAnchorException or FormatException or ArgumentException or InvalidDataException or DeviceProcess.DeviceSetupException)
                {
                    await link.DisposeAsync();
                    stderr.WriteLine($"error: cannot read the device keys from {keysFile}: {ex.Message}");
                    return ExitUsage;
                }
            }

            await using var session = new ConformSession(link, smki, deviceType);
            var plain = Console.IsOutputRedirected || stdout != Console.Out;
            stdout.WriteLine($"conform: {Scenarios.DeviceKinds.DisplayName(kind)} {session.EuiHex} at {uri}; {selected.Count} rules; SMKI {pkiFolder}");
            var outcome = await new ConformRunner(session, stdout, plain) { DeclaredKeys = declared }.RunAllAsync(uri, selected, cancellationToken);

            try
            {
                if (parse.GetValue(junit) is { } j)
                {
                    ConformReports.WriteJUnit(outcome, j);
                }

                if (parse.GetValue(json) is { } js)
                {
                    ConformReports.WriteJson(outcome, js);
                }

                if (parse.GetValue(html) is { } h)
                {
                    ConformHtmlReport.Write(outcome, h, session);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine("error: cannot write the report: " + ex.Message);
                return ExitUsage;
            }

            stdout.WriteLine($"{outcome.Passed} passed, {outcome.Failed} failed, {outcome.NotApplicable} not applicable ({outcome.Duration.TotalSeconds:0.0} s)");
            if (outcome.Aborted is { } reason && outcome.Results.Any(r => r.Rule.Id == "LINK"))
            {
                stderr.WriteLine("error: " + reason);
                return ExitUsage;
            }

            return outcome.Failed == 0 ? ExitPassed : ExitFailed;
        });
        return command;
    }
}
