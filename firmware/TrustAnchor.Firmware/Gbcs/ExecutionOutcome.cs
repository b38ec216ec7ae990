using TrustAnchor.Firmware.Asn1;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// What a CS02b execution did: <c>SEQUENCE { authorisingRemotePartySeqNumber INTEGER,
    /// credentialsReplacementMode INTEGER, remotePartySeqNumberChanges SEQUENCE OF RemotePartySeqNumberChange,
    /// replacementOutcomes SEQUENCE OF ReplacementOutcome }</c> (field order is our reading of NOTES section 6).
    /// </summary>
    public sealed class ExecutionOutcome
    {
        public ExecutionOutcome(ulong seqNumber, CredentialsReplacementMode mode, RemotePartySeqNumberChange[] seqNumberChanges, ReplacementOutcome[] replacements)
        {
            if (mode < 0)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "negative mode");
            }

            SeqNumber = seqNumber;
            Mode = mode;
            SeqNumberChanges = seqNumberChanges == null ? new RemotePartySeqNumberChange[0] : seqNumberChanges;
            Replacements = replacements == null ? new ReplacementOutcome[0] : replacements;
        }

        /// <summary>The authorising party's sequence number the command carried.</summary>
        public ulong SeqNumber { get; private set; }

        public CredentialsReplacementMode Mode { get; private set; }

        /// <summary>Floors the execution set (new party and others).</summary>
        public RemotePartySeqNumberChange[] SeqNumberChanges { get; private set; }

        public ReplacementOutcome[] Replacements { get; private set; }

        /// <summary>True when every cell reports <see cref="ReplacementStatus.Success"/>.</summary>
        public bool AllSucceeded
        {
            get
            {
                for (int i = 0; i < Replacements.Length; i++)
                {
                    if (Replacements[i].StatusCode != ReplacementStatus.Success)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        internal static ExecutionOutcome Read(ref DerReader reader)
        {
            DerReader body = reader.ReadSequence();
            ulong seq = GbcsDer.ReadUInt64(ref body, DerTag.Integer, "seqNumber");
            CredentialsReplacementMode mode = (CredentialsReplacementMode)GbcsDer.ReadSmall(ref body, DerTag.Integer, CredentialsReplacementModes.Max, "credentialsReplacementMode");
            RemotePartySeqNumberChange[] changes = RemotePartySeqNumberChange.ReadList(body.ReadSequence());
            DerReader list = body.ReadSequence();
            int count = 0;
            DerReader counter = list;
            while (counter.HasData)
            {
                counter.Skip();
                count++;
            }

            ReplacementOutcome[] outcomes = new ReplacementOutcome[count];
            for (int i = 0; i < count; i++)
            {
                outcomes[i] = ReplacementOutcome.Read(ref list);
            }

            body.ThrowIfNotEmpty();
            return new ExecutionOutcome(seq, mode, changes, outcomes);
        }

        internal void Write(DerWriter w)
        {
            w.PushSequence();
            GbcsDer.WriteInteger(w, SeqNumber);
            GbcsDer.WriteInteger(w, (ulong)Mode);
            RemotePartySeqNumberChange.WriteList(w, DerTag.Sequence, SeqNumberChanges);
            w.PushSequence();
            for (int i = 0; i < Replacements.Length; i++)
            {
                if (Replacements[i] == null)
                {
                    throw new GbcsFormatException(GbcsError.InvalidArgument, "null replacement outcome");
                }

                Replacements[i].Write(w);
            }

            w.PopSequence();
            w.PopSequence();
        }
    }
}
