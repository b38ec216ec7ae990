using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace TrustAnchor.Simulator.Tests.Decoding;

/// <summary>The keystore verb's layout, checked against the certificates themselves (.NET X509), and its refusals.</summary>
public sealed class KeystoreTests(KeptRunFixture run) : IClassFixture<KeptRunFixture>
{
    [Fact]
    public void The_keystore_has_every_certificate_in_the_dcc_tools_layout_with_matching_private_keys()
    {
        run.KeystoreRun.Code.Should().Be(0, run.KeystoreRun.Error);
        using var json = JsonDocument.Parse(File.ReadAllBytes(run.Keystore));
        var devices = 0;
        var parties = new HashSet<int>();
        foreach (var entity in json.RootElement.EnumerateObject())
        {
            entity.Name.Should().MatchRegex("^[0-9a-f]{16}$");
            foreach (var usage in entity.Value.EnumerateObject())
            {
                usage.Name.Should().BeOneOf("digitalSignature", "keyAgreement");
                foreach (var serial in usage.Value.EnumerateObject())
                {
                    serial.Name.Should().MatchRegex("^[0-9]+$");
                    var entry = serial.Value;
                    using var certificate = X509Certificate2.CreateFromPem(entry.GetProperty("certificate").GetString());
                    new BigInteger(certificate.GetSerialNumber(), isUnsigned: true).ToString().Should().Be(serial.Name);
                    var keyUsage = certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages;
                    keyUsage.Should().Be(usage.Name == "digitalSignature" ? X509KeyUsageFlags.DigitalSignature : X509KeyUsageFlags.KeyAgreement);
                    entry.GetProperty("name").GetString().Should().NotBeNullOrWhiteSpace();

                    var isDevice = certificate.SubjectName.RawData.Length <= 2; // an empty Name is 30 00
                    if (isDevice)
                    {
                        entry.TryGetProperty("role", out _).Should().BeFalse("only Organisation Certificates carry a role");
                        entity.Name.Should().StartWith("70b3d5");
                        devices++;
                    }
                    else
                    {
                        var ou = certificate.SubjectName.EnumerateRelativeDistinguishedNames().Select(r => r.GetSingleElementValue()).ToList();
                        var role = entry.GetProperty("role").GetInt32();
                        ou.Should().Contain(role.ToString("X2"), "the role is the subject's OU");
                        parties.Add(role);
                    }

                    if (entry.TryGetProperty("privateKey", out var privateKey))
                    {
                        using var key = ECDsa.Create();
                        key.ImportFromPem(privateKey.GetString());
                        var q = key.ExportParameters(false).Q;
                        certificate.PublicKey.EncodedKeyValue.RawData.Should().Equal([0x04, .. q.X!, .. q.Y!]);
                    }
                    else
                    {
                        isDevice.Should().BeFalse("every device key of the run is kept");
                    }
                }
            }
        }

        devices.Should().Be(8, "a Comms Hub, an ESME, a GSME and a PPMID, each a DS and a KA certificate");
        parties.Should().Contain([1, 2, 3, 4, 5, 6]);
    }

    [Fact]
    public void The_run_folder_keeps_each_device_credentials_file_beside_its_flash()
    {
        var premises = Path.Combine(run.RunFolder, "premises-00001");
        Directory.GetFiles(premises, "*.credentials.json").Should().HaveCount(4);
        Directory.GetFiles(premises, "*.flash").Should().HaveCount(4);
    }

    [Fact]
    public async Task A_folder_without_a_run_is_a_one_line_usage_error_and_writes_nothing()
    {
        var empty = Directory.CreateTempSubdirectory("ta-sim-empty-").FullName;
        try
        {
            var output = Path.Combine(empty, "k.json");
            var result = await CliRun.InvokeAsync("keystore", "--run-folder", empty, "--out", output);
            result.Code.Should().Be(2);
            result.ErrorLines.Should().ContainSingle().Which.Should().Contain("holds no SMKI");
            Directory.GetFiles(empty).Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
