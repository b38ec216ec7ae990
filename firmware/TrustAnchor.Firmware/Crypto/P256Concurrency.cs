using System.Threading;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// How many P-256 operations may run at once. Every operation borrows a <see cref="P256Context"/> (working
    /// storage, about 6 KB, plus key tables) for its duration. A board has one core and a tight RAM budget, so by
    /// default there is one context and operations queue for it, exactly as one engine behind a lock. A host that
    /// runs many virtual devices on several cores (the simulator) raises the limit once at start-up; contexts are
    /// then created as threads need them, never more than the limit, and all share one read-only G table.
    /// A thread that already holds a context and calls another P-256 operation gets the same context back, so
    /// nested calls neither deadlock nor take a second one.
    /// </summary>
    public static class P256Concurrency
    {
        /// <summary>Upper bound for <see cref="Configure(int, int, int, bool)"/>'s arguments: far beyond any core count, well before silly memory.</summary>
        public const int MaxLimit = 64;

        private static readonly object Sync = new object();
        private static P256Context[] _contexts = new P256Context[1];
        private static int _count;
        private static int _maximumContexts = 1;
        private static int _cachedKeys = 1;
        private static int _peerTables;
        private static bool _wideKeyTables;

        /// <summary>The most contexts that will be created.</summary>
        public static int MaximumContexts
        {
            get { return _maximumContexts; }
        }

        /// <summary>Keys with tables each new context's cache holds (see <see cref="EcdsaP256"/>'s byte[] overloads).</summary>
        public static int CachedKeysPerContext
        {
            get { return _cachedKeys; }
        }

        /// <summary>ECDH peer tables (8 KB each) each new context keeps; 0 on a board.</summary>
        public static int PeerTablesPerContext
        {
            get { return _peerTables; }
        }

        /// <summary>True when new contexts keep wide verification tables (16 odd multiples per piece, 8 KB a key).</summary>
        public static bool WideKeyTables
        {
            get { return _wideKeyTables; }
        }

        /// <summary>Contexts created so far.</summary>
        public static int ContextsCreated
        {
            get
            {
                Monitor.Enter(Sync);
                try
                {
                    return _count;
                }
                finally
                {
                    Monitor.Exit(Sync);
                }
            }
        }

        /// <summary>
        /// Sets the most contexts that may exist (each one more operation that can run in parallel) and the keys
        /// with tables each new context caches; no ECDH peer tables. See <see cref="Configure(int, int, int)"/>.
        /// </summary>
        public static void Configure(int maximumContexts, int cachedKeysPerContext)
        {
            Configure(maximumContexts, cachedKeysPerContext, 0);
        }

        /// <summary>
        /// Sets the most contexts that may exist (each one more operation that can run in parallel), the keys with
        /// tables each new context caches for verification, and the ECDH peers each new context keeps a
        /// fixed-base table for (8 KB each; 0 keeps the board's variable-base multiplication). Contexts already
        /// created stay as they are (lowering the limit only stops new ones). The first two must be in
        /// 1..<see cref="MaxLimit"/> and the third in 0..<see cref="MaxLimit"/>, else <see cref="CryptoException"/>
        /// (<see cref="CryptoError.OutOfRange"/>) and nothing changes.
        /// </summary>
        public static void Configure(int maximumContexts, int cachedKeysPerContext, int peerTablesPerContext)
        {
            Configure(maximumContexts, cachedKeysPerContext, peerTablesPerContext, false);
        }

        /// <summary>
        /// As <see cref="Configure(int, int, int)"/>, and with <paramref name="wideKeyTables"/> each new context's
        /// cached verification keys get wide tables: 16 odd multiples per piece instead of 4 (8 KB a key instead of
        /// 2 KB; about a quarter fewer additions for Q per verification). A host's choice; a board keeps them narrow.
        /// </summary>
        public static void Configure(int maximumContexts, int cachedKeysPerContext, int peerTablesPerContext, bool wideKeyTables)
        {
            if (maximumContexts < 1 || maximumContexts > MaxLimit)
            {
                throw new CryptoException(CryptoError.OutOfRange,
                    "maximumContexts must be 1.." + MaxLimit.ToString() + ", found " + maximumContexts.ToString());
            }

            if (cachedKeysPerContext < 1 || cachedKeysPerContext > MaxLimit)
            {
                throw new CryptoException(CryptoError.OutOfRange,
                    "cachedKeysPerContext must be 1.." + MaxLimit.ToString() + ", found " + cachedKeysPerContext.ToString());
            }

            if (peerTablesPerContext < 0 || peerTablesPerContext > MaxLimit)
            {
                throw new CryptoException(CryptoError.OutOfRange,
                    "peerTablesPerContext must be 0.." + MaxLimit.ToString() + ", found " + peerTablesPerContext.ToString());
            }

            Monitor.Enter(Sync);
            try
            {
                _maximumContexts = maximumContexts;
                _cachedKeys = cachedKeysPerContext;
                _peerTables = peerTablesPerContext;
                _wideKeyTables = wideKeyTables;
            }
            finally
            {
                Monitor.Exit(Sync);
            }
        }

        /// <summary>
        /// A context for the calling thread's exclusive use until <see cref="Release"/>: the one it already holds,
        /// else an idle one, else a new one (within the limit), else the least busy one (waiting for it).
        /// </summary>
        internal static P256Context Acquire()
        {
            // The thread id, not the Thread object: a board runtime need not hand out the same object each time.
            int me = Thread.CurrentThread.ManagedThreadId;
            P256Context chosen = null;
            Monitor.Enter(Sync);
            try
            {
                for (int i = 0; i < _count; i++)
                {
                    if (_contexts[i].Depth > 0 && _contexts[i].OwnerThreadId == me)
                    {
                        chosen = _contexts[i];
                        chosen.Users++;
                        chosen.Depth++;
                        return chosen;
                    }
                }

                for (int i = 0; i < _count && chosen == null; i++)
                {
                    if (_contexts[i].Users == 0)
                    {
                        chosen = _contexts[i];
                    }
                }

                if (chosen == null && _count < _maximumContexts)
                {
                    chosen = Create();
                }

                if (chosen == null)
                {
                    chosen = _contexts[0];
                    for (int i = 1; i < _count; i++)
                    {
                        if (_contexts[i].Users < chosen.Users)
                        {
                            chosen = _contexts[i];
                        }
                    }
                }

                chosen.Users++;
            }
            finally
            {
                Monitor.Exit(Sync);
            }

            Monitor.Enter(chosen.Gate);
            Monitor.Enter(Sync);
            chosen.OwnerThreadId = me;
            chosen.Depth = 1;
            Monitor.Exit(Sync);
            return chosen;
        }

        /// <summary>Gives back a context from <see cref="Acquire"/> (once per Acquire, in a finally).</summary>
        internal static void Release(P256Context context)
        {
            Monitor.Enter(Sync);
            try
            {
                context.Users--;
                context.Depth--;
                if (context.Depth > 0)
                {
                    return;
                }
            }
            finally
            {
                Monitor.Exit(Sync);
            }

            Monitor.Exit(context.Gate);
        }

        // Under Sync. The first context builds the G table; the others share it.
        private static P256Context Create()
        {
            uint[] tableG = _count == 0 ? null : _contexts[0].Engine.TableG;
            P256Context context = new P256Context(tableG, _cachedKeys, _peerTables, _wideKeyTables);
            if (_count == _contexts.Length)
            {
                P256Context[] grown = new P256Context[_contexts.Length * 2];
                for (int i = 0; i < _count; i++)
                {
                    grown[i] = _contexts[i];
                }

                _contexts = grown;
            }

            _contexts[_count] = context;
            _count++;
            return context;
        }
    }
}
