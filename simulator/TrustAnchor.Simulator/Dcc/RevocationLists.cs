using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using TrustAnchor.Smki;

namespace TrustAnchor.Simulator.Dcc;

/// <summary>
/// The DCC as a Relying Party (SEC Section L): the latest CRL of the Issuing OCA and ARL of the Root OCA it has read
/// from the SMKI Repository, and the check it makes before sending anything that depends on a certificate. A list is
/// taken only when its signature verifies with its issuer's key and its number is not below the one held; the
/// serials are read from the DER (System.Formats.Asn1), not from the SMKI's own records, so a list the Repository
/// got wrong would show here.
/// </summary>
public sealed class RevocationLists
{
    private readonly object _gate = new();
    private RevocationList? _crl;
    private RevocationList? _arl;

    /// <summary>One list as read: its number, when it was issued and the revoked serials (upper-case hex).</summary>
    public sealed record RevocationList(BigInteger Number, DateTime ThisUpdate, IReadOnlySet<string> Serials);

    public RevocationList? Crl
    {
        get
        {
            lock (_gate)
            {
                return _crl;
            }
        }
    }

    public RevocationList? Arl
    {
        get
        {
            lock (_gate)
            {
                return _arl;
            }
        }
    }

    /// <summary>Reads and keeps a CRL (issuer: the Issuing OCA) or ARL (issuer: the Root OCA).</summary>
    /// <exception cref="CryptographicException">the list is malformed or its signature does not verify.</exception>
    public RevocationList Accept(byte[] der, CertificateRecord issuer, bool isArl)
    {
        var list = Read(der, issuer);
        lock (_gate)
        {
            var held = isArl ? _arl : _crl;
            if (held is null || list.Number >= held.Number)
            {
                if (isArl)
                {
                    _arl = list;
                }
                else
                {
                    _crl = list;
                }
            }

            return list;
        }
    }

    /// <summary>
    /// Why the DCC must not rely on <paramref name="certificate"/> (issued under <paramref name="issuingOca"/>), or
    /// null: the certificate is on the CRL, or the Issuing OCA is on the ARL.
    /// </summary>
    public string? RefusalFor(CertificateRecord certificate, CertificateRecord issuingOca)
    {
        lock (_gate)
        {
            if (_crl is { } crl && crl.Serials.Contains(certificate.Serial.ToUpperInvariant()))
            {
                return $"certificate {certificate.Serial} is on CRL #{crl.Number} of {crl.ThisUpdate:yyyy-MM-dd HH:mm}Z";
            }

            if (_arl is { } arl && arl.Serials.Contains(issuingOca.Serial.ToUpperInvariant()))
            {
                return $"its Issuing OCA {issuingOca.Serial} is on ARL #{arl.Number} of {arl.ThisUpdate:yyyy-MM-dd HH:mm}Z";
            }

            return null;
        }
    }

    /// <summary>RFC 5280 CertificateList: TBSCertList, signatureAlgorithm, signatureValue; ECDSA-SHA256 by the issuer.</summary>
    public static RevocationList Read(byte[] der, CertificateRecord issuer)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var list = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            var tbsBytes = list.ReadEncodedValue();
            list.ReadSequence(); // signatureAlgorithm (ecdsa-with-SHA256, checked by the verification below)
            var signature = list.ReadBitString(out var unused);
            list.ThrowIfNotEmpty();
            if (unused != 0)
            {
                throw new CryptographicException("CRL signature BIT STRING has unused bits");
            }

            using (var key = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = issuer.PublicKeyBytes().AsSpan(1, 32).ToArray(), Y = issuer.PublicKeyBytes().AsSpan(33, 32).ToArray() },
            }))
            {
                if (!key.VerifyData(tbsBytes.Span, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
                {
                    throw new CryptographicException($"the list's signature does not verify with {issuer.Kind} {issuer.Serial}");
                }
            }

            var tbs = new AsnReader(tbsBytes, AsnEncodingRules.DER).ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                tbs.ReadInteger(); // version v2
            }

            tbs.ReadSequence(); // signature
            tbs.ReadSequence(); // issuer
            var thisUpdate = ReadTime(tbs);
            if (tbs.HasData && (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) || tbs.PeekTag().HasSameClassAndValue(Asn1Tag.GeneralizedTime)))
            {
                ReadTime(tbs); // nextUpdate
            }

            var serials = new HashSet<string>(StringComparer.Ordinal);
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var entries = tbs.ReadSequence();
                while (entries.HasData)
                {
                    var entry = entries.ReadSequence();
                    serials.Add(Convert.ToHexString(entry.ReadIntegerBytes().Span));
                }
            }

            var number = BigInteger.Zero;
            if (tbs.HasData)
            {
                var extensions = tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
                while (extensions.HasData)
                {
                    var extension = extensions.ReadSequence();
                    var oid = extension.ReadObjectIdentifier();
                    if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
                    {
                        extension.ReadBoolean();
                    }

                    var value = extension.ReadOctetString();
                    if (oid == "2.5.29.20")
                    {
                        number = new AsnReader(value, AsnEncodingRules.DER).ReadInteger();
                    }
                }
            }

            return new RevocationList(number, thisUpdate, serials);
        }
        catch (AsnContentException e)
        {
            throw new CryptographicException("not a DER CertificateList: " + e.Message, e);
        }
    }

    private static DateTime ReadTime(AsnReader reader) => reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime)
        ? reader.ReadUtcTime().UtcDateTime
        : reader.ReadGeneralizedTime().UtcDateTime;
}
