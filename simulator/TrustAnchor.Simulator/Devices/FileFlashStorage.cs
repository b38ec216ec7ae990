using System.Numerics;
using Microsoft.Win32.SafeHandles;
using TrustAnchor.Firmware.Storage;

namespace TrustAnchor.Simulator.Devices;

/// <summary>
/// A virtual device's flash as a file (BlockSize x BlockCount bytes), so a simulated meter keeps its Trust Anchor
/// Cells across simulator restarts. NOR semantics like the board: a new file reads 0xFF, erase sets a block to
/// 0xFF, programming ANDs. Reads come from an in-memory image; every erase and write goes to the file (one pwrite)
/// before it returns, so killing the simulator is a power cut the store is built to survive. With
/// <c>flushToDisk</c> each write is also forced to the disk (survives losing the machine; slow for fleets).
/// </summary>
public sealed class FileFlashStorage : IFlashStorage, IDisposable
{
    private readonly byte[] _image;
    private readonly SafeFileHandle _file;
    private readonly bool _flushToDisk;
    private readonly object _gate = new();

    public FileFlashStorage(string path, int blockSize, int blockCount, bool flushToDisk = false)
    {
        if (blockSize <= 0 || blockCount <= 0)
        {
            throw new StoreException(StoreError.FlashTooSmall, "flash geometry must be positive");
        }

        BlockSize = blockSize;
        BlockCount = blockCount;
        Path = path;
        _flushToDisk = flushToDisk;
        var size = (long)blockSize * blockCount;
        var fresh = !File.Exists(path);
        _file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        _image = new byte[size];
        if (fresh)
        {
            // A new part leaves the factory erased.
            Array.Fill(_image, (byte)0xFF);
            RandomAccess.Write(_file, _image, 0);
            Flush();
            return;
        }

        var actual = RandomAccess.GetLength(_file);
        if (actual != size)
        {
            _file.Dispose();
            throw new StoreException(StoreError.FlashTooSmall, $"flash file {path} is {actual} bytes, expected {size}");
        }

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

    public string Path { get; }

    public int BlockSize { get; }

    public int BlockCount { get; }

    public void Read(int block, int offset, byte[] buffer, int bufferOffset, int count)
    {
        var at = Locate(block, offset, buffer, bufferOffset, count);
        lock (_gate)
        {
            Array.Copy(_image, at, buffer, bufferOffset, count);
        }
    }

    public void Write(int block, int offset, byte[] data, int dataOffset, int count)
    {
        var at = Locate(block, offset, data, dataOffset, count);
        lock (_gate)
        {
            Program(_image.AsSpan((int)at, count), data.AsSpan(dataOffset, count));

            RandomAccess.Write(_file, _image.AsSpan((int)at, count), at);
            Flush();
        }
    }

    public void Erase(int block)
    {
        if (block < 0 || block >= BlockCount)
        {
            throw new StoreException(StoreError.FlashAccessOutOfRange, $"erase of block {block} out of range");
        }

        var at = (long)block * BlockSize;
        lock (_gate)
        {
            Array.Fill(_image, (byte)0xFF, (int)at, BlockSize);
            RandomAccess.Write(_file, _image.AsSpan((int)at, BlockSize), at);
            Flush();
        }
    }

    /// <summary>NOR programming only clears bits: target &amp;= source, a vector at a time.</summary>
    private static void Program(Span<byte> target, ReadOnlySpan<byte> source)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= target.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                (new Vector<byte>(target[i..]) & new Vector<byte>(source[i..])).CopyTo(target[i..]);
            }
        }

        for (; i < target.Length; i++)
        {
            target[i] &= source[i];
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

    private void Flush()
    {
        if (_flushToDisk)
        {
            RandomAccess.FlushToDisk(_file);
        }
    }

    private long Locate(int block, int offset, byte[] buffer, int bufferOffset, int count)
    {
        if (buffer == null || block < 0 || block >= BlockCount || offset < 0 || count < 0 || offset > BlockSize - count
            || bufferOffset < 0 || bufferOffset > buffer.Length - count)
        {
            throw new StoreException(StoreError.FlashAccessOutOfRange, "flash access out of range");
        }

        return (long)block * BlockSize + offset;
    }
}
