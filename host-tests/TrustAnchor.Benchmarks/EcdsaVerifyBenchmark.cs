using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using TrustAnchor.Firmware.Crypto;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace TrustAnchor.Benchmarks;

/// <summary>
/// ECDSA P-256 verification: ours (TrustAnchor.Firmware.Crypto.EcdsaP256 with parsed keys), .NET's ECDsa
/// (OpenSSL on Linux) and BouncyCastle's ECDsaSigner, on the same keys, hashes and signatures, in interleaved
/// rounds (the order rotates each round), reporting each one's median microseconds per verification.
/// Every implementation keeps its key object across verifications, as a device keeps a Trust Anchor key.
/// </summary>
public sealed class EcdsaVerifyBenchmark : IBenchmark
{
    private const int Keys = 64;
    private const int Rounds = 21;
    private const int PassesPerRound = 4;

    public string Name => "ecdsa";

    public void Run(TextWriter output)
    {
        var bcParams = CustomNamedCurves.GetByName("secp256r1");
        var bcDomain = new ECDomainParameters(bcParams.Curve, bcParams.G, bcParams.N, bcParams.H);

        var hashes = new byte[Keys][];
        var sigs = new byte[Keys][];
        var ours = new P256PublicKey[Keys];
        var dotnet = new ECDsa[Keys];
        var bc = new ECDsaSigner[Keys];
        var bcR = new BcBigInteger[Keys];
        var bcS = new BcBigInteger[Keys];
        var rng = new Random(1);
        for (int i = 0; i < Keys; i++)
        {
            var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var q = signer.ExportParameters(false).Q;
            var key = new byte[65];
            key[0] = 4;
            q.X!.CopyTo(key, 1);
            q.Y!.CopyTo(key, 33);
            var message = new byte[100];
            rng.NextBytes(message);
            hashes[i] = SHA256.HashData(message);
            sigs[i] = signer.SignHash(hashes[i], DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            signer.Dispose();

            ours[i] = P256PublicKey.Parse(key);
            dotnet[i] = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = q });
            bc[i] = new ECDsaSigner();
            bc[i].Init(false, new ECPublicKeyParameters(bcParams.Curve.DecodePoint(key), bcDomain));
            bcR[i] = new BcBigInteger(1, sigs[i], 0, 32);
            bcS[i] = new BcBigInteger(1, sigs[i], 32, 32);
        }

        // Ours runs in a context the benchmark owns, as a device owns its own.
        var context = new P256Context();
        Func<int, bool>[] impls =
        {
            i => EcdsaP256.VerifyHash(context, ours[i], hashes[i], 0, sigs[i], 0),
            i => dotnet[i].VerifyHash(hashes[i], sigs[i], DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            i => bc[i].VerifySignature(hashes[i], bcR[i], bcS[i]),
        };
        string[] names = { "ours", "openssl", "bouncycastle" };

        // Warm-up: JIT (tiered up), BouncyCastle's per-point precomputation, our engine's first-use tables.
        for (int pass = 0; pass < 40; pass++)
        {
            for (int k = 0; k < impls.Length; k++)
            {
                for (int i = 0; i < Keys; i++)
                {
                    if (!impls[k](i)) throw new InvalidOperationException(names[k] + " rejected a valid signature");
                }
            }
        }

        var samples = new List<double>[impls.Length];
        for (int k = 0; k < impls.Length; k++) samples[k] = new List<double>();
        long allocated = 0;
        long ourVerifies = 0;
        for (int round = 0; round < Rounds; round++)
        {
            for (int j = 0; j < impls.Length; j++)
            {
                int k = (round + j) % impls.Length;
                long before = k == 0 ? GC.GetAllocatedBytesForCurrentThread() : 0;
                var sw = Stopwatch.StartNew();
                bool all = true;
                for (int pass = 0; pass < PassesPerRound; pass++)
                {
                    for (int i = 0; i < Keys; i++) all &= impls[k](i);
                }

                sw.Stop();
                if (k == 0)
                {
                    allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                    ourVerifies += PassesPerRound * Keys;
                }

                if (!all) throw new InvalidOperationException(names[k] + " rejected a valid signature");
                samples[k].Add(sw.Elapsed.TotalMicroseconds / (PassesPerRound * Keys));
            }

            Console.Error.Write(".");
        }

        Console.Error.WriteLine();
        double oursUs = Median(samples[0]), opensslUs = Median(samples[1]), bcUs = Median(samples[2]);
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(inv,
            "ecdsa-p256-verify: ours_us={0:F1} openssl_us={1:F1} bouncycastle_us={2:F1} ratio_vs_bouncycastle={3:F2} ratio_vs_openssl={4:F2} alloc_bytes_per_verify={5} table_bytes={6}",
            oursUs, opensslUs, bcUs, oursUs / bcUs, oursUs / opensslUs, allocated / ourVerifies, EcdsaP256.TableBytes));

        foreach (var d in dotnet) d.Dispose();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
