namespace TrustAnchor.Firmware.Storage
{
    /// <summary>
    /// The storage the Trust Anchor store sits on: erasable blocks with flash semantics. <see cref="Erase"/>
    /// sets every byte of a block to 0xFF; <see cref="Write"/> programs bytes of an erased area (an
    /// implementation may model NOR flash, where programming can only clear bits). The store never writes a
    /// byte twice between erases, and never crosses a block boundary in one call.
    /// </summary>
    public interface IFlashStorage
    {
        int BlockSize { get; }

        int BlockCount { get; }

        void Read(int block, int offset, byte[] buffer, int bufferOffset, int count);

        void Write(int block, int offset, byte[] data, int dataOffset, int count);

        void Erase(int block);
    }
}
