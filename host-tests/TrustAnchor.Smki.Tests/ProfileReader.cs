using System.Formats.Asn1;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Digests;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace TrustAnchor.Smki.Tests;

/// <summary>Reads the profile fields with BouncyCastle's ASN.1 model, independently of the SMKI's own code.</summary>
internal sealed class ProfileReader
{
    public ProfileReader(byte[] der)
    {
        Der = der;
        Bc = new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(der);
        Structure = X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(der));
    }

    public byte[] Der { get; }

    public BcCertificate Bc { get; }

    public X509CertificateStructure Structure { get; }

    public byte[] PublicPoint => Structure.SubjectPublicKeyInfo.PublicKeyData.GetBytes();

    /// <summary>RFC 5280 method 2 computed here with BouncyCastle's SHA-1.</summary>
    public byte[] ExpectedKeyId
    {
        get
        {
            var sha1 = new Sha1Digest();
            var point = PublicPoint;
            sha1.BlockUpdate(point, 0, point.Length);
            var hash = new byte[20];
            sha1.DoFinal(hash, 0);
            var id = hash[12..];
            id[0] = (byte)(0x40 | (id[0] & 0x0F));
            return id;
        }
    }

    public X509Extension? Extension(string oid) => Structure.TbsCertificate.Extensions?.GetExtension(new DerObjectIdentifier(oid));

    public byte[] SubjectKeyId => Asn1OctetString.GetInstance(Extension("2.5.29.14")!.GetParsedValue()).GetOctets();

    public byte[]? AuthorityKeyId => Extension("2.5.29.35") is { } e ? AuthorityKeyIdentifier.GetInstance(e.GetParsedValue()).GetKeyIdentifier() : null;

    /// <summary>(tag, text) of each subject attribute with the given OID.</summary>
    public List<(int Tag, Asn1Encodable Value)> SubjectAttributes(string oid)
    {
        var result = new List<(int, Asn1Encodable)>();
        var name = Asn1Sequence.GetInstance(Structure.Subject.ToAsn1Object());
        foreach (Asn1Encodable rdn in name)
        {
            foreach (Asn1Encodable atv in Asn1Set.GetInstance(rdn))
            {
                var seq = Asn1Sequence.GetInstance(atv);
                if (DerObjectIdentifier.GetInstance(seq[0]).Id == oid)
                {
                    var value = seq[1].ToAsn1Object();
                    result.Add((value.GetEncoded()[0], value));
                }
            }
        }

        return result;
    }

    public string? OrganisationalUnitUtf8()
    {
        var ou = SubjectAttributes("2.5.4.11");
        if (ou.Count != 1 || ou[0].Tag != 0x0C)
        {
            return null;
        }

        return DerUtf8String.GetInstance(ou[0].Value).GetString();
    }

    public byte[]? UniqueIdentifier64()
    {
        var uid = SubjectAttributes("2.5.4.45");
        if (uid.Count != 1)
        {
            return null;
        }

        var bits = DerBitString.GetInstance(uid[0].Value);
        return bits.PadBits == 0 && bits.GetBytes().Length == 8 ? bits.GetBytes() : null;
    }

    /// <summary>The raw TBS notAfter TLV, to check the time encoding.</summary>
    public byte[] NotAfterEncoding => Structure.TbsCertificate.EndDate.ToAsn1Object().GetEncoded();

    public List<string> PolicyOids()
    {
        var policies = Asn1Sequence.GetInstance(Extension("2.5.29.32")!.GetParsedValue());
        return policies.OfType<Asn1Encodable>().Select(p => PolicyInformation.GetInstance(p).PolicyIdentifier.Id).ToList();
    }

    /// <summary>hwType and hwSerialNum from the hardwareModuleName otherName, read with BouncyCastle.</summary>
    public (string HwType, byte[] Serial)? HardwareModuleName()
    {
        var ext = Extension("2.5.29.17");
        if (ext is null)
        {
            return null;
        }

        var names = GeneralNames.GetInstance(ext.GetParsedValue()).GetNames();
        if (names.Length != 1 || names[0].TagNo != GeneralName.OtherName)
        {
            return null;
        }

        var other = Asn1Sequence.GetInstance(names[0].Name);
        if (DerObjectIdentifier.GetInstance(other[0]).Id != "1.3.6.1.5.5.7.8.4")
        {
            return null;
        }

        var module = Asn1Sequence.GetInstance(Asn1TaggedObject.GetInstance(other[1]).GetObject());
        return (DerObjectIdentifier.GetInstance(module[0]).Id, Asn1OctetString.GetInstance(module[1]).GetOctets());
    }
}
