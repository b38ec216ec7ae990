using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TrustAnchor.Smki;

public sealed partial class SmkiPki
{
    /// <summary>Everything issued, oldest first.</summary>
    public IReadOnlyList<CertificateRecord> Certificates
    {
        get
        {
            lock (gate)
            {
                return repository.All.ToList();
            }
        }
    }

    /// <summary>Repository look-up by serial (hex); null if unknown.</summary>
    public CertificateRecord? FindBySerial(string serialHex)
    {
        lock (gate)
        {
            return repository.FindBySerial(NormaliseHex(serialHex));
        }
    }

    /// <summary>Repository look-up by Subject Key Identifier (8 bytes).</summary>
    public IReadOnlyList<CertificateRecord> FindBySubjectKeyId(byte[] subjectKeyId)
    {
        lock (gate)
        {
            return repository.FindBySubjectKeyId(Convert.ToHexString(subjectKeyId)).ToList();
        }
    }

    /// <summary>Repository look-up by Entity Identifier (EUI-64 of a party or a Device).</summary>
    public IReadOnlyList<CertificateRecord> FindByEntityId(byte[] entityId)
    {
        lock (gate)
        {
            return repository.FindByEntityId(Convert.ToHexString(entityId)).ToList();
        }
    }

    /// <summary>
    /// The relying-party check: trusted only if this SMKI issued exactly these bytes, the signature verifies with
    /// the issuing CA, neither it nor a CA on its path is revoked, and it is within its validity at
    /// <paramref name="at"/> (default: <see cref="Clock"/>).
    /// </summary>
    public RelyingPartyResult CheckCertificate(byte[] der, DateTime? at = null)
    {
        lock (gate)
        {
            var when = at ?? Clock.UtcNow;
            X509Certificate2 certificate;
            try
            {
                certificate = X509CertificateLoader.LoadCertificate(der);
            }
            catch (CryptographicException e)
            {
                return new RelyingPartyResult(RelyingPartyStatus.Malformed, "not a certificate: " + e.Message, null);
            }

            using (certificate)
            {
                var record = repository.FindBySerial(certificate.SerialNumber);
                if (record is null || !record.Der.AsSpan().SequenceEqual(der))
                {
                    return new RelyingPartyResult(RelyingPartyStatus.Unknown, $"serial {certificate.SerialNumber} was not issued by this SMKI", null);
                }

                for (var current = record; current is not null; current = IssuerOf(current))
                {
                    if (RevocationOf(current.Serial) is { } revocation && revocation.RevokedAt <= when)
                    {
                        var what = current == record ? "the certificate" : $"{current.Kind} {current.Serial} on its path";
                        return new RelyingPartyResult(RelyingPartyStatus.Revoked, $"{what} was revoked at {revocation.RevokedAt:u} ({revocation.Reason})", record);
                    }

                    if (when < current.NotBefore)
                    {
                        return new RelyingPartyResult(RelyingPartyStatus.NotYetValid, $"{current.Kind} {current.Serial} is not valid before {current.NotBefore:u}", record);
                    }

                    if (when > current.NotAfter)
                    {
                        return new RelyingPartyResult(RelyingPartyStatus.Expired, $"{current.Kind} {current.Serial} expired at {current.NotAfter:u}", record);
                    }

                    var issuer = IssuerOf(current) ?? current;
                    using var issuerKey = CertificateSigner.ImportPublicPoint(issuer.PublicKeyBytes());
                    if (!VerifySignature(current.Der, issuerKey))
                    {
                        return new RelyingPartyResult(RelyingPartyStatus.BadSignature, $"{current.Kind} {current.Serial} does not verify with its issuer's key", record);
                    }

                    if (IssuerOf(current) is null)
                    {
                        break;
                    }
                }

                return new RelyingPartyResult(RelyingPartyStatus.Trusted, "issued here, not revoked, within validity", record);
            }
        }
    }

    private CertificateRecord? IssuerOf(CertificateRecord record) => record.AuthorityKeyId is null
        ? null
        : repository.FindBySubjectKeyId(record.AuthorityKeyId).FirstOrDefault(r => r.Kind is CertificateKind.RootOca or CertificateKind.IssuingOca or CertificateKind.RootDca or CertificateKind.IssuingDca);

    private static bool VerifySignature(byte[] certificateDer, ECDsa issuerKey)
    {
        var reader = new System.Formats.Asn1.AsnReader(certificateDer, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        var tbs = reader.ReadEncodedValue();
        reader.ReadSequence();
        var signature = reader.ReadBitString(out _);
        return issuerKey.VerifyData(tbs.Span, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    private static string NormaliseHex(string hex) => hex.Replace(":", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
}
