using System.Security.Cryptography.X509Certificates;

namespace TrustAnchor.Smki;

/// <summary>A PKCS#10 request whose signature has been verified, reduced to what the SMKI profiles use.</summary>
public sealed class ParsedCsr
{
    public required X500DistinguishedName Subject { get; init; }

    /// <summary>The uncompressed P-256 point 04||X||Y.</summary>
    public required byte[] PublicKey { get; init; }

    /// <summary>The key usage from the extensionRequest, if it asks for exactly one of DS / KA.</summary>
    public SmkiKeyUsage? KeyUsage { get; init; }

    /// <summary>True if the extensionRequest carries a keyUsage at all (then it must be exactly DS or KA).</summary>
    public bool HasKeyUsageRequest { get; init; }

    /// <summary>hwSerialNum of a requested hardwareModuleName subjectAltName (the Device's EUI-64), if any.</summary>
    public byte[]? HardwareModuleSerial { get; init; }

    /// <summary>Organisation fields of the subject (null when absent).</summary>
    public int? Role { get; init; }

    public byte[]? EntityId { get; init; }

    public string? CommonName { get; init; }

    /// <summary>The BCL public key object, reused when signing the certificate.</summary>
    internal PublicKey? Key { get; init; }

    /// <summary>An Organisation CSR names a Remote Party Role in its subject; a Device CSR has none.</summary>
    public bool IsOrganisationRequest => Role is not null;
}
