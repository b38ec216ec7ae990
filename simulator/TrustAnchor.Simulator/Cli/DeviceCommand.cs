using System.CommandLine;
using System.Runtime.InteropServices;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Link;
using TrustAnchor.Simulator.DeviceProcess;
using TrustAnchor.Simulator.Link;

namespace TrustAnchor.Simulator.Cli;

/// <summary>
/// <c>device --listen URI [--factory FILE] [--run-folder D] [--defect NAME]...</c>: the reference device — the
/// firmware as one device of the factory file's type, served over the device link until SIGINT/SIGTERM (exit 0).
/// Prints one line when listening: <c>listening on tcp://127.0.0.1:PORT as TYPE EUI64 (run folder D)</c>.
/// <c>device --list-defects</c>: one seeded defect per line, its name then what it breaks.
/// Exit 0 stopped cleanly, 1 the link failed while serving, 2 usage error (one <c>error:</c> line).
/// </summary>
public static class DeviceCommand
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    public static Command Create()
    {
        var listen = new Option<string?>("--listen") { Description = "Where to serve the device link: tcp://HOST:PORT (port 0: any free port) or serial:/dev/ttyX?baud=N." };
        var factory = new Option<string?>("--factory") { Description = "The factory file to start from ('factory' writes one). Without it: the run folder's own, or a blank device waiting for FACTORY on the link." };
        var runFolder = new Option<string?>("--run-folder") { Description = "Folder for the device's flash, keys and factory file (kept; a restart resumes it). Default: a temporary folder, deleted afterwards." };
        var defect = new Option<string[]>("--defect") { Description = "Seed a defect (see --list-defects); may be given more than once.", DefaultValueFactory = _ => [] };
        var listDefects = new Option<bool>("--list-defects") { Description = "List the seeded defects, one per line: name, then what it breaks." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log link events (connections, restarts) to stderr." };
        var command = new Command("device", "Run the firmware as one device in this process, served over the device link (TCP or serial) until stopped.")
        {
            listen, factory, runFolder, defect, listDefects, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            if (parse.GetValue(listDefects))
            {
                ListDefects(stdout);
                return ExitOk;
            }

            var uri = parse.GetValue(listen);
            if (uri is null)
            {
                return Usage(stderr, "--listen is required (tcp://127.0.0.1:PORT or serial:/dev/ttyX?baud=N)");
            }

            var defects = 0;
            foreach (var name in parse.GetValue(defect) ?? [])
            {
                var flag = SeededDefect.Parse(name);
                if (flag == 0)
                {
                    return Usage(stderr, $"--defect '{name}' is not a seeded defect (see device --list-defects)");
                }

                defects |= flag;
            }

            byte[]? factoryBytes = null;
            if (parse.GetValue(factory) is { } factoryPath)
            {
                try
                {
                    factoryBytes = File.ReadAllBytes(factoryPath);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return Usage(stderr, $"--factory {factoryPath}: {e.Message}");
                }
            }

            var folder = parse.GetValue(runFolder);
            var temporary = folder is null;
            folder ??= Path.Combine(Path.GetTempPath(), "trustanchor-device-" + Guid.NewGuid().ToString("N")[..12]);
            ReferenceDevice device;
            try
            {
                device = ReferenceDevice.Open(folder, factoryBytes, defects);
            }
            catch (DeviceSetupException e)
            {
                return Usage(stderr, e.Message);
            }

            try
            {
                return await ServeAsync(device, uri, temporary ? "temporary" : folder, defects, parse.GetValue(verbose) ? stderr : null, stdout, stderr, cancellationToken);
            }
            finally
            {
                device.Dispose();
                if (temporary)
                {
                    TryDeleteFolder(folder);
                }
            }
        });
        return command;
    }

    private static async Task<int> ServeAsync(ReferenceDevice device, string uri, string folderText, int defects, TextWriter? log, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        DeviceListener listener;
        try
        {
            listener = DeviceListener.Start(device, uri, log is null ? null : new TextLinkLog(log));
        }
        catch (DeviceLinkException e)
        {
            return Usage(stderr, e.Message);
        }

        var who = device.IsReady
            ? $"{DeviceTypes.Name((DeviceType)device.DeviceType)} {Convert.ToHexString(device.Eui64)}"
            : "a blank device (waiting for FACTORY)";
        var seeded = defects == 0 ? "" : ", seeded defects: " + string.Join(",", DefectNames(defects));
        stdout.WriteLine($"listening on {listener.ListeningOn} as {who} (run folder {folderText}{seeded})");
        stdout.Flush();

        try
        {
            await listener.Completion.WaitAsync(stop.Token).ConfigureAwait(false);
            stderr.WriteLine("error: the device link stopped serving");
            return ExitFailed;
        }
        catch (OperationCanceledException)
        {
            listener.Stop();
            await listener.Completion.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            stdout.WriteLine("device stopped");
            stdout.Flush();
            return ExitOk;
        }

        void Handle(PosixSignalContext context)
        {
            context.Cancel = true; // end cleanly: stop serving, close the store, exit 0
            stop.Cancel();
        }
    }

    private static IEnumerable<string> DefectNames(int defects)
    {
        for (var i = 0; i < SeededDefect.Count; i++)
        {
            if ((defects & SeededDefect.FlagAt(i)) != 0)
            {
                yield return SeededDefect.NameAt(i);
            }
        }
    }

    private static void ListDefects(TextWriter stdout)
    {
        var width = 0;
        for (var i = 0; i < SeededDefect.Count; i++)
        {
            width = Math.Max(width, SeededDefect.NameAt(i).Length);
        }

        for (var i = 0; i < SeededDefect.Count; i++)
        {
            stdout.WriteLine($"{SeededDefect.NameAt(i).PadRight(width)}  {SeededDefect.DescriptionAt(i)}");
        }
    }

    private static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine("error: " + message);
        return ExitUsage;
    }

    private static void TryDeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private sealed class TextLinkLog(TextWriter writer) : ILinkLog
    {
        public void Write(string line)
        {
            lock (writer)
            {
                writer.WriteLine(line);
            }
        }
    }
}
