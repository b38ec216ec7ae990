using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TrustAnchor.Firmware.Certificates;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Tests.Support;
using Code = TrustAnchor.Firmware.Certificates.PathValidationCode;

namespace TrustAnchor.Firmware.Tests.Certificates;

public class CertificationPathTests
{
    private static readonly TestOrganisationPki Pki = new();
    private static readonly P256PublicKey RootKey = P256PublicKey.Parse(Pki.Root.PublicKey);
    private static readonly DateTime InValidity = new(2020, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private static Certificate P(byte[] der) => Certificate.Parse(der);

    private static PathValidationResult Validate(IssuedCertificate target, IssuedCertificate[] path, bool timeChecks = false, DateTime? time = null,
        P256PublicKey? rootKey = null, byte[]? rootKeyId = null) =>
        CertificationPath.Validate(P(target.Der), path.Select(c => P(c.Der)).ToArray(), rootKey ?? RootKey, rootKeyId ?? Pki.Root.SubjectKeyId,
            timeChecks, time ?? InValidity);

    private static void Fails(PathValidationResult result, PathValidationCode code, int index)
    {
        result.IsValid.Should().BeFalse();
        result.Code.Should().Be(code, result.Message);
        result.CertificateIndex.Should().Be(index);
        result.Message.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void GoodChainIsValid()
    {
        var org = Pki.IssueOrganisation();
        var result = Validate(org, new[] { Pki.IssuingOca });
        result.IsValid.Should().BeTrue(result.Message);
        result.Code.Should().Be(Code.Valid);
        Validate(org, new[] { Pki.IssuingOca }, timeChecks: true).IsValid.Should().BeTrue();
        Validate(Pki.IssueOrganisation("03", 0x08), new[] { Pki.IssuingOca }, timeChecks: true).IsValid.Should().BeTrue();
        Validate(Pki.IssueOrganisation(TestOrganisationPki.DeviceSpec()), new[] { Pki.IssuingOca }).IsValid.Should().BeTrue();
    }

    [Fact]
    public void CertificateIssuedDirectlyByTheRootNeedsNoPath()
    {
        var direct = GbcsCertificateFactory.Issue(TestOrganisationPki.OrganisationSpec(), Pki.Root.AsIssuer());
        Validate(direct, Array.Empty<IssuedCertificate>()).IsValid.Should().BeTrue();
        CertificationPath.Validate(P(direct.Der), null!, RootKey, Pki.Root.SubjectKeyId, false, InValidity).IsValid.Should().BeTrue();
        // The Issuing OCA itself validates against the root key with an empty path.
        Validate(Pki.IssuingOca, Array.Empty<IssuedCertificate>(), timeChecks: true).IsValid.Should().BeTrue();
    }

    [Fact]
    public void WrongAuthorityKeyId()
    {
        var spec = TestOrganisationPki.OrganisationSpec();
        spec.AuthorityKeyIdOverride = CertSpec.RandomBytes(8);
        Fails(Validate(Pki.IssueOrganisation(spec), new[] { Pki.IssuingOca }), Code.AuthorityKeyIdMismatch, 0);
    }

    [Fact]
    public void MissingAuthorityKeyId()
    {
        var spec = TestOrganisationPki.OrganisationSpec();
        spec.IncludeAuthorityKeyId = false;
        Fails(Validate(Pki.IssueOrganisation(spec), new[] { Pki.IssuingOca }), Code.AuthorityKeyIdMissing, 0);
    }

    [Fact]
    public void IssuerNameMismatch()
    {
        var otherName = GbcsCertificateFactory.BuildName(new CertSpec { Role = "07", CommonName = "Another Issuing OCA", EntityId = null });
        var issued = GbcsCertificateFactory.Issue(TestOrganisationPki.OrganisationSpec(), Pki.IssuingOca.AsIssuer() with { Name = otherName });
        Fails(Validate(issued, new[] { Pki.IssuingOca }), Code.IssuerNameMismatch, 0);
    }

    [Fact]
    public void BadSignatureOnTarget()
    {
        var spec = TestOrganisationPki.OrganisationSpec();
        spec.CorruptSignature = true;
        Fails(Validate(Pki.IssueOrganisation(spec), new[] { Pki.IssuingOca }), Code.SignatureInvalid, 0);
    }

    [Fact]
    public void SignedByAnotherKeyWithTheRightNameAndKeyId()
    {
        // An impostor Issuing OCA key, presenting the genuine Issuing OCA's name and SKI.
        using var impostor = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = GbcsCertificateFactory.Issue(TestOrganisationPki.OrganisationSpec(), Pki.IssuingOca.AsIssuer() with { Key = impostor });
        Fails(Validate(forged, new[] { Pki.IssuingOca }), Code.SignatureInvalid, 0);
    }

    [Fact]
    public void IssuingOcaNotSignedByTheRootKey()
    {
        var fakeRootSpec = TestOrganisationPki.RootSpec();
        fakeRootSpec.SubjectKeyIdOverride = Pki.Root.SubjectKeyId;
        var fakeRoot = GbcsCertificateFactory.Issue(fakeRootSpec, null);
        var fakeIssuing = GbcsCertificateFactory.Issue(TestOrganisationPki.IssuingOcaSpec(), fakeRoot.AsIssuer());
        var org = GbcsCertificateFactory.Issue(TestOrganisationPki.OrganisationSpec(), fakeIssuing.AsIssuer());
        Fails(Validate(org, new[] { fakeIssuing }), Code.SignatureInvalid, 1);
        // ... and the genuine chain checked against a different root key fails at the top as well.
        Fails(Validate(Pki.IssueOrganisation(), new[] { Pki.IssuingOca }, rootKey: P256PublicKey.Parse(fakeRoot.PublicKey)), Code.SignatureInvalid, 1);
    }

    [Fact]
    public void RootKeyIdMismatch() =>
        Fails(Validate(Pki.IssueOrganisation(), new[] { Pki.IssuingOca }, rootKeyId: CertSpec.RandomBytes(8)), Code.RootKeyIdMismatch, 1);

    [Fact]
    public void NonCaIssuer()
    {
        var notCa = TestOrganisationPki.IssuingOcaSpec();
        notCa.IsCa = false;
        notCa.PathLength = null;
        var issuer = GbcsCertificateFactory.Issue(notCa, Pki.Root.AsIssuer());
        Fails(Validate(GbcsCertificateFactory.Issue(TestOrganisationPki.OrganisationSpec(), issuer.AsIssuer()), new[] { issuer }), Code.IssuerNotCa, 1);

        // An Organisation certificate used as an issuer.
        var org = Pki.IssueOrganisation();
        Fails(Validate(GbcsCertificateFactory.Issue(TestOrganisationPki.OrganisationSpec(), org.AsIssuer()), new[] { org, Pki.IssuingOca }), Code.IssuerNotCa, 1);
    }

    [Fact]
    public void IssuerWithoutKeyCertSign()
    {
        var spec = TestOrganisationPki.IssuingOcaSpec();
        spec.KeyUsage = 0x02;
        var issuer = GbcsCertificateFactory.Issue(spec, Pki.Root.AsIssuer());
        Fails(Validate(GbcsCertificateFactory.Issue(TestOrganisationPki.OrganisationSpec(), issuer.AsIssuer()), new[] { issuer }), Code.IssuerLacksKeyCertSign, 1);
    }

    [Fact]
    public void PathLengthViolation()
    {
        // Root -> Issuing OCA (pathLen 0) -> sub-CA -> Organisation: one intermediate too many below the Issuing OCA.
        var subSpec = TestOrganisationPki.IssuingOcaSpec();
        subSpec.CommonName = "Sub CA";
        subSpec.Role = "7F";
        var subCa = GbcsCertificateFactory.Issue(subSpec, Pki.IssuingOca.AsIssuer());
        var org = GbcsCertificateFactory.Issue(TestOrganisationPki.OrganisationSpec(), subCa.AsIssuer());
        Fails(Validate(org, new[] { subCa, Pki.IssuingOca }), Code.PathLengthExceeded, 2);

        // With pathLen 1 (or none) the same shape is valid.
        foreach (int? pathLen in new int?[] { 1, null })
        {
            var issuingSpec = TestOrganisationPki.IssuingOcaSpec();
            issuingSpec.PathLength = pathLen;
            var issuing = GbcsCertificateFactory.Issue(issuingSpec, Pki.Root.AsIssuer());
            var sub = GbcsCertificateFactory.Issue(subSpec, issuing.AsIssuer());
            var leaf = GbcsCertificateFactory.Issue(TestOrganisationPki.OrganisationSpec(), sub.AsIssuer());
            Validate(leaf, new[] { sub, issuing }).IsValid.Should().BeTrue();
        }
    }

    [Fact]
    public void TimeChecksApplyOnlyWhenAsked()
    {
        var org = Pki.IssueOrganisation(); // 2016-04-01 .. 2026-03-31T23:59:59
        var path = new[] { Pki.IssuingOca }; // 2016-01-01 .. 2041-01-01
        var expired = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);
        var early = new DateTime(2016, 3, 31, 23, 59, 59, DateTimeKind.Utc);

        Fails(Validate(org, path, timeChecks: true, time: expired), Code.Expired, 0);
        Fails(Validate(org, path, timeChecks: true, time: early), Code.NotYetValid, 0);
        Validate(org, path, timeChecks: false, time: expired).IsValid.Should().BeTrue();
        Validate(org, path, timeChecks: false, time: early).IsValid.Should().BeTrue();

        // The boundaries themselves are inside the validity period.
        Validate(org, path, timeChecks: true, time: org.Spec.NotBefore).IsValid.Should().BeTrue();
        Validate(org, path, timeChecks: true, time: org.Spec.NotAfter).IsValid.Should().BeTrue();
    }

    [Fact]
    public void TimeChecksCoverEveryCertificateInThePath()
    {
        var spec = TestOrganisationPki.OrganisationSpec();
        spec.NotBefore = new DateTime(2040, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        spec.NotAfter = new DateTime(2045, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var org = Pki.IssueOrganisation(spec);
        var afterIssuingExpiry = new DateTime(2042, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Fails(Validate(org, new[] { Pki.IssuingOca }, timeChecks: true, time: afterIssuingExpiry), Code.Expired, 1);
        Validate(org, new[] { Pki.IssuingOca }, timeChecks: false, time: afterIssuingExpiry).IsValid.Should().BeTrue();

        var lateIssuingSpec = TestOrganisationPki.IssuingOcaSpec();
        lateIssuingSpec.NotBefore = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var lateIssuing = GbcsCertificateFactory.Issue(lateIssuingSpec, Pki.Root.AsIssuer());
        var org2 = GbcsCertificateFactory.Issue(TestOrganisationPki.OrganisationSpec(), lateIssuing.AsIssuer());
        Fails(Validate(org2, new[] { lateIssuing }, timeChecks: true), Code.NotYetValid, 1);
    }

    [Fact]
    public void UnsupportedSignatureAlgorithm()
    {
        var spec = TestOrganisationPki.OrganisationSpec();
        spec.SignatureAlgorithm = "1.2.840.10045.4.3.3";
        Fails(Validate(Pki.IssueOrganisation(spec), new[] { Pki.IssuingOca }), Code.UnsupportedSignatureAlgorithm, 0);
    }

    [Fact]
    public void IssuerKeyNotOnTheCurve()
    {
        var spec = TestOrganisationPki.IssuingOcaSpec();
        var bad = GbcsCertificateFactory.PublicKeyOf(spec.Key);
        bad[64] ^= 1;
        spec.PublicKeyOverride = bad;
        var issuer = GbcsCertificateFactory.Issue(spec, Pki.Root.AsIssuer());
        var org = GbcsCertificateFactory.Issue(TestOrganisationPki.OrganisationSpec(), issuer.AsIssuer() with { SubjectKeyId = issuer.SubjectKeyId });
        Fails(Validate(org, new[] { issuer }), Code.IssuerKeyInvalid, 1);
        // The profile check reports the same key as malformed.
        CertificateProfile.CheckIssuingOca(P(issuer.Der)).Select(v => v.Code).Should().Equal(ProfileViolationCode.PublicKeyMalformed);
        var act = () => P(issuer.Der).Key;
        act.Should().Throw<InvalidPublicKeyException>();
    }

    [Fact]
    public void ArgumentsAndLimits()
    {
        var org = P(Pki.IssueOrganisation().Der);
        Fails(CertificationPath.Validate(null!, Array.Empty<Certificate>(), RootKey, null!, false, InValidity), Code.InvalidArgument, -1);
        Fails(CertificationPath.Validate(org, Array.Empty<Certificate>(), null!, null!, false, InValidity), Code.InvalidArgument, -1);
        Fails(CertificationPath.Validate(org, new Certificate[1], RootKey, null!, false, InValidity), Code.InvalidArgument, 1);
        Fails(CertificationPath.Validate(org, new Certificate[5], RootKey, null!, false, InValidity), Code.PathTooLong, -1);
        // Without a root key identifier the AKI link to the root is not checked, the signature still is.
        CertificationPath.Validate(org, new[] { P(Pki.IssuingOca.Der) }, RootKey, null!, false, InValidity).IsValid.Should().BeTrue();
    }

    [Fact]
    public void ValidPathAllocatesNothing()
    {
        var target = P(Pki.IssueOrganisation().Der);
        var path = new[] { P(Pki.IssuingOca.Der) };
        // In the verifier's own context (as a device validates): its scratch holds the digests and the issuer key.
        var context = new P256Context();
        var rootKeyId = Pki.Root.SubjectKeyId;
        CertificationPath.Validate(context, target, path, RootKey, rootKeyId, true, InValidity).IsValid.Should().BeTrue();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) CertificationPath.Validate(context, target, path, RootKey, rootKeyId, true, InValidity);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Fact]
    public void AgreesWithX509ChainAndBouncyCastle()
    {
        var cases = new List<(string Name, IssuedCertificate Target, IssuedCertificate[] Path, DateTime Time)>();
        cases.Add(("good", Pki.IssueOrganisation(), new[] { Pki.IssuingOca }, InValidity));
        cases.Add(("expired", Pki.IssueOrganisation(), new[] { Pki.IssuingOca }, new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        var corrupt = TestOrganisationPki.OrganisationSpec();
        corrupt.CorruptSignature = true;
        cases.Add(("bad signature", Pki.IssueOrganisation(corrupt), new[] { Pki.IssuingOca }, InValidity));
        var notCa = TestOrganisationPki.IssuingOcaSpec();
        notCa.IsCa = false;
        notCa.PathLength = null;
        var notCaIssuer = GbcsCertificateFactory.Issue(notCa, Pki.Root.AsIssuer());
        cases.Add(("non-CA issuer", GbcsCertificateFactory.Issue(TestOrganisationPki.OrganisationSpec(), notCaIssuer.AsIssuer()), new[] { notCaIssuer }, InValidity));
        var subSpec = TestOrganisationPki.IssuingOcaSpec();
        subSpec.Role = "7F";
        var subCa = GbcsCertificateFactory.Issue(subSpec, Pki.IssuingOca.AsIssuer());
        cases.Add(("pathLen", GbcsCertificateFactory.Issue(TestOrganisationPki.OrganisationSpec(), subCa.AsIssuer()), new[] { subCa, Pki.IssuingOca }, InValidity));

        cases.Add(("not yet valid", Pki.IssueOrganisation(), new[] { Pki.IssuingOca }, new DateTime(2016, 3, 1, 0, 0, 0, DateTimeKind.Utc)));
        var noCertSign = TestOrganisationPki.IssuingOcaSpec();
        noCertSign.KeyUsage = 0x02;
        var noCertSignIssuer = GbcsCertificateFactory.Issue(noCertSign, Pki.Root.AsIssuer());
        cases.Add(("issuer without keyCertSign", GbcsCertificateFactory.Issue(TestOrganisationPki.OrganisationSpec(), noCertSignIssuer.AsIssuer()), new[] { noCertSignIssuer }, InValidity));
        cases.Add(("direct from root", GbcsCertificateFactory.Issue(TestOrganisationPki.OrganisationSpec(), Pki.Root.AsIssuer()), Array.Empty<IssuedCertificate>(), InValidity));

        using var root = X509CertificateLoader.LoadCertificate(Pki.Root.Der);
        foreach (var (name, target, path, time) in cases)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root);
            foreach (var c in path) chain.ChainPolicy.ExtraStore.Add(X509CertificateLoader.LoadCertificate(c.Der));
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = time;
            bool dotnet = chain.Build(X509CertificateLoader.LoadCertificate(target.Der));
            bool ours = Validate(target, path, timeChecks: true, time: time).IsValid;
            ours.Should().Be(dotnet, name);
            ours.Should().Be(BouncyCastleValidates(target, path, time), name);
        }
    }

    private static bool BouncyCastleValidates(IssuedCertificate target, IssuedCertificate[] path, DateTime time)
    {
        var parser = new Org.BouncyCastle.X509.X509CertificateParser();
        var anchors = new HashSet<Org.BouncyCastle.Pkix.TrustAnchor>
        {
            new Org.BouncyCastle.Pkix.TrustAnchor(parser.ReadCertificate(Pki.Root.Der), null),
        };
        var chain = new List<Org.BouncyCastle.X509.X509Certificate> { parser.ReadCertificate(target.Der) };
        chain.AddRange(path.Select(c => parser.ReadCertificate(c.Der)));
        var parameters = new Org.BouncyCastle.Pkix.PkixParameters(anchors)
        {
            IsRevocationEnabled = false,
            Date = time,
        };
        try
        {
            new Org.BouncyCastle.Pkix.PkixCertPathValidator().Validate(new Org.BouncyCastle.Pkix.PkixCertPath(chain), parameters);
            return true;
        }
        catch (Org.BouncyCastle.Pkix.PkixCertPathValidatorException)
        {
            return false;
        }
    }

    [Fact]
    public void FuzzedTargetsNeverValidateAndNeverThrow()
    {
        // Mutated versions of a good certificate: whatever still parses must not validate (the signature covers the TBS;
        // mutations outside the TBS break the signature or the structure), and nothing throws untyped exceptions.
        var seed = Pki.IssueOrganisation().Der;
        var positions = CertificateFuzzTests.LengthOctetPositions(seed);
        var path = new[] { P(Pki.IssuingOca.Der) };
        var rng = new Random(0xC0DE);
        int validated = 0;
        for (int i = 0; i < 400; i++)
        {
            var mutated = CertificateFuzzTests.Mutate(rng, seed, positions);
            if (mutated.AsSpan().SequenceEqual(seed)) continue;
            Certificate cert;
            try { cert = Certificate.Parse(mutated); }
            catch (TrustAnchor.Firmware.Errors.TrustAnchorException) { continue; }
            var result = CertificationPath.Validate(cert, path, RootKey, Pki.Root.SubjectKeyId, true, InValidity);
            if (result.IsValid)
            {
                // Only a change that keeps the signed bytes and the signature value identical may still validate
                // (e.g. a different but equivalent outer encoding is impossible in DER, so this should not happen).
                validated++;
            }
        }

        validated.Should().Be(0);
    }
}
