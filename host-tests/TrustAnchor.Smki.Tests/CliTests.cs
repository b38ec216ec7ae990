using System.CommandLine;
using System.Security.Cryptography;
using TrustAnchor.Smki;
using TrustAnchor.Smki.Cli;

namespace TrustAnchor.Smki.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "smki-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, true);
        }
    }

    private (int Code, string Output, string Error) Smki(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = SmkiCommand.Invoke([.. args, "--pki", Path.Combine(folder, "pki")], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Verbs_init_subscriber_batch_csr_revoke_crl_pack_show_work_end_to_end()
    {
        Directory.CreateDirectory(folder);
        var init = Smki("init", "--now", "2027-01-01T00:00:00Z");
        init.Code.Should().Be(0, init.Error);
        init.Output.Should().Contain("Root OCA").And.Contain("DCC-2016/supplier-ds");

        Smki("subscriber", "--name", "Maker", "--entry-tests").Code.Should().Be(0);
        Smki("subscriber", "--name", "Web", "--roles", "supplier", "--entry-tests", "--connection", "portal").Code.Should().Be(0);

        var certs = Path.Combine(folder, "batch.pem");
        var batch = Smki("batch", "--subscriber", "Maker", "--generate", "40", "--first-device-id", "00124B0000001000", "--out", certs);
        batch.Code.Should().Be(0, batch.Error);
        batch.Output.Should().Contain("40 issued, 0 refused");
        File.ReadAllText(certs).Split("BEGIN CERTIFICATE").Length.Should().Be(41);

        // A device CSR over the portal is refused with the DP074 code on stderr and exit code 2.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csrPath = Path.Combine(folder, "device.csr");
        File.WriteAllText(csrPath, new string(PemEncoding.Write("CERTIFICATE REQUEST", SmkiCsr.CreateDevice(key, [0, 0x12, 0x4B, 0, 0, 0, 0x20, 0], SmkiKeyUsage.DigitalSignature))));
        var refused = Smki("csr", "--in", csrPath, "--subscriber", "Web");
        refused.Code.Should().Be(2);
        refused.Error.Should().Contain("DeviceCsrOverPortal (4)").And.Contain("DP074");

        var certPath = Path.Combine(folder, "device.der");
        var issued = Smki("csr", "--in", csrPath, "--subscriber", "Maker", "--out", certPath);
        issued.Code.Should().Be(0, issued.Error);
        var serial = new ProfileReader(File.ReadAllBytes(certPath)).Bc.SerialNumber.ToString(16).ToUpperInvariant();

        var show = Smki("show", "--entity-id", "00124B0000002000");
        show.Output.Should().Contain(serial).And.Contain("status=Trusted");
        Smki("revoke", "--serial", serial, "--reason", "KeyCompromise").Code.Should().Be(0);
        Smki("show", "--serial", serial).Output.Should().Contain("status=Revoked");

        var crlPath = Path.Combine(folder, "dca.crl");
        Smki("crl", "--issuer", "dca", "--out", crlPath).Code.Should().Be(0);
        new Org.BouncyCastle.X509.X509CrlParser().ReadCrl(File.ReadAllBytes(crlPath)).GetRevokedCertificates().Count.Should().Be(1);

        var packPath = Path.Combine(folder, "mp261.der");
        var pack = Smki("pack", "--kind", "mp261", "--out", packPath);
        pack.Code.Should().Be(0, pack.Error);
        File.ReadAllBytes(packPath).Should().Equal(SmkiPki.Open(Path.Combine(folder, "pki")).CreateManufacturingPack(PackKind.Mp261));

        var keyPath = Path.Combine(folder, "supplier.p8");
        var supplier = SmkiPki.Open(Path.Combine(folder, "pki")).PackCertificate(PackKind.Original2016, RemotePartyRole.Supplier, SmkiKeyUsage.DigitalSignature);
        Smki("export-key", "--serial", supplier.Serial, "--out", keyPath).Code.Should().Be(0);
        using var exported = ECDsa.Create();
        exported.ImportPkcs8PrivateKey(File.ReadAllBytes(keyPath), out _);
        Convert.ToHexString(exported.ExportSubjectPublicKeyInfo()[^65..]).Should().Be(supplier.PublicKey);

        // MP261 key reuse from the command line: refused until the PMA approval is recorded.
        var wanPath = Path.Combine(folder, "wan.der");
        Smki("issue-org", "--role", "wanProvider", "--usage", "ds", "--entity-id", "90B3D51F30000206", "--out", wanPath).Code.Should().Be(0);
        var wan = new ProfileReader(File.ReadAllBytes(wanPath));
        var wanSki = Convert.ToHexString(wan.SubjectKeyId);
        var reuse = new[] { "issue-org", "--role", "wanProvider", "--usage", "ds", "--entity-id", "90B3D51F30000206", "--public-key", Convert.ToHexString(wan.PublicPoint) };
        Smki(reuse).Error.Should().Contain("Mp261ApprovalMissing");
        Smki("approve", "--reference", "PMA-2027-01", "--role", "supplier", "--ski", wanSki).Error.Should().Contain("Mp261RoleNotEligible");
        Smki("approve", "--reference", "PMA-2027-01", "--role", "wanProvider", "--ski", wanSki).Code.Should().Be(0);
        var reissued = Smki(reuse);
        reissued.Code.Should().Be(0, reissued.Error);
        reissued.Output.Should().Contain("ski=" + wanSki);

        Smki("show", "--pki-missing").Code.Should().Be(2);
        Smki("init").Code.Should().Be(2, "the folder already holds a PKI");
    }
}

public sealed class ProgressBarTests
{
    [Fact]
    public void Progress_bar_fills_and_ends_the_line_at_the_total()
    {
        var writer = new StringWriter();
        var bar = new ProgressBar(writer, 1000, redraw: true);
        bar.Report(500);
        bar.Report(400); // late report from another worker: ignored
        bar.Report(1000);
        var text = writer.ToString();
        text.Should().Contain("[###############---------------] 500/1,000");
        text.Should().Contain("[##############################] 1,000/1,000");
        text.Should().NotContain("400/");
        text.Should().EndWith(Environment.NewLine);
    }

    [Fact]
    public void Without_a_terminal_progress_is_a_plain_line_per_tenth_and_no_carriage_return()
    {
        var writer = new StringWriter();
        var bar = new ProgressBar(writer, 1000, redraw: false);
        for (var done = 50; done <= 1000; done += 50)
        {
            bar.Report(done);
        }

        var text = writer.ToString();
        text.Should().NotContain("\r");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(10);
        lines[0].Should().Contain("100/1,000 (10%)");
        lines[^1].Should().Contain("1,000/1,000 (100%)");
    }
}
