using System.Buffers.Binary;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Device;

namespace TrustAnchor.Simulator.DeviceProcess;

/// <summary>
/// The device process's own keys and Device Certificates (<c>credentials.bin</c> in the run folder), so a restart
/// keeps an enrolled device enrolled: "TACR", version 1, DS private key (32), KA private key (32), then the DS and
/// the KA certificate, each as a 2-byte big-endian length (0 = none) and its DER. A board keeps the same in its
/// flash (hardware BoardFiles) or secure element. A CS02c key pair still waiting for its certificate is RAM state
/// and does not survive a restart.
/// </summary>
public static class CredentialsFile
{
    private static readonly byte[] Magic = "TACR"u8.ToArray();

    public static byte[] Encode(DeviceCredentials credentials)
    {
        var ds = credentials.Certificate(DeviceCredentials.DigitalSignature) ?? [];
        var ka = credentials.Certificate(DeviceCredentials.KeyAgreement) ?? [];
        var data = new byte[4 + 1 + 64 + 2 + ds.Length + 2 + ka.Length];
        Magic.CopyTo(data, 0);
        data[4] = 1;
        credentials.Signing.PrivateKey.CopyTo(data, 5);
        credentials.KeyAgreementKey.PrivateKey.CopyTo(data, 37);
        var at = 69;
        foreach (var cert in new[] { ds, ka })
        {
            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(at), (ushort)cert.Length);
            cert.CopyTo(data, at + 2);
            at += 2 + cert.Length;
        }

        return data;
    }

    /// <exception cref="InvalidDataException">Not a credentials file of this layout.</exception>
    public static DeviceCredentials Decode(byte[] data)
    {
        if (data.Length < 73 || !data.AsSpan(0, 4).SequenceEqual(Magic) || data[4] != 1)
        {
            throw new InvalidDataException("not a TrustAnchor device credentials file (TACR v1)");
        }

        var credentials = new DeviceCredentials(P256KeyPair.FromPrivateKey(data[5..37]), P256KeyPair.FromPrivateKey(data[37..69]));
        var at = 69;
        foreach (var usage in new[] { DeviceCredentials.DigitalSignature, DeviceCredentials.KeyAgreement })
        {
            if (at + 2 > data.Length)
            {
                throw new InvalidDataException("credentials file is cut short");
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at));
            if (at + 2 + length > data.Length)
            {
                throw new InvalidDataException("credentials file is cut short");
            }

            if (length > 0)
            {
                credentials.SetCertificate(usage, data[(at + 2)..(at + 2 + length)]);
            }

            at += 2 + length;
        }

        return credentials;
    }
}
