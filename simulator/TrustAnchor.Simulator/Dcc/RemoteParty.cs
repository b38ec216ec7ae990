using System.Security.Cryptography;
using TrustAnchor.Smki;

namespace TrustAnchor.Simulator.Dcc;

/// <summary>
/// A Known Remote Party the simulated DCC acts as: its Entity Identifier, its Organisation Certificates (DS and/or
/// KA) and the matching private keys from the SMKI folder. Signs GBCS commands with .NET ECDsa and derives
/// ACB MAC keys with .NET ECDH — the host side, independent of the firmware's own crypto.
/// </summary>
public sealed class RemoteParty : IDisposable
{
    private readonly ECDsa? _signingKey;
    private readonly ECDiffieHellman? _agreementKey;

    public RemoteParty(string name, int role, CertificateRecord? ds, ECDsa? dsKey, CertificateRecord? ka, ECDsa? kaKey)
    {
        Name = name;
        Role = role;
        DigitalSignature = ds;
        KeyAgreement = ka;
        _signingKey = dsKey;
        if (kaKey is not null)
        {
            _agreementKey = ECDiffieHellman.Create(kaKey.ExportParameters(includePrivateParameters: true));
            kaKey.Dispose();
        }

        var any = ds ?? ka ?? throw new ArgumentException($"party {name} has no certificate");
        EntityId = any.EntityIdBytes();
        Signer = new EcdsaGbcsSigner(_signingKey);
    }

    /// <summary>Scenario name of the party, e.g. "supplier".</summary>
    public string Name { get; }

    public int Role { get; }

    public byte[] EntityId { get; }

    public string EntityIdHex => Convert.ToHexString(EntityId);

    public CertificateRecord? DigitalSignature { get; }

    public CertificateRecord? KeyAgreement { get; }

    /// <summary>Signs as this party (raw r||s, as GBCS carries it).</summary>
    public EcdsaGbcsSigner Signer { get; }

    public bool CanSign => _signingKey is not null;

    /// <summary>
    /// ECDH shared secret (x-coordinate) with a device's key-agreement public key. The caller owns the peer key
    /// object and keeps it for the device's lifetime (see <see cref="DeviceRecord.SharedSecretWith"/>).
    /// </summary>
    public byte[] SharedSecret(ECDiffieHellmanPublicKey peer)
    {
        if (_agreementKey is null)
        {
            throw new InvalidOperationException($"party {Name} has no key-agreement key");
        }

        // One key object per party, shared by every premises: one derivation at a time.
        lock (_agreementKey)
        {
            return _agreementKey.DeriveRawSecretAgreement(peer);
        }
    }

    public void Dispose()
    {
        _signingKey?.Dispose();
        _agreementKey?.Dispose();
    }

    public override string ToString() => $"{Name} (role {RemotePartyRole.Name(Role)}, entity {EntityIdHex})";
}

/// <summary>ECDSA P-256 over a SHA-256 hash with .NET (OpenSSL): the host side's signer.</summary>
public sealed class EcdsaGbcsSigner(ECDsa? key) : TrustAnchor.Firmware.Gbcs.IGbcsSigner
{
    private readonly object _gate = new();

    public void Sign(byte[] hash32, byte[] signatureOut64, int offset)
    {
        if (key is null)
        {
            throw new InvalidOperationException("this party has no signing key");
        }

        lock (_gate)
        {
            if (!key.TrySignHash(hash32, signatureOut64.AsSpan(offset, 64), DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var written) || written != 64)
            {
                throw new CryptographicException("ECDSA signature was not 64 bytes");
            }
        }
    }
}
