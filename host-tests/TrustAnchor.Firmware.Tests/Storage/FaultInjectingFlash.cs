using TrustAnchor.Firmware.Storage;

namespace TrustAnchor.Firmware.Tests.Storage;

/// <summary>The power failed: the device stops here and restarts from whatever the flash holds.</summary>
public sealed class PowerCutException : Exception
{
    public PowerCutException(int step) : base($"power cut at flash step {step}") { }
}

/// <summary>How the flash operation in progress at the power cut ends up.</summary>
public enum CutMode
{
    /// <summary>The operation never started.</summary>
    Clean,
    /// <summary>Programming stopped part-way: a prefix of the bytes written, the next byte half-programmed (some of its bits cleared).</summary>
    TornPrefix,
    /// <summary>Programming is not sequential (page buffers, ECC words): a random subset of the bytes written, others half-programmed.</summary>
    TornScatter,
    /// <summary>The operation completed, power failed just after it.</summary>
    AfterStep,
}

/// <summary>
/// NOR-flash model with power cuts: every <see cref="Write"/> and <see cref="Erase"/> is one step; at step
/// <see cref="CutAt"/> the operation is interrupted per <see cref="Mode"/> and a <see cref="PowerCutException"/>
/// is thrown. An interrupted erase leaves a random mix of erased (0xFF) and old bytes.
/// </summary>
public sealed class FaultInjectingFlash : IFlashStorage
{
    private readonly byte[] memory;
    private readonly Random rng;

    public FaultInjectingFlash(int blockSize, int blockCount, int seed)
    {
        BlockSize = blockSize;
        BlockCount = blockCount;
        memory = new byte[blockSize * blockCount];
        Array.Fill(memory, (byte)0xFF);
        rng = new Random(seed);
    }

    private FaultInjectingFlash(FaultInjectingFlash source, int seed)
    {
        BlockSize = source.BlockSize;
        BlockCount = source.BlockCount;
        memory = (byte[])source.memory.Clone();
        rng = new Random(seed);
    }

    public int BlockSize { get; }
    public int BlockCount { get; }

    /// <summary>Write/erase steps performed since the last <see cref="Arm"/> (or creation).</summary>
    public int Steps { get; private set; }

    public int CutAt { get; private set; } = -1;
    public CutMode Mode { get; private set; }

    public byte[] Memory => memory;

    public FaultInjectingFlash Copy(int seed) => new(this, seed);

    /// <summary>Cut power at the <paramref name="step"/>-th write/erase from now.</summary>
    public void Arm(int step, CutMode mode)
    {
        Steps = 0;
        CutAt = step;
        Mode = mode;
    }

    public void Disarm()
    {
        CutAt = -1;
        Steps = 0;
    }

    public void Read(int block, int offset, byte[] buffer, int bufferOffset, int count)
    {
        Check(block, offset, count);
        Array.Copy(memory, block * BlockSize + offset, buffer, bufferOffset, count);
    }

    public void Write(int block, int offset, byte[] data, int dataOffset, int count)
    {
        Check(block, offset, count);
        int start = block * BlockSize + offset;
        if (Steps++ == CutAt)
        {
            switch (Mode)
            {
                case CutMode.TornPrefix:
                    int n = rng.Next(count + 1);
                    for (int i = 0; i < n; i++) memory[start + i] &= data[dataOffset + i];
                    if (n < count) memory[start + n] &= (byte)(data[dataOffset + n] | rng.Next(256));
                    break;
                case CutMode.TornScatter:
                    for (int i = 0; i < count; i++)
                    {
                        switch (rng.Next(3))
                        {
                            case 0: memory[start + i] &= data[dataOffset + i]; break;
                            case 1: memory[start + i] &= (byte)(data[dataOffset + i] | rng.Next(256)); break;
                        }
                    }
                    break;
                case CutMode.AfterStep:
                    for (int i = 0; i < count; i++) memory[start + i] &= data[dataOffset + i];
                    break;
            }

            throw new PowerCutException(CutAt);
        }

        for (int i = 0; i < count; i++) memory[start + i] &= data[dataOffset + i];
    }

    public void Erase(int block)
    {
        Check(block, 0, 0);
        int start = block * BlockSize;
        if (Steps++ == CutAt)
        {
            switch (Mode)
            {
                case CutMode.TornPrefix:
                    int n = rng.Next(BlockSize + 1);
                    Array.Fill(memory, (byte)0xFF, start, n);
                    break;
                case CutMode.TornScatter:
                    for (int i = 0; i < BlockSize; i++)
                    {
                        if (rng.Next(2) == 0) memory[start + i] = 0xFF;
                        else if (rng.Next(2) == 0) memory[start + i] |= (byte)rng.Next(256); // bits partly erased
                    }
                    break;
                case CutMode.AfterStep:
                    Array.Fill(memory, (byte)0xFF, start, BlockSize);
                    break;
            }

            throw new PowerCutException(CutAt);
        }

        Array.Fill(memory, (byte)0xFF, start, BlockSize);
    }

    /// <summary>Bit rot: flip one bit.</summary>
    public void FlipBit(int byteIndex, int bit) => memory[byteIndex] ^= (byte)(1 << bit);

    private void Check(int block, int offset, int count)
    {
        if (block < 0 || block >= BlockCount || offset < 0 || count < 0 || offset + count > BlockSize)
            throw new InvalidOperationException($"store accessed flash out of range: block {block} offset {offset} count {count}");
    }
}
