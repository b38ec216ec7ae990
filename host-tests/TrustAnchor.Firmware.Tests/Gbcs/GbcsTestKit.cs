using System.Security.Cryptography;
using TrustAnchor.Firmware.Gbcs;

namespace TrustAnchor.Firmware.Tests.Gbcs;

/// <summary>Host-side helpers: .NET ECDsa as an IGbcsSigner, .NET AES-GCM as an IGbcsMacProvider, hex.</summary>
internal static class GbcsTestKit
{
    public static readonly byte[] Supplier = Hex("90B3D51F30010000");
    public static readonly byte[] Meter = Hex("00DB123456780001");
    public static readonly byte[] Acb = Hex("90B3D51F30000002");

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "").Replace("\n", ""));

    public static string ToHex(byte[] data) => Convert.ToHexString(data);

    public static byte[] PublicKey(ECDsa key)
    {
        var p = key.ExportParameters(false);
        return [0x04, .. p.Q.X!, .. p.Q.Y!];
    }

    /// <summary>.NET's verdict on the signature, over the signed-bytes view the firmware exposes.</summary>
    public static bool DotNetVerifies(ECDsa key, GbcsMessage m) =>
        m.HasSignature && key.VerifyData(
            m.Frame.AsSpan(m.SignedBytesOffset, m.SignedBytesLength),
            m.Frame.AsSpan(m.SignatureOffset, 64),
            HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    internal sealed class DotNetSigner(ECDsa key) : IGbcsSigner
    {
        public int Calls { get; private set; }

        public void Sign(byte[] hash32, byte[] signatureOut64, int offset)
        {
            Calls++;
            hash32.Should().HaveCount(32);
            var sig = key.SignHash(hash32, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            sig.CopyTo(signatureOut64, offset);
        }
    }

    /// <summary>AES-128-GCM, 12-byte tag over empty plaintext, with the views the firmware exposes.</summary>
    internal sealed class DotNetGcmMac(byte[] key16) : IGbcsMacProvider
    {
        public void ComputeMac(GbcsMessage message, byte[] macOut, int macOutOffset)
        {
            var tag = Compute(key16, message);
            tag.CopyTo(macOut, macOutOffset);
        }

        public static byte[] Compute(byte[] key16, GbcsMessage message)
        {
            using var gcm = new AesGcm(key16, 12);
            var tag = new byte[12];
            gcm.Encrypt(message.GetMacIv(), Array.Empty<byte>(), Array.Empty<byte>(), tag, GbcsMac.BuildAad(message));
            return tag;
        }
    }
}
