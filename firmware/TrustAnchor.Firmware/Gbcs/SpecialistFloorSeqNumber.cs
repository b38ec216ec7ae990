using TrustAnchor.Firmware.Asn1;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary><c>SEQUENCE { seqNumberUsage INTEGER { prepaymentTopUp(0) }, seqNumber INTEGER }</c>.</summary>
    public sealed class SpecialistFloorSeqNumber
    {
        public const int PrepaymentTopUp = 0;

        public SpecialistFloorSeqNumber(int usage, ulong seqNumber)
        {
            Usage = usage;
            SeqNumber = seqNumber;
        }

        public int Usage { get; private set; }

        public ulong SeqNumber { get; private set; }

        internal static SpecialistFloorSeqNumber[] ReadList(DerReader list)
        {
            int count = 0;
            DerReader counter = list;
            while (counter.HasData)
            {
                counter.Skip();
                count++;
            }

            SpecialistFloorSeqNumber[] result = new SpecialistFloorSeqNumber[count];
            for (int i = 0; i < count; i++)
            {
                DerReader item = list.ReadSequence();
                int usage = GbcsDer.ReadSmall(ref item, DerTag.Integer, 0xFFFF, "seqNumberUsage");
                ulong seq = GbcsDer.ReadUInt64(ref item, DerTag.Integer, "seqNumber");
                item.ThrowIfNotEmpty();
                result[i] = new SpecialistFloorSeqNumber(usage, seq);
            }

            return result;
        }

        internal static void WriteList(DerWriter writer, int tag, SpecialistFloorSeqNumber[] list)
        {
            writer.PushConstructed(tag);
            for (int i = 0; i < list.Length; i++)
            {
                if (list[i] == null)
                {
                    throw new GbcsFormatException(GbcsError.InvalidArgument, "null specialist floor sequence number");
                }

                writer.PushSequence();
                GbcsDer.WriteInteger(writer, (ulong)list[i].Usage);
                GbcsDer.WriteInteger(writer, list[i].SeqNumber);
                writer.PopSequence();
            }

            writer.Pop();
        }
    }
}
