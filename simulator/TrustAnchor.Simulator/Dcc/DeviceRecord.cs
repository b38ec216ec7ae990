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
    private ECDsa _signatureKey;
    private ECDsa? _retiredSignatureKey;
    private ECDsa? _pendingSignatureKey;
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
        _signatureKey = VerificationKey(signingPublicKey);
    }

    private static ECDsa VerificationKey(byte[] publicKey) => ECDsa.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = publicKey.AsSpan(1, 32).ToArray(), Y = publicKey.AsSpan(33, 32).ToArray() },
    });

    public string Kind { get; }
    public byte[] Eui64 { get; }
    public string EuiHex { get; }
    public int DeviceType { get; }
    public InstallCode? InstallCode { get; }
    public byte[] SigningPublicKey { get; private set; }
    public byte[] KeyAgreementPublicKey { get; private set; }

    /// <summary>The device's key-agreement key before its last re-key (CS02d), or null.</summary>
    public byte[]? RetiredKeyAgreementPublicKey { get; private set; }

    /// <summary>The Device Certificates the DCC holds for the device (installed by CS02d, checked by CS02e), by key usage.</summary>
    public Dictionary<int, Smki.CertificateRecord> DeviceCertificates { get; } = [];

    /// <summary>CS02c CSRs (PKCS#10) waiting for their certificate, by key usage.</summary>
    public Dictionary<int, byte[]> PendingCsrs { get; } = [];

    private readonly Dictionary<int, (byte[] Csr, Smki.CertificateRecord Certificate)> _issued = [];

    /// <summary>The certificate the SMKI already issued for the pending CSR of this usage (a CSR is sent to the SMKI once).</summary>
    public Smki.CertificateRecord? IssuedFor(int keyUsage) =>
        PendingCsrs.TryGetValue(keyUsage, out var csr) && _issued.TryGetValue(keyUsage, out var issued) && issued.Csr.AsSpan().SequenceEqual(csr) ? issued.Certificate : null;

    public void RememberIssued(int keyUsage, Smki.CertificateRecord certificate) => _issued[keyUsage] = (PendingCsrs[keyUsage], certificate);

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
        lock (_agreementGate)
        {
            if (_signatureKey.VerifyHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                return true;
            }

            // A DS re-key in flight: the first frame signed with the new key shows the device switched.
            if (_pendingSignatureKey is { } pending && _pendingSigningPublicKey is { } next
                && pending.VerifyHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                _retiredSignatureKey?.Dispose();
                _retiredSignatureKey = _signatureKey;
                _signatureKey = pending;
                SigningPublicKey = next;
                _pendingSignatureKey = null;
                _pendingSigningPublicKey = null;
                return true;
            }

            return false;
        }
    }

    private byte[]? _pendingSigningPublicKey;

    /// <summary>True when <paramref name="message"/> verifies with the DS key the device had before its last re-key.</summary>
    public bool SignedWithRetiredKey(GbcsMessage message)
    {
        lock (_agreementGate)
        {
            return message.HasSignature && _retiredSignatureKey is not null
                && _retiredSignatureKey.VerifyHash(message.ComputeSignedHash(), message.CopySignature(), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    /// <summary>
    /// CS02d of a DS certificate is on its way: the device signs with <paramref name="publicKey"/> once it has installed
    /// it. Until a frame verifies with it, the current key stays; <see cref="CancelPendingSigningKey"/> drops it.
    /// </summary>
    public void ExpectSigningKey(byte[] publicKey)
    {
        lock (_agreementGate)
        {
            _pendingSignatureKey?.Dispose();
            _pendingSignatureKey = VerificationKey(publicKey);
            _pendingSigningPublicKey = publicKey;
        }
    }

    public void CancelPendingSigningKey()
    {
        lock (_agreementGate)
        {
            _pendingSignatureKey?.Dispose();
            _pendingSignatureKey = null;
            _pendingSigningPublicKey = null;
        }
    }

    /// <summary>The device's KA key changed (CS02d): MAC keys are agreed with the new key from now on.</summary>
    public void ReplaceKeyAgreementKey(byte[] publicKey)
    {
        lock (_agreementGate)
        {
            RetiredKeyAgreementPublicKey = KeyAgreementPublicKey;
            KeyAgreementPublicKey = publicKey;
            ClearAgreement();
        }
    }

    /// <summary>While set, MACs are computed for the retired KA key (a DCC that missed the re-key); for negative steps.</summary>
    public bool UseRetiredKeyAgreementKey
    {
        get => _useRetired;
        set
        {
            lock (_agreementGate)
            {
                if (value && RetiredKeyAgreementPublicKey is null)
                {
                    throw new InvalidOperationException($"{Display} has no retired key-agreement key (no KA re-key yet)");
                }

                if (_useRetired != value)
                {
                    _useRetired = value;
                    ClearAgreement();
                }
            }
        }
    }

    private bool _useRetired;

    private void ClearAgreement()
    {
        foreach (var z in _sharedSecrets.Values)
        {
            CryptographicOperations.ZeroMemory(z);
        }

        _sharedSecrets.Clear();
        _agreementPeerKey?.Dispose();
        _agreementPeer?.Dispose();
        _agreementPeerKey = null;
        _agreementPeer = null;
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
                var peer = _useRetired ? RetiredKeyAgreementPublicKey! : KeyAgreementPublicKey;
                _agreementPeer = ECDiffieHellman.Create(new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = peer.AsSpan(1, 32).ToArray(), Y = peer.AsSpan(33, 32).ToArray() },
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
        lock (_agreementGate)
        {
            _signatureKey.Dispose();
            _retiredSignatureKey?.Dispose();
            _pendingSignatureKey?.Dispose();
            _disposed = true;
            ClearAgreement();
        }
    }
}
