namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// A board's memory of the keys it verifies with, held by its <see cref="P256Context"/> when no host tables
    /// are given: slots of validated keys with their (narrow) tables - the Trust Anchor Cell keys a device
    /// verifies against again and again, passed as bytes - and one slot for the key seen last without tables.
    /// A key met for the first time is verified without tables; meeting it again while it is still the key seen
    /// last says it is used repeatedly, so it gets tables in the least recently used slot. A board keeps one slot
    /// (its budget is 16 KB of tables). A host's caching (many keys, wide tables, shared by many devices) is not
    /// here but behind <see cref="IP256KeyTables"/>.
    /// </summary>
    internal sealed class P256KeyCache
    {
        private readonly P256PublicKey[] _slots;
        private readonly bool[] _valid;
        private readonly uint[] _lastUse;
        private readonly P256PublicKey _seen = new P256PublicKey();
        private bool _seenValid;
        private uint _clock;

        internal P256KeyCache(int slots)
        {
            _slots = new P256PublicKey[slots];
            _valid = new bool[slots];
            _lastUse = new uint[slots];
            for (int i = 0; i < slots; i++)
            {
                _slots[i] = new P256PublicKey();
                _slots[i].Table = new uint[P256Engine.Pieces * P256Engine.PointsQ * P256Engine.AffineWords];
            }
        }

        /// <summary>Bytes held: each slot's tables and coordinates, and the seen slot's coordinates.</summary>
        internal int StorageBytes
        {
            get { return StorageBytesFor(_slots.Length); }
        }

        /// <summary>Bytes a cache of <paramref name="slots"/> keys holds.</summary>
        internal static int StorageBytesFor(int slots)
        {
            return slots * (P256PublicKey.PrecomputedBytes + P256PublicKey.EncodedLength + 2 * 4 * P256Field.Limbs)
                + P256PublicKey.EncodedLength + 2 * 4 * P256Field.Limbs;
        }

        /// <summary>
        /// The slot holding <paramref name="key"/>'s point with tables, or null: a parsed key met by many devices
        /// (each with its own object, like the Root OCA key every device holds) has its tables built only once.
        /// </summary>
        internal P256PublicKey FindWithTables(P256PublicKey key)
        {
            _clock++;
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_valid[i] && _slots[i].Equals(key.Encoded, 0))
                {
                    _lastUse[i] = _clock;
                    return _slots[i];
                }
            }

            return null;
        }

        /// <summary>Copies a key that has just got its own (narrow) tables into the least recently used slot.</summary>
        internal void Remember(P256PublicKey key)
        {
            int victim = TakeSlot(key);
            P256PublicKey slot = _slots[victim];
            System.Array.Copy(key.Table, 0, slot.Table, 0, key.Table.Length);
            _valid[victim] = true;
            _lastUse[victim] = ++_clock;
        }

        // The least recently used slot, marked empty and given the key's point (valid again once its tables are in).
        private int TakeSlot(P256PublicKey key)
        {
            int victim = LeastRecentlyUsed();
            P256PublicKey slot = _slots[victim];
            _valid[victim] = false;
            P256Field.Copy(slot.X, key.X);
            P256Field.Copy(slot.Y, key.Y);
            slot.SetEncoded(key.Encoded, 0);
            return victim;
        }

        /// <summary>
        /// The validated key for these 65 bytes: a slot's (with tables) when it holds them; given tables when it
        /// is the key seen last; otherwise without tables, remembered as the key seen last. Throws
        /// <see cref="InvalidPublicKeyException"/> for bytes that are not a valid point (and then changes nothing).
        /// </summary>
        internal P256PublicKey Find(P256Engine engine, byte[] publicKey)
        {
            _clock++;
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_valid[i] && _slots[i].Equals(publicKey, 0))
                {
                    _lastUse[i] = _clock;
                    return _slots[i];
                }
            }

            if (_seenValid && _seen.Equals(publicKey, 0))
            {
                int victim = LeastRecentlyUsed();

                // The seen key is already validated; copying it costs no second check.
                P256PublicKey slot = _slots[victim];
                _valid[victim] = false;
                _seenValid = false;
                P256Field.Copy(slot.X, _seen.X);
                P256Field.Copy(slot.Y, _seen.Y);
                slot.SetEncoded(publicKey, 0);
                engine.BuildTables(slot.X, slot.Y, slot.Table, P256Engine.PointsQ);
                _valid[victim] = true;
                _lastUse[victim] = _clock;
                return slot;
            }

            _seenValid = false;
            engine.ValidatePublicKey(publicKey, 0, _seen.X, _seen.Y);
            _seen.SetEncoded(publicKey, 0);
            _seenValid = true;
            return _seen;
        }

        /// <summary>The slot to reuse: an empty one, else the one used longest ago.</summary>
        private int LeastRecentlyUsed()
        {
            bool[] valid = _valid;
            uint[] lastUse = _lastUse;
            int victim = 0;
            for (int i = 1; i < valid.Length; i++)
            {
                if (!valid[i] || (valid[victim] && lastUse[i] < lastUse[victim]))
                {
                    victim = i;
                }
            }

            return victim;
        }
    }
}
