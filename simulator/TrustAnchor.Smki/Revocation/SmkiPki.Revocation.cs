using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TrustAnchor.Smki;

public sealed partial class SmkiPki
{
    public IReadOnlyList<RevocationEntry> Revocations
    {
        get
        {
            lock (gate)
            {
                return index.Revocations.ToList();
            }
        }
    }

    /// <summary>Revokes a certificate by serial (hex) as of now (<see cref="Clock"/>); it goes on the next CRL or ARL.</summary>
    public RevocationEntry Revoke(string serialHex, X509RevocationReason reason = X509RevocationReason.Unspecified)
    {
        lock (gate)
        {
            var serial = NormaliseHex(serialHex);
            var record = repository.FindBySerial(serial)
                ?? throw new SmkiException(SmkiErrorCode.UnknownCertificate, $"no certificate with serial {serialHex} in the repository");
            if (record.Kind is CertificateKind.RootOca or CertificateKind.RootDca)
            {
                throw new SmkiException(SmkiErrorCode.InvalidArgument, "a root is withdrawn, not revoked: replace the root instead");
            }

            if (RevocationOf(record.Serial) is not null)
            {
                throw new SmkiException(SmkiErrorCode.AlreadyRevoked, $"{record.Serial} is already revoked");
            }

            var entry = new RevocationEntry { Serial = record.Serial, RevokedAt = CertificateSigner.TruncateToSeconds(Clock.UtcNow), Reason = reason };
            index.Revocations.Add(entry);
            folder.SaveIndex(index);
            return entry;
        }
    }

    public bool IsRevoked(string serialHex)
    {
        lock (gate)
        {
            return RevocationOf(NormaliseHex(serialHex)) is not null;
        }
    }

    /// <summary>
    /// A CRL (BCL <see cref="CertificateRevocationListBuilder"/>) signed by an issuing CA, listing the revoked
    /// certificates it issued: <see cref="CertificateKind.IssuingOca"/> (Organisation Certificates, the default) or
    /// <see cref="CertificateKind.IssuingDca"/> (Device Certificates). CRL numbers increase per CRL.
    /// </summary>
    public byte[] IssueCrl(CertificateKind issuer = CertificateKind.IssuingOca, TimeSpan? validFor = null)
    {
        if (issuer is not (CertificateKind.IssuingOca or CertificateKind.IssuingDca))
        {
            throw new SmkiException(SmkiErrorCode.InvalidArgument, "CRLs are issued by the Issuing OCA or the Issuing DCA; the root issues the ARL");
        }

        lock (gate)
        {
            var ca = issuer == CertificateKind.IssuingOca ? IssuingOca : IssuingDca;
            var number = ++index.CrlNumber;
            var crl = BuildList(ca, number, validFor ?? TimeSpan.FromDays(1));
            folder.SaveIndex(index);
            return crl;
        }
    }

    /// <summary>
    /// The ARL: the Root OCA's list of revoked Issuing OCAs. Signed with the issuer-name overload of the BCL builder
    /// because the GBCS Root OCA has keyCertSign only (the certificate overload insists on cRLSign).
    /// </summary>
    public byte[] IssueArl(TimeSpan? validFor = null)
    {
        lock (gate)
        {
            var number = ++index.ArlNumber;
            var arl = BuildList(RootOca, number, validFor ?? TimeSpan.FromDays(30));
            folder.SaveIndex(index);
            return arl;
        }
    }

    private byte[] BuildList(CertificateRecord ca, long number, TimeSpan validFor)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var entry in index.Revocations)
        {
            var revoked = repository.FindBySerial(entry.Serial);
            if (revoked?.AuthorityKeyId is not null && string.Equals(revoked.AuthorityKeyId, ca.SubjectKeyId, StringComparison.OrdinalIgnoreCase))
            {
                builder.AddEntry(Convert.FromHexString(entry.Serial), new DateTimeOffset(entry.RevokedAt, TimeSpan.Zero), entry.Reason);
            }
        }

        var thisUpdate = new DateTimeOffset(CertificateSigner.TruncateToSeconds(Clock.UtcNow), TimeSpan.Zero);
        using var caCert = ca.ToX509();
        return builder.Build(
            caCert.SubjectName,
            X509SignatureGenerator.CreateForECDsa(CaKey(ca)),
            new BigInteger(number),
            thisUpdate.Add(validFor),
            HashAlgorithmName.SHA256,
            X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(ca.SubjectKeyIdBytes()),
            thisUpdate);
    }

    private RevocationEntry? RevocationOf(string serial) =>
        index.Revocations.FirstOrDefault(r => string.Equals(r.Serial, serial, StringComparison.OrdinalIgnoreCase));
}
