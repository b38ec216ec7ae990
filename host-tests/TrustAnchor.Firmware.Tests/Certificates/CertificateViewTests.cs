using System.Formats.Asn1;
using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TrustAnchor.Firmware.Certificates;

namespace TrustAnchor.Firmware.Tests.Certificates;

/// <summary>
/// The read-only views a parsed <see cref="Certificate"/> exposes. The certificate is laid out here with AsnWriter,
/// field by field (not by our GBCS builder), and every expected offset is found by searching the DER for the bytes
/// that were written, so the views are checked against an encoding we did not produce through our own code paths.
/// </summary>
public class CertificateViewTests
{
    private static readonly byte[] Serial = [0x01, 0x23, 0x45, 0x67, 0x89];
    private static readonly byte[] EntityId = [0x90, 0xB3, 0xD5, 0x1F, 0x30, 0x01, 0x00, 0x02];
    private static readonly byte[] SubjectKeyId = [0x4A, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77];
    private static readonly byte[] AuthorityKeyId = [0x4B, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE];
    private static readonly byte[] HardwareSerial = [0xAA, 0xBB, 0xCC, 0xDD, 0x01, 0x02, 0x03, 0x04];
    private static readonly DateTime NotBefore = new(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc);
    private static readonly DateTime NotAfter = new(2052, 8, 9, 10, 11, 12, DateTimeKind.Utc);

    private const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    private const string OcaPolicy = "1.2.826.0.1.8641679.1.2.1.4";
    private const string OtherPolicy = "1.2.3.4.5";
    private const string HardwareType = "1.2.826.0.1.8641679.9";
    private const string UnknownCritical = "1.3.6.1.4.1.99999.1";

    /// <summary>The pieces of the hand-built certificate, each encoded on its own so that it can be found in the DER.</summary>
    private sealed record Built(byte[] Der, byte[] Tbs, byte[] Algorithm, byte[] Issuer, byte[] Subject, byte[] PublicKey,
        byte[] Policies, byte[] Signature, ECDsa Key);

    private static Built Build(string subjectRole = "02")
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] algorithm = Encode(w =>
        {
            using (w.PushSequence()) w.WriteObjectIdentifier(EcdsaWithSha256);
        });
        byte[] issuer = Encode(w =>
        {
            using (w.PushSequence())
            {
                Attribute(w, "2.5.4.11", a => a.WriteCharacterString(UniversalTagNumber.UTF8String, "07"));
                Attribute(w, "2.5.4.3", a => a.WriteCharacterString(UniversalTagNumber.UTF8String, "Hand-laid Issuing OCA"));
            }
        });
        byte[] subject = Encode(w =>
        {
            using (w.PushSequence())
            {
                Attribute(w, "2.5.4.11", a => a.WriteCharacterString(UniversalTagNumber.UTF8String, subjectRole));
                Attribute(w, "2.5.4.45", a => a.WriteBitString(EntityId));
                Attribute(w, "2.5.4.3", a => a.WriteCharacterString(UniversalTagNumber.PrintableString, "Hand laid supplier"));
            }
        });
        byte[] spki = key.ExportSubjectPublicKeyInfo();
        var q = key.ExportParameters(false).Q;
        byte[] publicKey = [0x04, .. q.X!, .. q.Y!];
        // The SEQUENCE OF PolicyInformation, whose content the policies view covers.
        byte[] policies = Encode(w =>
        {
            using (w.PushSequence())
            {
                using (w.PushSequence()) w.WriteObjectIdentifier(OcaPolicy);
                using (w.PushSequence()) w.WriteObjectIdentifier(OtherPolicy);
            }
        });

        byte[] tbs = Encode(w =>
        {
            using (w.PushSequence())
            {
                using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true))) w.WriteInteger(2);
                w.WriteIntegerUnsigned(Serial);
                w.WriteEncodedValue(algorithm);
                w.WriteEncodedValue(issuer);
                using (w.PushSequence())
                {
                    w.WriteUtcTime(NotBefore);
                    w.WriteGeneralizedTime(NotAfter, omitFractionalSeconds: true);
                }

                w.WriteEncodedValue(subject);
                w.WriteEncodedValue(spki);
                using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 3, true)))
                using (w.PushSequence())
                {
                    Extension(w, "2.5.29.14", false, v => v.WriteOctetString(SubjectKeyId));
                    Extension(w, "2.5.29.35", false, v =>
                    {
                        using (v.PushSequence()) v.WriteOctetString(AuthorityKeyId, new Asn1Tag(TagClass.ContextSpecific, 0));
                    });
                    Extension(w, "2.5.29.15", true, v => v.WriteBitString([0x80], unusedBitCount: 7)); // digitalSignature (bit 0)
                    Extension(w, "2.5.29.19", true, v =>
                    {
                        using (v.PushSequence())
                        {
                            v.WriteBoolean(true);
                            v.WriteInteger(3);
                        }
                    });
                    Extension(w, "2.5.29.32", true, v => v.WriteEncodedValue(policies));
                    Extension(w, "2.5.29.17", true, v =>
                    {
                        using (v.PushSequence())
                        {
                            using (v.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                            {
                                v.WriteObjectIdentifier("1.3.6.1.5.5.7.8.4");
                                using (v.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                                using (v.PushSequence())
                                {
                                    v.WriteObjectIdentifier(HardwareType);
                                    v.WriteOctetString(HardwareSerial);
                                }
                            }

                            v.WriteCharacterString(UniversalTagNumber.IA5String, "meter.example", new Asn1Tag(TagClass.ContextSpecific, 2));
                        }
                    });
                    Extension(w, UnknownCritical, true, v => v.WriteNull());
                    Extension(w, "1.3.6.1.4.1.99999.2", false, v => v.WriteNull());
                }
            }
        });

        byte[] signature = key.SignData(tbs, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        byte[] der = Encode(w =>
        {
            using (w.PushSequence())
            {
                w.WriteEncodedValue(tbs);
                w.WriteEncodedValue(algorithm);
                w.WriteBitString(signature);
            }
        });
        return new Built(der, tbs, algorithm, issuer, subject, publicKey, policies, signature, key);
    }

    [Fact]
    public void ViewsReportTheOffsetsOfAHandLaidCertificate()
    {
        var b = Build();
        var cert = Certificate.Parse(b.Der);
        byte[] der = b.Der;

        cert.Der.Should().BeSameAs(der);
        cert.Offset.Should().Be(0);
        cert.Length.Should().Be(der.Length);
        cert.Version.Should().Be(3);
        cert.SerialNumberOffset.Should().Be(IndexOf(der, [0x02, 0x05, .. Serial]) + 2);
        cert.SerialNumberLength.Should().Be(Serial.Length);
        cert.HasUniqueIdentifiers.Should().BeFalse();

        // Signature: the TBS, both algorithm fields (the same bytes, twice) and the value.
        var s = cert.Signature;
        s.Der.Should().BeSameAs(der);
        s.TbsOffset.Should().Be(IndexOf(der, b.Tbs));
        s.TbsLength.Should().Be(b.Tbs.Length);
        s.TbsAlgorithmOffset.Should().Be(der.AsSpan().IndexOf(b.Algorithm));
        s.AlgorithmOffset.Should().Be(LastIndexOf(der, b.Algorithm));
        s.AlgorithmOffset.Should().BeGreaterThan(s.TbsOffset + s.TbsLength - 1);
        s.TbsAlgorithmLength.Should().Be(b.Algorithm.Length);
        s.AlgorithmLength.Should().Be(b.Algorithm.Length);
        s.TbsAlgorithmOidOffset.Should().Be(s.TbsAlgorithmOffset + 4);
        s.AlgorithmOidOffset.Should().Be(s.AlgorithmOffset + 4);
        s.TbsAlgorithmOidLength.Should().Be(8);
        s.TbsAlgorithmHasParameters.Should().BeFalse();
        s.AlgorithmHasParameters.Should().BeFalse();
        s.IsEcdsaWithSha256.Should().BeTrue();
        s.AlgorithmsMatch.Should().BeTrue();
        s.ValueOffset.Should().Be(IndexOf(der, b.Signature));
        s.ValueLength.Should().Be(b.Signature.Length);
        cert.TbsOffset.Should().Be(s.TbsOffset);
        cert.SignatureOffset.Should().Be(s.ValueOffset);
        b.Key.VerifyData(der.AsSpan(s.TbsOffset, s.TbsLength), der.AsSpan(s.ValueOffset, s.ValueLength),
            HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence).Should().BeTrue();

        // Names: whole TLVs, OU role, Entity Identifier, CN.
        var issuer = cert.Issuer;
        issuer.Offset.Should().Be(IndexOf(der, b.Issuer));
        issuer.Length.Should().Be(b.Issuer.Length);
        issuer.RdnCount.Should().Be(2);
        issuer.AttributeCount.Should().Be(2);
        issuer.Role.Should().Be(0x07);
        issuer.RoleCount.Should().Be(1);
        issuer.EntityIdCount.Should().Be(0);
        issuer.CommonNameCount.Should().Be(1);
        Text(der, issuer.CommonNameOffset, issuer.CommonNameLength).Should().Be("Hand-laid Issuing OCA");
        issuer.CommonNameTag.Should().Be(0x0C);

        var subject = cert.Subject;
        subject.Offset.Should().Be(IndexOf(der, b.Subject));
        subject.Length.Should().Be(b.Subject.Length);
        subject.IsEmpty.Should().BeFalse();
        subject.RdnCount.Should().Be(3);
        subject.AttributeCount.Should().Be(3);
        subject.Role.Should().Be(0x02);
        subject.RoleTag.Should().Be(0x0C);
        Text(der, subject.RoleOffset, subject.RoleLength).Should().Be("02");
        subject.EntityIdCount.Should().Be(1);
        subject.EntityIdOffset.Should().Be(IndexOf(der, EntityId));
        subject.EntityIdLength.Should().Be(8);
        subject.EntityIdUnusedBits.Should().Be(0);
        subject.EntityIdEquals(EntityId, 0, 8).Should().BeTrue();
        subject.CommonNameTag.Should().Be(0x13);
        Text(der, subject.CommonNameOffset, subject.CommonNameLength).Should().Be("Hand laid supplier");
        subject.Matches(issuer).Should().BeFalse();
        subject.Matches(subject).Should().BeTrue();
        cert.IsSelfIssued.Should().BeFalse();

        // Validity: values and the time texts.
        var v = cert.Validity;
        v.NotBefore.Should().Be(NotBefore);
        v.NotAfter.Should().Be(NotAfter);
        v.NotBeforeTag.Should().Be(0x17);
        v.NotAfterTag.Should().Be(0x18);
        Text(der, v.NotBeforeOffset, v.NotBeforeLength).Should().Be("250304050607Z");
        Text(der, v.NotAfterOffset, v.NotAfterLength).Should().Be("20520809101112Z");
        v.Contains(NotBefore).Should().BeTrue();
        v.Contains(NotAfter).Should().BeTrue();
        v.Contains(NotBefore.AddSeconds(-1)).Should().BeFalse();
        v.Contains(NotAfter.AddSeconds(1)).Should().BeFalse();

        // Key: the point .NET exported, inside the SPKI .NET encoded.
        var k = cert.SubjectPublicKeyInfo;
        k.KeyOffset.Should().Be(IndexOf(der, b.PublicKey));
        k.KeyLength.Should().Be(65);
        k.KeyEquals(b.PublicKey, 0, 65).Should().BeTrue();
        k.IsEcP256.Should().BeTrue();
        k.ParametersTag.Should().Be(0x06);
        k.AlgorithmOidOffset.Should().Be(IndexOf(der, [0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]) + 2);
        k.AlgorithmOidLength.Should().Be(7);
        k.ParametersOffset.Should().Be(IndexOf(der, [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]) + 2);
        k.ParametersLength.Should().Be(8);
        cert.PublicKeyOffset.Should().Be(k.KeyOffset);

        // Extensions.
        var e = cert.Extensions;
        e.Count.Should().Be(8);
        e.HasSubjectKeyId.Should().BeTrue();
        e.SubjectKeyIdCritical.Should().BeFalse();
        e.SubjectKeyIdOffset.Should().Be(IndexOf(der, SubjectKeyId));
        e.SubjectKeyIdLength.Should().Be(8);
        e.SubjectKeyIdEquals(SubjectKeyId, 0, 8).Should().BeTrue();
        e.HasAuthorityKeyIdExtension.Should().BeTrue();
        e.HasAuthorityKeyId.Should().BeTrue();
        e.AuthorityKeyIdCritical.Should().BeFalse();
        e.AuthorityKeyIdHasIssuerOrSerial.Should().BeFalse();
        e.AuthorityKeyIdOffset.Should().Be(IndexOf(der, AuthorityKeyId));
        e.AuthorityKeyIdLength.Should().Be(8);
        e.AuthorityKeyIdEquals(AuthorityKeyId, 0, 8).Should().BeTrue();
        e.HasKeyUsage.Should().BeTrue();
        e.KeyUsageCritical.Should().BeTrue();
        e.KeyUsage.Should().Be(KeyUsageBits.DigitalSignature);
        e.HasBasicConstraints.Should().BeTrue();
        e.BasicConstraintsCritical.Should().BeTrue();
        e.IsCa.Should().BeTrue();
        e.PathLength.Should().Be(3);
        e.HasPolicies.Should().BeTrue();
        e.PoliciesCritical.Should().BeTrue();
        e.PolicyCount.Should().Be(2);
        e.PoliciesOffset.Should().Be(IndexOf(der, b.Policies) + 2);
        e.PoliciesLength.Should().Be(b.Policies.Length - 2);
        e.HasPolicy(OidContent(OcaPolicy)).Should().BeTrue();
        e.HasPolicy(OidContent(OtherPolicy)).Should().BeTrue();
        e.HasPolicy(OidContent("1.2.3.4.6")).Should().BeFalse();
        e.HasSubjectAltName.Should().BeTrue();
        e.SubjectAltNameCritical.Should().BeTrue();
        e.SubjectAltNameCount.Should().Be(2);
        e.HasHardwareModuleName.Should().BeTrue();
        e.HardwareSerialOffset.Should().Be(IndexOf(der, HardwareSerial));
        e.HardwareSerialLength.Should().Be(8);
        der.AsSpan(e.HardwareTypeOffset, e.HardwareTypeLength).ToArray().Should().Equal(OidContent(HardwareType));
        e.UnknownCriticalCount.Should().Be(1);
        der.AsSpan(e.FirstUnknownCriticalOidOffset, e.FirstUnknownCriticalOidLength).ToArray().Should().Equal(OidContent(UnknownCritical));

        // The convenience API reads through the same views.
        cert.EntityId.Should().Equal(EntityId);
        cert.SubjectKeyId.Should().Equal(SubjectKeyId);
        cert.AuthorityKeyId.Should().Equal(AuthorityKeyId);
        cert.HardwareModuleSerial.Should().Equal(HardwareSerial);
        cert.PublicKey.Should().Equal(b.PublicKey);
        cert.IsCa.Should().BeTrue();
        cert.PathLength.Should().Be(3);
        cert.PolicyCount.Should().Be(2);
    }

    [Fact]
    public void ViewsAgreeWithDotNetsReadingOfTheSameCertificate()
    {
        var b = Build();
        var cert = Certificate.Parse(b.Der);
        using var x509 = X509CertificateLoader.LoadCertificate(b.Der);

        cert.Der.AsSpan(cert.SerialNumberOffset, cert.SerialNumberLength).ToArray().Should().Equal(x509.SerialNumberBytes.ToArray());
        cert.Validity.NotBefore.Should().Be(x509.NotBefore.ToUniversalTime());
        cert.Validity.NotAfter.Should().Be(x509.NotAfter.ToUniversalTime());
        cert.Der.AsSpan(cert.Issuer.Offset, cert.Issuer.Length).ToArray().Should().Equal(x509.IssuerName.RawData);
        cert.Der.AsSpan(cert.Subject.Offset, cert.Subject.Length).ToArray().Should().Equal(x509.SubjectName.RawData);
        cert.Der.AsSpan(cert.SubjectPublicKeyInfo.KeyOffset, cert.SubjectPublicKeyInfo.KeyLength).ToArray()
            .Should().Equal(x509.PublicKey.EncodedKeyValue.RawData);
        cert.Der.AsSpan(cert.Signature.TbsAlgorithmOidOffset - 2, cert.Signature.TbsAlgorithmOidLength + 2).ToArray()
            .Should().Equal(Encode(w => w.WriteObjectIdentifier(x509.SignatureAlgorithm.Value!)));
        var ski = x509.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();
        Convert.ToHexString(cert.Der, cert.Extensions.SubjectKeyIdOffset, cert.Extensions.SubjectKeyIdLength).Should().Be(ski.SubjectKeyIdentifier);
        var usage = x509.Extensions.OfType<X509KeyUsageExtension>().Single();
        usage.Critical.Should().Be(cert.Extensions.KeyUsageCritical);
        usage.KeyUsages.Should().Be(X509KeyUsageFlags.DigitalSignature);
        cert.Extensions.KeyUsage.Should().Be(KeyUsageBits.DigitalSignature);
        var constraints = x509.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        constraints.CertificateAuthority.Should().Be(cert.Extensions.IsCa);
        constraints.PathLengthConstraint.Should().Be(cert.Extensions.PathLength);
        x509.Extensions.Count.Should().Be(cert.Extensions.Count);
    }

    [Fact]
    public void AReusedSlotKeepsItsViewObjectsAndRefillsThem()
    {
        var a = Build("02");
        var b = Build("05");
        var slot = Certificate.Parse(a.Der, 0, a.Der.Length, null);
        var subject = slot.Subject;
        var extensions = slot.Extensions;
        var signature = slot.Signature;
        var key = slot.SubjectPublicKeyInfo;
        var validity = slot.Validity;
        var issuer = slot.Issuer;
        subject.Role.Should().Be(0x02);

        Certificate.Parse(b.Der, 0, b.Der.Length, slot).Should().BeSameAs(slot);
        slot.Subject.Should().BeSameAs(subject);
        slot.Issuer.Should().BeSameAs(issuer);
        slot.Extensions.Should().BeSameAs(extensions);
        slot.Signature.Should().BeSameAs(signature);
        slot.SubjectPublicKeyInfo.Should().BeSameAs(key);
        slot.Validity.Should().BeSameAs(validity);
        subject.Role.Should().Be(0x05);
        subject.Der.Should().BeSameAs(b.Der);
        key.KeyEquals(b.PublicKey, 0, 65).Should().BeTrue();
        signature.ValueOffset.Should().Be(IndexOf(b.Der, b.Signature));

        // A failed parse leaves every view empty, not half of the old certificate.
        var act = () => Certificate.Parse(b.Der, 0, b.Der.Length - 1, slot);
        act.Should().Throw<CertificateFormatException>();
        subject.Der.Should().BeNull();
        subject.Role.Should().Be(-1);
        subject.RoleCount.Should().Be(0);
        subject.Length.Should().Be(0);
        issuer.Length.Should().Be(0);
        key.KeyLength.Should().Be(0);
        extensions.Count.Should().Be(0);
        extensions.HasSubjectKeyId.Should().BeFalse();
        extensions.PathLength.Should().Be(-1);
        extensions.HasPolicy(OidContent(OcaPolicy)).Should().BeFalse();
        signature.TbsLength.Should().Be(0);
        validity.NotAfter.Should().Be(default);
        slot.Der.Should().BeNull();
    }

    [Fact]
    public void NameCountsStopAt255AndStillReadAsRepeated()
    {
        // 300 OUs in one subject: the count is kept in a byte and stops at 255; "more than one" still holds.
        var pki = new Support.TestOrganisationPki();
        var der = pki.IssueOrganisation().Der;
        var cert = Certificate.Parse(der);
        cert.Subject.RoleCount.Should().Be(1);

        var subject = Encode(w =>
        {
            using (w.PushSequence())
            {
                for (int i = 0; i < 300; i++) Attribute(w, "2.5.4.11", a => a.WriteCharacterString(UniversalTagNumber.UTF8String, "02"));
            }
        });
        var reader = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var tbsReader = reader.ReadSequence();
        var w2 = new AsnWriter(AsnEncodingRules.DER);
        using (w2.PushSequence())
        {
            w2.WriteEncodedValue(tbsReader.ReadEncodedValue().Span); // version
            w2.WriteEncodedValue(tbsReader.ReadEncodedValue().Span); // serial
            w2.WriteEncodedValue(tbsReader.ReadEncodedValue().Span); // signature
            w2.WriteEncodedValue(tbsReader.ReadEncodedValue().Span); // issuer
            w2.WriteEncodedValue(tbsReader.ReadEncodedValue().Span); // validity
            tbsReader.ReadEncodedValue();
            w2.WriteEncodedValue(subject);
            while (tbsReader.HasData) w2.WriteEncodedValue(tbsReader.ReadEncodedValue().Span);
        }

        var tbs = w2.Encode();
        var rebuilt = Encode(w =>
        {
            using (w.PushSequence())
            {
                w.WriteEncodedValue(tbs);
                while (reader.HasData) w.WriteEncodedValue(reader.ReadEncodedValue().Span);
            }
        });
        var many = Certificate.Parse(rebuilt);
        many.Subject.RoleCount.Should().Be(255);
        many.Subject.AttributeCount.Should().Be(255);
        many.Subject.RdnCount.Should().Be(255);
        many.Subject.Role.Should().Be(0x02);
        CertificateProfile.CheckOrganisation(many).Select(x => x.Code).Should().Contain(ProfileViolationCode.RoleRepeated);
    }

    [Fact]
    public void NothingOnTheCertificatesPublicSurfaceIsSettable()
    {
        // Certificate and every type its public properties hand out from the Certificates namespace.
        var types = new HashSet<Type> { typeof(Certificate) };
        var queue = new Queue<Type>(types);
        while (queue.Count > 0)
        {
            foreach (var property in queue.Dequeue().GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                var t = property.PropertyType;
                if (t.Namespace == typeof(Certificate).Namespace && t.IsClass && types.Add(t)) queue.Enqueue(t);
            }
        }

        types.Should().BeEquivalentTo(new[]
        {
            typeof(Certificate), typeof(CertificateName), typeof(SubjectPublicKeyInfo), typeof(CertificateValidity),
            typeof(CertificateExtensions), typeof(CertificateSignature),
        });

        const BindingFlags visible = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        foreach (var type in types)
        {
            type.IsSealed.Should().BeTrue($"{type.Name} cannot be subclassed to add setters");
            type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Should().BeEmpty($"only the parser makes a {type.Name}");
            foreach (var field in type.GetFields(visible).Where(f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly))
            {
                field.IsLiteral.Should().BeTrue($"{type.Name}.{field.Name} is a visible field");
            }

            foreach (var property in type.GetProperties(visible))
            {
                var setter = property.SetMethod;
                if (setter != null)
                {
                    (setter.IsPublic || setter.IsFamily || setter.IsFamilyOrAssembly).Should().BeFalse($"{type.Name}.{property.Name} has a visible setter");
                }
            }

            foreach (var method in type.GetMethods(visible | BindingFlags.DeclaredOnly).Where(m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly))
            {
                // Public methods only read: queries (Is/Has/...Equals/Matches/Contains) and Parse, never a mutator.
                method.Name.Should().MatchRegex("^(get_|Parse$|HasPolicy$|Matches$|Contains$|.*Equals$|GetHashCode$|GetType$|ToString$)",
                    $"{type.Name}.{method.Name} is public");
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] Encode(Action<AsnWriter> write)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        write(w);
        return w.Encode();
    }

    private static void Attribute(AsnWriter w, string oid, Action<AsnWriter> value)
    {
        using (w.PushSetOf())
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(oid);
            value(w);
        }
    }

    private static void Extension(AsnWriter w, string oid, bool critical, Action<AsnWriter> value)
    {
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(oid);
            if (critical) w.WriteBoolean(true);
            w.WriteOctetString(Encode(value));
        }
    }

    private static byte[] OidContent(string oid) => Encode(w => w.WriteObjectIdentifier(oid))[2..];

    private static string Text(byte[] der, int offset, int length) => System.Text.Encoding.ASCII.GetString(der, offset, length);

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        int at = haystack.AsSpan().IndexOf(needle);
        at.Should().BeGreaterThanOrEqualTo(0, "the bytes were written into the certificate");
        haystack.AsSpan(at + 1).IndexOf(needle).Should().Be(-1, "the bytes searched for occur once");
        return at;
    }

    private static int LastIndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().LastIndexOf(needle);
}
