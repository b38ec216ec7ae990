using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.X509;

namespace TrustAnchor.Smki.Tests;

/// <summary>Readers that are not ours: .NET X509Chain, BouncyCastle, and openssl when it is on PATH.</summary>
internal static class IndependentReaders
{
    /// <summary>Builds the chain with our root as the only trust anchor (no revocation check) and asserts it is clean.</summary>
    public static void AssertChainBuilds(byte[] leaf, byte[] root, IEnumerable<byte[]> intermediates, DateTime at)
    {
        using var leafCert = X509CertificateLoader.LoadCertificate(leaf);
        using var rootCert = X509CertificateLoader.LoadCertificate(root);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(rootCert);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        foreach (var der in intermediates)
        {
            chain.ChainPolicy.ExtraStore.Add(X509CertificateLoader.LoadCertificate(der));
        }

        var ok = chain.Build(leafCert);
        var status = string.Join("; ", chain.ChainStatus.Select(s => s.Status + " " + s.StatusInformation));
        ok.Should().BeTrue($"the chain should build cleanly but: {status}");
        chain.ChainElements[^1].Certificate.RawData.Should().Equal(root);
    }

    /// <summary>Parses with BouncyCastle and verifies the signature with the issuer's key.</summary>
    public static Org.BouncyCastle.X509.X509Certificate AssertBouncyCastleVerifies(byte[] der, byte[] issuerDer)
    {
        var parser = new X509CertificateParser();
        var cert = parser.ReadCertificate(der);
        var issuer = parser.ReadCertificate(issuerDer);
        cert.Should().NotBeNull();
        cert.Version.Should().Be(3);
        cert.SigAlgOid.Should().Be("1.2.840.10045.4.3.2");
        cert.GetSigAlgParams().Should().BeNull("ecdsa-with-SHA256 has no parameters");
        var verify = () => cert.Verify(issuer.GetPublicKey());
        verify.Should().NotThrow();
        return cert;
    }

    public static bool OpenSslAvailable => FindOnPath("openssl") is not null;

    /// <summary>Runs <c>openssl verify</c> at <paramref name="at"/>; returns its exit code and output.</summary>
    public static (int ExitCode, string Output) OpenSslVerify(byte[] leaf, byte[] root, IEnumerable<byte[]> intermediates, DateTime at)
    {
        var dir = Path.Combine(Path.GetTempPath(), "smki-openssl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "root.pem"), Pem(root));
            var untrusted = intermediates.ToList();
            File.WriteAllText(Path.Combine(dir, "untrusted.pem"), string.Concat(untrusted.Select(Pem)));
            File.WriteAllText(Path.Combine(dir, "leaf.pem"), Pem(leaf));
            var epoch = new DateTimeOffset(at).ToUnixTimeSeconds();
            var psi = new ProcessStartInfo("openssl")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = dir,
            };
            var args = new List<string> { "verify", "-x509_strict", "-attime", epoch.ToString(System.Globalization.CultureInfo.InvariantCulture), "-CAfile", "root.pem" };
            if (untrusted.Count > 0)
            {
                args.AddRange(["-untrusted", "untrusted.pem"]);
            }

            args.Add("leaf.pem");
            foreach (var a in args)
            {
                psi.ArgumentList.Add(a);
            }

            using var process = Process.Start(psi)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    public static string Pem(byte[] der) => new string(System.Security.Cryptography.PemEncoding.Write("CERTIFICATE", der)) + "\n";

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
