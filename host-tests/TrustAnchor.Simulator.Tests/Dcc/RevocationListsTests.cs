using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Smki;

namespace TrustAnchor.Simulator.Tests.Dcc;

/// <summary>The DCC as a Relying Party: CRLs and ARLs from the SMKI Repository, read from their DER and checked.</summary>
public sealed class RevocationListsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ta-sim-crl-").FullName;
    private readonly SmkiPki _smki;

    public RevocationListsTests()
    {
        _smki = SmkiPki.Init(Path.Combine(_folder, "smki"), new SmkiOptions { Clock = new FixedClock(new DateTime(2025, 6, 2, 0, 0, 0, DateTimeKind.Utc)) });
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private CertificateRecord Issue(byte last) =>
        _smki.IssueOrganisationCertificate(RemotePartyRole.Supplier, SmkiKeyUsage.DigitalSignature, [0x90, 0xB3, 0xD5, 0x1F, 0x31, 0x00, 0x02, last]);

    [Fact]
    public void A_revoked_certificate_is_refused_once_the_dcc_has_read_the_next_crl()
    {
        var revoked = Issue(1);
        var kept = Issue(2);
        var lists = new RevocationLists();
        var first = _smki.IssueCrl();
        lists.Accept(first, _smki.IssuingOca, isArl: false).Serials.Should().BeEmpty();

        _smki.Revoke(revoked.Serial, X509RevocationReason.KeyCompromise);
        lists.RefusalFor(revoked, _smki.IssuingOca).Should().BeNull("the DCC knows only what the CRLs it has read say");

        var crl = lists.Accept(_smki.IssueCrl(), _smki.IssuingOca, isArl: false);
        crl.Number.Should().Be(2);
        crl.Serials.Should().BeEquivalentTo([revoked.Serial.ToUpperInvariant()]);
        lists.RefusalFor(revoked, _smki.IssuingOca).Should().Contain(revoked.Serial).And.Contain("CRL #2");
        lists.RefusalFor(kept, _smki.IssuingOca).Should().BeNull();

        // The older, empty CRL #1 read late does not replace CRL #2.
        lists.Accept(first, _smki.IssuingOca, isArl: false);
        lists.Crl!.Number.Should().Be(2);
        lists.RefusalFor(revoked, _smki.IssuingOca).Should().NotBeNull();
    }

    [Fact]
    public void A_revoked_issuing_oca_on_the_arl_refuses_every_certificate_under_it()
    {
        var party = Issue(3);
        var lists = new RevocationLists();
        _smki.Revoke(_smki.IssuingOca.Serial, X509RevocationReason.CACompromise);
        var arl = lists.Accept(_smki.IssueArl(), _smki.RootOca, isArl: true);
        arl.Serials.Should().Contain(_smki.IssuingOca.Serial.ToUpperInvariant());
        lists.RefusalFor(party, _smki.IssuingOca).Should().Contain("ARL");
    }

    [Fact]
    public void A_list_that_does_not_verify_with_its_issuer_is_refused_and_changes_nothing()
    {
        var revoked = Issue(4);
        _smki.Revoke(revoked.Serial);
        var crl = _smki.IssueCrl();
        var lists = new RevocationLists();

        // Signed by the Issuing OCA, so the Root OCA's key does not verify it.
        var wrongIssuer = () => lists.Accept(crl, _smki.RootOca, isArl: false);
        wrongIssuer.Should().Throw<CryptographicException>();

        var tampered = (byte[])crl.Clone();
        tampered[tampered.Length / 2] ^= 0x01;
        var act = () => lists.Accept(tampered, _smki.IssuingOca, isArl: false);
        act.Should().Throw<CryptographicException>();
        lists.Crl.Should().BeNull();
        lists.RefusalFor(revoked, _smki.IssuingOca).Should().BeNull();
    }

    [Fact]
    public void The_serials_are_read_from_the_der_independently_of_the_smki_records()
    {
        var revoked = Issue(5);
        _smki.Revoke(revoked.Serial);
        var der = _smki.IssueCrl();
        // .NET's own CRL reader agrees on the CRL number.
        CertificateRevocationListBuilder.Load(der, out var number);
        RevocationLists.Read(der, _smki.IssuingOca).Number.Should().Be(number);
        RevocationLists.Read(der, _smki.IssuingOca).Serials.Should().ContainSingle().Which.Should().Be(revoked.Serial.ToUpperInvariant());
    }
}
