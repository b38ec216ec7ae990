using System.Text.Json;
using System.Security.Cryptography;
using TrustAnchor.Smki.Cli;

namespace TrustAnchor.Smki.Tests;

/// <summary>
/// The smki verbs run on their own (<see cref="SmkiCommand.Invoke"/>): each kind of usage error exits 2 with one
/// "error:" line and no stack trace or .NET type name, and changes nothing on disk.
/// </summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("smki-usage-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    private string Pki => Path.Combine(folder, "pki");

    private (int Code, string Output, string Error) Smki(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = SmkiCommand.Invoke(args.Select(a => a.Replace("{pki}", Pki).Replace("{folder}", folder)).ToArray(), output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static void ShouldBeOneUsageError((int Code, string Output, string Error) result, string mentions)
    {
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(1, "a usage error is one line on stderr, got:\n" + result.Error);
        var line = lines[0].TrimEnd('\r');
        line.Should().StartWith("error: ").And.Contain(mentions);
        line.Should().NotContain("   at ").And.NotContain("Exception").And.NotContain("System.").And.NotContain("`1").And.NotContain("Int32");
        result.Code.Should().Be(2, line);
    }

    [Theory]
    [InlineData("unknown option", "unknown option '--frob'", "init", "--pki", "{pki}", "--frob")]
    [InlineData("unknown verb", "unknown verb 'intit'", "intit", "--pki", "{pki}")]
    [InlineData("no verb", "name a verb")]
    [InlineData("missing required option", "--name", "subscriber", "--pki", "{pki}")]
    [InlineData("bad number", "--root-years: 'fifty' is not a whole number", "init", "--pki", "{pki}", "--root-years", "fifty")]
    [InlineData("bad number for --generate", "--generate: 'lots'", "batch", "--pki", "{pki}", "--subscriber", "Maker", "--generate", "lots")]
    [InlineData("zero", "--root-years must be at least 1, got 0", "init", "--pki", "{pki}", "--root-years", "0")]
    [InlineData("negative", "--generate must be at least 1, got -5", "batch", "--pki", "{pki}", "--subscriber", "Maker", "--generate", "-5")]
    [InlineData("validity out of order", "validity must satisfy", "init", "--pki", "{pki}", "--org-years", "30")]
    [InlineData("bad --now", "--now: '2027-13-45' is not a date/time", "init", "--pki", "{pki}", "--now", "2027-13-45")]
    [InlineData("bad --now on a later verb", "--now: 'tomorrow'", "show", "--pki", "{pki}", "--now", "tomorrow")]
    [InlineData("bad --not-before", "--not-before: 'June'", "init", "--pki", "{pki}", "--not-before", "June")]
    [InlineData("bad choice", "--reason: 'Bored' is not one of", "revoke", "--pki", "{pki}", "--serial", "01", "--reason", "Bored")]
    [InlineData("missing PKI folder", "is not a PKI folder", "show", "--pki", "{folder}/nowhere")]
    [InlineData("missing config file", "config file not found", "init", "--pki", "{pki}", "--config", "{folder}/nowhere.json")]
    public void A_usage_error_exits_2_with_one_error_line(string kind, string mentions, params string[] args)
    {
        _ = kind;
        ShouldBeOneUsageError(Smki(args), mentions);
        Directory.Exists(Pki).Should().BeFalse("a refused command makes nothing");
    }

    [Fact]
    public void A_missing_input_file_is_a_usage_error()
    {
        Smki("init", "--pki", "{pki}", "--now", "2027-01-01T00:00:00Z").Code.Should().Be(0);
        Smki("subscriber", "--pki", "{pki}", "--name", "Maker", "--entry-tests").Code.Should().Be(0);
        ShouldBeOneUsageError(Smki("csr", "--pki", "{pki}", "--in", "{folder}/no-such.csr", "--subscriber", "Maker"), "file not found");
        ShouldBeOneUsageError(Smki("batch", "--pki", "{pki}", "--in", "{folder}/no-such.pem", "--subscriber", "Maker"), "file not found");
        ShouldBeOneUsageError(Smki("batch", "--pki", "{pki}", "--subscriber", "Maker"), "give --in FILE or --generate N");
        ShouldBeOneUsageError(Smki("show", "--pki", "{pki}", "--ski", "zz"), "--ski: 'zz' is not hex");
    }

    [Fact]
    public void A_config_file_that_is_not_json_or_holds_a_wrong_value_is_a_usage_error()
    {
        var broken = Path.Combine(folder, "broken.json");
        File.WriteAllText(broken, "{ \"Smki\": { \"RootValidityYears\": 40 ");
        ShouldBeOneUsageError(Smki("init", "--pki", "{pki}", "--config", broken), "is not valid JSON");

        var wrongKind = Path.Combine(folder, "wrong-kind.json");
        File.WriteAllText(wrongKind, """{ "Smki": { "RootValidityYears": "half a century" } }""");
        ShouldBeOneUsageError(Smki("init", "--pki", "{pki}", "--config", wrongKind), "Smki:RootValidityYears: 'half a century' is not a whole number");
        Directory.Exists(Pki).Should().BeFalse();
    }

    [Fact]
    public void The_config_file_sets_init_defaults_and_the_pki_folder_and_options_still_win()
    {
        var config = Path.Combine(folder, "smki.json");
        File.WriteAllText(config, $$"""
        // appsettings-style: the Smki section (SmkiOptions, and Pki for the folder)
        { "Smki": { "Pki": {{JsonSerializer.Serialize(Pki)}}, "RootValidityYears": 40, "IssuingValidityYears": 20, "NamePrefix": "Gas & Power+" } }
        """);
        var init = Smki("init", "--config", config, "--issuing-years", "22", "--now", "2027-01-01T00:00:00Z");
        init.Code.Should().Be(0, init.Error);

        var pki = SmkiPki.Open(Pki);
        (pki.RootOca.NotAfter.Year - pki.RootOca.NotBefore.Year).Should().Be(40, "from the config file");
        (pki.IssuingOca.NotAfter.Year - pki.IssuingOca.NotBefore.Year).Should().Be(22, "the command line wins over the file");
        (pki.IssuingDca.NotAfter.Year - pki.IssuingDca.NotBefore.Year).Should().Be(22);

        // A later verb finds the PKI through the same file, and the index keeps & and + literal.
        var show = Smki("show", "--config", config);
        show.Code.Should().Be(0, show.Error);
        show.Output.Should().Contain("notAfter=2056-06-01", "the Root OCA of the PKI the file points at: 2016 + 40 years");
        File.ReadAllText(Path.Combine(Pki, "smki.json")).Should().Contain("Gas & Power+").And.NotContain("\\u0026").And.NotContain("\\u002B");
    }

    [Fact]
    public void A_refusal_by_the_smki_rules_is_exit_2_with_its_code()
    {
        Smki("init", "--pki", "{pki}", "--now", "2027-01-01T00:00:00Z").Code.Should().Be(0);
        Smki("subscriber", "--pki", "{pki}", "--name", "Web", "--roles", "supplier", "--entry-tests", "--connection", "portal").Code.Should().Be(0);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = Path.Combine(folder, "device.csr");
        File.WriteAllText(csr, new string(PemEncoding.Write("CERTIFICATE REQUEST", SmkiCsr.CreateDevice(key, [0, 0x12, 0x4B, 0, 0, 0, 0x20, 0], SmkiKeyUsage.DigitalSignature))));
        var refused = Smki("csr", "--pki", "{pki}", "--in", csr, "--subscriber", "Web");
        refused.Code.Should().Be(2);
        refused.Error.Trim().Should().StartWith("refused: DeviceCsrOverPortal (4): ");
        refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1);
    }
}
