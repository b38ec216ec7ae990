using TrustAnchor.Firmware.Storage;

namespace TrustAnchor.Simulator.Devices;

/// <summary>A device's flash part, file-backed or in RAM, with a snapshot to prove nothing was written.</summary>
public sealed class DeviceFlash : IDisposable
{
    private readonly FileFlashStorage? _file;
    private readonly RamFlashStorage? _ram;

    private DeviceFlash(FileFlashStorage? file, RamFlashStorage? ram)
    {
        _file = file;
        _ram = ram;
    }

    public IFlashStorage Storage => (IFlashStorage?)_file ?? _ram!;

    public string Where => _file?.Path ?? "RAM";

    public static DeviceFlash OnFile(string path, int blockSize, int blockCount) => new(new FileFlashStorage(path, blockSize, blockCount), null);

    public static DeviceFlash InMemory(int blockSize, int blockCount) => new(null, new RamFlashStorage(blockSize, blockCount));

    public byte[] Snapshot() => _file?.Snapshot() ?? _ram!.ToArray();

    public void Dispose() => _file?.Dispose();
}
