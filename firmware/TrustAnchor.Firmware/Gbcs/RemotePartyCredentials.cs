using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// One role in a CS02a response: <c>SEQUENCE { remotePartyRole INTEGER, statusCode INTEGER,
    /// currentSeqNumber INTEGER, trustAnchorCells SEQUENCE OF CellCredentials }</c>.
    /// </summary>
    public sealed class RemotePartyCredentials
    {
        public RemotePartyCredentials(RemotePartyRole role, int statusCode, ulong currentSeqNumber, CellCredentials[] cells)
        {
            Role = role;
            StatusCode = statusCode;
            CurrentSeqNumber = currentSeqNumber;
            Cells = cells == null ? new CellCredentials[0] : cells;
        }

        public RemotePartyRole Role { get; private set; }

        /// <summary><see cref="ReplacementStatus"/> values (e.g. 25 trustAnchorNotFound for a role the device lacks).</summary>
        public int StatusCode { get; private set; }

        public ulong CurrentSeqNumber { get; private set; }

        public CellCredentials[] Cells { get; private set; }

        internal static RemotePartyCredentials Read(ref DerReader list)
        {
            DerReader item = list.ReadSequence();
            int role = GbcsDer.ReadSmall(ref item, DerTag.Integer, 127, "remotePartyRole");
            int status = GbcsDer.ReadSmall(ref item, DerTag.Integer, 255, "statusCode");
            ulong seq = GbcsDer.ReadUInt64(ref item, DerTag.Integer, "currentSeqNumber");
            DerReader cells = item.ReadSequence();
            item.ThrowIfNotEmpty();
            int count = 0;
            DerReader counter = cells;
            while (counter.HasData)
            {
                counter.Skip();
                count++;
            }

            CellCredentials[] result = new CellCredentials[count];
            for (int i = 0; i < count; i++)
            {
                result[i] = CellCredentials.Read(ref cells);
            }

            return new RemotePartyCredentials((RemotePartyRole)role, status, seq, result);
        }

        internal void Write(DerWriter w)
        {
            w.PushSequence();
            GbcsDer.WriteInteger(w, (ulong)Role);
            GbcsDer.WriteInteger(w, (ulong)StatusCode);
            GbcsDer.WriteInteger(w, CurrentSeqNumber);
            w.PushSequence();
            for (int i = 0; i < Cells.Length; i++)
            {
                if (Cells[i] == null)
                {
                    throw new GbcsFormatException(GbcsError.InvalidArgument, "null cell");
                }

                Cells[i].Write(w);
            }

            w.PopSequence();
            w.PopSequence();
        }
    }
}
