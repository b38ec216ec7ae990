using System;
using System.Collections;
using TrustAnchor.Firmware.Certificates;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// CS02b Update Security Credentials, every CredentialsReplacementMode, authorised by
    /// <see cref="ReplacementModeRules"/>. All or nothing: one invalid replacement refuses the whole command.
    /// </summary>
    internal sealed class UpdateSecurityCredentialsHandler
    {
        private static readonly byte[] ZeroId = new byte[8];

        private readonly CommandPrologue _prologue;
        private readonly CommandVerifier _verifier;
        private readonly DeviceProfile _profile;
        private readonly DeviceCredentials _credentials;
        private readonly IDeviceClock _clock;
#if SEEDED_DEFECTS
        private int _defects;
#endif

        /// <summary>
        /// <paramref name="verifier"/> checks signatures and paths (and keeps their caches); <paramref name="credentials"/>
        /// is read for the contingency key's digest; <paramref name="clock"/> dates the validity checks and future-dated commands.
        /// </summary>
        internal UpdateSecurityCredentialsHandler(CommandPrologue prologue, CommandVerifier verifier, DeviceProfile profile,
            DeviceCredentials credentials, IDeviceClock clock)
        {
            _prologue = prologue;
            _verifier = verifier;
            _profile = profile;
            _credentials = credentials;
            _clock = clock;
        }

#if SEEDED_DEFECTS
        /// <summary>The device's seeded defects (those of CS02b authority, validation and execution are met here).</summary>
        internal int Defects
        {
            get { return _defects; }
            set { _defects = value; }
        }

        private bool HasDefect(int defect)
        {
            return (_defects & defect) != 0;
        }

#endif
        /// <summary>
        /// Decides a CS02b against <paramref name="state"/>, which is not changed: the state to commit (the replaced cells
        /// and counters, or only the authoriser's counter for a future-dated command, with the execution to schedule), or
        /// a refusal answered with the per-cell outcome. Failures before that throw <see cref="CommandRejection"/>.
        /// </summary>
        internal CommandDecision Handle(GbcsMessage message, TrustAnchorState state)
        {
            int mode = message.MessageCode - GbcsMessageCodes.UpdateSecurityCredentialsBase;
            ReplacementModeRule rule = ReplacementModeRules.For(mode);

            // 3. MAC: the ACB's for most modes; recovery and contingency frames carry none.
            if (rule.AcbMac)
            {
                _prologue.VerifyAcbMac(message, state);
            }
            else
            {
                CommandPrologue.RequireNoMac(message, rule.Name);
            }

            // 4. Payload structure.
            UpdateSecurityCredentials command;
            try
            {
                command = UpdateSecurityCredentials.Parse(message);
            }
            catch (TrustAnchorException e)
            {
                throw new CommandRejection(ProcessingStep.Payload, 0, "CS02b payload: " + e.Message);
            }

            CertificateReplacement[] replacements = command.Replacements;
            if (replacements == null || replacements.Length == 0)
            {
                throw new CommandRejection(ProcessingStep.Payload, 0, "CS02b carries no replacement");
            }

            // 5. Known remote party, its authority for this mode, and for every target cell.
            TrustAnchorCellIdentifier authorisingId = command.AuthorisingRemotePartyCell;
            if (authorisingId == null)
            {
                if (rule.Mode != CredentialsReplacementMode.AccessControlBrokerByAcb || _profile.AcbCellIdentifierRequired)
                {
                    throw new CommandRejection(ProcessingStep.Authority, GbcsAlertCodes.SourceLacksAuthority,
                        rule.Name + " must name the authorising Trust Anchor Cell");
                }

                authorisingId = new TrustAnchorCellIdentifier(rule.AuthorisingRole, rule.AuthorisingKeyUsage, CellUsage.Management);
            }

            bool anySigner = false;
#if SEEDED_DEFECTS
            if (HasDefect(SeededDefect.AcceptWrongCellSigner))
            {
                // The defect: whichever Known Remote Party sent it, its own DS cell authorises the command.
                TrustAnchorCellIdentifier senderCell = SenderSigningCell(message, state);
                if (senderCell != null)
                {
                    authorisingId = senderCell;
                    anySigner = true;
                }
            }
#endif
            if (!anySigner && !authorisingId.Equals(rule.AuthorisingRole, rule.AuthorisingKeyUsage, CellUsage.Management))
            {
                throw new CommandRejection(ProcessingStep.Authority, GbcsAlertCodes.SourceLacksAuthority,
                    authorisingId.ToString() + " may not authorise " + rule.Name);
            }

            TrustAnchorCell authorisingCell = state.FindCell(authorisingId);
            if (authorisingCell == null)
            {
                throw new CommandRejection(ProcessingStep.Authority, GbcsAlertCodes.SourceLacksAuthority,
                    "this device holds no " + authorisingId.ToString() + " cell, so nobody may send " + rule.Name);
            }

            CommandPrologue.RequireOriginator(message, state, authorisingCell, rule.Name);
            for (int i = 0; i < replacements.Length; i++)
            {
                if (!rule.MayReplace(replacements[i].TargetCell))
                {
                    throw new CommandRejection(ProcessingStep.Authority, GbcsAlertCodes.SourceLacksAuthority,
                        rule.Name + " may not replace the " + replacements[i].TargetCell.ToString() + " cell");
                }
            }

            CheckSequenceNumberAuthority(command, rule);
            if (rule.ContingencyKey)
            {
                if (!command.HasPlaintextSymmetricKey)
                {
                    throw new CommandRejection(ProcessingStep.Authority, GbcsAlertCodes.SourceLacksAuthority, rule.Name + " without the contingency key");
                }
            }
            else if (command.HasPlaintextSymmetricKey)
            {
                throw new CommandRejection(ProcessingStep.Authority, GbcsAlertCodes.AuthenticationFailure,
                    "plaintextSymmetricKey is only for anyByContingency");
            }

            // 6. Anti-replay: above the authoriser's sequence number, and the payload repeats the counter.
            RemotePartyRole role = authorisingId.Role;
            _prologue.CheckCounter(message, state, role);
            if (command.AuthorisingRemotePartySeqNumber != message.OriginatorCounter)
            {
                throw new CommandRejection(ProcessingStep.AntiReplay, GbcsAlertCodes.AuthenticationFailure,
                    "authorisingRemotePartySeqNumber " + command.AuthorisingRemotePartySeqNumber.ToString()
                    + " differs from the Originator Counter " + message.OriginatorCounter.ToString());
            }

            // 7. Signature (and the contingency key, the second factor of anyByContingency).
            if (rule.Signed)
            {
                _prologue.VerifySignature(message, authorisingCell);
            }

            if (rule.ContingencyKey)
            {
                VerifyContingencyKey(command.PlaintextSymmetricKey);
            }

            // 8. Certificates, paths, cells and counters; 9. execute or schedule.
            DateTime now = _clock.UtcNow;
            ulong counter = message.OriginatorCounter;
            ReplacementEvaluation evaluation = Evaluate(command, rule, state, role, counter, true, now);
            if (evaluation.AlertCode != 0)
            {
                throw new CommandRejection(ProcessingStep.Validation, evaluation.AlertCode, evaluation.Reason);
            }

            if (!evaluation.Succeeded)
            {
                return CommandDecision.Refuse(ProcessingStep.Validation, evaluation.Reason,
                    new UpdateSecurityCredentialsResponse(evaluation.Outcome).Encode(), evaluation.Statuses);
            }

            bool futureDated = command.HasExecutionDateTime && command.ExecutionDateTime > now;
#if SEEDED_DEFECTS
            if (HasDefect(SeededDefect.ExecuteFutureDatedNow))
            {
                futureDated = false;
            }
#endif
            if (futureDated)
            {
                // Accept now (the counter is spent, so the frame cannot be replayed), execute at the given time.
                TrustAnchorState accepted = state.Clone();
                accepted.SetSequenceNumber(role, counter);
                byte[] payload = message.CopyContent();
                UpdateSecurityCredentials kept = UpdateSecurityCredentials.Parse(payload);
                PendingExecution pending = new PendingExecution(payload, kept, rule, authorisingId, CopyOf(authorisingCell.PublicKey), counter,
                    message.OriginatorId, command.ExecutionDateTime);
                return CommandDecision.Accept(accepted, UpdateSecurityCredentialsResponse.EncodeFutureDated(),
                    rule.Name + " scheduled for " + FormatTime(command.ExecutionDateTime), evaluation.Statuses).WithPending(pending);
            }

            return CommandDecision.Accept(evaluation.Next, new UpdateSecurityCredentialsResponse(evaluation.Outcome).Encode(),
                rule.Name + " applied", evaluation.Statuses);
        }

        /// <summary>
        /// Decides a future-dated command whose time has come, against <paramref name="state"/> (not changed): the
        /// evaluation's <see cref="ReplacementEvaluation.Next"/> is the state to commit, its outcome goes in the 0x00CB alert.
        /// </summary>
        internal ReplacementEvaluation Execute(PendingExecution pending, TrustAnchorState state)
        {
            if (!StillAuthorised(pending, state))
            {
                // The authoriser no longer holds the cell that accepted the command: nothing is applied [inferred].
                return new ReplacementEvaluation(RefusedOutcome(pending.Command, state), null, 0, "the authorising cell has changed");
            }

            return Evaluate(pending.Command, pending.Rule, state, pending.AuthorisingRole, pending.Counter, false, _clock.UtcNow);
        }

        private static byte[] CopyOf(byte[] value)
        {
            byte[] copy = new byte[value.Length];
            Array.Copy(value, copy, value.Length);
            return copy;
        }

        private static bool StillAuthorised(PendingExecution pending, TrustAnchorState state)
        {
            TrustAnchorCell cell = state.FindCell(pending.AuthorisingCell);
            byte[] key = pending.AuthorisingKey;
            return cell != null && Bytes.Equal(cell.PublicKey, 0, cell.PublicKey.Length, key, 0, key.Length);
        }

        /// <summary>Every replacement reported as not applied (status other), with the cells as they stand.</summary>
        private static ExecutionOutcome RefusedOutcome(UpdateSecurityCredentials command, TrustAnchorState state)
        {
            CertificateReplacement[] replacements = command.Replacements;
            TrustAnchorCell[] existing = new TrustAnchorCell[replacements.Length];
            for (int i = 0; i < existing.Length; i++)
            {
                existing[i] = state.FindCell(replacements[i].TargetCell);
            }

            return BuildOutcome(command, replacements, AllOther(replacements.Length), existing, new Certificate[replacements.Length], null);
        }

        /// <summary>Which sequence-number fields the mode may carry (the rest of the payload is checked in Evaluate).</summary>
        private static void CheckSequenceNumberAuthority(UpdateSecurityCredentials command, ReplacementModeRule rule)
        {
            RemotePartyRole newParty = NewPartyRole(command, rule);
            bool hasSpecialist = command.NewRemotePartySpecialistFloorSeqNumbers != null && command.NewRemotePartySpecialistFloorSeqNumbers.Length != 0;
            if ((command.HasNewRemotePartyFloorSeqNumber || hasSpecialist) && newParty < 0)
            {
                throw new CommandRejection(ProcessingStep.Authority, GbcsAlertCodes.SourceLacksAuthority,
                    rule.Name + " names no single new party whose floor sequence number could be set");
            }

            if (hasSpecialist && newParty != RemotePartyRole.Supplier)
            {
                throw new CommandRejection(ProcessingStep.Authority, GbcsAlertCodes.SourceLacksAuthority,
                    "a prepayment top-up floor belongs to the Supplier, not " + RemotePartyRoles.Name(newParty));
            }

            RemotePartySeqNumberChange[] others = command.OtherRemotePartySeqNumberChanges;
            if (others != null && others.Length != 0 && !rule.OtherSeqNumberChangesAllowed)
            {
                throw new CommandRejection(ProcessingStep.Authority, GbcsAlertCodes.SourceLacksAuthority,
                    rule.Name + " may not change other parties' sequence numbers");
            }
        }

        /// <summary>The role whose sequence number newRemotePartyFloorSeqNumber sets, or a negative marker.</summary>
        private static RemotePartyRole NewPartyRole(UpdateSecurityCredentials command, ReplacementModeRule rule)
        {
            if (rule.NewPartyRole != ReplacementModeRules.NewPartyFromCells)
            {
                return rule.NewPartyRole;
            }

            // Recovery / contingency: the new party is the one whose cells are replaced, if there is exactly one.
            RemotePartyRole role = ReplacementModeRules.NoNewParty;
            CertificateReplacement[] replacements = command.Replacements;
            for (int i = 0; i < replacements.Length; i++)
            {
                RemotePartyRole r = replacements[i].TargetCell.Role;
                if (r == RemotePartyRole.Root)
                {
                    continue;
                }

                if (role >= 0 && role != r)
                {
                    return ReplacementModeRules.NoNewParty;
                }

                role = r;
            }

            return role;
        }

        private void VerifyContingencyKey(byte[] key)
        {
            byte[] expected = _credentials.ContingencyKeyDigest;
            if (expected == null)
            {
                throw new CommandRejection(ProcessingStep.Signature, GbcsAlertCodes.TrustedSourceAuthenticationFailure,
                    "this device has no contingency key configured");
            }

            byte[] digest = Sha256.Hash(key);
            int diff = 0;
            for (int i = 0; i < digest.Length; i++)
            {
                diff |= digest[i] ^ expected[i];
            }

            if (diff != 0)
            {
                throw new CommandRejection(ProcessingStep.Signature, GbcsAlertCodes.TrustedSourceAuthenticationFailure,
                    "contingency key does not match");
            }
        }

        /// <summary>
        /// Checks every replacement against <paramref name="state"/> and builds the state to commit: cells replaced,
        /// the authoriser's counter taken (when <paramref name="takeCounter"/>), then the floors.
        /// </summary>
        private ReplacementEvaluation Evaluate(UpdateSecurityCredentials command, ReplacementModeRule rule, TrustAnchorState state,
            RemotePartyRole authorisingRole, ulong counter, bool takeCounter, DateTime now)
        {
            CertificateReplacement[] replacements = command.Replacements;
            int n = replacements.Length;
            int[] statuses = new int[n];
            Certificate[] certificates = new Certificate[n];
            TrustAnchorCell[] existing = new TrustAnchorCell[n];
            bool applyTime = command.TimeBasedChecksApply;
            int relax = 0;
#if SEEDED_DEFECTS
            if (HasDefect(SeededDefect.IgnoreValidityWithCpv))
            {
                applyTime = false;
            }

            relax = _defects & (SeededDefect.SkipCertificationPath | SeededDefect.AcceptWrongKeyUsage | SeededDefect.AcceptWrongRole);
#endif

            for (int i = 0; i < n; i++)
            {
                existing[i] = state.FindCell(replacements[i].TargetCell);
                if (existing[i] == null)
                {
                    statuses[i] = ReplacementStatus.TrustAnchorNotFound;
                    continue;
                }

                for (int j = 0; j < i; j++)
                {
                    if (replacements[j].TargetCell.Equals(replacements[i].TargetCell))
                    {
                        statuses[i] = ReplacementStatus.Other;
                    }
                }
            }

            Certificate[] path = ParsePath(command.CertificationPathCertificates);

            // A new root first: the other replacements must chain to the root the device will hold.
            P256PublicKey rootKey = _verifier.RootKey(state.Root.PublicKey);
            byte[] rootSki = state.Root.SubjectKeyId;
            for (int i = 0; i < n; i++)
            {
                if (statuses[i] == 0 && replacements[i].TargetCell.Role == RemotePartyRole.Root)
                {
                    int verifies;
                    statuses[i] = CertificateChecks.CheckRoot(_verifier.P256, replacements[i].Certificate, applyTime, now, out certificates[i], out verifies);
                    _verifier.CountSignatureVerifications(verifies);
                    if (statuses[i] == 0)
                    {
                        rootKey = certificates[i].Key;
                        rootSki = certificates[i].SubjectKeyId;
                    }
                }
            }

            for (int i = 0; i < n; i++)
            {
                if (statuses[i] == 0 && replacements[i].TargetCell.Role != RemotePartyRole.Root)
                {
                    int verifies;
                    statuses[i] = CertificateChecks.CheckOrganisation(_verifier.P256, replacements[i].Certificate, replacements[i].TargetCell,
                        path, rootKey, rootSki, applyTime, now, _verifier.IssuerSignatures, relax, out certificates[i], out verifies);
                    _verifier.CountSignatureVerifications(verifies);
                }
            }

            bool allValid = true;
            for (int i = 0; i < n; i++)
            {
                if (statuses[i] != ReplacementStatus.Success)
                {
                    allValid = false;
                }
            }

#if SEEDED_DEFECTS
            if (!allValid && HasDefect(SeededDefect.PartialCs02b))
            {
                ReplacementEvaluation partial = ApplyValidOnly(command, rule, state, authorisingRole, counter, takeCounter, replacements, statuses, existing, certificates);
                if (partial != null)
                {
                    return partial;
                }
            }
#endif
            if (!allValid)
            {
                // All or nothing: cells that would have been fine are reported as not applied.
                for (int i = 0; i < n; i++)
                {
                    if (statuses[i] == ReplacementStatus.Success)
                    {
                        statuses[i] = ReplacementStatus.Other;
                    }
                }

                return new ReplacementEvaluation(BuildOutcome(command, replacements, statuses, existing, certificates, null), null, 0,
                    "replacement refused: " + DescribeStatuses(replacements, statuses));
            }

            TrustAnchorState next = state.Clone();
            ArrayList changes = new ArrayList();
            try
            {
                if (takeCounter)
                {
                    next.SetSequenceNumber(authorisingRole, counter);
                }

                for (int i = 0; i < n; i++)
                {
                    Certificate c = certificates[i];
                    bool root = replacements[i].TargetCell.Role == RemotePartyRole.Root;
                    next.ReplaceCell(replacements[i].TargetCell, root ? ZeroId : c.EntityId, c.SubjectKeyId, c.PublicKey);
                }

                ApplyFloors(command, rule, next, changes);
            }
            catch (TrustAnchorException e)
            {
                return new ReplacementEvaluation(BuildOutcome(command, replacements, AllOther(n), existing, certificates, null), null,
                    GbcsAlertCodes.AuthenticationFailure, "sequence numbers refused: " + e.Message);
            }

            RemotePartySeqNumberChange[] changeArray = new RemotePartySeqNumberChange[changes.Count];
            for (int i = 0; i < changeArray.Length; i++)
            {
                changeArray[i] = (RemotePartySeqNumberChange)changes[i];
            }

            return new ReplacementEvaluation(BuildOutcome(command, replacements, statuses, existing, certificates, changeArray), next, 0, null);
        }

        /// <summary>newRemotePartyFloorSeqNumber, its specialist (top-up) floor, and otherRemotePartySeqNumberChanges.</summary>
        private void ApplyFloors(UpdateSecurityCredentials command, ReplacementModeRule rule, TrustAnchorState next, ArrayList changes)
        {
            RemotePartyRole newParty = NewPartyRole(command, rule);
            SpecialistFloorSeqNumber[] specialist = command.NewRemotePartySpecialistFloorSeqNumbers;
            bool applyFloor = command.HasNewRemotePartyFloorSeqNumber;
#if SEEDED_DEFECTS
            if (HasDefect(SeededDefect.IgnoreFloorSeqNumber))
            {
                applyFloor = false;
            }
#endif
            if (applyFloor)
            {
                next.SetSequenceNumber(newParty, command.NewRemotePartyFloorSeqNumber);
            }

            ApplySpecialist(next, specialist);
            if (command.HasNewRemotePartyFloorSeqNumber || (specialist != null && specialist.Length != 0))
            {
                changes.Add(new RemotePartySeqNumberChange(newParty, next.GetSequenceNumber(newParty), specialist));
            }

            RemotePartySeqNumberChange[] others = command.OtherRemotePartySeqNumberChanges;
            if (others == null)
            {
                return;
            }

            for (int i = 0; i < others.Length; i++)
            {
                RemotePartySeqNumberChange change = others[i];
                if (!next.HasRemoteParty(change.Role))
                {
                    throw new TrustAnchorStateException(TrustAnchorStateError.UnknownRemoteParty,
                        "no Known Remote Party " + RemotePartyRoles.Name(change.Role) + " on this device");
                }

                next.SetSequenceNumber(change.Role, change.FloorSeqNumber);
                if (change.SpecialistFloorSeqNumbers != null && change.SpecialistFloorSeqNumbers.Length != 0)
                {
                    if (change.Role != RemotePartyRole.Supplier)
                    {
                        throw new TrustAnchorStateException(TrustAnchorStateError.UnknownRemoteParty,
                            "only the Supplier has a prepayment top-up sequence number");
                    }

                    ApplySpecialist(next, change.SpecialistFloorSeqNumbers);
                }

                changes.Add(change);
            }
        }

#if SEEDED_DEFECTS
        /// <summary>partial-cs02b: commits the cells that passed and reports the rest as failed.</summary>
        private ReplacementEvaluation ApplyValidOnly(UpdateSecurityCredentials command, ReplacementModeRule rule, TrustAnchorState state,
            RemotePartyRole authorisingRole, ulong counter, bool takeCounter, CertificateReplacement[] replacements, int[] statuses,
            TrustAnchorCell[] existing, Certificate[] certificates)
        {
            TrustAnchorState next = state.Clone();
            bool any = false;
            try
            {
                if (takeCounter)
                {
                    next.SetSequenceNumber(authorisingRole, counter);
                }

                for (int i = 0; i < replacements.Length; i++)
                {
                    if (statuses[i] != ReplacementStatus.Success)
                    {
                        continue;
                    }

                    Certificate c = certificates[i];
                    bool root = replacements[i].TargetCell.Role == RemotePartyRole.Root;
                    next.ReplaceCell(replacements[i].TargetCell, root ? ZeroId : c.EntityId, c.SubjectKeyId, c.PublicKey);
                    any = true;
                }
            }
            catch (TrustAnchorException)
            {
                return null;
            }

            return any ? new ReplacementEvaluation(BuildOutcome(command, replacements, statuses, existing, certificates, null), next, 0, null) : null;
        }

        /// <summary>accept-wrong-cell-signer: the management DS cell of the party that sent the frame, if it is known.</summary>
        private static TrustAnchorCellIdentifier SenderSigningCell(GbcsMessage message, TrustAnchorState state)
        {
            for (int i = 0; i < state.CellCount; i++)
            {
                TrustAnchorCell cell = state.GetCell(i);
                if (cell.Id.Role != RemotePartyRole.Root && cell.Id.KeyUsage == TrustAnchorCellIdentifier.KeyUsageDigitalSignature
                    && cell.Id.CellUsage == CellUsage.Management && message.IsFrom(cell.EntityId))
                {
                    return cell.Id;
                }
            }

            return null;
        }

#endif
        private static void ApplySpecialist(TrustAnchorState next, SpecialistFloorSeqNumber[] specialist)
        {
            if (specialist == null)
            {
                return;
            }

            for (int i = 0; i < specialist.Length; i++)
            {
                if (specialist[i].Usage != SpecialistFloorSeqNumber.PrepaymentTopUp)
                {
                    throw new TrustAnchorStateException(TrustAnchorStateError.UnknownRemoteParty,
                        "specialist sequence number usage " + specialist[i].Usage.ToString() + " is not prepaymentTopUp");
                }

                next.SetTopUpSequenceNumber(specialist[i].SeqNumber);
            }
        }

        private static Certificate[] ParsePath(DerView[] views)
        {
            if (views == null)
            {
                return new Certificate[0];
            }

            Certificate[] path = new Certificate[views.Length];
            for (int i = 0; i < views.Length; i++)
            {
                try
                {
                    path[i] = Certificate.Parse(views[i].Buffer, views[i].Offset, views[i].Length);
                }
                catch (TrustAnchorException)
                {
                    // An unreadable path certificate breaks every path through it.
                    return null;
                }
            }

            return path;
        }

        private static ExecutionOutcome BuildOutcome(UpdateSecurityCredentials command, CertificateReplacement[] replacements, int[] statuses,
            TrustAnchorCell[] existing, Certificate[] certificates, RemotePartySeqNumberChange[] changes)
        {
            ReplacementOutcome[] outcomes = new ReplacementOutcome[replacements.Length];
            for (int i = 0; i < outcomes.Length; i++)
            {
                TrustAnchorCell old = existing[i];
                Certificate c = certificates[i];
                bool root = replacements[i].TargetCell.Role == RemotePartyRole.Root;
                outcomes[i] = new ReplacementOutcome(replacements[i].TargetCell, statuses[i],
                    old == null ? ZeroId : old.EntityId, old == null ? ZeroId : old.SubjectKeyId,
                    c == null || root || !c.HasEntityId ? ZeroId : c.EntityId, c == null || !c.HasSubjectKeyId ? ZeroId : c.SubjectKeyId);
            }

            return new ExecutionOutcome(command.AuthorisingRemotePartySeqNumber, command.Mode, changes, outcomes);
        }

        /// <summary>"2025-07-02 12:00:00Z" from the integer fields (custom DateTime formats vary across runtimes).</summary>
        private static string FormatTime(DateTime t)
        {
            return t.Year.ToString() + "-" + Two(t.Month) + "-" + Two(t.Day) + " " + Two(t.Hour) + ":" + Two(t.Minute) + ":" + Two(t.Second) + "Z";
        }

        private static string Two(int value)
        {
            return value < 10 ? "0" + value.ToString() : value.ToString();
        }

        private static int[] AllOther(int n)
        {
            int[] statuses = new int[n];
            for (int i = 0; i < n; i++)
            {
                statuses[i] = ReplacementStatus.Other;
            }

            return statuses;
        }

        private static string DescribeStatuses(CertificateReplacement[] replacements, int[] statuses)
        {
            string text = string.Empty;
            for (int i = 0; i < statuses.Length; i++)
            {
                if (statuses[i] != ReplacementStatus.Success)
                {
                    text = text + (text.Length == 0 ? string.Empty : ", ") + replacements[i].TargetCell.ToString() + " status " + statuses[i].ToString();
                }
            }

            return text;
        }
    }
}
