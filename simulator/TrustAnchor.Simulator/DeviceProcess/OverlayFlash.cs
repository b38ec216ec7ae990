using TrustAnchor.Firmware.Storage;

namespace TrustAnchor.Simulator.DeviceProcess;

/// <summary>
/// The lose-replacement-on-restart defect: flash writes land in a RAM copy of the part and never reach it, as in
/// firmware that caches its store and forgets to write it back. <see cref="Forget"/> (a power cycle) drops them.
/// </summary>
public sealed class OverlayFlash(IFlashStorage part) : IFlashStorage
{
    private byte[] _image = Load(part);

    public int BlockSize => part.BlockSize;

    public int BlockCount => part.BlockCount;

    public void Read(int block, int offset, byte[] buffer, int bufferOffset, int count)
    {
        Check(block, offset, count);
        Array.Copy(_image, block * BlockSize + offset, buffer, bufferOffset, count);
    }

    public void Write(int block, int offset, byte[] data, int dataOffset, int count)
    {
        Check(block, offset, count);
        var at = block * BlockSize + offset;
        for (var i = 0; i < count; i++)
        {
            _image[at + i] &= data[dataOffset + i];
        }
    }

    public void Erase(int block)
    {
        Check(block, 0, 0);
        Array.Fill(_image, (byte)0xFF, block * BlockSize, BlockSize);
    }

    /// <summary>Power cycle: back to what the part really holds.</summary>
    public void Forget() => _image = Load(part);

    private static byte[] Load(IFlashStorage part)
    {
        var image = new byte[part.BlockSize * part.BlockCount];
        for (var b = 0; b < part.BlockCount; b++)
        {
            part.Read(b, 0, image, b * part.BlockSize, part.BlockSize);
        }

        return image;
    }

    private void Check(int block, int offset, int count)
    {
        if (block < 0 || block >= BlockCount || offset < 0 || count < 0 || offset > BlockSize - count)
        {
            throw new StoreException(StoreError.FlashAccessOutOfRange, "flash access out of range");
        }
    }
}
