using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TrustAnchor.Smki;

/// <summary>Builds and signs one certificate with <see cref="CertificateRequest"/>: every SMKI profile goes through here.</summary>
internal static class CertificateSigner
{
    /// <summary>GBCS Device Certificates never expire: notAfter is GeneralizedTime 99991231235959Z.</summary>
    public static readonly DateTime DeviceNotAfter = new(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc);

    public static byte[] Sign(
        X500DistinguishedName subject,
        PublicKey subjectPublicKey,
        X500DistinguishedName issuer,
        ECDsa issuerKey,
        DateTime notBefore,
        DateTime notAfter,
        byte[] serial,
        IEnumerable<X509Extension> extensions)
    {
        var request = new CertificateRequest(subject, subjectPublicKey, HashAlgorithmName.SHA256);
        foreach (var extension in extensions)
        {
            request.CertificateExtensions.Add(extension);
        }

        // The issuer-name overload: the Device notAfter (9999) is later than the Issuing DCA's, which the
        // X509Certificate2-issuer overload would refuse; GBCS wants it anyway.
        using var certificate = request.Create(
            issuer,
            X509SignatureGenerator.CreateForECDsa(issuerKey),
            new DateTimeOffset(TruncateToSeconds(notBefore), TimeSpan.Zero),
            new DateTimeOffset(TruncateToSeconds(notAfter), TimeSpan.Zero),
            serial);
        return certificate.RawData;
    }

    public static DateTime TruncateToSeconds(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value.ToUniversalTime(), DateTimeKind.Utc);
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    /// <summary>The uncompressed point 04||X||Y of a P-256 key.</summary>
    public static byte[] PublicPoint(ECDsa key)
    {
        var p = key.ExportParameters(false);
        var point = new byte[65];
        point[0] = 0x04;
        p.Q.X!.CopyTo(point, 1);
        p.Q.Y!.CopyTo(point, 33);
        return point;
    }

    /// <summary>A P-256 public key from its uncompressed point (validated by the import).</summary>
    public static ECDsa ImportPublicPoint(byte[] point)
    {
        if (point.Length != 65 || point[0] != 0x04)
        {
            throw new SmkiException(SmkiErrorCode.ProfileViolation, "public key must be an uncompressed P-256 point (65 bytes, 04||X||Y)");
        }

        try
        {
            return ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33], Y = point[33..] },
            });
        }
        catch (CryptographicException e)
        {
            throw new SmkiException(SmkiErrorCode.ProfileViolation, "public key is not a valid P-256 point", e);
        }
    }
}
