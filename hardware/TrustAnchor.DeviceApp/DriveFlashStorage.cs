using System.IO;
using TrustAnchor.Firmware.Storage;

namespace TrustAnchor.DeviceApp
{
    /// <summary>
    /// The Trust Anchor store's flash on the board's internal <c>I:</c> drive: one file per block, so an erase
    /// is a whole-file rewrite to 0xFF. The file system (SPIFFS/LittleFS) levels wear underneath; the store's
    /// A/B slots and checksums, not the file system, give the power-cut guarantee.
    /// </summary>
    public sealed class DriveFlashStorage : IFlashStorage
    {
        private readonly string _folder;
        private readonly int _blockSize;
        private readonly int _blockCount;

        public DriveFlashStorage(string folder, int blockSize, int blockCount)
        {
            _folder = folder;
            _blockSize = blockSize;
            _blockCount = blockCount;
            for (int block = 0; block < blockCount; block++)
            {
                if (!File.Exists(PathOf(block)))
                {
                    Erase(block);
                }
            }
        }

        public int BlockSize
        {
            get { return _blockSize; }
        }

        public int BlockCount
        {
            get { return _blockCount; }
        }

        public void Read(int block, int offset, byte[] buffer, int bufferOffset, int count)
        {
            using (var file = new FileStream(PathOf(block), FileMode.Open, FileAccess.Read))
            {
                file.Seek(offset, SeekOrigin.Begin);
                int done = 0;
                while (done < count)
                {
                    int n = file.Read(buffer, bufferOffset + done, count - done);
                    if (n <= 0)
                    {
                        throw new IOException("short block file " + PathOf(block));
                    }

                    done += n;
                }
            }
        }

        public void Write(int block, int offset, byte[] data, int dataOffset, int count)
        {
            using (var file = new FileStream(PathOf(block), FileMode.Open, FileAccess.ReadWrite))
            {
                file.Seek(offset, SeekOrigin.Begin);
                file.Write(data, dataOffset, count);
                file.Flush();
            }
        }

        public void Erase(int block)
        {
            var erased = new byte[_blockSize];
            for (int i = 0; i < erased.Length; i++)
            {
                erased[i] = 0xFF;
            }

            using (var file = new FileStream(PathOf(block), FileMode.Create, FileAccess.Write))
            {
                file.Write(erased, 0, erased.Length);
                file.Flush();
            }
        }

        private string PathOf(int block)
        {
            return _folder + "\\block" + block.ToString() + ".bin";
        }
    }
}
