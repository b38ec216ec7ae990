using TrustAnchor.Firmware.Storage;

namespace TrustAnchor.Simulator.Devices;

/// <summary>
/// A virtual device's flash as a file (BlockSize x BlockCount bytes), so a simulated meter keeps its Trust Anchor
/// Cells across simulator restarts. NOR semantics like the board: a new file reads 0xFF, erase sets a block to
/// 0xFF, programming ANDs. Every erase and write is flushed to the disk before it returns, so killing the
/// simulator is a power cut the store is built to survive.
/// </summary>
public sealed class FileFlashStorage : IFlashStorage, IDisposable
{
    private readonly FileStream file;

    public FileFlashStorage(string path, int blockSize, int blockCount)
    {
        if (blockSize <= 0 || blockCount <= 0)
            throw new StoreException(StoreError.FlashTooSmall, "flash geometry must be positive");

        BlockSize = blockSize;
        BlockCount = blockCount;
        long size = (long)blockSize * blockCount;
        bool fresh = !File.Exists(path);
        file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.WriteThrough);
        if (!fresh && file.Length != size)
        {
            long actual = file.Length;
            file.Dispose();
            throw new StoreException(StoreError.FlashTooSmall, $"flash file {path} is {actual} bytes, expected {size}");
        }

        if (fresh)
        {
            byte[] erased = new byte[blockSize];
            Array.Fill(erased, (byte)0xFF);
            for (int b = 0; b < blockCount; b++) file.Write(erased);
            file.Flush(flushToDisk: true);
        }
    }

    public int BlockSize { get; }
    public int BlockCount { get; }

    public void Read(int block, int offset, byte[] buffer, int bufferOffset, int count)
    {
        Check(block, offset, buffer, bufferOffset, count);
        file.Position = (long)block * BlockSize + offset;
        file.ReadExactly(buffer, bufferOffset, count);
    }

    public void Write(int block, int offset, byte[] data, int dataOffset, int count)
    {
        Check(block, offset, data, dataOffset, count);
        byte[] current = new byte[count];
        Read(block, offset, current, 0, count);
        for (int i = 0; i < count; i++) current[i] &= data[dataOffset + i];
        file.Position = (long)block * BlockSize + offset;
        file.Write(current, 0, count);
        file.Flush(flushToDisk: true);
    }

    public void Erase(int block)
    {
        if (block < 0 || block >= BlockCount)
            throw new StoreException(StoreError.FlashAccessOutOfRange, $"erase of block {block} out of range");
        byte[] erased = new byte[BlockSize];
        Array.Fill(erased, (byte)0xFF);
        file.Position = (long)block * BlockSize;
        file.Write(erased);
        file.Flush(flushToDisk: true);
    }

    public void Dispose() => file.Dispose();

    private void Check(int block, int offset, byte[] buffer, int bufferOffset, int count)
    {
        if (buffer == null || block < 0 || block >= BlockCount || offset < 0 || count < 0 || offset > BlockSize - count
            || bufferOffset < 0 || bufferOffset > buffer.Length - count)
            throw new StoreException(StoreError.FlashAccessOutOfRange, "flash access out of range");
    }
}
