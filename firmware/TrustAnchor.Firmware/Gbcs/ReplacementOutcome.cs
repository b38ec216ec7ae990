using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// One cell of a CS02b execution outcome: <c>SEQUENCE { affectedTrustAnchorCell TrustAnchorCellIdentifier,
    /// statusCode INTEGER, existingSubjectUniqueID OCTET STRING (8), existingSubjectKeyIdentifier OCTET STRING (8),
    /// replacingSubjectUniqueID OCTET STRING (8), replacingSubjectKeyIdentifier OCTET STRING (8) }</c>.
    /// On failure the "replacing" fields name the refused certificate (zeros when it could not be read).
    /// </summary>
    public sealed class ReplacementOutcome
    {
        public const int IdentifierLength = 8;

        public ReplacementOutcome(TrustAnchorCellIdentifier affectedCell, int statusCode,
            byte[] existingSubjectUniqueId, byte[] existingSubjectKeyIdentifier,
            byte[] replacingSubjectUniqueId, byte[] replacingSubjectKeyIdentifier)
        {
            if (affectedCell == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no affected cell");
            }

            AffectedCell = affectedCell;
            StatusCode = statusCode;
            ExistingSubjectUniqueId = existingSubjectUniqueId;
            ExistingSubjectKeyIdentifier = existingSubjectKeyIdentifier;
            ReplacingSubjectUniqueId = replacingSubjectUniqueId;
            ReplacingSubjectKeyIdentifier = replacingSubjectKeyIdentifier;
        }

        public TrustAnchorCellIdentifier AffectedCell { get; private set; }

        /// <summary><see cref="ReplacementStatus"/>.</summary>
        public int StatusCode { get; private set; }

        /// <summary>Entity Identifier of the certificate the cell held (8 bytes).</summary>
        public byte[] ExistingSubjectUniqueId { get; private set; }

        public byte[] ExistingSubjectKeyIdentifier { get; private set; }

        /// <summary>Entity Identifier of the replacement certificate (8 bytes).</summary>
        public byte[] ReplacingSubjectUniqueId { get; private set; }

        public byte[] ReplacingSubjectKeyIdentifier { get; private set; }

        internal static ReplacementOutcome Read(ref DerReader list)
        {
            DerReader item = list.ReadSequence();
            TrustAnchorCellIdentifier cell = GbcsDer.ReadCell(ref item, DerTag.Sequence);
            int status = GbcsDer.ReadSmall(ref item, DerTag.Integer, 255, "statusCode");
            byte[] existingId = GbcsDer.ReadFixedOctetString(ref item, IdentifierLength, "existingSubjectUniqueID");
            byte[] existingSki = GbcsDer.ReadFixedOctetString(ref item, IdentifierLength, "existingSubjectKeyIdentifier");
            byte[] replacingId = GbcsDer.ReadFixedOctetString(ref item, IdentifierLength, "replacingSubjectUniqueID");
            byte[] replacingSki = GbcsDer.ReadFixedOctetString(ref item, IdentifierLength, "replacingSubjectKeyIdentifier");
            item.ThrowIfNotEmpty();
            return new ReplacementOutcome(cell, status, existingId, existingSki, replacingId, replacingSki);
        }

        internal void Write(DerWriter w)
        {
            w.PushSequence();
            GbcsDer.WriteCell(w, AffectedCell, DerTag.Sequence);
            GbcsDer.WriteInteger(w, (ulong)StatusCode);
            GbcsDer.WriteFixedOctetString(w, ExistingSubjectUniqueId, IdentifierLength, "existingSubjectUniqueID");
            GbcsDer.WriteFixedOctetString(w, ExistingSubjectKeyIdentifier, IdentifierLength, "existingSubjectKeyIdentifier");
            GbcsDer.WriteFixedOctetString(w, ReplacingSubjectUniqueId, IdentifierLength, "replacingSubjectUniqueID");
            GbcsDer.WriteFixedOctetString(w, ReplacingSubjectKeyIdentifier, IdentifierLength, "replacingSubjectKeyIdentifier");
            w.PopSequence();
        }
    }
}
