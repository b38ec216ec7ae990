using TrustAnchor.Firmware.Certificates;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Provisioning
{
    /// <summary>
    /// Which manufacturing pack a device holds, judged the way the DCC does at Install &amp; Commission: by each
    /// cell's Entity Identifier and Subject Key Identifier. MP261 re-issued certificates keep the public keys
    /// (so the SKIs) and Entity Identifiers of the 2016 pack, so a device provisioned from either pack is
    /// recognised as holding the current one.
    /// </summary>
    public static class PackRecognition
    {
        /// <summary>True when the cell holds the pack's party and key for that cell (the root: the pack's Root OCA SKI).</summary>
        public static bool CellMatches(TrustAnchorCell cell, ManufacturingPack pack)
        {
            if (cell == null || pack == null)
            {
                return false;
            }

            if (cell.Id.Role == RemotePartyRole.Root)
            {
                Certificate root = pack.RootOcaCertificate;
                return root.HasSubjectKeyId && root.SubjectKeyIdEquals(cell.SubjectKeyId);
            }

            PackCellEntry entry = pack.Find(cell.Id);
            if (entry == null)
            {
                return false;
            }

            Certificate certificate = entry.Certificate;
            return certificate.HasEntityId && certificate.HasSubjectKeyId
                && TrustAnchorCell.BytesEqual(certificate.EntityId, cell.EntityId)
                && certificate.SubjectKeyIdEquals(cell.SubjectKeyId);
        }

        /// <summary>Number of the state's cells that still hold what <paramref name="pack"/> put there.</summary>
        public static int MatchingCellCount(TrustAnchorState state, ManufacturingPack pack)
        {
            int count = 0;
            for (int i = 0; i < state.CellCount; i++)
            {
                if (CellMatches(state.GetCell(i), pack))
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>True when every cell of the device holds the pack's Entity Identifier and SKI.</summary>
        public static bool Holds(TrustAnchorState state, ManufacturingPack pack)
        {
            return state != null && pack != null && MatchingCellCount(state, pack) == state.CellCount;
        }

        /// <summary>
        /// Index of the first pack in <paramref name="packs"/> (list the current pack first) that the device holds,
        /// or -1 when it holds none (e.g. its Supplier credentials were already replaced).
        /// </summary>
        public static int Recognise(TrustAnchorState state, ManufacturingPack[] packs)
        {
            if (packs == null)
            {
                return -1;
            }

            for (int i = 0; i < packs.Length; i++)
            {
                if (Holds(state, packs[i]))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
