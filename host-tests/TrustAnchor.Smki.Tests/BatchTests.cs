using System.Security.Cryptography;
using TrustAnchor.Smki;

namespace TrustAnchor.Smki.Tests;

public sealed class BatchTests : IDisposable
{
    private readonly TempPki temp = new();

    public BatchTests()
    {
        temp.Pki.AddSubscriber(new AuthorisedSubscriber { Organisation = "Maker", EntryTestsCompleted = true, Connection = SubscriberConnection.DccGateway });
        temp.Pki.AddSubscriber(new AuthorisedSubscriber { Organisation = "Untested Maker", EntryTestsCompleted = false, Connection = SubscriberConnection.DccGateway });
    }

    public void Dispose() => temp.Dispose();

    private static byte[] DeviceId(int n) => [0x00, 0x12, 0x4B, 0x00, 0x00, (byte)(n >> 16), (byte)(n >> 8), (byte)n];

    private static List<byte[]> MakeCsrs(int count, int firstId = 0)
    {
        var csrs = new byte[count][];
        Parallel.For(0, count, i =>
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            csrs[i] = SmkiCsr.CreateDevice(key, DeviceId(firstId + i), i % 2 == 0 ? SmkiKeyUsage.DigitalSignature : SmkiKeyUsage.KeyAgreement);
        });
        return csrs.ToList();
    }

    [Fact]
    public void Batch_of_a_few_hundred_issues_one_certificate_per_csr_in_order()
    {
        var csrs = MakeCsrs(300);
        var reports = new List<int>();
        var result = temp.Pki.ProcessBatch(csrs, new CsrSubmission("Maker"), new SyncProgress(reports));
        result.IssuedCount.Should().Be(300);
        result.RefusedCount.Should().Be(0);
        reports.Should().NotBeEmpty().And.Contain(300);
        result.Certificates.Select(c => c.Serial).Should().OnlyHaveUniqueItems();
        for (var i = 0; i < csrs.Count; i++)
        {
            var item = result.Items[i];
            item.Index.Should().Be(i);
            var cert = new ProfileReader(item.Certificate!.Der);
            cert.HardwareModuleName()!.Value.Serial.Should().Equal(DeviceId(i));
            cert.PublicPoint.Should().Equal(new Org.BouncyCastle.Pkcs.Pkcs10CertificationRequest(csrs[i]).GetCertificationRequestInfo().SubjectPublicKeyInfo.PublicKeyData.GetBytes());
        }

        // Every one through both independent readers.
        foreach (var record in result.Certificates)
        {
            IndependentReaders.AssertBouncyCastleVerifies(record.Der, temp.Pki.IssuingDca.Der);
            IndependentReaders.AssertChainBuilds(record.Der, temp.Pki.RootDca.Der, [temp.Pki.IssuingDca.Der], record.NotBefore.AddMinutes(1));
        }

        // Persisted: a reopened PKI finds them.
        var reopened = SmkiPki.Open(temp.Folder);
        reopened.FindByEntityId(DeviceId(299)).Should().ContainSingle().Which.Der.Should().Equal(result.Items[299].Certificate!.Der);
    }

    [Fact]
    public void Batch_refuses_bad_and_duplicate_csrs_one_by_one_and_issues_the_rest()
    {
        var csrs = MakeCsrs(20);
        csrs[3] = csrs[2]; // same key twice in one batch
        var tampered = (byte[])csrs[5].Clone();
        tampered[^3] ^= 0x01;
        csrs[5] = tampered;
        using var orgKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        csrs[7] = SmkiCsr.CreateOrganisation(orgKey, RemotePartyRole.Supplier, SmkiKeyUsage.DigitalSignature, [1, 2, 3, 4, 5, 6, 7, 8]);
        var result = temp.Pki.ProcessBatch(csrs, new CsrSubmission("Maker"));
        result.IssuedCount.Should().Be(17);
        result.Items[3].Error.Should().Be(SmkiErrorCode.DuplicatePublicKey);
        result.Items[5].Error.Should().BeOneOf(SmkiErrorCode.BadCsrSignature, SmkiErrorCode.MalformedCsr);
        result.Items[7].Error.Should().Be(SmkiErrorCode.ProfileViolation);

        // Keys already certified are refused in a later batch.
        var again = temp.Pki.ProcessBatch([csrs[0]], new CsrSubmission("Maker"));
        again.Items[0].Error.Should().Be(SmkiErrorCode.DuplicatePublicKey);
    }

    [Fact]
    public void Batch_over_50000_is_refused_before_any_work()
    {
        var one = MakeCsrs(1)[0];
        var tooMany = Enumerable.Repeat(one, 50_001).ToList();
        var ex = FluentActions.Invoking(() => temp.Pki.ProcessBatch(tooMany, new CsrSubmission("Maker"))).Should().Throw<SmkiException>().Which;
        ex.Code.Should().Be(SmkiErrorCode.BatchSizeOutOfRange);
        ex.Message.Should().Contain("50,000");
        FluentActions.Invoking(() => temp.Pki.ProcessBatch([], new CsrSubmission("Maker"))).Should().Throw<SmkiException>()
            .Which.Code.Should().Be(SmkiErrorCode.BatchSizeOutOfRange);
        temp.Pki.Certificates.Should().NotContain(c => c.Kind == CertificateKind.Device);
    }

    [Fact]
    public void Batch_from_a_subscriber_without_entry_tests_is_refused()
    {
        FluentActions.Invoking(() => temp.Pki.ProcessBatch(MakeCsrs(2), new CsrSubmission("Untested Maker"))).Should().Throw<SmkiException>()
            .Which.Code.Should().Be(SmkiErrorCode.EntryTestsNotCompleted);
    }

    /// <summary>IProgress that records synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(List<int> reports) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
