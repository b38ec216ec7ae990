using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace TrustAnchor.Smki;

/// <summary>Subject names of the SMKI profiles: OU role (UTF8String, two hex digits), x500UniqueIdentifier, CN.</summary>
public static class SmkiNames
{
    /// <summary>Organisation / OCA subject: OU = role as two hex digits, x500UniqueIdentifier = Entity Identifier, optional CN.</summary>
    public static X500DistinguishedName Organisation(int role, byte[]? entityId, string? commonName)
    {
        // X500DistinguishedNameBuilder cannot add a BIT STRING attribute, so this Name is written with AsnWriter:
        // Name ::= SEQUENCE OF SET OF SEQUENCE { type OID, value }.
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            if (!string.IsNullOrEmpty(commonName))
            {
                WriteAttribute(writer, SmkiOids.CommonName, w => w.WriteCharacterString(UniversalTagNumber.UTF8String, commonName));
            }

            WriteAttribute(writer, SmkiOids.OrganizationalUnit, w => w.WriteCharacterString(UniversalTagNumber.UTF8String, RemotePartyRole.ToOrganisationalUnit(role)));
            if (entityId is not null)
            {
                // x500UniqueIdentifier ::= BIT STRING; 64 bits, no unused bits.
                WriteAttribute(writer, SmkiOids.X500UniqueIdentifier, w => w.WriteBitString(entityId));
            }
        }

        return new X500DistinguishedName(writer.Encode());
    }

    private static void WriteAttribute(AsnWriter writer, string oid, Action<AsnWriter> writeValue)
    {
        using (writer.PushSetOf())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(oid);
                writeValue(writer);
            }
        }
    }

    /// <summary>A CA subject of the Device hierarchy: CN only.</summary>
    public static X500DistinguishedName CommonNameOnly(string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        return builder.Build();
    }

    /// <summary>Device Certificates have an empty subject (the identity is in subjectAltName).</summary>
    public static X500DistinguishedName Empty() => new([0x30, 0x00]);

    /// <summary>What an Organisation subject says: role (from OU), Entity Identifier and CN, each null if absent.</summary>
    public static (int? Role, byte[]? EntityId, string? CommonName) ReadOrganisation(X500DistinguishedName name)
    {
        int? role = null;
        byte[]? entityId = null;
        string? commonName = null;
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
        {
            var set = new AsnReader(rdn.RawData, AsnEncodingRules.DER).ReadSetOf();
            while (set.HasData)
            {
                var attribute = set.ReadSequence();
                var oid = attribute.ReadObjectIdentifier();
                switch (oid)
                {
                    case SmkiOids.OrganizationalUnit:
                        var ou = attribute.ReadCharacterString(UniversalTagNumber.UTF8String);
                        if (ou.Length != 2 || !int.TryParse(ou, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var r))
                        {
                            throw new SmkiException(SmkiErrorCode.ProfileViolation, $"subject OU '{ou}' is not a Remote Party Role as two hex digits");
                        }

                        role = r;
                        break;
                    case SmkiOids.X500UniqueIdentifier:
                        var bits = attribute.ReadBitString(out var unused);
                        if (unused != 0 || bits.Length != 8)
                        {
                            throw new SmkiException(SmkiErrorCode.ProfileViolation, "subject x500UniqueIdentifier is not 64 bits");
                        }

                        entityId = bits;
                        break;
                    case SmkiOids.CommonName:
                        commonName = attribute.ReadCharacterString(attribute.PeekTag().TagValue == (int)UniversalTagNumber.PrintableString ? UniversalTagNumber.PrintableString : UniversalTagNumber.UTF8String);
                        break;
                    default:
                        attribute.ReadEncodedValue();
                        break;
                }
            }
        }

        return (role, entityId, commonName);
    }
}
