using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.HostCrypto;

/// <summary>
/// A host's precomputed P-256 tables, shared by every <see cref="P256Context"/> it creates (every virtual device of
/// a simulated fleet): the verification keys met again and again (a Supplier's, the Issuing OCA's, the Root OCA key
/// every device parses for itself) with their tables, optionally wide (16 odd multiples per piece instead of 4:
/// 8 KB a key instead of 2 KB, about a quarter fewer additions for Q per verification), and fixed-base tables for
/// the ECDH peers met again and again (the Access Control Broker every device agrees a key with; 8 KB each).
/// <para>
/// Policy: a parsed key object without tables gets a slot at once (it is kept to be verified with); a key given
/// as bytes, and an ECDH peer, only when met a second time among the recently seen (a one-off key is not worth
/// three verifications' work); the least recently used slot makes way. Tables are built outside the lock with
/// the caller's context and never change once published, so readers hold the lock only to look up.
/// </para>
/// </summary>
public sealed class HostP256Tables : IP256KeyTables
{
    /// <summary>Upper bound for the slot counts: far beyond a fleet's handful of parties, well before silly memory.</summary>
    public const int MaxSlots = 64;

    private readonly object _sync = new();
    private readonly SlotSet<P256PublicKey> _keys;
    private readonly SlotSet<P256PeerTable> _peers;
    private readonly SeenSet _seenKeys;
    private readonly SeenSet _seenPeers;
    private long _keyTablesBuilt;
    private long _peerTablesBuilt;

    /// <param name="cachedKeys">Verification keys kept with tables, 1..<see cref="MaxSlots"/>.</param>
    /// <param name="peerTables">ECDH peers kept with a fixed-base table, 0..<see cref="MaxSlots"/> (0: none).</param>
    /// <param name="wideKeyTables">Wide verification tables (8 KB a key) instead of narrow (2 KB).</param>
    public HostP256Tables(int cachedKeys, int peerTables, bool wideKeyTables)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cachedKeys, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cachedKeys, MaxSlots);
        ArgumentOutOfRangeException.ThrowIfNegative(peerTables);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(peerTables, MaxSlots);
        CachedKeys = cachedKeys;
        PeerTables = peerTables;
        WideKeyTables = wideKeyTables;
        _keys = new SlotSet<P256PublicKey>(cachedKeys);
        _peers = new SlotSet<P256PeerTable>(peerTables);
        _seenKeys = new SeenSet(cachedKeys);
        _seenPeers = new SeenSet(Math.Max(peerTables, 1));
    }

    public int CachedKeys { get; }

    public int PeerTables { get; }

    public bool WideKeyTables { get; }

    /// <summary>Verification key tables built so far (each one about three verifications' work).</summary>
    public long KeyTablesBuilt => Interlocked.Read(ref _keyTablesBuilt);

    /// <summary>ECDH peer tables built so far.</summary>
    public long PeerTablesBuilt => Interlocked.Read(ref _peerTablesBuilt);

    /// <summary>Bytes the tables hold when every slot is filled.</summary>
    public int StorageBytes =>
        CachedKeys * ((WideKeyTables ? 4 * P256PublicKey.PrecomputedBytes : P256PublicKey.PrecomputedBytes) + 2 * P256PublicKey.EncodedLength)
        + PeerTables * P256PeerTable.StorageBytes;

    /// <summary>A context for one owner (a virtual device) that looks here first.</summary>
    public P256Context CreateContext() => new(this);

    public P256PublicKey? WithTables(P256Context context, P256PublicKey key)
    {
        lock (_sync)
        {
            // Compared point to point: a lookup allocates nothing.
            var found = _keys.Find(key, static (slot, probe) => slot.Equals(probe));
            if (found is not null)
            {
                return found;
            }
        }

        return BuildKey(context, key.ToArray());
    }

    public P256PublicKey? WithTables(P256Context context, byte[] publicKey65)
    {
        lock (_sync)
        {
            var found = _keys.Find(publicKey65);
            if (found is not null)
            {
                return found;
            }

            if (!_seenKeys.SeenAgain(publicKey65))
            {
                return null;
            }
        }

        return BuildKey(context, publicKey65);
    }

    public P256PeerTable? PeerTable(P256Context context, byte[] peerPublicKey65)
    {
        if (PeerTables == 0)
        {
            return null;
        }

        lock (_sync)
        {
            var found = _peers.Find(peerPublicKey65);
            if (found is not null || !_seenPeers.SeenAgain(peerPublicKey65))
            {
                return found;
            }
        }

        var table = P256PeerTable.Build(context, peerPublicKey65);
        Interlocked.Increment(ref _peerTablesBuilt);
        lock (_sync)
        {
            return _peers.Add(peerPublicKey65, table);
        }
    }

    // Outside the lock: building is the expensive part. Two threads meeting a new key at once may both build;
    // the first to publish wins and the other's table is dropped.
    private P256PublicKey BuildKey(P256Context context, byte[] encoded)
    {
        var key = P256PublicKey.ParseWithTables(context, encoded, 0, WideKeyTables);
        Interlocked.Increment(ref _keyTablesBuilt);
        lock (_sync)
        {
            return _keys.Add(encoded, key);
        }
    }

    /// <summary>Least-recently-used slots keyed by a 65-byte encoding. Callers hold the lock.</summary>
    private sealed class SlotSet<T>(int capacity) where T : class
    {
        private readonly byte[]?[] _encodings = new byte[capacity][];
        private readonly T?[] _values = new T[capacity];
        private readonly long[] _lastUse = new long[capacity];
        private long _clock;

        public T? Find<TProbe>(TProbe probe, Func<T, TProbe, bool> same)
        {
            for (int i = 0; i < _values.Length; i++)
            {
                if (_values[i] is { } value && same(value, probe))
                {
                    _lastUse[i] = ++_clock;
                    return value;
                }
            }

            return null;
        }

        public T? Find(byte[] encoded)
        {
            for (int i = 0; i < _values.Length; i++)
            {
                if (_encodings[i] is { } e && e.AsSpan().SequenceEqual(encoded))
                {
                    _lastUse[i] = ++_clock;
                    return _values[i];
                }
            }

            return null;
        }

        /// <summary>The value now held for the encoding: one published meanwhile, else <paramref name="value"/>.</summary>
        public T Add(byte[] encoded, T value)
        {
            var existing = Find(encoded);
            if (existing is not null)
            {
                return existing;
            }

            int victim = 0;
            for (int i = 1; i < _values.Length; i++)
            {
                if (_encodings[victim] is not null && (_encodings[i] is null || _lastUse[i] < _lastUse[victim]))
                {
                    victim = i;
                }
            }

            _encodings[victim] = (byte[])encoded.Clone();
            _values[victim] = value;
            _lastUse[victim] = ++_clock;
            return value;
        }
    }

    /// <summary>The encodings seen recently without tables (a ring). Callers hold the lock.</summary>
    private sealed class SeenSet(int capacity)
    {
        private readonly byte[]?[] _seen = new byte[capacity][];
        private int _next;

        /// <summary>True (and forgotten) when the encoding is among those seen; otherwise remembered, false.</summary>
        public bool SeenAgain(byte[] encoded)
        {
            for (int i = 0; i < _seen.Length; i++)
            {
                if (_seen[i] is { } s && s.AsSpan().SequenceEqual(encoded))
                {
                    _seen[i] = null;
                    return true;
                }
            }

            _seen[_next] = (byte[])encoded.Clone();
            _next = (_next + 1) % _seen.Length;
            return false;
        }
    }
}
