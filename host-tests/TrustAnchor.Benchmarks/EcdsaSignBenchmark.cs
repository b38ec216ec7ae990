using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using TrustAnchor.Firmware.Crypto;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace TrustAnchor.Benchmarks;

/// <summary>
/// The device's secret-scalar operations: ECDSA P-256 signing (ours: RFC 6979; .NET's ECDsa, OpenSSL on Linux;
/// BouncyCastle's ECDsaSigner with its RFC 6979 HMacDsaKCalculator on CustomNamedCurves secp256r1), key
/// generation from a private key (ours: d G and the encoding), and ECDH (ours, peer-key validation included;
/// .NET's DeriveRawSecretAgreement). Same keys and hashes for all, interleaved rounds with rotating order,
/// medians of microseconds per operation. Ours must equal BouncyCastle's signature byte for byte.
/// </summary>
public sealed class EcdsaSignBenchmark : IBenchmark
{
    private const int Keys = 32;
    private const int Rounds = 21;
    private const int PassesPerRound = 2;

    public string Name => "sign";

    public void Run(TextWriter output)
    {
        var bcParams = CustomNamedCurves.GetByName("secp256r1");
        var bcDomain = new ECDomainParameters(bcParams.Curve, bcParams.G, bcParams.N, bcParams.H);

        var privateKeys = new byte[Keys][];
        var hashes = new byte[Keys][];
        var peerKeys = new byte[Keys][];
        var dotnet = new ECDsa[Keys];
        var dotnetEcdh = new ECDiffieHellman[Keys];
        var dotnetPeers = new ECDiffieHellmanPublicKey[Keys];
        var bc = new ECDsaSigner[Keys];
        var rng = new Random(2);
        for (int i = 0; i < Keys; i++)
        {
            using var source = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var parameters = source.ExportParameters(true);
            privateKeys[i] = parameters.D!;
            var message = new byte[100];
            rng.NextBytes(message);
            hashes[i] = SHA256.HashData(message);
            dotnet[i] = ECDsa.Create(parameters);
            dotnetEcdh[i] = ECDiffieHellman.Create(parameters);
            using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            var q = peer.ExportParameters(false).Q;
            peerKeys[i] = [4, .. q.X!, .. q.Y!];
            dotnetPeers[i] = peer.PublicKey;
            bc[i] = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
            bc[i].Init(true, new ECPrivateKeyParameters(new BcBigInteger(1, privateKeys[i]), bcDomain));
        }

        var ours = new byte[EcdsaP256.SignatureSize];
        var context = new P256Context();
        Func<int, bool>[] impls =
        {
            i => { EcdsaP256.SignHash(context, null, privateKeys[i], hashes[i], ours, 0); return true; },
            i => dotnet[i].SignHash(hashes[i], DSASignatureFormat.IeeeP1363FixedFieldConcatenation).Length == 64,
            i => bc[i].GenerateSignature(hashes[i]).Length == 2,
            i => P256KeyPair.FromPrivateKey(privateKeys[i]).PublicKey.Length == 65,
            i => EcdhP256.SharedSecret(context, privateKeys[i], peerKeys[i]).Length == 32,
            i => dotnetEcdh[i].DeriveRawSecretAgreement(dotnetPeers[i]).Length == 32,
        };
        string[] names = { "ours", "dotnet", "bouncycastle", "keygen", "ecdh", "dotnet_ecdh" };

        // Correctness first: ours = BouncyCastle's RFC 6979 signature, and it verifies in .NET; ECDH agrees.
        for (int i = 0; i < Keys; i++)
        {
            EcdsaP256.SignHash(context, null, privateKeys[i], hashes[i], ours, 0);
            var rs = bc[i].GenerateSignature(hashes[i]);
            if (!ours.AsSpan().SequenceEqual([.. Be32(rs[0]), .. Be32(rs[1])])
                || !dotnet[i].VerifyHash(hashes[i], ours, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
                throw new InvalidOperationException("our signature differs from BouncyCastle's RFC 6979 signature");
            if (!EcdhP256.SharedSecret(context, privateKeys[i], peerKeys[i]).AsSpan().SequenceEqual(dotnetEcdh[i].DeriveRawSecretAgreement(dotnetPeers[i])))
                throw new InvalidOperationException("our ECDH secret differs from .NET's");
        }

        // Warm-up: JIT (tiered up), the engines' first-use tables.
        for (int pass = 0; pass < 10; pass++)
        {
            foreach (var impl in impls)
            {
                for (int i = 0; i < Keys; i++) impl(i);
            }
        }

        var samples = new List<double>[impls.Length];
        for (int k = 0; k < impls.Length; k++) samples[k] = new List<double>();
        long allocated = 0;
        long signatures = 0;
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
                    signatures += PassesPerRound * Keys;
                }

                if (!all) throw new InvalidOperationException(names[k] + " failed");
                samples[k].Add(sw.Elapsed.TotalMicroseconds / (PassesPerRound * Keys));
            }

            Console.Error.Write(".");
        }

        Console.Error.WriteLine();
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(inv,
            "ecdsa-p256-sign: ours_us={0:F1} dotnet_us={1:F1} bouncycastle_us={2:F1} keygen_us={3:F1} ecdh_us={4:F1} dotnet_ecdh_us={5:F1} alloc_bytes_per_sign={6}",
            Median(samples[0]), Median(samples[1]), Median(samples[2]), Median(samples[3]), Median(samples[4]), Median(samples[5]),
            allocated / signatures));

        foreach (var d in dotnet) d.Dispose();
        foreach (var d in dotnetEcdh) d.Dispose();
        foreach (var p in dotnetPeers) p.Dispose();
    }

    private static byte[] Be32(BcBigInteger v)
    {
        var b = v.ToByteArrayUnsigned();
        return [.. new byte[32 - b.Length], .. b];
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
