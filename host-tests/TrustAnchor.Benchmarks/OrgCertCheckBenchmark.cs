using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using TrustAnchor.Firmware.Certificates;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Smki;

namespace TrustAnchor.Benchmarks;

/// <summary>
/// What a meter does when an Organisation Certificate arrives with its certification path: parse the certificate
/// and the Issuing OCA, check both against the GBCS profile, and validate the path up to the Root OCA key held in the
/// root cell (time checks on). The anchor is .NET's own route: load both as X509Certificate2 and build an X509Chain
/// with the Root OCA as custom trust root and no revocation. Same certificates (issued by TrustAnchor.Smki), same run.
/// alloc_bytes is ours per check after warm-up (certificate slots reused, shared valid result).
/// </summary>
public sealed class OrgCertCheckBenchmark : IBenchmark
{
    private const int Warmup = 300;
    private const int Iterations = 3000;

    public string Name => "cert";

    public void Run(TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), "trustanchor-bench-cert-" + Guid.NewGuid().ToString("N"));
        try
        {
            var pki = SmkiPki.Init(folder);
            var org = pki.IssueOrganisationCertificate(2, SmkiKeyUsage.DigitalSignature, new byte[] { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77 });
            byte[] orgDer = org.Der, issuingDer = pki.IssuingOca.Der, rootDer = pki.RootOca.Der;
            var rootCert = Certificate.Parse(rootDer);
            var rootKey = P256PublicKey.Parse(rootCert.PublicKey);
            var rootKeyId = rootCert.SubjectKeyId;
            var deviceTime = org.NotBefore.AddDays(30);

            // Two certificate slots a device keeps for incoming certificates: parsing reuses them.
            var path = new Certificate[1];
            Certificate? targetSlot = null, pathSlot = null;
            // The device's own P-256 context: the profile checks' and the path's scratch.
            var context = new P256Context();
            bool Ours()
            {
                var target = targetSlot = Certificate.Parse(orgDer, 0, orgDer.Length, targetSlot);
                path[0] = pathSlot = Certificate.Parse(issuingDer, 0, issuingDer.Length, pathSlot);
                if (CertificateProfile.CheckOrganisation(target, null, context).Length != 0) return false;
                if (CertificateProfile.CheckIssuingOca(path[0], null, context).Length != 0) return false;
                return CertificationPath.Validate(context, target, path, rootKey, rootKeyId, true, deviceTime).IsValid;
            }

            using var trustedRoot = X509CertificateLoader.LoadCertificate(rootDer);
            bool DotNet()
            {
                using var leaf = X509CertificateLoader.LoadCertificate(orgDer);
                using var issuing = X509CertificateLoader.LoadCertificate(issuingDer);
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(trustedRoot);
                chain.ChainPolicy.ExtraStore.Add(issuing);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.VerificationTime = deviceTime;
                chain.ChainPolicy.VerificationTimeIgnored = false;
                return chain.Build(leaf);
            }

            if (!Ours()) throw new InvalidOperationException("our check rejected the SMKI certificate");
            if (!DotNet()) throw new InvalidOperationException("X509Chain rejected the SMKI certificate");

            Console.Error.WriteLine("cert: measuring ours ...");
            double ours = MedianMicroseconds(Ours);
            Console.Error.WriteLine("cert: measuring X509Certificate2 + X509Chain ...");
            double dotnet = MedianMicroseconds(DotNet);

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++) Ours();
            long alloc = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000;

            output.WriteLine(FormattableString.Invariant(
                $"org-cert-check: ours_us={ours:F1} dotnet_x509_us={dotnet:F1} alloc_bytes={alloc}"));
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static double MedianMicroseconds(Func<bool> check)
    {
        for (int i = 0; i < Warmup; i++) check();
        var samples = new double[Iterations];
        for (int i = 0; i < Iterations; i++)
        {
            long start = Stopwatch.GetTimestamp();
            if (!check()) throw new InvalidOperationException("check failed during measurement");
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(samples);
        return samples[Iterations / 2];
    }
}
