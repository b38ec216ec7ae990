using System.Security.Cryptography;

namespace TrustAnchor.Smki;

/// <summary>Random 8-byte positive serial numbers (top bit clear, next bit set so DER keeps all 8 octets).</summary>
public static class SerialNumbers
{
    public static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(8);
        serial[0] = (byte)((serial[0] & 0x3F) | 0x40);
        return serial;
    }
}
