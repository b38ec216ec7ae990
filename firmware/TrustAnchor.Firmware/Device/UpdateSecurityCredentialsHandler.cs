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

        private readonly GbcsDevice _device;

        internal UpdateSecurityCredentialsHandler(GbcsDevice device)
        {
            _device = device;
        }

        internal byte[] Handle(GbcsMessage message)
        {
            int mode = message.MessageCode - GbcsMessageCodes.UpdateSecurityCredentialsBase;
            ReplacementModeRule rule = ReplacementModeRules.For(mode);
            TrustAnchorState state = _device.Store.Current;

            // 3. MAC: the ACB's for most modes; recovery and contingency frames carry none.
            if (rule.AcbMac)
            {
                _device.VerifyAcbMac(message, state);
            }
            else
            {
                GbcsDevice.RequireNoMac(message, rule.Name);
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
                if (rule.Mode != CredentialsReplacementMode.AccessControlBrokerByAcb || _device.Profile.AcbCellIdentifierRequired)
                {
                    throw new CommandRejection(ProcessingStep.Authority, GbcsAlertCodes.SourceLacksAuthority,
                        rule.Name + " must name the authorising Trust Anchor Cell");
                }

                authorisingId = new TrustAnchorCellIdentifier(rule.AuthorisingRole, rule.AuthorisingKeyUsage, CellUsage.Management);
            }

            bool anySigner = false;
#if SEEDED_DEFECTS
            if (_device.HasDefect(SeededDefect.AcceptWrongCellSigner))
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

            GbcsDevice.RequireOriginator(message, state, authorisingCell, rule.Name);
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
            _device.CheckCounter(message, state, role);
            if (command.AuthorisingRemotePartySeqNumber != message.OriginatorCounter)
            {
                throw new CommandRejection(ProcessingStep.AntiReplay, GbcsAlertCodes.AuthenticationFailure,
                    "authorisingRemotePartySeqNumber " + command.AuthorisingRemotePartySeqNumber.ToString()
                    + " differs from the Originator Counter " + message.OriginatorCounter.ToString());
            }

            // 7. Signature (and the contingency key, the second factor of anyByContingency).
            if (rule.Signed)
            {
                _device.VerifySignature(message, authorisingCell);
            }

            if (rule.ContingencyKey)
            {
                VerifyContingencyKey(command.PlaintextSymmetricKey);
            }

            // 8. Certificates, paths, cells and counters; 9. execute or schedule.
            DateTime now = _device.Now;
            ulong counter = message.OriginatorCounter;
            ReplacementEvaluation evaluation = Evaluate(command, rule, state, role, counter, true, now);
            if (evaluation.AlertCode != 0)
            {
                throw new CommandRejection(ProcessingStep.Validation, evaluation.AlertCode, evaluation.Reason);
            }

            if (!evaluation.Succeeded)
            {
                byte[] refusal = _device.BuildResponse(message, new UpdateSecurityCredentialsResponse(evaluation.Outcome).Encode());
                throw new CommandRejection(ProcessingStep.Validation, evaluation.Reason, refusal, evaluation.Statuses);
            }

            string failure;
            bool futureDated = command.HasExecutionDateTime && command.ExecutionDateTime > now;
#if SEEDED_DEFECTS
            if (_device.HasDefect(SeededDefect.ExecuteFutureDatedNow))
            {
                futureDated = false;
            }
#endif
            if (futureDated)
            {
                // Accept now (the counter is spent, so the frame cannot be replayed), execute at the given time.
                TrustAnchorState accepted = state.Clone();
                accepted.SetSequenceNumber(role, counter);
                if (!_device.TryCommit(accepted, out failure))
                {
                    throw new CommandRejection(ProcessingStep.Validation, GbcsAlertCodes.AuthenticationFailure, failure);
                }

                byte[] payload = message.CopyContent();
                UpdateSecurityCredentials kept = UpdateSecurityCredentials.Parse(payload);
                _device.AddPending(new PendingExecution(payload, kept, rule, authorisingId, CopyOf(authorisingCell.PublicKey), counter,
                    message.OriginatorId, command.ExecutionDateTime));
                _device.Decide(ProcessingStep.Executed, true, rule.Name + " scheduled for " + FormatTime(command.ExecutionDateTime), evaluation.Statuses);
                return _device.BuildResponse(message, UpdateSecurityCredentialsResponse.EncodeFutureDated());
            }

            if (!_device.TryCommit(evaluation.Next, out failure))
            {
                throw new CommandRejection(ProcessingStep.Validation, GbcsAlertCodes.AuthenticationFailure, failure);
            }

            _device.Decide(ProcessingStep.Executed, true, rule.Name + " applied", evaluation.Statuses);
            return _device.BuildResponse(message, new UpdateSecurityCredentialsResponse(evaluation.Outcome).Encode());
        }

        /// <summary>Runs a future-dated command whose time has come and queues its 0x00CB alert.</summary>
        internal void Execute(PendingExecution pending)
        {
            TrustAnchorState state = _device.Store.Current;
            ExecutionOutcome outcome;
            bool success;
            if (!StillAuthorised(pending, state))
            {
                // The authoriser no longer holds the cell that accepted the command: nothing is applied [inferred].
                outcome = RefusedOutcome(pending.Command, state);
                success = false;
            }
            else
            {
                ReplacementEvaluation evaluation = Evaluate(pending.Command, pending.Rule, state, pending.AuthorisingRole,
                    pending.Counter, false, _device.Now);
                outcome = evaluation.Outcome;
                success = evaluation.Succeeded;
                string failure;
                if (success && !_device.TryCommit(evaluation.Next, out failure))
                {
                    success = false;
                }
            }

            int code = success ? GbcsAlertCodes.FutureDatedExecutionSucceeded : GbcsAlertCodes.FutureDatedExecutionFailed;
            _device.QueueFutureDatedAlert(new FutureDatedExecutionAlert(code, pending.ExecuteAt, outcome), pending.Requester);
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
            byte[] expected = _device.Credentials.ContingencyKeyDigest;
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
            if (_device.HasDefect(SeededDefect.IgnoreValidityWithCpv))
            {
                applyTime = false;
            }

            relax = _device.Defects & (SeededDefect.SkipCertificationPath | SeededDefect.AcceptWrongKeyUsage | SeededDefect.AcceptWrongRole);
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
            P256PublicKey rootKey = _device.RootKey(state.Root.PublicKey);
            byte[] rootSki = state.Root.SubjectKeyId;
            for (int i = 0; i < n; i++)
            {
                if (statuses[i] == 0 && replacements[i].TargetCell.Role == RemotePartyRole.Root)
                {
                    int verifies;
                    statuses[i] = CertificateChecks.CheckRoot(_device.P256, replacements[i].Certificate, applyTime, now, out certificates[i], out verifies);
                    _device.CountSignatureVerifications(verifies);
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
                    statuses[i] = CertificateChecks.CheckOrganisation(_device.P256, replacements[i].Certificate, replacements[i].TargetCell,
                        path, rootKey, rootSki, applyTime, now, _device.IssuerSignatures, relax, out certificates[i], out verifies);
                    _device.CountSignatureVerifications(verifies);
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
            if (!allValid && _device.HasDefect(SeededDefect.PartialCs02b))
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
            if (_device.HasDefect(SeededDefect.IgnoreFloorSeqNumber))
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
