using System.Formats.Asn1;

namespace TrustAnchor.Smki;

/// <summary>
/// Writes the manufacturing pack DER (firmware/docs/manufacturing-pack.md):
/// <code>
/// ManufacturingPack ::= SEQUENCE { version INTEGER (1), packName UTF8String, rootOcaCertificate Certificate,
///   cells SEQUENCE OF PackCell, certificationPathCertificates SEQUENCE OF Certificate }
/// PackCell ::= SEQUENCE { targetTrustAnchorCell TrustAnchorCellIdentifier, certificate Certificate }
/// </code>
/// </summary>
public static class ManufacturingPackWriter
{
    public const int Version = 1;

    public static byte[] Write(string packName, byte[] rootOca, IEnumerable<(PackCell Cell, byte[] Certificate)> cells, IEnumerable<byte[]> pathCertificates)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(Version);
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, packName);
            writer.WriteEncodedValue(rootOca);
            using (writer.PushSequence())
            {
                foreach (var (cell, certificate) in cells)
                {
                    using (writer.PushSequence())
                    {
                        WriteCellIdentifier(writer, cell.Role, cell.KeyUsage.ToBitStringByte(), cell.CellUsage);
                        writer.WriteEncodedValue(certificate);
                    }
                }
            }

            using (writer.PushSequence())
            {
                foreach (var certificate in pathCertificates)
                {
                    writer.WriteEncodedValue(certificate);
                }
            }
        }

        return writer.Encode();
    }

    /// <summary>
    /// TrustAnchorCellIdentifier ::= SEQUENCE { remotePartyRole INTEGER, keyUsage BIT STRING,
    /// cellUsage INTEGER DEFAULT management(0) } — DER omits the default; the BIT STRING drops trailing zero bits.
    /// </summary>
    public static void WriteCellIdentifier(AsnWriter writer, int role, byte keyUsageBits, int cellUsage)
    {
        using (writer.PushSequence())
        {
            writer.WriteInteger(role);
            writer.WriteBitString([keyUsageBits], keyUsageBits == 0 ? 0 : System.Numerics.BitOperations.TrailingZeroCount(keyUsageBits));
            if (cellUsage != PackCell.Management)
            {
                writer.WriteInteger(cellUsage);
            }
        }
    }

    public static byte[] EncodeCellIdentifier(int role, byte keyUsageBits, int cellUsage)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        WriteCellIdentifier(writer, role, keyUsageBits, cellUsage);
        return writer.Encode();
    }
}
