using System.Security.Cryptography;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Simulator.Keystore;

namespace TrustAnchor.Simulator.Decoding;

/// <summary>
/// Checks a frame's signature and MAC with .NET alone (ECDsa, ECDiffieHellman, SHA-256, AesGcm), independent of the
/// firmware's crypto, with the keys of a <see cref="DccKeystore"/>. The bytes signed, the KDF OtherInfo, IV and AAD
/// are laid out here from NOTES section 7, not taken from the firmware's helpers:
/// <list type="bullet">
/// <item>signature: ECDSA P-256 / SHA-256 over the bytes after DF up to the end of the content, with any DS
/// certificate of the originator;</item>
/// <item>MAC: AES-128-GCM tag (12 bytes) over nothing, key = SHA-256(00000001 || Z || 60857406080300 || originator
/// || 09 || CRA || counter || target)[0..16), IV = originator || 00000000, AAD = 110000000000 || DF…signature field;
/// Z is the ECDH of a key-agreement key of one end with one of the other end — the ends being the originator and
/// target, and the Access Control Broker (role 4), which MACs commands on behalf of everyone.</item>
/// </list>
/// </summary>
public sealed class FrameVerifier(DccKeystore keystore)
{
    private static readonly byte[] KdfAlgorithmId = [0x60, 0x85, 0x74, 0x06, 0x08, 0x03, 0x00];
    private static readonly byte[] AadPrefix = [0x11, 0x00, 0x00, 0x00, 0x00, 0x00];
    private const int AccessControlBroker = 4;

    public FrameVerdict? Signature(GbcsMessage message)
    {
        if (!message.HasSignature)
        {
            return null;
        }

        var signature = message.Frame.AsSpan(message.SignatureOffset, GbcsMessage.SignatureLength).ToArray();
        var hex = Convert.ToHexString(signature);
        var signedFrom = message.ApduOffset + 1;
        var signed = message.Frame.AsSpan(signedFrom, message.ContentOffset + message.ContentLength - signedFrom);
        var candidates = keystore.For(message.OriginatorId, KeystoreExport.DigitalSignature).ToList();
        if (candidates.Count == 0)
        {
            return new FrameVerdict(FrameVerdict.Unknown, message.SignatureOffset, GbcsMessage.SignatureLength, hex, null, $"no digitalSignature certificate for {Convert.ToHexStringLower(message.OriginatorId)} in the keystore");
        }

        foreach (var candidate in candidates)
        {
            using var key = ECDsa.Create(candidate.PublicParameters);
            if (key.VerifyData(signed, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                return new FrameVerdict(FrameVerdict.Valid, message.SignatureOffset, GbcsMessage.SignatureLength, hex, Describe(candidate), "ECDSA P-256/SHA-256 verifies");
            }
        }

        return new FrameVerdict(FrameVerdict.Invalid, message.SignatureOffset, GbcsMessage.SignatureLength, hex, string.Join("; ", candidates.Select(Describe)), $"verifies with none of the originator's {candidates.Count} digitalSignature certificate(s)");
    }

    public FrameVerdict? Mac(GbcsMessage message)
    {
        if (!message.HasMac)
        {
            return null;
        }

        var mac = message.Frame.AsSpan(message.MacOffset, GbcsMessage.MacLength).ToArray();
        var hex = Convert.ToHexString(mac);
        var originatorEnd = keystore.For(message.OriginatorId, KeystoreExport.KeyAgreement).ToList();
        var targetEnd = keystore.For(message.TargetId, KeystoreExport.KeyAgreement).ToList();
        var brokers = keystore.ByRole(AccessControlBroker, KeystoreExport.KeyAgreement).ToList();
        var pairs = new List<(KeystoreEntry A, KeystoreEntry B)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Pair(IEnumerable<KeystoreEntry> left, IEnumerable<KeystoreEntry> right)
        {
            foreach (var a in left)
            {
                foreach (var b in right)
                {
                    if (a.Eui.AsSpan().SequenceEqual(b.Eui) || (a.PrivateKey is null && b.PrivateKey is null))
                    {
                        continue;
                    }

                    var id = string.CompareOrdinal(Convert.ToHexString(a.PublicKey), Convert.ToHexString(b.PublicKey)) < 0
                        ? Convert.ToHexString(a.PublicKey) + Convert.ToHexString(b.PublicKey)
                        : Convert.ToHexString(b.PublicKey) + Convert.ToHexString(a.PublicKey);
                    if (seen.Add(id))
                    {
                        pairs.Add((a, b));
                    }
                }
            }
        }

        Pair(originatorEnd, targetEnd);
        Pair(brokers, targetEnd);
        Pair(originatorEnd, brokers);
        if (pairs.Count == 0)
        {
            return new FrameVerdict(FrameVerdict.Unknown, message.MacOffset, GbcsMessage.MacLength, hex, null,
                $"no key-agreement pair with a private key for {Convert.ToHexStringLower(message.OriginatorId)} / {Convert.ToHexStringLower(message.TargetId)} / an ACB in the keystore");
        }

        var otherInfo = OtherInfo(message);
        var iv = new byte[12];
        message.OriginatorId.CopyTo(iv, 0);
        var aad = new byte[AadPrefix.Length + message.MacOffset - message.ApduOffset];
        AadPrefix.CopyTo(aad, 0);
        message.Frame.AsSpan(message.ApduOffset, message.MacOffset - message.ApduOffset).CopyTo(aad.AsSpan(AadPrefix.Length));
        var tag = new byte[GbcsMessage.MacLength];
        foreach (var (a, b) in pairs)
        {
            var z = SharedSecret(a, b);
            var kdf = new byte[4 + z.Length + otherInfo.Length];
            kdf[3] = 1;
            z.CopyTo(kdf, 4);
            otherInfo.CopyTo(kdf, 4 + z.Length);
            var key = SHA256.HashData(kdf).AsSpan(0, 16).ToArray();
            using (var gcm = new AesGcm(key, GbcsMessage.MacLength))
            {
                gcm.Encrypt(iv, ReadOnlySpan<byte>.Empty, Span<byte>.Empty, tag, aad);
            }

            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(kdf);
            if (CryptographicOperations.FixedTimeEquals(tag, mac))
            {
                return new FrameVerdict(FrameVerdict.Valid, message.MacOffset, GbcsMessage.MacLength, hex, Describe(a) + " with " + Describe(b), "AES-128-GCM tag matches");
            }
        }

        return new FrameVerdict(FrameVerdict.Invalid, message.MacOffset, GbcsMessage.MacLength, hex, null, $"matches none of {pairs.Count} key-agreement pair(s) tried");
    }

    /// <summary>ECDH with whichever side's private key the keystore holds.</summary>
    private static byte[] SharedSecret(KeystoreEntry a, KeystoreEntry b)
    {
        var (mine, theirs) = a.PrivateKey is not null ? (a, b) : (b, a);
        using var own = ECDiffieHellman.Create(mine.PrivateParameters);
        using var peer = ECDiffieHellman.Create(theirs.PublicParameters);
        return own.DeriveRawSecretAgreement(peer.PublicKey);
    }

    private static byte[] OtherInfo(GbcsMessage message)
    {
        var info = new byte[KdfAlgorithmId.Length + 8 + 1 + 1 + 8 + 8];
        var p = 0;
        KdfAlgorithmId.CopyTo(info, p);
        p += KdfAlgorithmId.Length;
        message.OriginatorId.CopyTo(info, p);
        p += 8;
        info[p++] = 0x09;
        info[p++] = (byte)message.CraFlag;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(info.AsSpan(p), message.OriginatorCounter);
        p += 8;
        message.TargetId.CopyTo(info, p);
        return info;
    }

    private static string Describe(KeystoreEntry entry) =>
        $"{Convert.ToHexStringLower(entry.Eui)} {(entry.Usage == KeystoreExport.DigitalSignature ? "DS" : "KA")} serial {entry.Serial} ({entry.Name})";
}
