using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// One cell in a CS02a response: <c>SEQUENCE { keyUsage BIT STRING, cellUsage INTEGER DEFAULT management,
    /// subjectUniqueID OCTET STRING (8), subjectKeyIdentifier OCTET STRING (8) }</c>.
    /// </summary>
    public sealed class CellCredentials
    {
        public CellCredentials(KeyUsage keyUsage, CellUsage cellUsage, byte[] subjectUniqueId, byte[] subjectKeyIdentifier)
        {
            KeyUsage = keyUsage;
            CellUsage = cellUsage;
            SubjectUniqueId = subjectUniqueId;
            SubjectKeyIdentifier = subjectKeyIdentifier;
        }

        /// <summary>Key usage octet (DS 0x80, KA 0x08, keyCertSign 0x04).</summary>
        public KeyUsage KeyUsage { get; private set; }

        /// <summary><see cref="TrustAnchors.CellUsage"/>.</summary>
        public CellUsage CellUsage { get; private set; }

        /// <summary>Entity Identifier of the certificate in the cell (8 bytes).</summary>
        public byte[] SubjectUniqueId { get; private set; }

        public byte[] SubjectKeyIdentifier { get; private set; }

        internal static CellCredentials Read(ref DerReader list)
        {
            DerReader item = list.ReadSequence();
            int keyUsage = GbcsDer.ReadKeyUsage(ref item);
            CellUsage cellUsage = TrustAnchors.CellUsage.Management;
            if (item.PeekTagIs(DerTag.Integer))
            {
                cellUsage = (CellUsage)GbcsDer.ReadSmall(ref item, DerTag.Integer, 1, "cellUsage");
                if (cellUsage == TrustAnchors.CellUsage.Management)
                {
                    throw GbcsDer.Bad("cellUsage encodes its DEFAULT value");
                }
            }

            byte[] id = GbcsDer.ReadFixedOctetString(ref item, 8, "subjectUniqueID");
            byte[] ski = GbcsDer.ReadFixedOctetString(ref item, 8, "subjectKeyIdentifier");
            item.ThrowIfNotEmpty();
            return new CellCredentials((KeyUsage)keyUsage, cellUsage, id, ski);
        }

        internal void Write(DerWriter w)
        {
            w.PushSequence();
            GbcsDer.WriteKeyUsage(w, KeyUsage);
            if (CellUsage != TrustAnchors.CellUsage.Management)
            {
                GbcsDer.WriteInteger(w, (ulong)CellUsage);
            }

            GbcsDer.WriteFixedOctetString(w, SubjectUniqueId, 8, "subjectUniqueID");
            GbcsDer.WriteFixedOctetString(w, SubjectKeyIdentifier, 8, "subjectKeyIdentifier");
            w.PopSequence();
        }
    }
}
