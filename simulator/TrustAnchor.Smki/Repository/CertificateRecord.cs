using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization;

namespace TrustAnchor.Smki;

/// <summary>One issued certificate as the SMKI Repository knows it. Identifiers are upper-case hex.</summary>
public sealed class CertificateRecord
{
    public required string Serial { get; init; }

    public required CertificateKind Kind { get; init; }

    /// <summary>Remote Party Role from the subject OU; -1 for Device Certificates and the DCA hierarchy.</summary>
    public int Role { get; init; } = -1;

    /// <summary>DS or KA for end-entity certificates; null for CAs.</summary>
    public SmkiKeyUsage? KeyUsage { get; init; }

    /// <summary>Entity Identifier (EUI-64): x500UniqueIdentifier for organisations, hwSerialNum for devices.</summary>
    public string? EntityId { get; init; }

    public required string SubjectKeyId { get; init; }

    public string? AuthorityKeyId { get; init; }

    /// <summary>The uncompressed public key 04||X||Y in hex: the L11.4 comparison key.</summary>
    public required string PublicKey { get; init; }

    public required DateTime NotBefore { get; init; }

    public required DateTime NotAfter { get; init; }

    /// <summary>The Authorised Subscriber that requested it (null for certificates the PKI made for itself).</summary>
    public string? Subscriber { get; init; }

    /// <summary>A name for certificates the PKI made itself, e.g. "pack-2016/supplier-ds".</summary>
    public string? Label { get; init; }

    /// <summary>True if the PKI holds the private key (CAs, Known Remote Parties it generated).</summary>
    public bool PrivateKeyHeld { get; init; }

    /// <summary>
    /// Where a certificate of a Batched CSR lives: a bundle file under certs/ (the batch's certificates, DER one
    /// after another) and its offset and length there. Null for certificates stored as certs/SERIAL.der.
    /// </summary>
    [JsonInclude]
    public string? Bundle { get; internal set; }

    [JsonInclude]
    public long? BundleOffset { get; internal set; }

    [JsonInclude]
    public int? BundleLength { get; internal set; }

    private byte[]? der;

    /// <summary>The DER, loaded from the folder on first use.</summary>
    [JsonIgnore]
    public byte[] Der
    {
        get => der ??= DerLoader?.Invoke() ?? [];
        internal set => der = value;
    }

    [JsonIgnore]
    internal Func<byte[]>? DerLoader { get; set; }

    public X509Certificate2 ToX509() => X509CertificateLoader.LoadCertificate(Der);

    public byte[] EntityIdBytes() => EntityId is null ? [] : Convert.FromHexString(EntityId);

    public byte[] SubjectKeyIdBytes() => Convert.FromHexString(SubjectKeyId);

    public byte[] PublicKeyBytes() => Convert.FromHexString(PublicKey);

    public override string ToString() =>
        $"{Serial} {Kind}" + (Role >= 0 ? $" role={RemotePartyRole.Name(Role)}" : string.Empty)
        + (KeyUsage is { } ku ? $" ku={ku.ShortName()}" : string.Empty)
        + (EntityId is null ? string.Empty : $" entity={EntityId}")
        + $" ski={SubjectKeyId} notBefore={NotBefore:yyyy-MM-ddTHH:mm:ssZ} notAfter={NotAfter:yyyy-MM-ddTHH:mm:ssZ}"
        + (Label is null ? string.Empty : $" label={Label}");
}
