using System.Formats.Asn1;
using System.Security.Cryptography;
using TrustAnchor.Simulator.Link;

namespace TrustAnchor.Simulator.DeviceProcess;

/// <summary>
/// Writes factory files (firmware/docs/factory-file.md) with System.Formats.Asn1; the device reads them with the
/// firmware's own <see cref="TrustAnchor.Firmware.Provisioning.FactoryFile"/>.
/// </summary>
public static class FactoryFileWriter
{
    public static byte[] Encode(DeviceType type, byte[] eui64, byte[] manufacturingPackDer)
    {
        if (eui64.Length != 8)
        {
            throw new ArgumentException("an EUI-64 is 8 bytes", nameof(eui64));
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            writer.WriteInteger((int)type);
            writer.WriteOctetString(eui64);
            writer.WriteEncodedValue(manufacturingPackDer);
        }

        return writer.Encode();
    }

    /// <summary>
    /// A fresh EUI-64 for a device with none given: the IEEE's locally administered bit set in the first octet
    /// (0x02), so it can never collide with a real manufacturer's assigned block.
    /// </summary>
    public static byte[] NewEui64()
    {
        var eui = RandomNumberGenerator.GetBytes(8);
        eui[0] = (byte)((eui[0] | 0x02) & 0xFE);
        return eui;
    }
}
