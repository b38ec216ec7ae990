using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// <c>SEQUENCE { remotePartyRole INTEGER, floorSeqNumber INTEGER, specialistFloorSeqNumber SEQUENCE OF
    /// SpecialistFloorSeqNumber OPTIONAL }</c> — used by otherRemotePartySeqNumberChanges [6] in the command and
    /// by the seq-number changes reported in the CS02b execution outcome.
    /// </summary>
    public sealed class RemotePartySeqNumberChange
    {
        public RemotePartySeqNumberChange(RemotePartyRole role, ulong floorSeqNumber, SpecialistFloorSeqNumber[] specialistFloorSeqNumbers)
        {
            Role = role;
            FloorSeqNumber = floorSeqNumber;
            SpecialistFloorSeqNumbers = specialistFloorSeqNumbers;
        }

        public RemotePartySeqNumberChange(RemotePartyRole role, ulong floorSeqNumber)
            : this(role, floorSeqNumber, null)
        {
        }

        public RemotePartyRole Role { get; private set; }

        public ulong FloorSeqNumber { get; private set; }

        /// <summary>Null when absent.</summary>
        public SpecialistFloorSeqNumber[] SpecialistFloorSeqNumbers { get; private set; }

        internal static RemotePartySeqNumberChange[] ReadList(DerReader list)
        {
            int count = 0;
            DerReader counter = list;
            while (counter.HasData)
            {
                counter.Skip();
                count++;
            }

            RemotePartySeqNumberChange[] result = new RemotePartySeqNumberChange[count];
            for (int i = 0; i < count; i++)
            {
                DerReader item = list.ReadSequence();
                int role = GbcsDer.ReadSmall(ref item, DerTag.Integer, 127, "remotePartyRole");
                ulong floor = GbcsDer.ReadUInt64(ref item, DerTag.Integer, "floorSeqNumber");
                SpecialistFloorSeqNumber[] specialist = null;
                if (item.HasData)
                {
                    specialist = SpecialistFloorSeqNumber.ReadList(item.ReadSequence());
                }

                item.ThrowIfNotEmpty();
                result[i] = new RemotePartySeqNumberChange((RemotePartyRole)role, floor, specialist);
            }

            return result;
        }

        internal static void WriteList(DerWriter writer, int tag, RemotePartySeqNumberChange[] list)
        {
            writer.PushConstructed(tag);
            for (int i = 0; i < list.Length; i++)
            {
                RemotePartySeqNumberChange c = list[i];
                if (c == null)
                {
                    throw new GbcsFormatException(GbcsError.InvalidArgument, "null sequence number change");
                }

                writer.PushSequence();
                GbcsDer.WriteInteger(writer, (ulong)c.Role);
                GbcsDer.WriteInteger(writer, c.FloorSeqNumber);
                if (c.SpecialistFloorSeqNumbers != null)
                {
                    SpecialistFloorSeqNumber.WriteList(writer, DerTag.Sequence, c.SpecialistFloorSeqNumbers);
                }

                writer.PopSequence();
            }

            writer.Pop();
        }
    }
}
