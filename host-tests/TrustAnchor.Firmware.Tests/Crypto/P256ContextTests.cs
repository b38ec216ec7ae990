using System.Security.Cryptography;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Tests.Crypto;

/// <summary>
/// A P-256 context belongs to its caller: nothing is shared between two contexts but the constant G table, so
/// threads that each own one run at once with no lock; a board's context remembers one key given as bytes.
/// </summary>
public sealed class P256ContextTests
{
    private static byte[] Encoded(ECPoint q) => [4, .. q.X!, .. q.Y!];

    [Fact]
    public void ThreadsEachWithTheirOwnContextGetRightAnswers()
    {
        using var dotnet = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] dotnetKey = Encoded(dotnet.ExportParameters(false).Q);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var threads = new Thread[6];
        for (int t = 0; t < threads.Length; t++)
        {
            int seed = t;
            threads[t] = new Thread(() =>
            {
                var context = new P256Context();
                var random = new Random(seed);
                for (int i = 0; i < 30; i++)
                {
                    var hash = new byte[32];
                    random.NextBytes(hash);

                    // Ours signs, .NET verifies; .NET signs, ours verifies (byte[] and parsed-key paths); ECDH agrees.
                    var d = new byte[32];
                    random.NextBytes(d);
                    d[0] &= 0x7F;
                    d[31] |= 1;
                    var pair = P256KeyPair.FromPrivateKey(d);
                    var ours = new byte[64];
                    EcdsaP256.SignHash(context, null, pair.PrivateKey, hash, ours, 0);
                    using var verifier = ECDsa.Create(new ECParameters
                    {
                        Curve = ECCurve.NamedCurves.nistP256,
                        Q = new ECPoint { X = pair.PublicKey[1..33], Y = pair.PublicKey[33..] },
                    });
                    if (!verifier.VerifyHash(hash, ours, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
                        errors.Enqueue("our signature refused by .NET");

                    byte[] theirs;
                    lock (dotnet) theirs = dotnet.SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                    if (!EcdsaP256.VerifyHash(context, dotnetKey, hash, theirs)) errors.Enqueue(".NET signature refused (bytes)");
                    if (!EcdsaP256.VerifyHash(context, P256PublicKey.Parse(dotnetKey), hash, theirs)) errors.Enqueue(".NET signature refused (key)");
                    theirs[5 + i % 50] ^= 1;
                    if (EcdsaP256.VerifyHash(context, dotnetKey, hash, theirs)) errors.Enqueue("flipped signature accepted");

                    var peer = P256KeyPair.FromPrivateKey(SHA256.HashData(hash)[..31].Prepend((byte)0).ToArray());
                    var z = EcdhP256.SharedSecret(context, pair.PrivateKey, peer.PublicKey);
                    var zBack = EcdhP256.SharedSecret(peer.PrivateKey, pair.PublicKey);
                    if (!z.AsSpan().SequenceEqual(zBack)) errors.Enqueue("ECDH disagrees");
                }
            });
        }

        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();

        errors.Should().BeEmpty();
    }

    [Fact]
    public void TwoContextsShareOnlyTheConstantGTable()
    {
        var a = new P256Context();
        var b = new P256Context();

        a.Engine.TableG.Should().BeSameAs(b.Engine.TableG, "G's multiples are a constant of the curve");
        a.Engine.Should().NotBeSameAs(b.Engine);
        a.Keys.Should().NotBeSameAs(b.Keys);
        a.DerScratch.Should().NotBeSameAs(b.DerScratch);
        a.Sha.Should().NotBeSameAs(b.Sha);
        a.StorageBytes.Should().BeGreaterThan(P256Engine.WorkingBytes).And.BeLessThan(16 * 1024);
    }

    [Fact]
    public void ANullContextIsATypedError()
    {
        var hash = new byte[32];
        var act = () => EcdsaP256.VerifyHash((P256Context)null!, new byte[65], hash, new byte[64]);
        act.Should().Throw<CryptoException>().Which.Code.Should().Be(CryptoError.NullArgument);
        var ecdh = () => EcdhP256.SharedSecret(null!, new byte[32], new byte[65]);
        ecdh.Should().Throw<CryptoException>().Which.Code.Should().Be(CryptoError.NullArgument);
    }

    [Fact]
    public void KeyCacheKeepsSeveralKeysAndStillRefusesWrongSignatures()
    {
        var context = new P256Context();
        var cache = new P256KeyCache(3);
        var signers = Enumerable.Range(0, 4).Select(_ => ECDsa.Create(ECCurve.NamedCurves.nistP256)).ToArray();
        try
        {
            var keys = signers.Select(s => Encoded(s.ExportParameters(false).Q)).ToArray();
            var hash = SHA256.HashData("cache"u8);

            // Each key twice in a row: the second meeting gives it a slot with tables.
            var found = new P256PublicKey[4];
            for (int k = 0; k < 3; k++)
            {
                cache.Find(context.Engine, keys[k]).Table.Should().BeNull("a key met once has no tables");
                found[k] = cache.Find(context.Engine, keys[k]);
                found[k].Table.Should().NotBeNull();
            }

            for (int k = 0; k < 3; k++) cache.Find(context.Engine, keys[k]).Should().BeSameAs(found[k]);

            // A fourth key takes the least recently used slot (key 0's).
            cache.Find(context.Engine, keys[1]);
            cache.Find(context.Engine, keys[2]);
            cache.Find(context.Engine, keys[3]);
            var fourth = cache.Find(context.Engine, keys[3]);
            fourth.Should().BeSameAs(found[0]);
            fourth.Equals(keys[3]).Should().BeTrue();
            cache.Find(context.Engine, keys[1]).Should().BeSameAs(found[1]);

            // And every key verifies its own signatures only, through a board context's one-key cache.
            for (int k = 0; k < 4; k++)
            {
                var sig = signers[k].SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                EcdsaP256.VerifyHash(context, keys[k], hash, sig).Should().BeTrue();
                EcdsaP256.VerifyHash(context, keys[k], hash, sig).Should().BeTrue();
                EcdsaP256.VerifyHash(context, keys[(k + 1) % 4], hash, sig).Should().BeFalse();
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
        var context = new P256Context();
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] key = Encoded(signer.ExportParameters(false).Q);
        context.Keys.Find(context.Engine, key);
        var cached = context.Keys.Find(context.Engine, key);
        byte[] offCurve = [.. key];
        offCurve[64] ^= 1;
        var act = () => context.Keys.Find(context.Engine, offCurve);
        act.Should().Throw<InvalidPublicKeyException>();
        context.Keys.Find(context.Engine, key).Should().BeSameAs(cached);
    }

    [Fact]
    public void ASecondObjectForTheSamePointUsesTheBoardCachesTables()
    {
        var context = new P256Context();
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] encoded = Encoded(signer.ExportParameters(false).Q);
        var hash = SHA256.HashData("root"u8);
        var sig = signer.SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        var first = P256PublicKey.Parse(encoded);
        EcdsaP256.VerifyHash(context, first, hash, sig).Should().BeTrue();
        first.HasTables.Should().BeTrue();
        var second = P256PublicKey.Parse(encoded);
        EcdsaP256.VerifyHash(context, second, hash, sig).Should().BeTrue();
        second.HasTables.Should().BeFalse("the context's cached copy served it");
        var wrong = (byte[])sig.Clone();
        wrong[40] ^= 0x10;
        EcdsaP256.VerifyHash(context, second, hash, wrong).Should().BeFalse();

        // Another context has a cache of its own: nothing of the first context's serves it.
        var third = P256PublicKey.Parse(encoded);
        EcdsaP256.VerifyHash(new P256Context(), third, hash, sig).Should().BeTrue();
        third.HasTables.Should().BeTrue();
    }
}
