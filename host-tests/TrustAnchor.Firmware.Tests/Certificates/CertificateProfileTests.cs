using System.Formats.Asn1;
using System.Security.Cryptography;
using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Certificates;
using TrustAnchor.Firmware.Tests.Support;
using Code = TrustAnchor.Firmware.Certificates.ProfileViolationCode;

namespace TrustAnchor.Firmware.Tests.Certificates;

/// <summary>One test per profile rule: a certificate that breaks exactly that rule reports exactly that code.</summary>
public class CertificateProfileTests
{
    private static readonly TestOrganisationPki Pki = new();

    private static ProfileViolationCode[] Organisation(Action<CertSpec> breakIt, ProfileSettings? settings = null)
    {
        var spec = TestOrganisationPki.OrganisationSpec();
        breakIt(spec);
        var cert = Certificate.Parse(Pki.IssueOrganisation(spec).Der);
        return CertificateProfile.CheckOrganisation(cert, settings!).Select(v => v.Code).ToArray();
    }

    private static ProfileViolationCode[] IssuingOca(Action<CertSpec> breakIt, CertificateIssuer? issuer = null)
    {
        var spec = TestOrganisationPki.IssuingOcaSpec();
        breakIt(spec);
        var cert = Certificate.Parse(GbcsCertificateFactory.Issue(spec, issuer ?? Pki.Root.AsIssuer()).Der);
        return CertificateProfile.CheckIssuingOca(cert).Select(v => v.Code).ToArray();
    }

    private static ProfileViolationCode[] Root(Action<CertSpec> breakIt, CertificateIssuer? issuer = null)
    {
        var spec = TestOrganisationPki.RootSpec();
        breakIt(spec);
        var cert = Certificate.Parse(GbcsCertificateFactory.Issue(spec, issuer).Der);
        return CertificateProfile.CheckRootOca(cert).Select(v => v.Code).ToArray();
    }

    private static ProfileViolationCode[] Device(Action<CertSpec> breakIt, ProfileSettings? settings = null)
    {
        var spec = TestOrganisationPki.DeviceSpec();
        breakIt(spec);
        var cert = Certificate.Parse(Pki.IssueOrganisation(spec).Der);
        return CertificateProfile.CheckDevice(cert, settings!).Select(v => v.Code).ToArray();
    }

    // ---------------------------------------------------------------- compliant shapes pass

    [Theory]
    [InlineData("01", 0x80)] [InlineData("02", 0x80)] [InlineData("02", 0x08)] [InlineData("03", 0x80)] [InlineData("03", 0x08)]
    [InlineData("04", 0x08)] [InlineData("05", 0x80)] [InlineData("06", 0x80)] [InlineData("08", 0x80)] [InlineData("7F", 0x80)]
    public void RealWorldShapedOrganisationCertificatesPass(string role, int keyUsage)
    {
        var cert = Certificate.Parse(Pki.IssueOrganisation(role, keyUsage).Der);
        CertificateProfile.CheckOrganisation(cert).Should().BeEmpty();
        CertificateProfile.CheckOrganisation(cert, ProfileSettings.Default).Should().BeEmpty();
    }

    [Fact]
    public void CompliantCaAndDeviceCertificatesPass()
    {
        CertificateProfile.CheckRootOca(Certificate.Parse(Pki.Root.Der)).Should().BeEmpty();
        CertificateProfile.CheckIssuingOca(Certificate.Parse(Pki.IssuingOca.Der)).Should().BeEmpty();
        Device(_ => { }).Should().BeEmpty();
        Device(s => s.KeyUsage = 0x08).Should().BeEmpty();
        Organisation(s => s.CommonName = "Supplier A").Should().BeEmpty();
        Organisation(s => s.ExtraExtensions.Add(("1.2.3.4.5", false, new byte[] { 0x05, 0x00 }))).Should().BeEmpty("unknown non-critical extensions are allowed");
        Root(s => s.IncludeAuthorityKeyId = true).Should().BeEmpty("a root may carry AKI = its own SKI");
        Root(s => s.KeyUsage = 0x04).Should().BeEmpty("keyCertSign alone is the NOTES profile");
        Root(s => s.PathLength = 1).Should().BeEmpty();
    }

    [Fact]
    public void ChecksDoNotConfuseKinds()
    {
        var org = Certificate.Parse(Pki.IssueOrganisation().Der);
        CertificateProfile.CheckIssuingOca(org).Select(v => v.Code).Should().Contain(Code.BasicConstraintsMissing).And.Contain(Code.WrongRole);
        CertificateProfile.CheckDevice(org).Select(v => v.Code).Should().Contain(Code.DeviceSubjectNotEmpty);
        var device = Certificate.Parse(Pki.IssueOrganisation(TestOrganisationPki.DeviceSpec()).Der);
        CertificateProfile.CheckOrganisation(device).Select(v => v.Code).Should().Contain(Code.RoleMissing).And.Contain(Code.EntityIdMissing);
    }

    // ---------------------------------------------------------------- all certificates

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void NotVersion3(int version) => Organisation(s => s.Version = version).Should().Equal(Code.NotVersion3);

    [Fact]
    public void WrongSignatureAlgorithm()
    {
        Organisation(s => s.SignatureAlgorithm = "1.2.840.10045.4.3.3").Should().Equal(Code.WrongSignatureAlgorithm);
        Organisation(s => s.SignatureAlgorithmNullParameters = true).Should().Equal(Code.WrongSignatureAlgorithm);
    }

    [Fact]
    public void SignatureAlgorithmMismatch() =>
        Organisation(s => s.OuterSignatureAlgorithm = "1.2.840.10045.4.3.3").Should().Equal(Code.SignatureAlgorithmMismatch);

    [Fact]
    public void WrongPublicKeyAlgorithm() => Organisation(s => s.KeyAlgorithm = "1.2.840.113549.1.1.1").Should().Equal(Code.WrongPublicKeyAlgorithm);

    [Fact]
    public void WrongCurve() => Organisation(s => s.Curve = "1.3.132.0.34").Should().Equal(Code.WrongCurve);

    [Fact]
    public void CompressedPublicKey() => Organisation(s => s.CompressedKey = true).Should().Equal(Code.CompressedPublicKey);

    [Fact]
    public void PublicKeyMalformed()
    {
        Organisation(s => s.PublicKeyOverride = new byte[] { 0x05 }.Concat(new byte[64]).ToArray()).Should().Equal(Code.PublicKeyMalformed);
        Organisation(s => s.PublicKeyOverride = new byte[] { 0x04 }.Concat(new byte[63]).ToArray()).Should().Equal(Code.PublicKeyMalformed);
    }

    [Fact]
    public void SerialNumberInvalid()
    {
        Organisation(s => s.NegativeSerial = true).Should().Equal(Code.SerialNumberInvalid);
        Organisation(s => s.Serial = new byte[] { 0 }).Should().Equal(Code.SerialNumberInvalid);
        Organisation(s => s.Serial = Enumerable.Repeat((byte)0x11, 21).ToArray()).Should().Equal(Code.SerialNumberInvalid);
        Organisation(s => s.Serial = Enumerable.Repeat((byte)0x11, 20).ToArray()).Should().BeEmpty();
        Organisation(s => s.Serial = Enumerable.Repeat((byte)0xF1, 19).ToArray()).Should().BeEmpty("20 octets with the sign octet");
    }

    [Fact]
    public void ValidityPeriodInverted() =>
        Organisation(s => { s.NotBefore = new DateTime(2030, 1, 1); s.NotAfter = new DateTime(2029, 1, 1); }).Should().Equal(Code.ValidityPeriodInverted);

    [Fact]
    public void UniqueIdentifiersPresent() => Organisation(s => s.IncludeUniqueIds = true).Should().Equal(Code.UniqueIdentifiersPresent);

    [Fact]
    public void KeyUsageMissing() => Organisation(s => s.KeyUsage = null).Should().Equal(Code.KeyUsageMissing);

    [Fact]
    public void KeyUsageNotCritical() => Organisation(s => s.KeyUsageCritical = false).Should().Equal(Code.KeyUsageNotCritical);

    [Theory]
    [InlineData(0x88)]
    [InlineData(0xC0)]
    [InlineData(0)]
    [InlineData(0x8080)]
    public void KeyUsageNotSingleBit(int usage) => Organisation(s => s.KeyUsage = usage).Should().Equal(Code.KeyUsageNotSingleBit);

    [Theory]
    [InlineData(0x20)]
    [InlineData(0x04)]
    [InlineData(0x40)]
    [InlineData(0x8000)]
    public void KeyUsageNotAllowed(int usage) => Organisation(s => s.KeyUsage = usage).Should().Equal(Code.KeyUsageNotAllowed);

    [Fact]
    public void PoliciesMissing() => Organisation(s => s.Policies = null).Should().Equal(Code.PoliciesMissing);

    [Fact]
    public void PoliciesNotCritical() => Organisation(s => s.PoliciesCritical = false).Should().Equal(Code.PoliciesNotCritical);

    [Fact]
    public void PolicyNotAccepted()
    {
        Organisation(s => s.Policies = new[] { "1.2.3.4" }).Should().Equal(Code.PolicyNotAccepted);
        Organisation(s => s.Policies = new[] { "1.2.3.4", CertSpec.TestOrganisationPolicy }).Should().BeEmpty("one accepted policy suffices");

        // The accepted set is configuration.
        var production = new ProfileSettings(new[] { new byte[] { 0x2A, 0x03, 0x04 } }, null); // 1.2.3.4
        Organisation(s => s.Policies = new[] { "1.2.3.4" }, production).Should().BeEmpty();
        Organisation(_ => { }, production).Should().Equal(Code.PolicyNotAccepted);
    }

    [Fact]
    public void SubjectKeyIdMissing() => Organisation(s => s.IncludeSubjectKeyId = false).Should().Equal(Code.SubjectKeyIdMissing);

    [Fact]
    public void SubjectKeyIdCritical() => Organisation(s => s.SubjectKeyIdCritical = true).Should().Equal(Code.SubjectKeyIdCritical);

    [Fact]
    public void KeyIdentifierNotMethod2()
    {
        Organisation(s => s.SubjectKeyIdOverride = CertSpec.RandomBytes(8)).Should().Equal(Code.KeyIdentifierNotMethod2);
        // Right low 60 bits but the type nibble is not 0100b.
        Organisation(s =>
        {
            var id = GbcsCertificateFactory.Method2KeyId(GbcsCertificateFactory.PublicKeyOf(s.Key));
            id[0] ^= 0x80;
            s.SubjectKeyIdOverride = id;
        }).Should().Equal(Code.KeyIdentifierNotMethod2);
    }

    [Fact]
    public void KeyIdentifierNot8Octets() =>
        Organisation(s => s.SubjectKeyIdOverride = SHA1.HashData(GbcsCertificateFactory.PublicKeyOf(s.Key))).Should().Equal(Code.KeyIdentifierNot8Octets);

    [Fact]
    public void AuthorityKeyIdMissing() => Organisation(s => s.IncludeAuthorityKeyId = false).Should().Equal(Code.AuthorityKeyIdMissing);

    [Fact]
    public void AuthorityKeyIdCritical() => Organisation(s => s.AuthorityKeyIdCritical = true).Should().Equal(Code.AuthorityKeyIdCritical);

    [Fact]
    public void AuthorityKeyIdNotKeyIdentifierOnly() =>
        Organisation(s => s.AuthorityKeyIdWithIssuerAndSerial = true).Should().Equal(Code.AuthorityKeyIdNotKeyIdentifierOnly);

    [Fact]
    public void AuthorityKeyIdNot8Octets() =>
        Organisation(s => s.AuthorityKeyIdOverride = CertSpec.RandomBytes(20)).Should().Equal(Code.AuthorityKeyIdNot8Octets);

    [Fact]
    public void UnknownCriticalExtension()
    {
        Organisation(s => s.ExtraExtensions.Add(("1.2.3.4.5", true, new byte[] { 0x05, 0x00 }))).Should().Equal(Code.UnknownCriticalExtension);
        // extendedKeyUsage is not part of the GBCS profile either.
        Organisation(s => s.ExtraExtensions.Add(("2.5.29.37", true, new byte[] { 0x30, 0x0A, 0x06, 0x08, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01 })))
            .Should().Equal(Code.UnknownCriticalExtension);
    }

    // ---------------------------------------------------------------- Organisation subject

    [Fact]
    public void RoleMissing() => Organisation(s => s.Role = null).Should().Equal(Code.RoleMissing);

    [Theory]
    [InlineData("2")]
    [InlineData("002")]
    [InlineData("G2")]
    [InlineData("supplier")]
    [InlineData("")]
    public void RoleNotTwoHexDigits(string role) => Organisation(s => s.Role = role).Should().Equal(Code.RoleNotTwoHexDigits);

    [Fact]
    public void RoleNotUtf8String() =>
        Organisation(s => s.RoleStringType = UniversalTagNumber.PrintableString).Should().Equal(Code.RoleNotUtf8String);

    [Fact]
    public void RoleRepeated() => Organisation(s => s.ExtraOu = "03").Should().Equal(Code.RoleRepeated);

    [Theory]
    [InlineData("00")]
    [InlineData("07")]
    public void WrongRoleForOrganisation(string role) => Organisation(s => s.Role = role).Should().Equal(Code.WrongRole);

    [Fact]
    public void EntityIdMissing() => Organisation(s => s.EntityId = null).Should().Equal(Code.EntityIdMissing);

    [Fact]
    public void EntityIdNot64Bits()
    {
        Organisation(s => s.EntityId = CertSpec.RandomBytes(7)).Should().Equal(Code.EntityIdNot64Bits);
        Organisation(s => s.EntityId = CertSpec.RandomBytes(9)).Should().Equal(Code.EntityIdNot64Bits);
        Organisation(s => { s.EntityId = new byte[] { 1, 2, 3, 4, 5, 6, 7, 0x80 }; s.EntityIdUnusedBits = 4; }).Should().Equal(Code.EntityIdNot64Bits);
    }

    [Fact]
    public void EntityIdRepeated() => Organisation(s => s.RepeatEntityId = true).Should().Equal(Code.EntityIdRepeated);

    [Fact]
    public void BasicConstraintsIsCaOnOrganisation() =>
        Organisation(s => { s.IncludeBasicConstraints = true; s.IsCa = true; }).Should().Equal(Code.BasicConstraintsIsCa);

    [Fact]
    public void OrganisationIssuerRoleWrong()
    {
        // Issued straight by the Root OCA (issuer OU=00).
        var spec = TestOrganisationPki.OrganisationSpec();
        var cert = Certificate.Parse(GbcsCertificateFactory.Issue(spec, Pki.Root.AsIssuer()).Der);
        CertificateProfile.CheckOrganisation(cert).Select(v => v.Code).Should().Equal(Code.IssuerRoleWrong);
    }

    // ---------------------------------------------------------------- Issuing OCA

    [Fact]
    public void IssuingOcaWrongRole() => IssuingOca(s => s.Role = "02").Should().Equal(Code.WrongRole);

    [Fact]
    public void IssuingOcaCommonNameMissing() => IssuingOca(s => s.CommonName = null).Should().Equal(Code.CommonNameMissing);

    [Fact]
    public void BasicConstraintsMissing() => IssuingOca(s => s.IncludeBasicConstraints = false).Should().Equal(Code.BasicConstraintsMissing);

    [Fact]
    public void BasicConstraintsNotCritical() => IssuingOca(s => s.BasicConstraintsCritical = false).Should().Equal(Code.BasicConstraintsNotCritical);

    [Fact]
    public void BasicConstraintsNotCa() => IssuingOca(s => { s.IsCa = false; s.PathLength = null; }).Should().Equal(Code.BasicConstraintsNotCa);

    [Fact]
    public void BasicConstraintsPathLenNotZero()
    {
        IssuingOca(s => s.PathLength = 1).Should().Equal(Code.BasicConstraintsPathLenNotZero);
        IssuingOca(s => s.PathLength = null).Should().Equal(Code.BasicConstraintsPathLenNotZero);
    }

    [Theory]
    [InlineData(0x04)]
    [InlineData(0x86)]
    [InlineData(0x80)]
    public void IssuingOcaKeyUsageWrongForCa(int usage) => IssuingOca(s => s.KeyUsage = usage).Should().Equal(Code.KeyUsageWrongForCa);

    [Fact]
    public void IssuingOcaIssuerRoleWrong() => IssuingOca(_ => { }, Pki.IssuingOca.AsIssuer()).Should().Equal(Code.IssuerRoleWrong);

    [Fact]
    public void IssuingOcaPolicyAndKeyRulesApply()
    {
        IssuingOca(s => s.KeyUsageCritical = false).Should().Equal(Code.KeyUsageNotCritical);
        IssuingOca(s => s.IncludeAuthorityKeyId = false).Should().Equal(Code.AuthorityKeyIdMissing);
    }

    // ---------------------------------------------------------------- Root OCA

    [Fact]
    public void RootWrongRole() => Root(s => s.Role = "07").Should().Equal(Code.WrongRole);

    [Fact]
    public void RootNotSelfIssued() => Root(_ => { }, Pki.Root.AsIssuer() with { Name = Pki.IssuingOca.SubjectName }).Should().Equal(Code.NotSelfIssued);

    [Fact]
    public void RootAuthorityKeyIdNotSelf() =>
        Root(s => { s.IncludeAuthorityKeyId = true; s.AuthorityKeyIdOverride = CertSpec.RandomBytes(8); }).Should().Equal(Code.AuthorityKeyIdNotSelf);

    [Fact]
    public void RootPathLenTooSmall() => Root(s => s.PathLength = 0).Should().Equal(Code.BasicConstraintsPathLenTooSmall);

    [Theory]
    [InlineData(0x02)]
    [InlineData(0x84)]
    public void RootKeyUsageWrongForCa(int usage) => Root(s => s.KeyUsage = usage).Should().Equal(Code.KeyUsageWrongForCa);

    [Fact]
    public void RootNeedsBasicConstraints() => Root(s => s.IncludeBasicConstraints = false).Should().Equal(Code.BasicConstraintsMissing);

    // ---------------------------------------------------------------- Device

    [Fact]
    public void DeviceSubjectNotEmpty() => Device(s => { s.EmptySubject = false; s.CommonName = "meter"; }).Should().Equal(Code.DeviceSubjectNotEmpty);

    [Fact]
    public void DeviceNotAfterNot99991231235959Z()
    {
        Device(s => s.NotAfterGeneralizedText = "99991231235958Z").Should().Equal(Code.DeviceNotAfterNot99991231235959Z);
        Device(s => { s.NotAfterGeneralizedText = null; s.NotAfter = new DateTime(2049, 12, 31, 23, 59, 59); }).Should().Equal(Code.DeviceNotAfterNot99991231235959Z);
    }

    [Fact]
    public void HardwareModuleNameMissing() => Device(s => s.HardwareSerial = null).Should().Equal(Code.HardwareModuleNameMissing);

    [Fact]
    public void SubjectAltNameNotCritical() => Device(s => s.SubjectAltNameCritical = false).Should().Equal(Code.SubjectAltNameNotCritical);

    [Fact]
    public void SubjectAltNameNotSingleName() => Device(s => s.ExtraSubjectAltName = true).Should().Equal(Code.SubjectAltNameNotSingleName);

    [Fact]
    public void HardwareSerialNot64Bits() => Device(s => s.HardwareSerial = CertSpec.RandomBytes(6)).Should().Equal(Code.HardwareSerialNot64Bits);

    [Fact]
    public void PolicyNotSingle() =>
        Device(s => s.Policies = new[] { CertSpec.TestOrganisationPolicy, "1.2.3.4" }).Should().Equal(Code.PolicyNotSingle);

    [Fact]
    public void DeviceKeyUsageRules()
    {
        Device(s => s.KeyUsage = 0x88).Should().Equal(Code.KeyUsageNotSingleBit);
        Device(s => s.KeyUsage = 0x04).Should().Equal(Code.KeyUsageNotAllowed);
        Device(s => { s.IncludeBasicConstraints = true; s.IsCa = true; }).Should().Equal(Code.BasicConstraintsIsCa);
    }

    [Fact]
    public void DevicePoliciesAreConfigurable()
    {
        var dcaPolicy = new byte[] { 0x2A, 0x03, 0x05 }; // 1.2.3.5
        var settings = new ProfileSettings(new[] { Oids.GbcsTestOrganisationPolicy }, new[] { dcaPolicy });
        Device(_ => { }, settings).Should().Equal(Code.PolicyNotAccepted);
        Device(s => s.Policies = new[] { "1.2.3.5" }, settings).Should().BeEmpty();
    }

    [Fact]
    public void EveryViolationHasAMessageAndDistinctCodes()
    {
        var codes = typeof(Code).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static).Select(f => (Code)f.GetValue(null)!).ToList();
        codes.Should().OnlyHaveUniqueItems();
        var cert = Certificate.Parse(Pki.IssueOrganisation(TestOrganisationPki.DeviceSpec()).Der);
        foreach (var v in CertificateProfile.CheckOrganisation(cert))
        {
            v.Message.Should().NotBeNullOrWhiteSpace();
            codes.Should().Contain(v.Code);
        }
    }

    [Fact]
    public void Method2HelperMatchesTheFactory()
    {
        var issued = Pki.IssueOrganisation();
        var cert = Certificate.Parse(issued.Der);
        CertificateProfile.IsMethod2KeyIdentifier(cert, issued.SubjectKeyId, 0, 8).Should().BeTrue();
        var wrong = (byte[])issued.SubjectKeyId.Clone();
        wrong[7] ^= 1;
        CertificateProfile.IsMethod2KeyIdentifier(cert, wrong, 0, 8).Should().BeFalse();
        CertificateProfile.IsMethod2KeyIdentifier(cert, issued.SubjectKeyId, 1, 8).Should().BeFalse();
    }
}
