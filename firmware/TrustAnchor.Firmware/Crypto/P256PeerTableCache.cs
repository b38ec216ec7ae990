namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// Precomputed tables for ECDH peers met again and again, held by one <see cref="P256Context"/> - on a host
    /// only (<see cref="P256Concurrency.Configure(int, int, int)"/>; a board has none: each table is 8 KB).
    /// A table holds the odd multiples 1..31 of 2^(32 j) Q for the eight pieces j, the layout of the verifier's
    /// G tables, so d Q runs as the fixed-base multiplication d G does (31 doublings and 52 mixed additions,
    /// every entry read under masks) instead of the variable-base one (255 doublings). The table is public data
    /// (multiples of a public key); building it costs about three variable-base multiplications, so a peer gets
    /// one only when it is met a second time in a row - the Access Control Broker every device of a simulated
    /// fleet agrees a key with - and the least recently used table makes way.
    /// </summary>
    internal sealed class P256PeerTableCache
    {
        /// <summary>uints per table: eight pieces of sixteen affine points.</summary>
        internal const int TableWords = P256Engine.Pieces * P256Engine.PointsG * P256Engine.AffineWords;

        private readonly byte[][] _keys;
        private readonly uint[][] _tables;
        private readonly bool[] _valid;
        private readonly uint[] _lastUse;
        private readonly byte[] _seen = new byte[P256PublicKey.EncodedLength];
        private bool _seenValid;
        private uint _clock;

        internal P256PeerTableCache(int slots)
        {
            _keys = new byte[slots][];
            _tables = new uint[slots][];
            _valid = new bool[slots];
            _lastUse = new uint[slots];
            for (int i = 0; i < slots; i++)
            {
                _keys[i] = new byte[P256PublicKey.EncodedLength];
                _tables[i] = new uint[TableWords];
            }
        }

        /// <summary>Bytes held.</summary>
        internal int StorageBytes
        {
            get { return _keys.Length * (4 * TableWords + P256PublicKey.EncodedLength) + P256PublicKey.EncodedLength; }
        }

        /// <summary>
        /// The table for this peer (already validated by the caller into qx, qy): cached; built now when the peer is
        /// the one met last; otherwise null (the caller multiplies without a table) and the peer is remembered.
        /// </summary>
        internal uint[] Find(P256Engine engine, byte[] peer, uint[] qx, uint[] qy)
        {
            _clock++;
            for (int i = 0; i < _keys.Length; i++)
            {
                if (_valid[i] && SameKey(_keys[i], peer))
                {
                    _lastUse[i] = _clock;
                    return _tables[i];
                }
            }

            if (!_seenValid || !SameKey(_seen, peer))
            {
                System.Array.Copy(peer, 0, _seen, 0, P256PublicKey.EncodedLength);
                _seenValid = true;
                return null;
            }

            int victim = P256KeyCache.LeastRecentlyUsed(_valid, _lastUse);
            _valid[victim] = false;
            _seenValid = false;
            engine.BuildTables(qx, qy, _tables[victim], P256Engine.PointsG);
            System.Array.Copy(peer, 0, _keys[victim], 0, P256PublicKey.EncodedLength);
            _valid[victim] = true;
            _lastUse[victim] = _clock;
            return _tables[victim];
        }

        private static bool SameKey(byte[] a, byte[] b)
        {
            return SymmetricChecks.FixedTimeEquals(a, 0, b, 0, P256PublicKey.EncodedLength);
        }
    }
}
