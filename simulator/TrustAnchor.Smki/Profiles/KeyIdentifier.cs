using System.Security.Cryptography;

namespace TrustAnchor.Smki;

/// <summary>RFC 5280 section 4.2.1.2 method 2 key identifiers, always 8 octets as GBCS requires.</summary>
public static class KeyIdentifier
{
    public const int Length = 8;

    /// <summary>
    /// The 4-bit field 0100 followed by the low 60 bits of SHA-1 over the subjectPublicKey BIT STRING value
    /// (04||X||Y for P-256).
    /// </summary>
    public static byte[] FromPublicKey(ReadOnlySpan<byte> uncompressedPoint)
    {
        Span<byte> sha1 = stackalloc byte[20];
        SHA1.HashData(uncompressedPoint, sha1);
        var id = sha1[12..].ToArray();
        id[0] = (byte)(0x40 | (id[0] & 0x0F));
        return id;
    }
}
