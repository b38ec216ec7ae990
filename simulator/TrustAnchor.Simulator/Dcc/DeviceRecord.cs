using System.Security.Cryptography;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Simulator.Han;

namespace TrustAnchor.Simulator.Dcc;

/// <summary>What the DCC believes one Trust Anchor Cell holds: the party, its Entity Identifier and SKI.</summary>
public sealed record CellHolder(string Party, byte[] EntityId, byte[] SubjectKeyId)
{
    public string Describe() => $"{Party} ({Convert.ToHexString(EntityId)}/{Convert.ToHexString(SubjectKeyId)})";
}

/// <summary>Identifies a cell the way GBCS does: role, key usage bits, cell usage.</summary>
public readonly record struct CellKey(int Role, int KeyUsage, int CellUsage)
{
    public override string ToString()
    {
        var usage = KeyUsage switch { 0x80 => "DS", 0x08 => "KA", 0x04 => "keyCertSign", _ => "0x" + KeyUsage.ToString("X2") };
        return $"{Smki.RemotePartyRole.Name(Role)} {usage}{(CellUsage == 1 ? " top-up" : "")}";
    }
}

/// <summary>
/// The DCC inventory entry for one device (SR 12.2 pre-notification): identity, install code, the public keys the
/// maker declared, and what the DCC believes each of its cells holds — updated as CS02b commands succeed and
/// checked against the device by CS02a.
/// </summary>
public sealed class DeviceRecord : IDisposable
{
    // One .NET key object per device key, made once and disposed with the record — never one per message.
    private readonly ECDsa _signatureKey;
    private readonly object _agreementGate = new();
    private ECDiffieHellman? _agreementPeer;
    private ECDiffieHellmanPublicKey? _agreementPeerKey;
    private readonly Dictionary<RemoteParty, byte[]> _sharedSecrets = [];
    private bool _disposed;

    public DeviceRecord(string kind, byte[] eui64, int deviceType, InstallCode? installCode, byte[] signingPublicKey, byte[] keyAgreementPublicKey, string pack)
    {
        Kind = kind;
        Eui64 = eui64;
        EuiHex = Convert.ToHexString(eui64);
        DeviceType = deviceType;
        InstallCode = installCode;
        SigningPublicKey = signingPublicKey;
        KeyAgreementPublicKey = keyAgreementPublicKey;
        Pack = pack;
        _signatureKey = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = signingPublicKey.AsSpan(1, 32).ToArray(), Y = signingPublicKey.AsSpan(33, 32).ToArray() },
        });
    }

    public string Kind { get; }
    public byte[] Eui64 { get; }
    public string EuiHex { get; }
    public int DeviceType { get; }
    public InstallCode? InstallCode { get; }
    public byte[] SigningPublicKey { get; }
    public byte[] KeyAgreementPublicKey { get; }

    /// <summary>The pack the device was made with, as the maker declared it.</summary>
    public string Pack { get; }

    public Dictionary<CellKey, CellHolder> Expected { get; } = [];

    public string Display => Scenarios.DeviceKinds.DisplayName(Kind);

    /// <summary>Checks a response or alert really came from this device (its DS key, verified with .NET).</summary>
    public bool VerifyDeviceSignature(GbcsMessage message)
    {
        if (!message.HasSignature)
        {
            return false;
        }

        var hash = message.ComputeSignedHash();
        var signature = message.CopySignature();
        lock (_signatureKey)
        {
            return _signatureKey.VerifyHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    /// <summary>
    /// The ECDH shared secret Z between <paramref name="party"/>'s key-agreement key and this device's, derived with
    /// .NET once per party and kept for the record's life (Z is fixed for a pair of static keys). Owned by the
    /// record: callers must not change it.
    /// </summary>
    public byte[] SharedSecretWith(RemoteParty party)
    {
        lock (_agreementGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_sharedSecrets.TryGetValue(party, out var z))
            {
                return z;
            }

            if (_agreementPeerKey is null)
            {
                _agreementPeer = ECDiffieHellman.Create(new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = KeyAgreementPublicKey.AsSpan(1, 32).ToArray(), Y = KeyAgreementPublicKey.AsSpan(33, 32).ToArray() },
                });
                _agreementPeerKey = _agreementPeer.PublicKey;
            }

            z = party.SharedSecret(_agreementPeerKey);
            _sharedSecrets[party] = z;
            return z;
        }
    }

    public void Dispose()
    {
        _signatureKey.Dispose();
        lock (_agreementGate)
        {
            _disposed = true;
            foreach (var z in _sharedSecrets.Values)
            {
                CryptographicOperations.ZeroMemory(z);
            }

            _sharedSecrets.Clear();
            _agreementPeerKey?.Dispose();
            _agreementPeer?.Dispose();
        }
    }
}
