using System.Security.Cryptography.X509Certificates;

namespace TrustAnchor.Smki;

/// <summary>The single key usage of an end-entity SMKI certificate: sign (DS) or key agreement (KA).</summary>
public enum SmkiKeyUsage
{
    DigitalSignature,
    KeyAgreement,
}

public static class SmkiKeyUsageExtensions
{
    public static X509KeyUsageFlags ToFlags(this SmkiKeyUsage usage) =>
        usage == SmkiKeyUsage.DigitalSignature ? X509KeyUsageFlags.DigitalSignature : X509KeyUsageFlags.KeyAgreement;

    /// <summary>First content byte of the keyUsage BIT STRING (digitalSignature 0x80, keyAgreement 0x08).</summary>
    public static byte ToBitStringByte(this SmkiKeyUsage usage) => usage == SmkiKeyUsage.DigitalSignature ? (byte)0x80 : (byte)0x08;

    public static string ShortName(this SmkiKeyUsage usage) => usage == SmkiKeyUsage.DigitalSignature ? "ds" : "ka";

    public static SmkiKeyUsage ParseKeyUsage(string text) => text.ToLowerInvariant() switch
    {
        "ds" or "digitalsignature" => SmkiKeyUsage.DigitalSignature,
        "ka" or "keyagreement" => SmkiKeyUsage.KeyAgreement,
        _ => throw new SmkiException(SmkiErrorCode.InvalidArgument, $"'{text}' is not a key usage (ds or ka)"),
    };

    /// <summary>Maps X.509 flags to the one SMKI usage, or null unless exactly one of DS / KA is set and nothing else.</summary>
    public static SmkiKeyUsage? FromFlags(X509KeyUsageFlags flags) => flags switch
    {
        X509KeyUsageFlags.DigitalSignature => SmkiKeyUsage.DigitalSignature,
        X509KeyUsageFlags.KeyAgreement => SmkiKeyUsage.KeyAgreement,
        _ => null,
    };
}
