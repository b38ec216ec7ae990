using Microsoft.Extensions.Logging;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Devices;
using TrustAnchor.Smki;
using TrustAnchor.Simulator.Hosting;
using TrustAnchor.Simulator.Han;
using TrustAnchor.Simulator.Reporting;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Simulator.Wan;

namespace TrustAnchor.Simulator.Premises;

/// <summary>
/// Makes a premises at the virtual factory: every device gets a blank flash part (a file under the run folder, or
/// memory), the manufacturing pack, its own keys and an RTC set roughly; every meter an install code.
/// </summary>
public sealed class PremisesBuilder(ILogger<PremisesBuilder> logger)
{
    public SmartMeteringSystem Build(DccEnvironment dcc, int index, string name, LinkFaults wan, LinkFaults han, RunReport report)
    {
        var options = dcc.Options;
        var folder = Path.Combine(dcc.RunFolder, name);
        // A temporary fleet keeps only the premises in flight on disk, as flat files in the run folder: a folder
        // per premises would cost a mkdir and an rmdir (about a millisecond on ext4) each.
        var transientFiles = dcc.DeletesFolder && options.Premises > 1;
        var inMemory = options.DeviceStorage == DeviceStorageKind.Memory;
        var world = new WorldClock(dcc.Scenario.StartTime);
        var random = new Random(Seeds.Derive(options.Seed, index, "premises"));
        var devices = new List<VirtualDevice>();
        var installCodes = new Dictionary<string, InstallCode>();
        var flashFiles = new List<string>();
        var system = new SmartMeteringSystem(dcc, index, name, wan, han, report, world, random, devices, installCodes, flashFiles, transientFiles);
        try
        {
            if (!inMemory && !transientFiles)
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true); // a kept run folder: new devices each run
                }

                Directory.CreateDirectory(folder);
            }

            var kinds = new List<string> { DeviceKinds.CommsHub };
            kinds.AddRange(dcc.Scenario.Meters);
            var pack = dcc.PackDer(dcc.BuildPack);
            for (var i = 0; i < kinds.Count; i++)
            {
                var kind = kinds[i];
                var eui = DeviceEui.For(index, kind, i);
                var file = transientFiles
                    ? Path.Combine(dcc.RunFolder, $"{name}-{kind}-{Convert.ToHexString(eui)}.flash")
                    : Path.Combine(folder, $"{kind}-{Convert.ToHexString(eui)}.flash");
                if (!inMemory)
                {
                    flashFiles.Add(file);
                }

                var flash = inMemory
                    ? DeviceFlash.InMemory(options.FlashBlockSize, options.FlashBlockCount)
                    : DeviceFlash.OnFile(file, options.FlashBlockSize, options.FlashBlockCount);
                // Factory RTCs are set roughly; commissioning synchronises them.
                var clock = new DeviceClock(world, TimeSpan.FromSeconds(random.Next(-600, 600)));
                var device = dcc.Factory.Build(kind, eui, pack, flash, clock, Seeds.Derive(options.Seed, index, "device-" + i));
                devices.Add(device);
                if (!inMemory && !dcc.DeletesFolder)
                {
                    // A kept run folder also keeps what DCC-side tools need about the device (keystore verb).
                    Keystore.DeviceCredentialArchive.Keep(dcc.Smki, folder, device, logger);
                }

                logger.LogDebug("{Premises}: {Kind} {Eui} made with {Pack}, flash {Where}", name, kind, Convert.ToHexString(eui), dcc.BuildPack.PackName(), flash.Where);
                if (kind != DeviceKinds.CommsHub)
                {
                    installCodes[Convert.ToHexString(eui)] = InstallCode.Create(random);
                }
            }
        }
        catch
        {
            system.DisposeDevices();
            throw;
        }

        return system;
    }
}
