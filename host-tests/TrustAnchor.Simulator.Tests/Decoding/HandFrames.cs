using System.Security.Cryptography;

namespace TrustAnchor.Simulator.Tests.Decoding;

/// <summary>
/// GBCS frames laid out byte by byte from NOTES section 7, independently of the firmware's builder: Grouping Header
/// DF, transaction id (09, CRA, counter), originator and target (08 + EUI-64), date-time (00, or 0C + 12 bytes),
/// Other Information (length + content), content (BER length + bytes), signature (00, or 40 + r||s by .NET ECDsa).
/// </summary>
public static class HandFrames
{
    public static readonly byte[] Supplier = [0x90, 0xB3, 0xD5, 0x1F, 0x31, 0x00, 0x02, 0x01];
    public static readonly byte[] Esme = [0x70, 0xB3, 0xD5, 0x00, 0x00, 0x00, 0x01, 0x20];
    public static readonly byte[] Acb = [0x90, 0xB3, 0xD5, 0x1F, 0x30, 0x00, 0x00, 0x04];

    /// <summary>A DLMS date-time: 2026-12-06 (Sunday) 20:30:15.00, deviation 0, status 00.</summary>
    public static readonly byte[] DlmsDateTime = [0x07, 0xEA, 0x0C, 0x06, 0x07, 0x14, 0x1E, 0x0F, 0x00, 0x00, 0x00, 0x00];

    public static byte[] Length(int length) => length switch
    {
        < 0x80 => [(byte)length],
        <= 0xFF => [0x81, (byte)length],
        _ => [0x82, (byte)(length >> 8), (byte)length],
    };

    public static byte[] Frame(int cra, ulong counter, byte[] originator, byte[] target, byte[]? dateTime, byte[] otherInformation, byte[] content, ECDsa? signer)
    {
        var body = new List<byte> { 0x09, (byte)cra };
        for (var shift = 56; shift >= 0; shift -= 8)
        {
            body.Add((byte)(counter >> shift));
        }

        body.Add(0x08);
        body.AddRange(originator);
        body.Add(0x08);
        body.AddRange(target);
        if (dateTime is null)
        {
            body.Add(0x00);
        }
        else
        {
            body.Add(0x0C);
            body.AddRange(dateTime);
        }

        body.AddRange(Length(otherInformation.Length));
        body.AddRange(otherInformation);
        body.AddRange(Length(content.Length));
        body.AddRange(content);
        var frame = new List<byte> { 0xDF };
        frame.AddRange(body);
        if (signer is null)
        {
            frame.Add(0x00);
        }
        else
        {
            frame.Add(0x40);
            frame.AddRange(signer.SignData(body.ToArray(), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        }

        return [.. frame];
    }

    /// <summary>Other Information: the Message Code, then whatever supplementary fields follow.</summary>
    public static byte[] OtherInformation(int messageCode, params byte[][] more)
    {
        var bytes = new List<byte> { (byte)(messageCode >> 8), (byte)messageCode };
        foreach (var part in more)
        {
            bytes.AddRange(part);
        }

        return [.. bytes];
    }

    public static byte[] UInt64(ulong value)
    {
        var bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }
}
