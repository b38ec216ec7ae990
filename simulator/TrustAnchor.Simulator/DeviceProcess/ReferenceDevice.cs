using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Link;
using TrustAnchor.Firmware.Provisioning;
using TrustAnchor.Firmware.Storage;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Simulator.Devices;

namespace TrustAnchor.Simulator.DeviceProcess;

/// <summary>
/// The reference device of <c>trustanchor-sim device</c>: the firmware's <see cref="GbcsDevice"/> (the code every
/// virtual device and a board run) with its flash and keys in a run folder, served over the device link.
/// Run folder: <c>factory.der</c> (the factory file it was made from), <c>flash.bin</c> (the Trust Anchor store's
/// flash part, 8 × 4 KiB as an ESP32 board), <c>credentials.bin</c> (<see cref="CredentialsFile"/>).
/// A power cycle (RESTART, or a new process on the same folder) drops every RAM state and reopens the store.
/// </summary>
public sealed class ReferenceDevice : ILinkedDevice, IDisposable
{
    public const int FlashBlockSize = 4096;
    public const int FlashBlockCount = 8;
    public const string FactoryFileName = "factory.der";
    public const string FlashFileName = "flash.bin";
    public const string CredentialsFileName = "credentials.bin";

    private readonly string _folder;
    private readonly int _defects;
    private readonly IDeviceClock _clock = new SystemDeviceClock();
    private readonly SystemEntropy _entropy = new();
    private FactoryFile? _factory;
    private FileFlashStorage? _part;
    private OverlayFlash? _overlay;
    private GbcsDevice? _device;
    private byte[]? _savedCredentials;

    private ReferenceDevice(string folder, int defects)
    {
        _folder = folder;
        _defects = defects;
    }

    /// <summary>
    /// Opens (or makes) the device in <paramref name="runFolder"/>. With <paramref name="factoryFile"/>, a new folder takes
    /// it; a folder made from another factory file is refused. Without one, a folder's own factory file is used, or the
    /// device starts blank and waits for FACTORY over the link, as a board fresh from flashing.
    /// </summary>
    /// <exception cref="DeviceSetupException">The factory file or the run folder cannot be used.</exception>
    public static ReferenceDevice Open(string runFolder, byte[]? factoryFile, int defects)
    {
        var device = new ReferenceDevice(Path.GetFullPath(runFolder), defects);
        try
        {
            Directory.CreateDirectory(device._folder);
            var kept = device.PathOf(FactoryFileName);
            if (factoryFile is not null)
            {
                if (File.Exists(kept) && !File.ReadAllBytes(kept).AsSpan().SequenceEqual(factoryFile))
                {
                    throw new DeviceSetupException($"run folder {runFolder} belongs to a device made from another factory file");
                }

                device.TakeFactory(factoryFile);
            }
            else if (File.Exists(kept))
            {
                device.TakeFactory(File.ReadAllBytes(kept));
            }

            if (device._factory is not null)
            {
                device.PowerUp();
            }

            return device;
        }
        catch (Exception e) when (e is TrustAnchorException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            device.Dispose();
            throw new DeviceSetupException(e is PackException ? "factory file refused: " + e.Message : e.Message, e);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    public bool IsReady => _device is not null;

    public TrustAnchor.Firmware.TrustAnchors.DeviceType DeviceType => _factory?.Identity.DeviceType ?? 0;

    public byte[] Eui64 => _factory?.Identity.Eui64 ?? new byte[8];

    public string RunFolder => _folder;

    /// <summary>The firmware device (for tests: its store and last decision).</summary>
    public GbcsDevice? Firmware => _device;

    public DeviceOutput Process(byte[] frame)
    {
        var device = _device ?? throw new DeviceException(DeviceError.InvalidConfiguration, "no factory file loaded");
        var output = device.Process(frame);
        SaveCredentials(device.Credentials);
        return output;
    }

    public DeviceOutput Poll() => _device?.Poll() ?? DeviceOutput.Empty;

    public void Restart()
    {
        if (_factory is null)
        {
            return; // a blank device has no RAM state worth dropping
        }

        _device = null;
        _overlay?.Forget();
        PowerUp();
    }

    public void LoadFactory(byte[] factoryFile)
    {
        if (_factory is not null)
        {
            throw new DeviceException(DeviceError.InvalidConfiguration, "this device already holds a factory file");
        }

        TakeFactory(factoryFile);
        try
        {
            PowerUp();
        }
        catch (TrustAnchorException)
        {
            _factory = null;
            TryDelete(PathOf(FactoryFileName));
            throw;
        }
    }

    public void Dispose()
    {
        _device = null;
        _part?.Dispose();
        _part = null;
    }

    private void TakeFactory(byte[] factoryFile)
    {
        var parsed = FactoryFile.Parse(factoryFile);
        WriteAtomically(PathOf(FactoryFileName), factoryFile);
        _factory = parsed;
    }

    /// <summary>Power-up: open the store (provisioning it from the pack on first start), load or make the keys.</summary>
    private void PowerUp()
    {
        var factory = _factory!;
        _part ??= new FileFlashStorage(PathOf(FlashFileName), FlashBlockSize, FlashBlockCount);
        var store = TrustAnchorStore.Open(_part);
        if (!store.IsProvisioned)
        {
            FactoryProvisioning.Provision(store, factory.PackDer, factory.Identity.DeviceType);
        }

        if ((_defects & SeededDefect.LoseReplacementOnRestart) != 0)
        {
            _overlay ??= new OverlayFlash(_part);
            store = TrustAnchorStore.Open(_overlay);
        }

        _device = new GbcsDevice(factory.Identity, store, _clock, _entropy, LoadCredentials()) { Defects = _defects & ~SeededDefect.LoseReplacementOnRestart };
    }

    private DeviceCredentials LoadCredentials()
    {
        var path = PathOf(CredentialsFileName);
        if (File.Exists(path))
        {
            var data = File.ReadAllBytes(path);
            try
            {
                var credentials = CredentialsFile.Decode(data);
                _savedCredentials = data;
                return credentials;
            }
            catch (Exception e) when (e is InvalidDataException or TrustAnchorException)
            {
                throw new DeviceException(DeviceError.InvalidConfiguration, $"{path}: {e.Message}");
            }
        }

        var fresh = DeviceCredentials.Generate(_entropy);
        SaveCredentials(fresh);
        return fresh;
    }

    private void SaveCredentials(DeviceCredentials credentials)
    {
        var data = CredentialsFile.Encode(credentials);
        if (_savedCredentials is not null && _savedCredentials.AsSpan().SequenceEqual(data))
        {
            return;
        }

        try
        {
            WriteAtomically(PathOf(CredentialsFileName), data);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DeviceException(DeviceError.InvalidConfiguration, "cannot keep the device credentials: " + e.Message);
        }

        _savedCredentials = data;
    }

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static void WriteAtomically(string path, byte[] data)
    {
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, data);
        File.Move(temporary, path, overwrite: true);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
