using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace TrustAnchor.Smki;

/// <summary>The X.509 extensions of the SMKI profiles: the BCL types where they exist, AsnWriter for the rest.</summary>
public static class SmkiExtensions
{
    public static X509Extension KeyUsage(X509KeyUsageFlags flags) => new X509KeyUsageExtension(flags, critical: true);

    public static X509Extension SubjectKeyIdentifier(byte[] ski) => new X509SubjectKeyIdentifierExtension(ski, critical: false);

    /// <summary>authorityKeyIdentifier holding only [0] keyIdentifier, non-critical.</summary>
    public static X509Extension AuthorityKeyIdentifier(byte[] issuerSki) =>
        X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(issuerSki);

    public static X509Extension CaBasicConstraints(int? pathLength) =>
        new X509BasicConstraintsExtension(true, pathLength.HasValue, pathLength ?? 0, critical: true);

    /// <summary>certificatePolicies, critical, one PolicyInformation without qualifiers per OID.</summary>
    public static X509Extension CertificatePolicies(params string[] policyOids)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var oid in policyOids)
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(oid);
                }
            }
        }

        return new X509Extension(SmkiOids.CertificatePolicies, writer.Encode(), critical: true);
    }

    /// <summary>
    /// subjectAltName, critical, with one otherName hardwareModuleName (RFC 4108):
    /// <c>SEQUENCE { hwType OBJECT IDENTIFIER, hwSerialNum OCTET STRING }</c>, hwSerialNum = the Device's EUI-64.
    /// </summary>
    public static X509Extension HardwareModuleName(string hwTypeOid, ReadOnlySpan<byte> deviceId)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            // GeneralName otherName [0] IMPLICIT OtherName ::= SEQUENCE { type-id, [0] EXPLICIT value }
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            {
                writer.WriteObjectIdentifier(SmkiOids.HardwareModuleName);
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(hwTypeOid);
                        writer.WriteOctetString(deviceId);
                    }
                }
            }
        }

        return new X509Extension(SmkiOids.SubjectAltName, writer.Encode(), critical: true);
    }

    /// <summary>Reads hwSerialNum from a subjectAltName carrying a hardwareModuleName, or null if there is none.</summary>
    public static byte[]? ReadHardwareModuleSerial(ReadOnlyMemory<byte> subjectAltName)
    {
        var names = new AsnReader(subjectAltName, AsnEncodingRules.DER).ReadSequence();
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (!tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                names.ReadEncodedValue();
                continue;
            }

            var otherName = names.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
            if (otherName.ReadObjectIdentifier() != SmkiOids.HardwareModuleName)
            {
                continue;
            }

            var module = otherName.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)).ReadSequence();
            module.ReadObjectIdentifier();
            return module.ReadOctetString();
        }

        return null;
    }
}
