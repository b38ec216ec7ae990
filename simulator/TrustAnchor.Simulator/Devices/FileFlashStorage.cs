using Microsoft.Win32.SafeHandles;
using TrustAnchor.Firmware.Storage;

namespace TrustAnchor.Simulator.Devices;

/// <summary>
/// A virtual device's flash as a file under the run folder: NOR semantics (erase sets 0xFF, programming can only
/// clear bits), an in-memory image for reads and every write and erase written through to the file at once, so a
/// device "rebooted" by reopening the file sees exactly what was programmed. Bounds are checked like real flash.
/// </summary>
public sealed class FileFlashStorage : IFlashStorage, IDisposable
{
    private readonly byte[] _image;
    private readonly SafeFileHandle _file;
    private readonly object _gate = new();

    public FileFlashStorage(string path, int blockSize, int blockCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockCount, 2);
        BlockSize = blockSize;
        BlockCount = blockCount;
        Path = path;
        var size = (long)blockSize * blockCount;
        var exists = File.Exists(path);
        _file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        _image = new byte[size];
        if (exists && RandomAccess.GetLength(_file) == size)
        {
            var read = 0;
            while (read < _image.Length)
            {
                var n = RandomAccess.Read(_file, _image.AsSpan(read), read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }
        }
        else
        {
            // A new part leaves the factory erased.
            Array.Fill(_image, (byte)0xFF);
            RandomAccess.SetLength(_file, size);
            RandomAccess.Write(_file, _image, 0);
        }
    }

    public string Path { get; }

    public int BlockSize { get; }

    public int BlockCount { get; }

    public long Writes { get; private set; }

    public long Erases { get; private set; }

    public void Read(int block, int offset, byte[] buffer, int bufferOffset, int count)
    {
        var at = Locate(block, offset, count);
        CheckBuffer(buffer, bufferOffset, count);
        lock (_gate)
        {
            Array.Copy(_image, at, buffer, bufferOffset, count);
        }
    }

    public void Write(int block, int offset, byte[] data, int dataOffset, int count)
    {
        var at = Locate(block, offset, count);
        CheckBuffer(data, dataOffset, count);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _image[at + i] &= data[dataOffset + i];
            }

            RandomAccess.Write(_file, _image.AsSpan((int)at, count), at);
            Writes++;
        }
    }

    public void Erase(int block)
    {
        var at = Locate(block, 0, BlockSize);
        lock (_gate)
        {
            Array.Fill(_image, (byte)0xFF, (int)at, BlockSize);
            RandomAccess.Write(_file, _image.AsSpan((int)at, BlockSize), at);
            Erases++;
        }
    }

    private long Locate(int block, int offset, int count)
    {
        if (block < 0 || block >= BlockCount || offset < 0 || count < 0 || offset + count > BlockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(block), $"flash access block {block} offset {offset} count {count} is outside {BlockCount} x {BlockSize}");
        }

        return (long)block * BlockSize + offset;
    }

    private static void CheckBuffer(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (offset < 0 || count < 0 || offset + count > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), "buffer range is outside the buffer");
        }
    }

    /// <summary>A copy of the whole flash, to prove a refused command wrote nothing.</summary>
    public byte[] Snapshot()
    {
        lock (_gate)
        {
            return (byte[])_image.Clone();
        }
    }

    public void Dispose() => _file.Dispose();
}
