using System;
using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// CS02b Update Security Credentials command payload (NOTES section 6; DER, implicit context tags):
    /// the AuthorisingRemotePartyControl, the replacements, the certification-path certificates and an optional
    /// execution date-time. <see cref="Parse(byte[], int, int)"/> reads it strictly (certificates stay views into
    /// the payload); setting the properties and calling <see cref="Encode"/> writes it (the simulator builds
    /// commands this way). The writer checks only what DER needs, so tests can build commands a device must refuse.
    /// </summary>
    public sealed class UpdateSecurityCredentials
    {
        /// <summary>Length of the contingency key in plaintextSymmetricKey [0] (AES-128; our reading).</summary>
        public const int SymmetricKeyLength = 16;

        public const int TimeChecksApply = 0;
        public const int TimeChecksDisapply = 1;

        private const int TagSymmetricKey = 0x80;
        private const int TagApplyTimeChecks = 0x81;
        private const int TagAuthorisingCell = 0xA2;
        private const int TagSeqNumber = 0x83;
        private const int TagNewFloor = 0x84;
        private const int TagNewSpecialistFloor = 0xA5;
        private const int TagOtherChanges = 0xA6;

        public UpdateSecurityCredentials()
        {
            ApplyTimeBasedCpvChecks = -1;
            Replacements = new CertificateReplacement[0];
            CertificationPathCertificates = new DerView[0];
        }

        /// <summary>credentialsReplacementMode (<see cref="CredentialsReplacementMode"/>).</summary>
        public CredentialsReplacementMode Mode { get; set; }

        /// <summary>plaintextSymmetricKey [0]; null when absent (present only for anyByContingency).</summary>
        public byte[] PlaintextSymmetricKey { get; set; }

        public bool HasPlaintextSymmetricKey
        {
            get { return PlaintextSymmetricKey != null; }
        }

        /// <summary>applyTimeBasedCPVChecks [1]: 0 apply, 1 disapply, -1 absent.</summary>
        public int ApplyTimeBasedCpvChecks { get; set; }

        public bool HasApplyTimeBasedCpvChecks
        {
            get { return ApplyTimeBasedCpvChecks >= 0; }
        }

        /// <summary>True unless the command disapplies time-based checks (absent means apply, the safe reading).</summary>
        public bool TimeBasedChecksApply
        {
            get { return ApplyTimeBasedCpvChecks != TimeChecksDisapply; }
        }

        /// <summary>authorisingRemotePartyTACellIdentifier [2]; null when absent.</summary>
        public TrustAnchorCellIdentifier AuthorisingRemotePartyCell { get; set; }

        /// <summary>authorisingRemotePartySeqNumber [3]; equals the Originator Counter of the frame.</summary>
        public ulong AuthorisingRemotePartySeqNumber { get; set; }

        public bool HasNewRemotePartyFloorSeqNumber { get; set; }

        /// <summary>newRemotePartyFloorSeqNumber [4] (valid when <see cref="HasNewRemotePartyFloorSeqNumber"/>).</summary>
        public ulong NewRemotePartyFloorSeqNumber { get; set; }

        /// <summary>newRemotePartySpecialistFloorSeqNumber [5]; null when absent.</summary>
        public SpecialistFloorSeqNumber[] NewRemotePartySpecialistFloorSeqNumbers { get; set; }

        /// <summary>otherRemotePartySeqNumberChanges [6]; null when absent.</summary>
        public RemotePartySeqNumberChange[] OtherRemotePartySeqNumberChanges { get; set; }

        public CertificateReplacement[] Replacements { get; set; }

        /// <summary>certificationPathCertificates (e.g. the Issuing OCA), as DER views.</summary>
        public DerView[] CertificationPathCertificates { get; set; }

        public bool HasExecutionDateTime { get; set; }

        /// <summary>executionDateTime (valid when <see cref="HasExecutionDateTime"/>): the command is future-dated.</summary>
        public DateTime ExecutionDateTime { get; set; }

        /// <summary>Sets newRemotePartyFloorSeqNumber [4].</summary>
        public void SetNewRemotePartyFloorSeqNumber(ulong floor)
        {
            HasNewRemotePartyFloorSeqNumber = true;
            NewRemotePartyFloorSeqNumber = floor;
        }

        /// <summary>Makes the command future-dated.</summary>
        public void SetExecutionDateTime(DateTime utc)
        {
            HasExecutionDateTime = true;
            ExecutionDateTime = utc;
        }

        public void AddReplacement(byte[] certificateDer, TrustAnchorCellIdentifier targetCell)
        {
            CertificateReplacement[] grown = new CertificateReplacement[Replacements.Length + 1];
            Array.Copy(Replacements, 0, grown, 0, Replacements.Length);
            grown[Replacements.Length] = new CertificateReplacement(certificateDer, targetCell);
            Replacements = grown;
        }

        public void AddCertificationPathCertificate(byte[] certificateDer)
        {
            DerView[] grown = new DerView[CertificationPathCertificates.Length + 1];
            Array.Copy(CertificationPathCertificates, 0, grown, 0, CertificationPathCertificates.Length);
            grown[CertificationPathCertificates.Length] = new DerView(certificateDer);
            CertificationPathCertificates = grown;
        }

        /// <summary>
        /// Reads the payload of a CS02b command frame; the Message Code must be 0x0100 + the payload's mode.
        /// </summary>
        public static UpdateSecurityCredentials Parse(GbcsMessage message)
        {
            if (message == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no message");
            }

            if (!GbcsMessageCodes.IsUpdateSecurityCredentials(message.MessageCode))
            {
                throw new GbcsFormatException(GbcsError.WrongMessageCode, "message code 0x" + message.MessageCode.ToString("X4") + " is not CS02b");
            }

            UpdateSecurityCredentials result = Parse(message.Frame, message.ContentOffset, message.ContentLength);
            if (GbcsMessageCodes.UpdateSecurityCredentialsBase + (int)result.Mode != message.MessageCode)
            {
                throw new GbcsFormatException(GbcsError.WrongMessageCode, "message code 0x" + message.MessageCode.ToString("X4") + " does not match mode " + ((int)result.Mode).ToString());
            }

            return result;
        }

        /// <summary>Reads a CS02b payload; certificates are views into <paramref name="payload"/>.</summary>
        public static UpdateSecurityCredentials Parse(byte[] payload, int offset, int length)
        {
            GbcsDer.CheckView(payload, offset, length);
            try
            {
                return ParseCore(payload, offset, length);
            }
            catch (GbcsFormatException)
            {
                throw;
            }
            catch (TrustAnchorException e)
            {
                throw GbcsDer.Wrap(e, "CS02b payload");
            }
        }

        /// <summary>Reads a whole array as a CS02b payload.</summary>
        public static UpdateSecurityCredentials Parse(byte[] payload)
        {
            GbcsDer.CheckView(payload, 0, payload == null ? 0 : payload.Length);
            return Parse(payload, 0, payload.Length);
        }

        private static UpdateSecurityCredentials ParseCore(byte[] payload, int offset, int length)
        {
            UpdateSecurityCredentials u = new UpdateSecurityCredentials();
            DerReader outer = new DerReader(payload, offset, length);
            DerReader body = outer.ReadSequence();
            outer.ThrowIfNotEmpty();

            DerReader arpc = body.ReadSequence();
            u.ReadControl(ref arpc);

            DerReader replacements = body.ReadSequence();
            int count = Count(replacements);
            u.Replacements = new CertificateReplacement[count];
            for (int i = 0; i < count; i++)
            {
                DerReader item = replacements.ReadSequence();
                DerView certificate = GbcsDer.ReadView(ref item, DerTag.Sequence, "replacementCertificate");
                TrustAnchorCellIdentifier cell = GbcsDer.ReadCell(ref item, DerTag.Sequence);
                item.ThrowIfNotEmpty();
                u.Replacements[i] = new CertificateReplacement(certificate, cell);
            }

            DerReader path = body.ReadSequence();
            count = Count(path);
            u.CertificationPathCertificates = new DerView[count];
            for (int i = 0; i < count; i++)
            {
                u.CertificationPathCertificates[i] = GbcsDer.ReadView(ref path, DerTag.Sequence, "certificationPathCertificate");
            }

            if (body.HasData)
            {
                u.SetExecutionDateTime(body.ReadGeneralizedTime());
            }

            body.ThrowIfNotEmpty();
            return u;
        }

        private void ReadControl(ref DerReader arpc)
        {
            Mode = (CredentialsReplacementMode)GbcsDer.ReadSmall(ref arpc, DerTag.Integer, CredentialsReplacementModes.Max, "credentialsReplacementMode");

            if (arpc.PeekTagIs(TagSymmetricKey))
            {
                int keyOffset;
                int keyLength;
                arpc.ReadElement(TagSymmetricKey, out keyOffset, out keyLength);
                if (keyLength != SymmetricKeyLength)
                {
                    throw GbcsDer.Range("plaintextSymmetricKey is " + keyLength + " bytes, expected " + SymmetricKeyLength);
                }

                PlaintextSymmetricKey = new byte[SymmetricKeyLength];
                Array.Copy(arpc.Buffer, keyOffset, PlaintextSymmetricKey, 0, SymmetricKeyLength);
            }

            // Whether the mode needs the key (anyByContingency) or forbids it (every other) is the device's decision,
            // with an alert: the field is OPTIONAL in the ASN.1, so either way the payload is well-formed.

            if (arpc.PeekTagIs(TagApplyTimeChecks))
            {
                ApplyTimeBasedCpvChecks = GbcsDer.ReadSmall(ref arpc, TagApplyTimeChecks, TimeChecksDisapply, "applyTimeBasedCPVChecks");
            }

            if (arpc.PeekTagIs(TagAuthorisingCell))
            {
                AuthorisingRemotePartyCell = GbcsDer.ReadCell(ref arpc, TagAuthorisingCell);
            }

            AuthorisingRemotePartySeqNumber = GbcsDer.ReadUInt64(ref arpc, TagSeqNumber, "authorisingRemotePartySeqNumber");

            if (arpc.PeekTagIs(TagNewFloor))
            {
                SetNewRemotePartyFloorSeqNumber(GbcsDer.ReadUInt64(ref arpc, TagNewFloor, "newRemotePartyFloorSeqNumber"));
            }

            if (arpc.PeekTagIs(TagNewSpecialistFloor))
            {
                NewRemotePartySpecialistFloorSeqNumbers = SpecialistFloorSeqNumber.ReadList(arpc.ReadConstructed(TagNewSpecialistFloor));
            }

            if (arpc.PeekTagIs(TagOtherChanges))
            {
                OtherRemotePartySeqNumberChanges = RemotePartySeqNumberChange.ReadList(arpc.ReadConstructed(TagOtherChanges));
            }

            arpc.ThrowIfNotEmpty();
        }

        private static int Count(DerReader list)
        {
            int count = 0;
            while (list.HasData)
            {
                list.Skip();
                count++;
            }

            return count;
        }

        /// <summary>The DER payload.</summary>
        public byte[] Encode()
        {
            DerWriter w = new DerWriter(512);
            w.PushSequence();
            WriteControl(w);

            w.PushSequence();
            CertificateReplacement[] replacements = Replacements == null ? new CertificateReplacement[0] : Replacements;
            for (int i = 0; i < replacements.Length; i++)
            {
                if (replacements[i] == null)
                {
                    throw new GbcsFormatException(GbcsError.InvalidArgument, "null replacement");
                }

                w.PushSequence();
                DerView c = replacements[i].Certificate;
                w.WriteEncoded(c.Buffer, c.Offset, c.Length);
                GbcsDer.WriteCell(w, replacements[i].TargetCell, DerTag.Sequence);
                w.PopSequence();
            }

            w.PopSequence();

            w.PushSequence();
            DerView[] path = CertificationPathCertificates == null ? new DerView[0] : CertificationPathCertificates;
            for (int i = 0; i < path.Length; i++)
            {
                if (path[i] == null)
                {
                    throw new GbcsFormatException(GbcsError.InvalidArgument, "null path certificate");
                }

                w.WriteEncoded(path[i].Buffer, path[i].Offset, path[i].Length);
            }

            w.PopSequence();

            if (HasExecutionDateTime)
            {
                w.WriteGeneralizedTime(ExecutionDateTime);
            }

            w.PopSequence();
            return w.ToArray();
        }

        /// <summary>The AuthorisingRemotePartyControl alone (as it appears inside the payload).</summary>
        public byte[] EncodeAuthorisingRemotePartyControl()
        {
            DerWriter w = new DerWriter(128);
            WriteControl(w);
            return w.ToArray();
        }

        private void WriteControl(DerWriter w)
        {
            if (Mode < 0)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "mode " + ((int)Mode).ToString() + " is negative");
            }

            w.PushSequence();
            GbcsDer.WriteInteger(w, (ulong)Mode);
            if (PlaintextSymmetricKey != null)
            {
                w.WriteTagged(TagSymmetricKey, PlaintextSymmetricKey, 0, PlaintextSymmetricKey.Length);
            }

            if (HasApplyTimeBasedCpvChecks)
            {
                GbcsDer.WriteUInt64(w, TagApplyTimeChecks, (ulong)ApplyTimeBasedCpvChecks);
            }

            if (AuthorisingRemotePartyCell != null)
            {
                GbcsDer.WriteCell(w, AuthorisingRemotePartyCell, TagAuthorisingCell);
            }

            GbcsDer.WriteUInt64(w, TagSeqNumber, AuthorisingRemotePartySeqNumber);
            if (HasNewRemotePartyFloorSeqNumber)
            {
                GbcsDer.WriteUInt64(w, TagNewFloor, NewRemotePartyFloorSeqNumber);
            }

            if (NewRemotePartySpecialistFloorSeqNumbers != null)
            {
                SpecialistFloorSeqNumber.WriteList(w, TagNewSpecialistFloor, NewRemotePartySpecialistFloorSeqNumbers);
            }

            if (OtherRemotePartySeqNumberChanges != null)
            {
                RemotePartySeqNumberChange.WriteList(w, TagOtherChanges, OtherRemotePartySeqNumberChanges);
            }

            w.PopSequence();
        }
    }
}
