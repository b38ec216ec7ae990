using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace TrustAnchor.Firmware.Tests.Support;

/// <summary>
/// Every knob of a GBCS-shaped certificate. The defaults describe a compliant certificate; a test changes exactly
/// one property to break exactly one rule. Built with AsnWriter (so that also non-compliant shapes, which
/// CertificateRequest refuses to produce, can be made) and signed with .NET's ECDsa.
/// </summary>
public sealed class CertSpec
{
    public const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    public const string EcPublicKey = "1.2.840.10045.2.1";
    public const string Prime256v1 = "1.2.840.10045.3.1.7";
    public const string TestOrganisationPolicy = "1.2.826.0.1.8641679.1.2.1.4";
    public const string HardwareModuleNameOid = "1.3.6.1.5.5.7.8.4";

    public int Version { get; set; } = 3;
    public bool NegativeSerial { get; set; }
    /// <summary>subjectPublicKey bytes instead of the key's own 04||X||Y.</summary>
    public byte[]? PublicKeyOverride { get; set; }
    public byte[] Serial { get; set; } = RandomSerial();
    public string SignatureAlgorithm { get; set; } = EcdsaWithSha256;
    public bool SignatureAlgorithmNullParameters { get; set; }
    /// <summary>Outer signatureAlgorithm when different from the TBS one.</summary>
    public string? OuterSignatureAlgorithm { get; set; }

    // Subject
    public string? Role { get; set; } = "02";
    public UniversalTagNumber RoleStringType { get; set; } = UniversalTagNumber.UTF8String;
    public string? ExtraOu { get; set; }
    public byte[]? EntityId { get; set; } = RandomBytes(8);
    public int EntityIdUnusedBits { get; set; }
    public bool RepeatEntityId { get; set; }
    public string? CommonName { get; set; }
    /// <summary>Device certificates: no subject attributes at all.</summary>
    public bool EmptySubject { get; set; }

    // Validity
    public DateTime NotBefore { get; set; } = new(2016, 4, 1, 0, 0, 0, DateTimeKind.Utc);
    public DateTime NotAfter { get; set; } = new(2026, 3, 31, 23, 59, 59, DateTimeKind.Utc);
    /// <summary>GeneralizedTime text for notAfter (e.g. "99991231235959Z"), overriding <see cref="NotAfter"/>.</summary>
    public string? NotAfterGeneralizedText { get; set; }

    // Key
    public ECDsa Key { get; set; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public bool CompressedKey { get; set; }
    public string KeyAlgorithm { get; set; } = EcPublicKey;
    public string Curve { get; set; } = Prime256v1;
    public bool IncludeUniqueIds { get; set; }

    // Extensions
    public int? KeyUsage { get; set; } = 0x80;
    public bool KeyUsageCritical { get; set; } = true;
    public bool IncludeBasicConstraints { get; set; }
    public bool BasicConstraintsCritical { get; set; } = true;
    public bool IsCa { get; set; }
    public int? PathLength { get; set; }
    public string[]? Policies { get; set; } = { TestOrganisationPolicy };
    public bool PoliciesCritical { get; set; } = true;
    public bool IncludeSubjectKeyId { get; set; } = true;
    public bool SubjectKeyIdCritical { get; set; }
    public byte[]? SubjectKeyIdOverride { get; set; }
    public bool IncludeAuthorityKeyId { get; set; } = true;
    public bool AuthorityKeyIdCritical { get; set; }
    public byte[]? AuthorityKeyIdOverride { get; set; }
    public bool AuthorityKeyIdWithIssuerAndSerial { get; set; }
    /// <summary>Device certificates: the hwSerialNum of a hardwareModuleName otherName in subjectAltName.</summary>
    public byte[]? HardwareSerial { get; set; }
    public bool SubjectAltNameCritical { get; set; } = true;
    public bool ExtraSubjectAltName { get; set; }
    public List<(string Oid, bool Critical, byte[] Value)> ExtraExtensions { get; } = new();

    /// <summary>Flip a bit of the signature after signing.</summary>
    public bool CorruptSignature { get; set; }

    public static byte[] RandomBytes(int n) => RandomNumberGenerator.GetBytes(n);

    public static byte[] RandomSerial()
    {
        var s = RandomBytes(16);
        s[0] = (byte)((s[0] & 0x7F) | 0x01);
        return s;
    }
}

/// <summary>A signer: name, key and key identifier of a CA (or of a self-signing subject).</summary>
public sealed record CertificateIssuer(byte[] Name, ECDsa Key, byte[] SubjectKeyId);

/// <summary>One issued certificate with what a test needs to use it as an issuer or to compare against.</summary>
public sealed record IssuedCertificate(byte[] Der, CertSpec Spec, byte[] SubjectName, byte[] SubjectKeyId, byte[] PublicKey)
{
    public CertificateIssuer AsIssuer() => new(SubjectName, Spec.Key, SubjectKeyId);
}

public static class GbcsCertificateFactory
{
    /// <summary>65-byte 04||X||Y of a key.</summary>
    public static byte[] PublicKeyOf(ECDsa key)
    {
        var p = key.ExportParameters(false);
        return new byte[] { 0x04 }.Concat(p.Q.X!).Concat(p.Q.Y!).ToArray();
    }

    /// <summary>RFC 5280 method 2: 0100b + the low 60 bits of SHA-1 of the subjectPublicKey value.</summary>
    public static byte[] Method2KeyId(byte[] publicKey)
    {
        var sha1 = SHA1.HashData(publicKey);
        var id = sha1.AsSpan(12, 8).ToArray();
        id[0] = (byte)(0x40 | (id[0] & 0x0F));
        return id;
    }

    public static byte[] BuildName(CertSpec spec)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        w.PushSequence();
        if (!spec.EmptySubject)
        {
            if (spec.CommonName != null) Rdn(w, "2.5.4.3", x => x.WriteCharacterString(UniversalTagNumber.UTF8String, spec.CommonName));
            if (spec.Role != null) Rdn(w, "2.5.4.11", x => x.WriteCharacterString(spec.RoleStringType, spec.Role));
            if (spec.ExtraOu != null) Rdn(w, "2.5.4.11", x => x.WriteCharacterString(UniversalTagNumber.UTF8String, spec.ExtraOu));
            if (spec.EntityId != null)
            {
                int times = spec.RepeatEntityId ? 2 : 1;
                for (int i = 0; i < times; i++)
                    Rdn(w, "2.5.4.45", x => x.WriteBitString(spec.EntityId, spec.EntityIdUnusedBits));
            }
        }

        w.PopSequence();
        return w.Encode();
    }

    private static void Rdn(AsnWriter w, string oid, Action<AsnWriter> value)
    {
        w.PushSetOf();
        w.PushSequence();
        w.WriteObjectIdentifier(oid);
        value(w);
        w.PopSequence();
        w.PopSetOf();
    }

    /// <summary>Issues <paramref name="spec"/>; <paramref name="issuer"/> null means self-signed.</summary>
    public static IssuedCertificate Issue(CertSpec spec, CertificateIssuer? issuer)
    {
        var subjectName = BuildName(spec);
        var publicKey = PublicKeyOf(spec.Key);
        var keyBits = spec.PublicKeyOverride ?? publicKey;
        if (spec.CompressedKey)
        {
            keyBits = new byte[33];
            keyBits[0] = (byte)(0x02 | (publicKey[64] & 1));
            Array.Copy(publicKey, 1, keyBits, 1, 32);
        }

        var ski = spec.SubjectKeyIdOverride ?? Method2KeyId(keyBits);
        issuer ??= new CertificateIssuer(subjectName, spec.Key, ski);

        var tbs = new AsnWriter(AsnEncodingRules.DER);
        tbs.PushSequence();
        if (spec.Version != 1)
        {
            var v0 = new Asn1Tag(TagClass.ContextSpecific, 0, true);
            tbs.PushSequence(v0);
            tbs.WriteInteger(spec.Version - 1);
            tbs.PopSequence(v0);
        }

        if (spec.NegativeSerial) tbs.WriteInteger(-5);
        else tbs.WriteIntegerUnsigned(spec.Serial);
        WriteAlgorithm(tbs, spec.SignatureAlgorithm, spec.SignatureAlgorithmNullParameters);
        tbs.WriteEncodedValue(issuer.Name);
        tbs.PushSequence();
        WriteTime(tbs, spec.NotBefore);
        if (spec.NotAfterGeneralizedText != null)
        {
            tbs.WriteEncodedValue(new byte[] { 0x18, (byte)spec.NotAfterGeneralizedText.Length }
                .Concat(System.Text.Encoding.ASCII.GetBytes(spec.NotAfterGeneralizedText)).ToArray());
        }
        else
        {
            WriteTime(tbs, spec.NotAfter);
        }

        tbs.PopSequence();
        tbs.WriteEncodedValue(subjectName);

        // SubjectPublicKeyInfo
        tbs.PushSequence();
        tbs.PushSequence();
        tbs.WriteObjectIdentifier(spec.KeyAlgorithm);
        tbs.WriteObjectIdentifier(spec.Curve);
        tbs.PopSequence();
        tbs.WriteBitString(keyBits);
        tbs.PopSequence();

        if (spec.IncludeUniqueIds)
        {
            tbs.WriteBitString(new byte[] { 0x01 }, 0, new Asn1Tag(TagClass.ContextSpecific, 1));
        }

        var extensions = BuildExtensions(spec, ski, issuer);
        if (extensions.Count > 0)
        {
            var e3 = new Asn1Tag(TagClass.ContextSpecific, 3, true);
            tbs.PushSequence(e3);
            tbs.PushSequence();
            foreach (var (oid, critical, value) in extensions)
            {
                tbs.PushSequence();
                tbs.WriteObjectIdentifier(oid);
                if (critical) tbs.WriteBoolean(true);
                tbs.WriteOctetString(value);
                tbs.PopSequence();
            }

            tbs.PopSequence();
            tbs.PopSequence(e3);
        }

        tbs.PopSequence();
        var tbsBytes = tbs.Encode();

        var signature = issuer.Key.SignData(tbsBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        if (spec.CorruptSignature) signature[^5] ^= 0x01;

        var cert = new AsnWriter(AsnEncodingRules.DER);
        cert.PushSequence();
        cert.WriteEncodedValue(tbsBytes);
        WriteAlgorithm(cert, spec.OuterSignatureAlgorithm ?? spec.SignatureAlgorithm, spec.SignatureAlgorithmNullParameters);
        cert.WriteBitString(signature);
        cert.PopSequence();
        return new IssuedCertificate(cert.Encode(), spec, subjectName, ski, publicKey);
    }

    private static void WriteAlgorithm(AsnWriter w, string oid, bool nullParameters)
    {
        w.PushSequence();
        w.WriteObjectIdentifier(oid);
        if (nullParameters) w.WriteNull();
        w.PopSequence();
    }

    private static void WriteTime(AsnWriter w, DateTime t)
    {
        if (t.Year >= 1950 && t.Year <= 2049) w.WriteUtcTime(t, 2049);
        else w.WriteGeneralizedTime(t, omitFractionalSeconds: true);
    }

    private static List<(string, bool, byte[])> BuildExtensions(CertSpec spec, byte[] ski, CertificateIssuer issuer)
    {
        var list = new List<(string, bool, byte[])>();
        if (spec.IncludeBasicConstraints)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            w.PushSequence();
            if (spec.IsCa) w.WriteBoolean(true);
            if (spec.PathLength is int p) w.WriteInteger(p);
            w.PopSequence();
            list.Add(("2.5.29.19", spec.BasicConstraintsCritical, w.Encode()));
        }

        if (spec.KeyUsage is int usage)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            WriteNamedBits(w, usage);
            list.Add(("2.5.29.15", spec.KeyUsageCritical, w.Encode()));
        }

        if (spec.Policies != null)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            w.PushSequence();
            foreach (var policy in spec.Policies)
            {
                w.PushSequence();
                w.WriteObjectIdentifier(policy);
                w.PopSequence();
            }

            w.PopSequence();
            list.Add(("2.5.29.32", spec.PoliciesCritical, w.Encode()));
        }

        if (spec.IncludeSubjectKeyId)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            w.WriteOctetString(ski);
            list.Add(("2.5.29.14", spec.SubjectKeyIdCritical, w.Encode()));
        }

        if (spec.IncludeAuthorityKeyId)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            w.PushSequence();
            w.WriteOctetString(spec.AuthorityKeyIdOverride ?? issuer.SubjectKeyId, new Asn1Tag(TagClass.ContextSpecific, 0));
            if (spec.AuthorityKeyIdWithIssuerAndSerial)
            {
                var a1 = new Asn1Tag(TagClass.ContextSpecific, 1, true);
                w.PushSequence(a1);
                var d4 = new Asn1Tag(TagClass.ContextSpecific, 4, true);
                w.PushSequence(d4);
                w.WriteEncodedValue(issuer.Name);
                w.PopSequence(d4);
                w.PopSequence(a1);
                w.WriteInteger(1, new Asn1Tag(TagClass.ContextSpecific, 2));
            }

            w.PopSequence();
            list.Add(("2.5.29.35", spec.AuthorityKeyIdCritical, w.Encode()));
        }

        if (spec.HardwareSerial != null)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            w.PushSequence();
            var a0 = new Asn1Tag(TagClass.ContextSpecific, 0, true);
            w.PushSequence(a0);
            w.WriteObjectIdentifier(CertSpec.HardwareModuleNameOid);
            w.PushSequence(a0);
            w.PushSequence();
            w.WriteObjectIdentifier("1.2.826.0.1.8641679.1.2.2"); // hwType: any OID; GBCS does not constrain it
            w.WriteOctetString(spec.HardwareSerial);
            w.PopSequence();
            w.PopSequence(a0);
            w.PopSequence(a0);
            if (spec.ExtraSubjectAltName)
            {
                w.WriteCharacterString(UniversalTagNumber.IA5String, "meter.example", new Asn1Tag(TagClass.ContextSpecific, 2));
            }

            w.PopSequence();
            list.Add(("2.5.29.17", spec.SubjectAltNameCritical, w.Encode()));
        }

        list.AddRange(spec.ExtraExtensions);
        return list;
    }

    /// <summary>Named bit list from <c>KeyUsageBits</c>-style flags (first octet bits 7..0, second octet in 15..8), trailing zeros removed.</summary>
    public static void WriteNamedBits(AsnWriter w, int flags)
    {
        var octets = new List<byte>();
        for (int i = 0; i < 4; i++) octets.Add((byte)(flags >> (8 * i)));
        while (octets.Count > 0 && octets[^1] == 0) octets.RemoveAt(octets.Count - 1);
        int unused = 0;
        if (octets.Count > 0)
            while ((octets[^1] & (1 << unused)) == 0) unused++;
        w.WriteBitString(octets.ToArray(), unused);
    }

}

/// <summary>
/// A GBCS-shaped Organisation PKI for tests: Root OCA (self-signed, OU=00), Issuing OCA (OU=07, CN, pathLen 0) and
/// factories for Organisation and Device certificates beneath it. Keys are fresh per instance.
/// </summary>
public sealed class TestOrganisationPki
{
    public IssuedCertificate Root { get; }
    public IssuedCertificate IssuingOca { get; }

    public TestOrganisationPki()
    {
        Root = GbcsCertificateFactory.Issue(RootSpec(), null);
        IssuingOca = GbcsCertificateFactory.Issue(IssuingOcaSpec(), Root.AsIssuer());
    }

    public static CertSpec RootSpec() => new()
    {
        Role = "00",
        CommonName = "Test Root OCA",
        EntityId = null,
        KeyUsage = 0x04 | 0x02,
        IncludeBasicConstraints = true,
        IsCa = true,
        IncludeAuthorityKeyId = false,
        NotBefore = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        NotAfter = new DateTime(2065, 1, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    public static CertSpec IssuingOcaSpec() => new()
    {
        Role = "07",
        CommonName = "Test Issuing OCA",
        EntityId = null,
        KeyUsage = 0x04 | 0x02,
        IncludeBasicConstraints = true,
        IsCa = true,
        PathLength = 0,
        NotBefore = new DateTime(2016, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        NotAfter = new DateTime(2041, 1, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    /// <summary>An Organisation certificate spec: role two hex digits, keyUsage digitalSignature (0x80) or keyAgreement (0x08).</summary>
    public static CertSpec OrganisationSpec(string role = "02", int keyUsage = 0x80) => new()
    {
        Role = role,
        KeyUsage = keyUsage,
        CommonName = null,
    };

    public static CertSpec DeviceSpec(byte[]? eui64 = null) => new()
    {
        EmptySubject = true,
        Role = null,
        EntityId = null,
        KeyUsage = 0x80,
        HardwareSerial = eui64 ?? CertSpec.RandomBytes(8),
        NotBefore = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc),
        NotAfterGeneralizedText = "99991231235959Z",
    };

    public IssuedCertificate IssueOrganisation(CertSpec spec) => GbcsCertificateFactory.Issue(spec, IssuingOca.AsIssuer());

    public IssuedCertificate IssueOrganisation(string role = "02", int keyUsage = 0x80) => IssueOrganisation(OrganisationSpec(role, keyUsage));
}
