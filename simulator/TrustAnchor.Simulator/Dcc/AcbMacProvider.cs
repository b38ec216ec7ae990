using System.Security.Cryptography;
using TrustAnchor.Firmware.Gbcs;

namespace TrustAnchor.Simulator.Dcc;

/// <summary>
/// The Access Control Broker's MAC over a command, computed on the host with .NET only (ECDH, SHA-256, AES-GCM),
/// so the device's own GCM and KDF are checked against an independent implementation on every command:
/// key = first 16 bytes of SHA-256(00 00 00 01 || Z || OtherInfo), Z = ECDH(ACB KA private key, device KA public key);
/// MAC = 12-byte AES-128-GCM tag over an empty plaintext, IV = originator EUI-64 || 00 00 00 00, AAD = 11 00 00 00 00 00 ||
/// the APDU (NOTES §7). Z comes from the device record, which derives it once per (ACB, device) pair.
/// </summary>
public sealed class AcbMacProvider(RemoteParty acb, DeviceRecord device) : IGbcsMacProvider
{
    public void ComputeMac(GbcsMessage message, byte[] macOut, int macOutOffset)
    {
        var z = device.SharedSecretWith(acb);
        var otherInfo = GbcsMac.BuildKdfOtherInfo(message);
        var kdfInput = new byte[4 + z.Length + otherInfo.Length];
        kdfInput[3] = 1;
        z.CopyTo(kdfInput, 4);
        otherInfo.CopyTo(kdfInput, 4 + z.Length);
        var key = SHA256.HashData(kdfInput).AsSpan(0, 16).ToArray();
        CryptographicOperations.ZeroMemory(kdfInput);

        var iv = new byte[12];
        message.OriginatorId.CopyTo(iv, 0);
        var aad = GbcsMac.BuildAad(message);
        using var gcm = new AesGcm(key, 12);
        gcm.Encrypt(iv, ReadOnlySpan<byte>.Empty, Span<byte>.Empty, macOut.AsSpan(macOutOffset, 12), aad);
        CryptographicOperations.ZeroMemory(key);
    }
}
