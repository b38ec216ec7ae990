namespace TrustAnchor.Firmware.Storage
{
    /// <summary>
    /// Flash in RAM, for the simulator and tests. Behaves like NOR flash: a fresh part reads 0xFF, erase sets
    /// a block to 0xFF, and programming can only clear bits (the new byte is old AND data), so a store that
    /// wrote without erasing would read back garbage here too.
    /// </summary>
    public sealed class RamFlashStorage : IFlashStorage
    {
        private readonly int _blockSize;
        private readonly int _blockCount;
        private readonly byte[] _memory;

        public RamFlashStorage(int blockSize, int blockCount)
        {
            if (blockSize <= 0 || blockCount <= 0)
            {
                throw new StoreException(StoreError.FlashTooSmall, "flash geometry must be positive");
            }

            _blockSize = blockSize;
            _blockCount = blockCount;
            _memory = new byte[blockSize * blockCount];
            for (int i = 0; i < _memory.Length; i++)
            {
                _memory[i] = 0xFF;
            }
        }

        /// <summary>Flash holding a copy of <paramref name="image"/> (e.g. a saved <see cref="ToArray"/>).</summary>
        public RamFlashStorage(int blockSize, byte[] image)
        {
            if (blockSize <= 0 || image == null || image.Length == 0 || image.Length % blockSize != 0)
            {
                throw new StoreException(StoreError.FlashTooSmall, "flash image must be a whole number of blocks");
            }

            _blockSize = blockSize;
            _blockCount = image.Length / blockSize;
            _memory = new byte[image.Length];
            System.Array.Copy(image, 0, _memory, 0, image.Length);
        }

        public int BlockSize { get { return _blockSize; } }

        public int BlockCount { get { return _blockCount; } }

        public void Read(int block, int offset, byte[] buffer, int bufferOffset, int count)
        {
            CheckRange(block, offset, buffer, bufferOffset, count);
            System.Array.Copy(_memory, block * _blockSize + offset, buffer, bufferOffset, count);
        }

        public void Write(int block, int offset, byte[] data, int dataOffset, int count)
        {
            CheckRange(block, offset, data, dataOffset, count);
            int start = block * _blockSize + offset;
            for (int i = 0; i < count; i++)
            {
                _memory[start + i] = (byte)(_memory[start + i] & data[dataOffset + i]);
            }
        }

        public void Erase(int block)
        {
            if (block < 0 || block >= _blockCount)
            {
                throw new StoreException(StoreError.FlashAccessOutOfRange, "erase of block " + block.ToString() + " out of range");
            }

            int start = block * _blockSize;
            for (int i = 0; i < _blockSize; i++)
            {
                _memory[start + i] = 0xFF;
            }
        }

        /// <summary>A copy of the whole flash contents.</summary>
        public byte[] ToArray()
        {
            byte[] copy = new byte[_memory.Length];
            System.Array.Copy(_memory, 0, copy, 0, _memory.Length);
            return copy;
        }

        private void CheckRange(int block, int offset, byte[] buffer, int bufferOffset, int count)
        {
            if (buffer == null || block < 0 || block >= _blockCount || offset < 0 || count < 0
                || offset > _blockSize - count || bufferOffset < 0 || bufferOffset > buffer.Length - count)
            {
                throw new StoreException(StoreError.FlashAccessOutOfRange, "flash access out of range");
            }
        }
    }
}
