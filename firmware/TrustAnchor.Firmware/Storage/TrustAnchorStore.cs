using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Storage
{
    /// <summary>
    /// Power-safe persistence of the <see cref="TrustAnchorState"/>: two mirrored slots (A = first half of the
    /// flash, B = second half), each holding a whole state image with a generation number, a SHA-256 over header
    /// and image, and a commit marker written last. A commit rewrites A, then B; at every instant at least one
    /// slot holds a complete, checksummed state, so a power cut at any erase or write leaves exactly the old or
    /// exactly the new state. See firmware/docs/store-layout.md.
    /// </summary>
    public sealed class TrustAnchorStore
    {
        internal const int MarkerOffset = 0;
        internal const int MarkerLength = 8;
        internal const int MagicOffset = 8;
        internal const int FormatOffset = 12;
        internal const int GenerationOffset = 16;
        internal const int LengthOffset = 24;
        internal const int HeaderCheckOffset = 28;
        internal const int PayloadOffset = 32;
        internal const int HashLength = Sha256.HashSize;
        /// <summary>Bytes a slot needs beyond the state image: marker, header and SHA-256.</summary>
        public const int Overhead = PayloadOffset + HashLength;
        public const int FormatVersion = 1;

        // "TACOMMIT": programmed last, in its own 8-byte unit (flashes with ECC program 64-bit words once).
        private static readonly byte[] CommitMarker = new byte[] { 0x54, 0x41, 0x43, 0x4F, 0x4D, 0x4D, 0x49, 0x54 };
        private static readonly byte[] Magic = new byte[] { 0x54, 0x41, 0x53, 0x54 }; // "TAST"

        private const int SlotBlank = 0;
        private const int SlotUncommitted = 1;
        private const int SlotCorrupt = 2;
        private const int SlotValid = 3;

        private readonly IFlashStorage _flash;
        private readonly int _blockSize;
        private readonly int _slotBlocks;

        // The store's own hash and digest scratch: sealing and checking images allocates no hasher per call.
        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _digest = new byte[HashLength];
        private TrustAnchorState _current;
        private ulong _generation;
        private int _recovery;
        private int _corruptSlot = -1;
        private string _recoveryReport = "";
        private bool _commitInProgress;

        // Scratch results of ReadSlot (no tuples on the device).
        private int _slotStatus;
        private ulong _slotGeneration;
        private bool _slotHasHeader;
        private bool _slotMarkerErased;
        private bool _markerErasedA;
        private bool _markerErasedB;
        private TrustAnchorState _slotState;

        /// <summary>Opens the store, recovering from any interrupted commit (same as <see cref="Open"/>).</summary>
        public TrustAnchorStore(IFlashStorage flash)
        {
            if (flash == null)
            {
                throw new StoreException(StoreError.FlashTooSmall, "no flash storage");
            }

            _flash = flash;
            _blockSize = flash.BlockSize;
            _slotBlocks = flash.BlockCount / 2;
            if (_blockSize < Overhead || _slotBlocks < 1)
            {
                throw new StoreException(StoreError.FlashTooSmall,
                    "the store needs two blocks of at least " + Overhead.ToString() + " bytes");
            }

            Load();
        }

        /// <summary>
        /// Opens the store: picks the newest intact copy, rewrites a stale, torn or corrupt copy from it, and
        /// reports what it did in <see cref="Recovery"/>. Throws <see cref="StoreException"/>
        /// (<c>BothCopiesCorrupt</c>) when a provisioned store has no intact copy left; it writes nothing then.
        /// </summary>
        public static TrustAnchorStore Open(IFlashStorage flash)
        {
            return new TrustAnchorStore(flash);
        }

        public bool IsProvisioned { get { return _current != null; } }

        /// <summary>The committed state (read-only: <c>Clone()</c> it to make changes).</summary>
        public TrustAnchorState Current
        {
            get
            {
                if (_current == null)
                {
                    throw new StoreException(StoreError.NotProvisioned, "the Trust Anchor store is not provisioned");
                }

                return _current;
            }
        }

        /// <summary>Number of commits since provisioning (1 after provisioning).</summary>
        public ulong Generation { get { return _generation; } }

        /// <summary><see cref="StoreRecovery"/> flags of the last open.</summary>
        public int Recovery { get { return _recovery; } }

        /// <summary>Slot (0 = A, 1 = B) found corrupt at open, or -1.</summary>
        public int CorruptSlot { get { return _corruptSlot; } }

        /// <summary>What the last open found, in words (empty when nothing happened).</summary>
        public string RecoveryReport { get { return _recoveryReport; } }

        /// <summary>Largest state image a slot can hold.</summary>
        public int Capacity { get { return _slotBlocks * _blockSize - Overhead; } }

        /// <summary>
        /// Atomically replaces the stored state with <paramref name="next"/>. The first commit of an empty store
        /// is factory provisioning. Refuses (writing nothing) a state for another device type or with a counter
        /// behind the stored one for an unchanged party. Returns when both copies hold the new state.
        /// </summary>
        public void Commit(TrustAnchorState next)
        {
            if (next == null)
            {
                throw new StoreException(StoreError.InvalidState, "no state to commit");
            }

            if (_commitInProgress)
            {
                // A cut or failed commit may have left one copy only: the flash must be re-read before writing.
                throw new StoreException(StoreError.InvalidState, "an earlier commit did not finish: reopen the store");
            }

            if (_current != null)
            {
                next.CheckCountersNotBehind(_current);
            }

            byte[] payload = StateImage.Encode(next);
            if (payload.Length > Capacity)
            {
                throw new StoreException(StoreError.StateTooLarge,
                    "state of " + payload.Length.ToString() + " bytes does not fit a slot of " + Capacity.ToString());
            }

            TrustAnchorState committed = next.Clone();
            committed.MakeReadOnly();
            ulong generation = _generation + 1;
            byte[] image = BuildImage(generation, payload);

            _commitInProgress = true;
            WriteSlot(0, image);
            WriteSlot(1, image);
            _commitInProgress = false;

            _current = committed;
            _generation = generation;
        }

        private void Load()
        {
            ReadSlot(0);
            int statusA = _slotStatus;
            ulong genA = _slotGeneration;
            bool headerA = _slotHasHeader;
            _markerErasedA = _slotMarkerErased;
            TrustAnchorState stateA = _slotState;

            ReadSlot(1);
            int statusB = _slotStatus;
            ulong genB = _slotGeneration;
            bool headerB = _slotHasHeader;
            _markerErasedB = _slotMarkerErased;
            TrustAnchorState stateB = _slotState;

            if (statusA == SlotValid && statusB == SlotValid)
            {
                if (genA == genB)
                {
                    Use(stateA, genA);
                    return;
                }

                // A commit counted in one copy but was cut before the mirror finished.
                int newer = genA > genB ? 0 : 1;
                Use(newer == 0 ? stateA : stateB, newer == 0 ? genA : genB);
                Note(StoreRecovery.CommitCompleted, "an interrupted commit had counted; its mirror copy is rewritten");
                Repair(1 - newer);
                return;
            }

            if (statusA == SlotValid || statusB == SlotValid)
            {
                int good = statusA == SlotValid ? 0 : 1;
                int otherStatus = good == 0 ? statusB : statusA;
                ulong goodGeneration = good == 0 ? genA : genB;
                bool otherHeader = good == 0 ? headerB : headerA;
                ulong otherGeneration = good == 0 ? genB : genA;
                Use(good == 0 ? stateA : stateB, goodGeneration);

                if (otherStatus == SlotCorrupt)
                {
                    _corruptSlot = 1 - good;
                    Note(StoreRecovery.CorruptCopy, "copy " + SlotName(1 - good) + " failed its integrity check; copy "
                        + SlotName(good) + " is intact and in use");
                }
                else if (good == 1 || (otherHeader && otherGeneration > goodGeneration))
                {
                    // A is written first: a bad A beside a good B is a commit cut before it counted.
                    Note(StoreRecovery.CommitRolledBack, "an interrupted commit was discarded; the previous state is in force");
                }
                else
                {
                    Note(StoreRecovery.CommitCompleted, "an interrupted commit had counted; its mirror copy is rewritten");
                }

                Repair(1 - good);
                return;
            }

            if (statusA == SlotBlank && statusB == SlotBlank)
            {
                return; // a fresh part: not provisioned
            }

            // Nothing intact. Only debris of a cut first provisioning may be treated as "still empty": anything
            // that shows an earlier commit counted means the store was provisioned and has decayed.
            if (!IsProvisioningDebris(statusA, headerA, genA, _markerErasedA)
                || !IsProvisioningDebris(statusB, headerB, genB, _markerErasedB))
            {
                throw new StoreException(StoreError.BothCopiesCorrupt,
                    "both copies of the Trust Anchor store are corrupt: the device must not trust its cells");
            }

            Note(StoreRecovery.ProvisioningDiscarded, "an interrupted factory provisioning was discarded; the store is empty");
        }

        /// <summary>
        /// What a cut first provisioning can leave: nothing, a torn body (marker still erased), or a complete
        /// generation-1 header with a torn marker. Anything else shows a commit once counted.
        /// </summary>
        private static bool IsProvisioningDebris(int status, bool hasHeader, ulong generation, bool markerErased)
        {
            if (status == SlotBlank)
            {
                return true;
            }

            if (status != SlotUncommitted)
            {
                return false;
            }

            return hasHeader ? generation == 1 : markerErased;
        }

        private void Use(TrustAnchorState state, ulong generation)
        {
            state.MakeReadOnly();
            _current = state;
            _generation = generation;
        }

        private void Note(int flag, string message)
        {
            _recovery |= flag;
            _recoveryReport = _recoveryReport.Length == 0 ? message : _recoveryReport + "; " + message;
        }

        private void Repair(int slot)
        {
            byte[] image = BuildImage(_generation, StateImage.Encode(_current));
            WriteSlot(slot, image);
            _recovery |= StoreRecovery.CopyRepaired;
        }

        private static string SlotName(int slot)
        {
            return slot == 0 ? "A" : "B";
        }

        /// <summary>Marker (left erased) + header + payload + SHA-256 over header and payload.</summary>
        private byte[] BuildImage(ulong generation, byte[] payload)
        {
            byte[] image = new byte[Overhead + payload.Length];
            for (int i = 0; i < MarkerLength; i++)
            {
                image[MarkerOffset + i] = 0xFF;
            }

            System.Array.Copy(Magic, 0, image, MagicOffset, Magic.Length);
            image[FormatOffset] = FormatVersion;
            StateImage.WriteUInt64(generation, image, GenerationOffset);
            WriteUInt32(payload.Length, image, LengthOffset);
            _sha.ComputeHash(image, MagicOffset, HeaderCheckOffset - MagicOffset, _digest, 0);
            System.Array.Copy(_digest, 0, image, HeaderCheckOffset, PayloadOffset - HeaderCheckOffset);
            System.Array.Copy(payload, 0, image, PayloadOffset, payload.Length);
            _sha.ComputeHash(image, MagicOffset, PayloadOffset - MagicOffset + payload.Length, image, PayloadOffset + payload.Length);
            return image;
        }

        /// <summary>Erase the slot's blocks, program header/payload/hash, then the commit marker.</summary>
        private void WriteSlot(int slot, byte[] image)
        {
            int firstBlock = slot * _slotBlocks;
            int blocks = (image.Length + _blockSize - 1) / _blockSize;
            for (int b = 0; b < blocks; b++)
            {
                _flash.Erase(firstBlock + b);
            }

            int position = MarkerLength;
            while (position < image.Length)
            {
                int block = position / _blockSize;
                int offset = position % _blockSize;
                int count = _blockSize - offset;
                if (count > image.Length - position)
                {
                    count = image.Length - position;
                }

                _flash.Write(firstBlock + block, offset, image, position, count);
                position += count;
            }

            _flash.Write(firstBlock, MarkerOffset, CommitMarker, 0, MarkerLength);
        }

        /// <summary>Classifies a slot into the _slot* scratch fields.</summary>
        private void ReadSlot(int slot)
        {
            _slotStatus = SlotCorrupt;
            _slotGeneration = 0;
            _slotHasHeader = false;
            _slotMarkerErased = true;
            _slotState = null;

            int firstBlock = slot * _slotBlocks;
            byte[] head = new byte[PayloadOffset];
            _flash.Read(firstBlock, 0, head, 0, PayloadOffset);

            bool blank = true;
            for (int i = 0; i < head.Length; i++)
            {
                blank &= head[i] == 0xFF;
            }

            if (blank)
            {
                _slotStatus = SlotBlank;
                return;
            }

            bool committed = true;
            bool markerErased = true;
            for (int i = 0; i < MarkerLength; i++)
            {
                committed &= head[MarkerOffset + i] == CommitMarker[i];
                markerErased &= head[MarkerOffset + i] == 0xFF;
            }

            _slotMarkerErased = markerErased;

            bool header = head[FormatOffset] == FormatVersion;
            for (int i = 0; i < Magic.Length; i++)
            {
                header &= head[MagicOffset + i] == Magic[i];
            }

            for (int i = FormatOffset + 1; i < GenerationOffset; i++)
            {
                header &= head[i] == 0;
            }

            if (header)
            {
                // The header has its own check so a torn header is never mistaken for a generation number.
                _sha.ComputeHash(head, MagicOffset, HeaderCheckOffset - MagicOffset, _digest, 0);
                for (int i = 0; i < PayloadOffset - HeaderCheckOffset; i++)
                {
                    header &= head[HeaderCheckOffset + i] == _digest[i];
                }
            }

            if (header)
            {
                _slotHasHeader = true;
                _slotGeneration = StateImage.ReadUInt64(head, GenerationOffset);
            }

            if (!committed)
            {
                _slotStatus = SlotUncommitted;
                return;
            }

            int length = ReadUInt32(head, LengthOffset);
            if (!header || length < 0 || length > Capacity)
            {
                return; // committed but the header is damaged: corrupt
            }

            byte[] image = new byte[Overhead + length];
            ReadLinear(firstBlock, image);

            _sha.ComputeHash(image, MagicOffset, PayloadOffset - MagicOffset + length, _digest, 0);
            int diff = 0;
            for (int i = 0; i < HashLength; i++)
            {
                diff |= _digest[i] ^ image[PayloadOffset + length + i];
            }

            if (diff != 0 || _slotGeneration == 0)
            {
                return;
            }

            try
            {
                _slotState = StateImage.Decode(image, PayloadOffset, length);
            }
            catch (TrustAnchorException)
            {
                return; // intact checksum over a malformed image: not ours to trust
            }

            _slotStatus = SlotValid;
        }

        private void ReadLinear(int firstBlock, byte[] buffer)
        {
            int position = 0;
            while (position < buffer.Length)
            {
                int offset = position % _blockSize;
                int count = _blockSize - offset;
                if (count > buffer.Length - position)
                {
                    count = buffer.Length - position;
                }

                _flash.Read(firstBlock + position / _blockSize, offset, buffer, position, count);
                position += count;
            }
        }

        private static void WriteUInt32(int value, byte[] buffer, int offset)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }

        private static int ReadUInt32(byte[] buffer, int offset)
        {
            return (buffer[offset] << 24) | (buffer[offset + 1] << 16) | (buffer[offset + 2] << 8) | buffer[offset + 3];
        }
    }
}
