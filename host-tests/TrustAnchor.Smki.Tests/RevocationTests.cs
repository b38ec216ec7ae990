using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.X509;
using TrustAnchor.Smki;

namespace TrustAnchor.Smki.Tests;

public sealed class RevocationTests : IDisposable
{
    private static readonly DateTime Now = new(2027, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly TempPki temp = new(new SmkiOptions { Clock = new FixedClock(Now) });

    public void Dispose() => temp.Dispose();

    private SmkiPki Pki => temp.Pki;

    [Fact]
    public void Revoked_certificate_is_refused_by_the_relying_party_check_and_listed_on_the_crl()
    {
        var cert = Pki.IssueOrganisationCertificate(RemotePartyRole.NetworkOperator, SmkiKeyUsage.DigitalSignature, [3, 3, 3, 3, 3, 3, 3, 3]);
        var other = Pki.IssueOrganisationCertificate(RemotePartyRole.NetworkOperator, SmkiKeyUsage.KeyAgreement, [3, 3, 3, 3, 3, 3, 3, 3]);
        Pki.CheckCertificate(cert.Der).Status.Should().Be(RelyingPartyStatus.Trusted);

        Pki.Revoke(cert.Serial, X509RevocationReason.KeyCompromise);
        Pki.IsRevoked(cert.Serial).Should().BeTrue();
        var verdict = Pki.CheckCertificate(cert.Der);
        verdict.Status.Should().Be(RelyingPartyStatus.Revoked);
        verdict.IsTrusted.Should().BeFalse();
        Pki.CheckCertificate(other.Der).Status.Should().Be(RelyingPartyStatus.Trusted);
        FluentActions.Invoking(() => Pki.Revoke(cert.Serial)).Should().Throw<SmkiException>().Which.Code.Should().Be(SmkiErrorCode.AlreadyRevoked);
        FluentActions.Invoking(() => Pki.Revoke("0102030405060708")).Should().Throw<SmkiException>().Which.Code.Should().Be(SmkiErrorCode.UnknownCertificate);

        var crlDer = Pki.IssueCrl();

        // The BCL reads it back (CertificateRevocationListBuilder.Load) ...
        var loaded = CertificateRevocationListBuilder.Load(crlDer, out var crlNumber);
        crlNumber.Should().Be(1);
        loaded.RemoveEntry(Convert.FromHexString(cert.Serial)).Should().BeTrue("the revoked serial is on the CRL");
        loaded.RemoveEntry(Convert.FromHexString(other.Serial)).Should().BeFalse();

        // ... and BouncyCastle parses it, checks its signature with the Issuing OCA key and finds the entry.
        var crl = new X509CrlParser().ReadCrl(crlDer);
        var issuing = new X509CertificateParser().ReadCertificate(Pki.IssuingOca.Der);
        FluentActions.Invoking(() => crl.Verify(issuing.GetPublicKey())).Should().NotThrow();
        crl.IssuerDN.Equivalent(issuing.SubjectDN).Should().BeTrue();
        var bcCert = new X509CertificateParser().ReadCertificate(cert.Der);
        crl.IsRevoked(bcCert).Should().BeTrue();
        crl.IsRevoked(new X509CertificateParser().ReadCertificate(other.Der)).Should().BeFalse();
        crl.ThisUpdate.Should().Be(Now);

        CertificateRevocationListBuilder.Load(Pki.IssueCrl(), out var second);
        second.Should().Be(2, "CRL numbers increase");
    }

    [Fact]
    public void Arl_lists_a_revoked_issuing_oca_and_everything_under_it_is_refused()
    {
        var cert = Pki.IssueOrganisationCertificate(RemotePartyRole.Supplier, SmkiKeyUsage.DigitalSignature, [2, 2, 2, 2, 2, 2, 2, 2]);
        Pki.Revoke(Pki.IssuingOca.Serial, X509RevocationReason.CACompromise);
        var arl = new X509CrlParser().ReadCrl(Pki.IssueArl());
        FluentActions.Invoking(() => arl.Verify(new X509CertificateParser().ReadCertificate(Pki.RootOca.Der).GetPublicKey())).Should().NotThrow();
        arl.IsRevoked(new X509CertificateParser().ReadCertificate(Pki.IssuingOca.Der)).Should().BeTrue();
        Pki.CheckCertificate(cert.Der).Status.Should().Be(RelyingPartyStatus.Revoked);

        // The CRL of the Issuing OCA lists only certificates it issued.
        new X509CrlParser().ReadCrl(Pki.IssueCrl()).GetRevokedCertificates().Should().BeNull();
    }

    [Fact]
    public void Expired_not_yet_valid_and_unknown_certificates_are_refused()
    {
        var expired = Pki.PackCertificate(PackKind.Original2016, RemotePartyRole.Supplier, SmkiKeyUsage.DigitalSignature);
        Pki.CheckCertificate(expired.Der).Status.Should().Be(RelyingPartyStatus.Expired, "the 2016 pack ran out in 2026");
        Pki.CheckCertificate(expired.Der, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Status.Should().Be(RelyingPartyStatus.Trusted);
        Pki.CheckCertificate(Pki.PackCertificate(PackKind.Mp261, RemotePartyRole.Recovery, SmkiKeyUsage.DigitalSignature).Der).Status.Should().Be(RelyingPartyStatus.Trusted);

        var fresh = Pki.IssueOrganisationCertificate(RemotePartyRole.Supplier, SmkiKeyUsage.KeyAgreement, [2, 2, 2, 2, 2, 2, 2, 2]);
        Pki.CheckCertificate(fresh.Der, Now.AddDays(-1)).Status.Should().Be(RelyingPartyStatus.NotYetValid);

        // Same profile, other PKI: unknown here.
        using var stranger = new TempPki();
        var foreign = stranger.Pki.IssueOrganisationCertificate(RemotePartyRole.Supplier, SmkiKeyUsage.KeyAgreement, [2, 2, 2, 2, 2, 2, 2, 2]);
        Pki.CheckCertificate(foreign.Der).Status.Should().Be(RelyingPartyStatus.Unknown);
        Pki.CheckCertificate([0x30, 0x00]).Status.Should().Be(RelyingPartyStatus.Malformed);
        var tampered = (byte[])fresh.Der.Clone();
        tampered[^2] ^= 1;
        Pki.CheckCertificate(tampered).Status.Should().Be(RelyingPartyStatus.Unknown);
    }

    [Fact]
    public void Clock_is_injected_for_not_before_and_can_be_moved()
    {
        var clock = (FixedClock)Pki.Clock;
        var before = Pki.IssueDeviceCertificate([9, 9, 9, 9, 9, 9, 9, 1], SmkiKeyUsage.DigitalSignature);
        before.NotBefore.Should().Be(Now);
        clock.Advance(TimeSpan.FromDays(365 * 10));
        var later = Pki.IssueOrganisationCertificate(RemotePartyRole.Supplier, SmkiKeyUsage.DigitalSignature, [2, 2, 2, 2, 2, 2, 2, 2]);
        later.NotBefore.Should().Be(Now.AddDays(365 * 10));
        later.NotAfter.Should().Be(Pki.IssuingOca.NotAfter, "never beyond the Issuing OCA");
        clock.Advance(TimeSpan.FromDays(365 * 5));
        FluentActions.Invoking(() => Pki.IssueOrganisationCertificate(RemotePartyRole.Supplier, SmkiKeyUsage.KeyAgreement, [2, 2, 2, 2, 2, 2, 2, 2]))
            .Should().Throw<SmkiException>("the Issuing OCA has expired").Which.Code.Should().Be(SmkiErrorCode.InvalidArgument);
        FluentActions.Invoking(() => Pki.IssueDeviceCertificate([9, 9, 9, 9, 9, 9, 9, 2], SmkiKeyUsage.DigitalSignature))
            .Should().Throw<SmkiException>("the Issuing DCA has expired").Which.Code.Should().Be(SmkiErrorCode.InvalidArgument);
    }

    [Fact]
    public void Repository_finds_by_serial_ski_and_entity_identifier()
    {
        var entity = new byte[] { 4, 4, 4, 4, 4, 4, 4, 4 };
        var cert = Pki.IssueOrganisationCertificate(RemotePartyRole.AccessControlBroker, SmkiKeyUsage.KeyAgreement, entity);
        Pki.FindBySerial(cert.Serial)!.Der.Should().Equal(cert.Der);
        Pki.FindBySerial(cert.Serial.ToLowerInvariant()).Should().NotBeNull();
        Pki.FindBySubjectKeyId(cert.SubjectKeyIdBytes()).Should().ContainSingle().Which.Serial.Should().Be(cert.Serial);
        Pki.FindByEntityId(entity).Should().ContainSingle().Which.Serial.Should().Be(cert.Serial);
        var packAcb = Pki.FindByEntityId(SmkiPki.PackEntityId(RemotePartyRole.AccessControlBroker));
        packAcb.Should().HaveCount(2, "the 2016 and MP261 certificates share the pack party's Entity Identifier");
        packAcb.Select(c => c.SubjectKeyId).Distinct().Should().ContainSingle();
        Pki.FindBySerial("00").Should().BeNull();
    }
}
