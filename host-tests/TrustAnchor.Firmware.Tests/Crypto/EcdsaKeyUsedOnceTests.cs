using System.Security.Cryptography;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Tests.Crypto;

/// <summary>
/// The byte[]-key overloads verify a key seen for the first time without building its tables (and build them on
/// its second use in a row). Keys are alternated here so that every verification below takes the table-free path,
/// valid and tampered signatures alike, raw and DER; .NET is the reference for every outcome.
/// </summary>
public class EcdsaKeyUsedOnceTests
{
    private sealed record Case(byte[] Key, byte[] Hash, byte[] Raw, byte[] Der);

    [Fact]
    public void AlternatingKeysVerifyWithoutTablesLikeDotNet()
    {
        var random = new Random(4242);
        var cases = new List<Case>();
        var dotnetKeys = new List<ECDsa>();
        for (int i = 0; i < 150; i++)
        {
            var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            dotnetKeys.Add(ecdsa);
            var q = ecdsa.ExportParameters(false).Q;
            byte[] key = [0x04, .. q.X!, .. q.Y!];
            var hash = new byte[32];
            random.NextBytes(hash);
            cases.Add(new Case(key, hash, ecdsa.SignHash(hash), ecdsa.SignHash(hash, DSASignatureFormat.Rfc3279DerSequence)));
        }

        int accepted = 0, refused = 0;
        try
        {
            for (int i = 1; i < cases.Count; i++)
            {
                // Alternate between case i and case i - 1: neither key is ever the one seen last, so no tables are built.
                foreach (int c in new[] { i, i - 1 })
                {
                    var k = cases[c];
                    var dotnet = dotnetKeys[c];
                    var raw = (byte[])k.Raw.Clone();
                    var hash = (byte[])k.Hash.Clone();
                    int flip = random.Next(3);
                    if (c == i - 1)
                    {
                        // The second visit tampers: a bit of r, of s or of the hash.
                        if (flip == 2)
                        {
                            hash[random.Next(32)] ^= (byte)(1 << random.Next(8));
                        }
                        else
                        {
                            raw[flip * 32 + random.Next(32)] ^= (byte)(1 << random.Next(8));
                        }
                    }

                    bool expected = dotnet.VerifyHash(hash, raw);
                    EcdsaP256.VerifyHash(k.Key, hash, raw).Should().Be(expected, "case {0}", c);
                    if (c == i)
                    {
                        EcdsaP256.VerifyHashDer(cases[i - 1].Key, k.Hash, k.Der).Should().Be(
                            dotnetKeys[i - 1].VerifyHash(k.Hash, k.Der, DSASignatureFormat.Rfc3279DerSequence), "wrong key, case {0}", c);
                    }

                    if (expected)
                    {
                        accepted++;
                    }
                    else
                    {
                        refused++;
                    }
                }
            }

            // The same key twice in a row takes the tables, with the same answers.
            var last = cases[^1];
            EcdsaP256.VerifyHashDer(last.Key, last.Hash, last.Der).Should().BeTrue();
            EcdsaP256.VerifyHashDer(last.Key, last.Hash, last.Der).Should().BeTrue();
            EcdsaP256.VerifyHash(last.Key, last.Hash, last.Raw).Should().BeTrue();
            var bad = (byte[])last.Raw.Clone();
            bad[63] ^= 1;
            EcdsaP256.VerifyHash(last.Key, last.Hash, bad).Should().BeFalse();
        }
        finally
        {
            dotnetKeys.ForEach(k => k.Dispose());
        }

        accepted.Should().Be(cases.Count - 1, "every untampered signature verifies");
        refused.Should().Be(cases.Count - 1, "every tampered signature is refused");
    }
}
