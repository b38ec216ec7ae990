using System.Security.Cryptography;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Tests.Crypto;

/// <summary>
/// The limit is process-wide, so these tests run alone (not beside the allocation tests, which a freshly
/// created context would disturb) and put the board configuration back when they end.
/// </summary>
[CollectionDefinition(nameof(P256ConcurrencyCollection), DisableParallelization = true)]
public sealed class P256ConcurrencyCollection;

[Collection(nameof(P256ConcurrencyCollection))]
public sealed class P256ConcurrencyTests : IDisposable
{
    public void Dispose() => P256Concurrency.Configure(1, 1);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(-3, 4)]
    [InlineData(P256Concurrency.MaxLimit + 1, 1)]
    [InlineData(1, P256Concurrency.MaxLimit + 1)]
    public void OutOfRangeLimitsAreRefusedAndChangeNothing(int contexts, int keys)
    {
        P256Concurrency.Configure(2, 3);
        var act = () => P256Concurrency.Configure(contexts, keys);
        act.Should().Throw<CryptoException>().Which.Code.Should().Be(CryptoError.OutOfRange);
        P256Concurrency.MaximumContexts.Should().Be(2);
        P256Concurrency.CachedKeysPerContext.Should().Be(3);
    }

    [Fact]
    public void ParallelThreadsGetRightAnswersAndNeverMoreContextsThanAllowed()
    {
        P256Concurrency.Configure(3, 4);
        using var dotnet = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = dotnet.ExportParameters(false).Q;
        byte[] dotnetKey = [4, .. q.X!, .. q.Y!];
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var threads = new Thread[6];
        for (int t = 0; t < threads.Length; t++)
        {
            int seed = t;
            threads[t] = new Thread(() =>
            {
                var random = new Random(seed);
                for (int i = 0; i < 40; i++)
                {
                    var hash = new byte[32];
                    random.NextBytes(hash);

                    // Ours signs, .NET verifies; .NET signs, ours verifies (byte[] and parsed-key paths); ECDH agrees.
                    var d = new byte[32];
                    random.NextBytes(d);
                    d[0] &= 0x7F;
                    d[31] |= 1;
                    var pair = P256KeyPair.FromPrivateKey(d);
                    var ours = EcdsaP256.SignHash(pair.PrivateKey, hash);
                    using var verifier = ECDsa.Create(new ECParameters
                    {
                        Curve = ECCurve.NamedCurves.nistP256,
                        Q = new ECPoint { X = pair.PublicKey[1..33], Y = pair.PublicKey[33..] },
                    });
                    if (!verifier.VerifyHash(hash, ours, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
                        errors.Enqueue("our signature refused by .NET");

                    byte[] theirs;
                    lock (dotnet) theirs = dotnet.SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                    if (!EcdsaP256.VerifyHash(dotnetKey, hash, theirs)) errors.Enqueue(".NET signature refused (bytes)");
                    theirs[5 + i % 50] ^= 1;
                    if (EcdsaP256.VerifyHash(dotnetKey, hash, theirs)) errors.Enqueue("flipped signature accepted");

                    var peer = P256KeyPair.FromPrivateKey(SHA256.HashData(hash)[..31].Prepend((byte)0).ToArray());
                    var z = EcdhP256.SharedSecret(pair.PrivateKey, peer.PublicKey);
                    var zBack = EcdhP256.SharedSecret(peer.PrivateKey, pair.PublicKey);
                    if (!z.AsSpan().SequenceEqual(zBack)) errors.Enqueue("ECDH disagrees");
                }
            });
        }

        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();

        errors.Should().BeEmpty();
        P256Concurrency.ContextsCreated.Should().BeInRange(1, 3);
    }

    [Fact]
    public void KeyCacheKeepsSeveralKeysAndStillRefusesWrongSignatures()
    {
        P256Concurrency.Configure(1, 3);
        var context = new P256Context(null, 3, 0, wideKeyTables: false);
        var signers = Enumerable.Range(0, 4).Select(_ => ECDsa.Create(ECCurve.NamedCurves.nistP256)).ToArray();
        try
        {
            var keys = signers.Select(s => s.ExportParameters(false).Q).Select(q => (byte[])[4, .. q.X!, .. q.Y!]).ToArray();
            var hash = SHA256.HashData("cache"u8);

            // Each key twice in a row: the second meeting gives it a slot with tables.
            P256PublicKey[] found = new P256PublicKey[4];
            for (int k = 0; k < 3; k++)
            {
                context.Keys.Find(context.Engine, keys[k]).Table.Should().BeNull("a key met once has no tables");
                found[k] = context.Keys.Find(context.Engine, keys[k]);
                found[k].Table.Should().NotBeNull();
            }

            // All three are still cached (no tables rebuilt: the same objects come back).
            for (int k = 0; k < 3; k++) context.Keys.Find(context.Engine, keys[k]).Should().BeSameAs(found[k]);

            // A fourth key takes the least recently used slot (key 0's).
            context.Keys.Find(context.Engine, keys[1]);
            context.Keys.Find(context.Engine, keys[2]);
            context.Keys.Find(context.Engine, keys[3]);
            var fourth = context.Keys.Find(context.Engine, keys[3]);
            fourth.Should().BeSameAs(found[0]);
            fourth.Equals(keys[3]).Should().BeTrue();
            context.Keys.Find(context.Engine, keys[1]).Should().BeSameAs(found[1]);

            // And every cached key verifies its own signatures only.
            for (int k = 0; k < 4; k++)
            {
                var sig = signers[k].SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                EcdsaP256.VerifyHash(keys[k], hash, sig).Should().BeTrue();
                EcdsaP256.VerifyHash(keys[(k + 1) % 4], hash, sig).Should().BeFalse();
            }
        }
        finally
        {
            foreach (var s in signers) s.Dispose();
        }
    }

    [Fact]
    public void AnInvalidKeyLeavesTheCacheAsItWas()
    {
        var context = new P256Context(null, 2, 0, wideKeyTables: false);
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = signer.ExportParameters(false).Q;
        byte[] key = [4, .. q.X!, .. q.Y!];
        context.Keys.Find(context.Engine, key);
        var cached = context.Keys.Find(context.Engine, key);
        byte[] offCurve = [.. key];
        offCurve[64] ^= 1;
        var act = () => context.Keys.Find(context.Engine, offCurve);
        act.Should().Throw<InvalidPublicKeyException>();
        context.Keys.Find(context.Engine, key).Should().BeSameAs(cached);
    }

    [Fact]
    public void NestedOperationsOnOneThreadReuseItsContext()
    {
        P256Concurrency.Configure(1, 1);
        var outer = P256Concurrency.Acquire();
        try
        {
            // A nested operation on the same thread must not wait for the context this thread holds.
            var pair = P256KeyPair.FromPrivateKey([.. new byte[31], 7]);
            var hash = SHA256.HashData("nested"u8);
            EcdsaP256.VerifyHash(pair.PublicKey, hash, EcdsaP256.SignHash(pair.PrivateKey, hash)).Should().BeTrue();
            P256Concurrency.Acquire().Should().BeSameAs(outer);
            P256Concurrency.Release(outer);
        }
        finally
        {
            P256Concurrency.Release(outer);
        }

        // Released for real: another thread gets it without waiting forever.
        var other = new Thread(() => P256Concurrency.Release(P256Concurrency.Acquire()));
        other.Start();
        other.Join(TimeSpan.FromSeconds(30)).Should().BeTrue();
    }

    [Fact]
    public void ASecondObjectForTheSamePointUsesTheCachedTables()
    {
        P256Concurrency.Configure(1, 2);
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = signer.ExportParameters(false).Q;
        byte[] encoded = [4, .. q.X!, .. q.Y!];
        var hash = SHA256.HashData("root"u8);
        var sig = signer.SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        // Each device parses the Root OCA key for itself; only the first object builds tables.
        var first = P256PublicKey.Parse(encoded);
        EcdsaP256.VerifyHash(first, hash, sig).Should().BeTrue();
        first.Table.Should().NotBeNull();
        var second = P256PublicKey.Parse(encoded);
        EcdsaP256.VerifyHash(second, hash, sig).Should().BeTrue();
        second.Table.Should().BeNull("the context's cached copy served it");
        var wrong = (byte[])sig.Clone();
        wrong[40] ^= 0x10;
        EcdsaP256.VerifyHash(second, hash, wrong).Should().BeFalse();

        // A different point is not served by the cached copy.
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var oq = other.ExportParameters(false).Q;
        var otherKey = P256PublicKey.Parse([4, .. oq.X!, .. oq.Y!]);
        EcdsaP256.VerifyHash(otherKey, hash, sig).Should().BeFalse();
        EcdsaP256.VerifyHash(otherKey, hash, other.SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)).Should().BeTrue();
    }
}

/// <summary>ECDH over a fixed-base table for a peer met repeatedly (a host's option; a board has none).</summary>
public sealed class P256PeerTableTests
{
    private static byte[] Encoded(ECParameters p) => [4, .. p.Q.X!, .. p.Q.Y!];

    [Fact]
    public void TheTablePathAgreesWithDotNetAndWithTheBoardPath()
    {
        var tabled = new P256Context(null, 1, 2, wideKeyTables: false);
        var board = new P256Context(null, 1, 0, wideKeyTables: false);
        board.PeerTables.Should().BeNull("a board keeps no peer tables by default");
        using var acb = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var acbPublic = Encoded(acb.ExportParameters(false));

        // The first meeting has no table yet; from the second on the table serves. Every answer is .NET's.
        for (int i = 0; i < 60; i++)
        {
            using var device = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            var d = device.ExportParameters(true).D!;
            var expected = device.DeriveRawSecretAgreement(acb.PublicKey);
            EcdhP256.SharedSecret(tabled, d, acbPublic).Should().Equal(expected);
            EcdhP256.SharedSecret(board, d, acbPublic).Should().Equal(expected);
        }

        // Edge private keys through the table: 1, 2, n - 1, n - 2 and a high-bit pattern, against BigInteger-free
        // .NET imports of the same scalars.
        byte[][] edges =
        [
            [.. new byte[31], 1],
            [.. new byte[31], 2],
            Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632550"),
            Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC63254F"),
            Convert.FromHexString("8000000000000000000000000000000000000000000000000000000000000001"),
        ];
        foreach (var d in edges)
        {
            using var device = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
            EcdhP256.SharedSecret(tabled, d, acbPublic).Should().Equal(device.DeriveRawSecretAgreement(acb.PublicKey));
        }
    }

    [Fact]
    public void TablesAreKeptPerPeerAndTheLeastRecentlyUsedMakesWay()
    {
        var context = new P256Context(null, 1, 2, wideKeyTables: false);
        var peers = Enumerable.Range(0, 3).Select(_ => ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256)).ToArray();
        try
        {
            var encoded = peers.Select(p => Encoded(p.ExportParameters(false))).ToArray();
            var qx = new uint[8];
            var qy = new uint[8];
            uint[]? Find(int k)
            {
                context.Engine.ValidatePublicKey(encoded[k], 0, qx, qy);
                return context.PeerTables!.Find(context.Engine, encoded[k], qx, qy);
            }

            Find(0).Should().BeNull("a peer met once gets no table");
            var t0 = Find(0);
            t0.Should().NotBeNull();
            Find(1).Should().BeNull();
            var t1 = Find(1);
            t1.Should().NotBeNull().And.NotBeSameAs(t0);
            Find(0).Should().BeSameAs(t0);
            Find(1).Should().BeSameAs(t1);

            // A third peer takes the least recently used table (peer 0's), and its answers are right.
            Find(2).Should().BeNull();
            Find(2).Should().BeSameAs(t0);
            Find(1).Should().BeSameAs(t1);
            using var me = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            var d = me.ExportParameters(true).D!;
            for (int k = 0; k < 3; k++)
            {
                EcdhP256.SharedSecret(context, d, encoded[k]).Should().Equal(me.DeriveRawSecretAgreement(peers[k].PublicKey));
            }
        }
        finally
        {
            foreach (var p in peers) p.Dispose();
        }
    }

    [Fact]
    public void AnInvalidPeerKeyIsRefusedAndBuildsNothing()
    {
        var context = new P256Context(null, 1, 1, wideKeyTables: false);
        using var acb = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var good = Encoded(acb.ExportParameters(false));
        var bad = (byte[])good.Clone();
        bad[64] ^= 1;
        var d = new byte[32];
        d[31] = 5;
        for (int i = 0; i < 3; i++)
        {
            var act = () => EcdhP256.SharedSecret(context, d, bad);
            act.Should().Throw<InvalidPublicKeyException>();
        }

        // The refused key never became the "met last" peer: the good one still needs two meetings for a table.
        var qx = new uint[8];
        var qy = new uint[8];
        context.Engine.ValidatePublicKey(good, 0, qx, qy);
        context.PeerTables!.Find(context.Engine, good, qx, qy).Should().BeNull();
        context.PeerTables!.Find(context.Engine, good, qx, qy).Should().NotBeNull();
    }

    [Fact]
    public void PeerTableLimitsAreCheckedLikeTheOthers()
    {
        var act = () => P256Concurrency.Configure(1, 1, -1);
        act.Should().Throw<CryptoException>().Which.Code.Should().Be(CryptoError.OutOfRange);
        act = () => P256Concurrency.Configure(1, 1, P256Concurrency.MaxLimit + 1);
        act.Should().Throw<CryptoException>().Which.Code.Should().Be(CryptoError.OutOfRange);
    }
}

/// <summary>A host's wide verification tables, against .NET on fresh keys and single-bit flips.</summary>
public sealed class P256WideKeyTableTests
{
    [Fact]
    [Trait("Category", "Long")]
    public void WideSlotsVerifyExactlyAsDotNetDoes()
    {
        var context = new P256Context(null, 3, 0, wideKeyTables: true);
        var random = new Random(61);
        for (int i = 0; i < 150; i++)
        {
            using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var q = signer.ExportParameters(false).Q;
            byte[] key = [4, .. q.X!, .. q.Y!];
            var hash = new byte[32];
            random.NextBytes(hash);
            var sig = signer.SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

            // Three meetings: without tables, building the wide slot, from the slot.
            for (int round = 0; round < 3; round++)
            {
                EcdsaP256.VerifyHash(context, key, hash, sig).Should().BeTrue();
                var flipped = (byte[])sig.Clone();
                flipped[random.Next(64)] ^= (byte)(1 << random.Next(8));
                EcdsaP256.VerifyHash(context, key, hash, flipped).Should().Be(signer.VerifyHash(hash, flipped, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
                var otherHash = (byte[])hash.Clone();
                otherHash[random.Next(32)] ^= 0x80;
                EcdsaP256.VerifyHash(context, key, otherHash, sig).Should().BeFalse();
            }
        }
    }

    [Fact]
    public void WideSlotsCostWhatTheySay()
    {
        var narrow = new P256KeyCache(3, wide: false);
        var wide = new P256KeyCache(3, wide: true);
        narrow.StorageBytes.Should().Be(3 * (2048 + 65 + 64) + 65 + 64);
        wide.StorageBytes.Should().Be(3 * (8192 + 65 + 64) + 65 + 64);
        P256KeyCache.StorageBytesFor(1).Should().Be(2048 + 65 + 64 + 65 + 64, "a board's one narrow slot, as TableBytes counts it");
    }
}
