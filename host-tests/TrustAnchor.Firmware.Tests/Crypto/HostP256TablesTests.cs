using System.Security.Cryptography;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.HostCrypto;

namespace TrustAnchor.Firmware.Tests.Crypto;

/// <summary>
/// The host's speed-ups behind the firmware's <see cref="IP256KeyTables"/> seam: verification keys and ECDH peers
/// with tables, shared by every context the host creates, answering exactly as .NET does.
/// </summary>
public sealed class HostP256TablesTests
{
    private static byte[] Encoded(ECPoint q) => [4, .. q.X!, .. q.Y!];

    [Theory]
    [InlineData(0, 0)]
    [InlineData(HostP256Tables.MaxSlots + 1, 0)]
    [InlineData(1, -1)]
    [InlineData(1, HostP256Tables.MaxSlots + 1)]
    public void LimitsAreChecked(int keys, int peers)
    {
        var act = () => new HostP256Tables(keys, peers, wideKeyTables: false);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void KeysGivenAsBytesGetTablesOnTheirSecondMeetingAndTheLeastRecentlyUsedMakesWay()
    {
        var tables = new HostP256Tables(2, 0, wideKeyTables: true);
        var context = tables.CreateContext();
        var signers = Enumerable.Range(0, 3).Select(_ => ECDsa.Create(ECCurve.NamedCurves.nistP256)).ToArray();
        try
        {
            var keys = signers.Select(s => Encoded(s.ExportParameters(false).Q)).ToArray();
            tables.WithTables(context, keys[0]).Should().BeNull("a key met once gets no tables");
            var k0 = tables.WithTables(context, keys[0]);
            k0.Should().NotBeNull();
            k0!.HasWideTables.Should().BeTrue();
            tables.WithTables(context, keys[1]).Should().BeNull();
            var k1 = tables.WithTables(context, keys[1]);
            tables.WithTables(context, keys[0]).Should().BeSameAs(k0);
            tables.KeyTablesBuilt.Should().Be(2);

            // A third key takes key 1's slot (key 0 was used since).
            tables.WithTables(context, keys[2]).Should().BeNull();
            tables.WithTables(context, keys[2]).Should().NotBeNull();
            tables.WithTables(context, keys[0]).Should().BeSameAs(k0);
            tables.WithTables(context, keys[1]).Should().NotBeSameAs(k1, "key 1 made way");

            var hash = SHA256.HashData("tables"u8);
            for (int k = 0; k < 3; k++)
            {
                var sig = signers[k].SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                EcdsaP256.VerifyHash(context, keys[k], hash, sig).Should().BeTrue();
                EcdsaP256.VerifyHash(context, keys[(k + 1) % 3], hash, sig).Should().BeFalse();
            }
        }
        finally
        {
            foreach (var s in signers) s.Dispose();
        }
    }

    [Fact]
    public void EveryContextOfTheHostSharesOneCopyOfAParsedKeysTables()
    {
        var tables = new HostP256Tables(4, 0, wideKeyTables: true);
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] encoded = Encoded(signer.ExportParameters(false).Q);
        var hash = SHA256.HashData("root"u8);
        var sig = signer.SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        // Ten devices, each with its own context and its own parsed Root OCA key: the tables are built once.
        for (int device = 0; device < 10; device++)
        {
            var context = tables.CreateContext();
            var root = P256PublicKey.Parse(encoded);
            EcdsaP256.VerifyHash(context, root, hash, sig).Should().BeTrue();
            var wrong = (byte[])sig.Clone();
            wrong[device] ^= 1;
            EcdsaP256.VerifyHash(context, root, hash, wrong).Should().BeFalse();
            root.HasTables.Should().BeFalse("the host's copy served it");
        }

        tables.KeyTablesBuilt.Should().Be(1);

        // Served from the host's copy, a verification allocates nothing (no lookup copy, no per-call context).
        var warm = tables.CreateContext();
        var key = P256PublicKey.Parse(encoded);
        EcdsaP256.VerifyHash(warm, key, hash, sig).Should().BeTrue();
        bool all = true;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) all &= EcdsaP256.VerifyHash(warm, key, hash, 0, sig, 0);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
        all.Should().BeTrue();
    }

    [Fact]
    public void ThreadsWithTheirOwnContextsShareTheTablesAndAgreeWithDotNet()
    {
        var tables = new HostP256Tables(3, 2, wideKeyTables: true);
        var signers = Enumerable.Range(0, 3).Select(_ => ECDsa.Create(ECCurve.NamedCurves.nistP256)).ToArray();
        using var acb = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var acbPublic = Encoded(acb.ExportParameters(false).Q);
        var keys = signers.Select(s => Encoded(s.ExportParameters(false).Q)).ToArray();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        try
        {
            var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
            {
                var context = tables.CreateContext();
                var random = new Random(t);
                for (int i = 0; i < 25; i++)
                {
                    int k = random.Next(3);
                    var hash = new byte[32];
                    random.NextBytes(hash);
                    byte[] sig;
                    lock (signers[k]) sig = signers[k].SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                    if (!EcdsaP256.VerifyHash(context, keys[k], hash, sig)) errors.Enqueue("valid signature refused");
                    sig[random.Next(64)] ^= 0x04;
                    if (EcdsaP256.VerifyHash(context, keys[k], hash, sig)) errors.Enqueue("flipped signature accepted");

                    using var device = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
                    var expected = device.DeriveRawSecretAgreement(acb.PublicKey);
                    if (!EcdhP256.SharedSecret(context, device.ExportParameters(true).D!, acbPublic).AsSpan().SequenceEqual(expected))
                        errors.Enqueue("ECDH disagrees with .NET");
                }
            })).ToArray();
            foreach (var thread in threads) thread.Start();
            foreach (var thread in threads) thread.Join();
        }
        finally
        {
            foreach (var s in signers) s.Dispose();
        }

        errors.Should().BeEmpty();
        tables.KeyTablesBuilt.Should().BeInRange(3, 3 * 4, "each key's tables built once, or a few times by threads that met it at once");
        tables.PeerTablesBuilt.Should().BeInRange(1, 4);
    }

    [Fact]
    public void ThePeerTablePathAgreesWithDotNetAndWithTheBoardPath()
    {
        var tables = new HostP256Tables(1, 2, wideKeyTables: false);
        var tabled = tables.CreateContext();
        var board = new P256Context();
        using var acb = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var acbPublic = Encoded(acb.ExportParameters(false).Q);

        for (int i = 0; i < 40; i++)
        {
            using var device = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            var d = device.ExportParameters(true).D!;
            var expected = device.DeriveRawSecretAgreement(acb.PublicKey);
            EcdhP256.SharedSecret(tabled, d, acbPublic).Should().Equal(expected);
            EcdhP256.SharedSecret(board, d, acbPublic).Should().Equal(expected);
        }

        tables.PeerTablesBuilt.Should().Be(1);

        // Edge private keys through the table: 1, 2, n - 1, n - 2 and a high-bit pattern.
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
    public void AnInvalidPeerKeyIsRefusedAndBuildsNothing()
    {
        var tables = new HostP256Tables(1, 1, wideKeyTables: false);
        var context = tables.CreateContext();
        using var acb = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var good = Encoded(acb.ExportParameters(false).Q);
        var bad = (byte[])good.Clone();
        bad[64] ^= 1;
        var d = new byte[32];
        d[31] = 5;
        for (int i = 0; i < 3; i++)
        {
            var act = () => EcdhP256.SharedSecret(context, d, bad);
            act.Should().Throw<InvalidPublicKeyException>();
        }

        tables.PeerTablesBuilt.Should().Be(0);
        var build = () => P256PeerTable.Build(context, bad);
        build.Should().Throw<InvalidPublicKeyException>();

        // The refused key was never remembered: the good one still needs two meetings for a table.
        tables.PeerTable(context, good).Should().BeNull();
        var table = tables.PeerTable(context, good);
        table.Should().NotBeNull();
        table!.IsFor(good).Should().BeTrue();
        table.IsFor(bad).Should().BeFalse();
    }

    [Fact]
    [Trait("Category", "Long")]
    public void WideTablesVerifyExactlyAsDotNetDoes()
    {
        var context = new HostP256Tables(3, 0, wideKeyTables: true).CreateContext();
        var random = new Random(61);
        for (int i = 0; i < 150; i++)
        {
            using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            byte[] key = Encoded(signer.ExportParameters(false).Q);
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
    public void TablesCostWhatTheySay()
    {
        new HostP256Tables(3, 0, wideKeyTables: false).StorageBytes.Should().Be(3 * (2048 + 130));
        new HostP256Tables(3, 2, wideKeyTables: true).StorageBytes.Should().Be(3 * (8192 + 130) + 2 * (8192 + 65));
        P256KeyCache.StorageBytesFor(1).Should().Be(2048 + 65 + 64 + 65 + 64, "a board's one narrow slot, as TableBytes counts it");
    }
}
