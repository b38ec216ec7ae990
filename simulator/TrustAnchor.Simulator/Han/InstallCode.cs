using System.Security.Cryptography;

namespace TrustAnchor.Simulator.Han;

/// <summary>
/// A ZigBee install code as printed on a meter: 6, 8, 12 or 16 bytes followed by their CRC-16/X.25 (little-endian).
/// The Comms Hub never stores the code itself, only the link key derived from it with the AES-MMO hash, which is
/// what a joining meter must prove it knows.
/// </summary>
public sealed class InstallCode
{
    private static readonly int[] ValidLengths = [6, 8, 12, 16];

    private InstallCode(byte[] codeWithCrc)
    {
        Bytes = codeWithCrc;
        LinkKey = MmoHash(codeWithCrc);
    }

    /// <summary>The code including its two CRC bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>The 16-byte ZigBee link key derived from the code (AES-MMO hash).</summary>
    public byte[] LinkKey { get; }

    public static InstallCode Parse(byte[] codeWithCrc)
    {
        ArgumentNullException.ThrowIfNull(codeWithCrc);
        var length = codeWithCrc.Length - 2;
        if (Array.IndexOf(ValidLengths, length) < 0)
        {
            throw new FormatException($"install code must be 6, 8, 12 or 16 bytes plus a 2-byte CRC (got {codeWithCrc.Length} bytes)");
        }

        var crc = Crc16X25(codeWithCrc.AsSpan(0, length));
        if (codeWithCrc[length] != (byte)crc || codeWithCrc[length + 1] != (byte)(crc >> 8))
        {
            throw new FormatException("install code CRC does not match");
        }

        return new InstallCode((byte[])codeWithCrc.Clone());
    }

    public static InstallCode Parse(string hex) => Parse(Convert.FromHexString(hex.Replace(" ", "").Replace("-", "")));

    /// <summary>Makes a 16-byte install code (plus CRC) from random bytes, as a meter maker would.</summary>
    public static InstallCode Create(Random random)
    {
        var code = new byte[18];
        random.NextBytes(code.AsSpan(0, 16));
        var crc = Crc16X25(code.AsSpan(0, 16));
        code[16] = (byte)crc;
        code[17] = (byte)(crc >> 8);
        return new InstallCode(code);
    }

    public override string ToString() => Convert.ToHexString(Bytes);

    /// <summary>CRC-16/X.25 (reflected poly 0x1021, init and xor-out 0xFFFF), as ZigBee specifies for install codes.</summary>
    public static ushort Crc16X25(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0x8408) : (ushort)(crc >> 1);
            }
        }

        return (ushort)(crc ^ 0xFFFF);
    }

    /// <summary>
    /// Matyas–Meyer–Oseas hash on AES-128 (ZigBee spec B.6): H0 = 0, Hi = E(Hi-1, Mi) xor Mi, with the message
    /// padded by a 1 bit, zeros and its 16-bit bit length.
    /// </summary>
    public static byte[] MmoHash(ReadOnlySpan<byte> message)
    {
        var bitLength = message.Length * 8;
        var padded = new byte[((message.Length + 1 + 2 + 15) / 16) * 16];
        message.CopyTo(padded);
        padded[message.Length] = 0x80;
        padded[^2] = (byte)(bitLength >> 8);
        padded[^1] = (byte)bitLength;

        var hash = new byte[16];
        var block = new byte[16];
        using var aes = Aes.Create();
        for (var offset = 0; offset < padded.Length; offset += 16)
        {
            aes.Key = hash;
            aes.EncryptEcb(padded.AsSpan(offset, 16), block, PaddingMode.None);
            for (var i = 0; i < 16; i++)
            {
                hash[i] = (byte)(block[i] ^ padded[offset + i]);
            }
        }

        return hash;
    }
}
