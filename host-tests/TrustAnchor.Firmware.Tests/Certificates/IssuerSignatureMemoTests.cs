using System.Security.Cryptography;
using TrustAnchor.Firmware.Certificates;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Tests.Support;
using Code = TrustAnchor.Firmware.Certificates.PathValidationCode;

namespace TrustAnchor.Firmware.Tests.Certificates;

/// <summary>
/// The Issuing OCA's signature under the root is verified once per memo, and the memo never lets through anything
/// the uncached validation refuses: other issuer bytes, another root key, or time checks at another device time.
/// </summary>
public class IssuerSignatureMemoTests
{
    private static readonly TestOrganisationPki Pki = new();
    private static readonly P256PublicKey RootKey = P256PublicKey.Parse(Pki.Root.PublicKey);
    private static readonly DateTime InValidity = new(2020, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private static Certificate P(byte[] der) => Certificate.Parse(der);

    private static PathValidationResult Validate(Certificate target, Certificate issuer, IssuerSignatureMemo memo, out int verifications,
        P256PublicKey? rootKey = null, bool timeChecks = false, DateTime? time = null) =>
        CertificationPath.Validate(target, [issuer], rootKey ?? RootKey, null!, timeChecks, time ?? InValidity, memo, out verifications);

    private static (PathValidationResult Result, int Verifications) Uncached(Certificate target, Certificate issuer, P256PublicKey rootKey,
        bool timeChecks = false, DateTime? time = null)
    {
        var result = CertificationPath.Validate(target, [issuer], rootKey, null!, timeChecks, time ?? InValidity, null, out int verifications);
        return (result, verifications);
    }

    [Fact]
    public void SecondValidationUnderTheSameRootSkipsOnlyTheIssuerSignature()
    {
        var memo = new IssuerSignatureMemo();
        var issuer = P(Pki.IssuingOca.Der);

        Validate(P(Pki.IssueOrganisation().Der), issuer, memo, out int first).IsValid.Should().BeTrue();
        first.Should().Be(2);
        memo.Count.Should().Be(1);

        // Another target, and the same issuer bytes parsed afresh (as a new CS02b would): only the target is verified.
        Validate(P(Pki.IssueOrganisation("03", 0x08).Der), P(Pki.IssuingOca.Der), memo, out int second).IsValid.Should().BeTrue();
        second.Should().Be(1);
        memo.Count.Should().Be(1);

        // Without a memo nothing is skipped.
        Uncached(P(Pki.IssueOrganisation().Der), issuer, RootKey).Verifications.Should().Be(2);
    }

    [Fact]
    public void TamperedIssuerAfterCachedSuccessIsRefused()
    {
        var memo = new IssuerSignatureMemo();
        var target = P(Pki.IssueOrganisation().Der);
        Validate(target, P(Pki.IssuingOca.Der), memo, out _).IsValid.Should().BeTrue();

        // Same TBS, one bit of the signature changed (the DER ends inside s).
        var badSignature = (byte[])Pki.IssuingOca.Der.Clone();
        badSignature[^1] ^= 0x01;
        // A TBS byte changed (the serial number's last octet), signature untouched.
        var badTbs = (byte[])Pki.IssuingOca.Der.Clone();
        var parsed = P(Pki.IssuingOca.Der);
        badTbs[parsed.SerialOff + parsed.SerialLen - 1] ^= 0x01;

        foreach (var der in new[] { badSignature, badTbs })
        {
            var tampered = P(der);
            var uncached = Uncached(target, tampered, RootKey);
            uncached.Result.IsValid.Should().BeFalse();

            var result = Validate(target, tampered, memo, out int verifications);
            result.IsValid.Should().BeFalse();
            result.Code.Should().Be(Code.SignatureInvalid, result.Message);
            result.CertificateIndex.Should().Be(1);
            verifications.Should().Be(2, "the tampered issuer is verified again, not taken from the memo");
            result.Code.Should().Be(uncached.Result.Code);
        }

        // The genuine issuer is still remembered; the failures were not.
        memo.Count.Should().Be(1);
        Validate(target, P(Pki.IssuingOca.Der), memo, out int again).IsValid.Should().BeTrue();
        again.Should().Be(1);
    }

    [Fact]
    public void ChangedRootKeyAfterCachedSuccessIsRefused()
    {
        var memo = new IssuerSignatureMemo();
        var target = P(Pki.IssueOrganisation().Der);
        var issuer = P(Pki.IssuingOca.Der);
        Validate(target, issuer, memo, out _).IsValid.Should().BeTrue();

        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = stranger.ExportParameters(false).Q;
        var strangerKey = P256PublicKey.Parse([0x04, .. q.X!, .. q.Y!]);

        Uncached(target, issuer, strangerKey).Result.Code.Should().Be(Code.SignatureInvalid);
        var result = Validate(target, issuer, memo, out int verifications, rootKey: strangerKey);
        result.IsValid.Should().BeFalse();
        result.Code.Should().Be(Code.SignatureInvalid, result.Message);
        result.CertificateIndex.Should().Be(1);
        verifications.Should().Be(2);
    }

    [Fact]
    public void TimeChecksRunOnEveryValidationWhateverTheMemoHolds()
    {
        var memo = new IssuerSignatureMemo();
        var target = P(Pki.IssueOrganisation().Der);
        var issuer = P(Pki.IssuingOca.Der);
        Validate(target, issuer, memo, out _, timeChecks: true).IsValid.Should().BeTrue();

        foreach (var time in new[] { issuer.NotAfter.AddSeconds(1), issuer.NotBefore.AddSeconds(-1) })
        {
            var uncached = Uncached(target, issuer, RootKey, timeChecks: true, time: time);
            var result = Validate(target, issuer, memo, out int verifications, timeChecks: true, time: time);
            result.IsValid.Should().BeFalse();
            result.Code.Should().BeOneOf(Code.Expired, Code.NotYetValid);
            result.Code.Should().Be(uncached.Result.Code);
            result.CertificateIndex.Should().Be(uncached.Result.CertificateIndex);
            verifications.Should().Be(0, "time checks come before any signature");
        }
    }

    [Fact]
    public void OldestEntryIsReplacedWhenFull()
    {
        var memo = new IssuerSignatureMemo(1);
        memo.Capacity.Should().Be(1);
        var other = new TestOrganisationPki();
        var otherRoot = P256PublicKey.Parse(other.Root.PublicKey);

        Validate(P(Pki.IssueOrganisation().Der), P(Pki.IssuingOca.Der), memo, out int a).IsValid.Should().BeTrue();
        Validate(P(other.IssueOrganisation().Der), P(other.IssuingOca.Der), memo, out int b, rootKey: otherRoot).IsValid.Should().BeTrue();
        Validate(P(Pki.IssueOrganisation().Der), P(Pki.IssuingOca.Der), memo, out int c).IsValid.Should().BeTrue();
        new[] { a, b, c }.Should().Equal(2, 2, 2);
        memo.Count.Should().Be(1);

        memo.Clear();
        memo.Count.Should().Be(0);
        Validate(P(Pki.IssueOrganisation().Der), P(Pki.IssuingOca.Der), memo, out int d).IsValid.Should().BeTrue();
        d.Should().Be(2);
    }

    [Fact]
    public void SizeOutsideTheBoundIsATypedError()
    {
        foreach (int entries in new[] { 0, -1, IssuerSignatureMemo.MaxEntries + 1 })
        {
            var act = () => new IssuerSignatureMemo(entries);
            act.Should().Throw<TrustAnchorException>().Which.Code.Should().Be((int)CertificateError.InvalidArgument);
        }
    }
}
