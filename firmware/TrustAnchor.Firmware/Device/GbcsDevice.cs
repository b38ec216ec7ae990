using System;
using System.Collections;
using TrustAnchor.Firmware.Certificates;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.Han;
using TrustAnchor.Firmware.Storage;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// A GBCS device (ESME, GSME, CHF or PPMID) as far as security credentials go: it takes a received frame,
    /// decides who sent it and whether that party may do this, and returns the response frame and any alerts.
    /// </summary>
    /// <remarks>
    /// Checks run in a fixed order (firmware/docs/device-processing.md): framing → addressed to me → MAC →
    /// payload → known remote party and its authority → anti-replay → signature → payload and certificate
    /// validation → execute. The first failure ends processing with the alert that fits and changes nothing;
    /// only a fully valid command commits a new <see cref="TrustAnchorState"/>, in one <see cref="TrustAnchorStore.Commit"/>.
    /// The handlers decide (given the state snapshot, the clock and the verifier, they return a <see cref="CommandDecision"/>);
    /// only the device commits, signs the response and alerts, and changes its own parts (credentials, Device Log,
    /// join table, clock, pending executions), after the commit has succeeded.
    /// Not thread-safe: one frame at a time, as a device's command handler runs.
    /// </remarks>
    public sealed class GbcsDevice
    {
        private readonly DeviceIdentity _identity;
        private readonly TrustAnchorStore _store;
        private readonly IDeviceClock _clock;
        private readonly IEntropySource _entropy;
        private readonly DeviceCredentials _credentials;
        private readonly DeviceProfile _profile;
        private readonly DeviceSigner _signer;
        private readonly ISymmetricCryptoProvider _crypto;
        private readonly P256Context _p256;
        private readonly ArrayList _pending = new ArrayList();
        private readonly ArrayList _queuedAlerts = new ArrayList();
        private readonly JoinTable _joins = new JoinTable();
        private readonly CommandVerifier _verifier;
        private readonly CommandPrologue _prologue;
        private readonly UpdateSecurityCredentialsHandler _cs02b;
        private readonly CredentialsHandler _credentialsHandler;
        private readonly InstallCommissionHandler _install;
        private DeviceLog _deviceLog;
        private ulong _deviceCounter;
        private int _malformedFrames;
        private DateTime _alertWindowStart;
        private int _alertsInWindow;
        private bool _alertsSuppressed;
        private DeviceDecision _lastDecision;
#if SEEDED_DEFECTS
        private int _defects;
#endif

        /// <summary>A device whose own DS and KA key pairs are generated from <paramref name="entropy"/>.</summary>
        public GbcsDevice(DeviceIdentity identity, TrustAnchorStore store, IDeviceClock clock, IEntropySource entropy)
            : this(identity, store, clock, entropy, null)
        {
        }

        /// <summary>A device with given credentials (null: generate DS and KA key pairs from <paramref name="entropy"/>).</summary>
        public GbcsDevice(DeviceIdentity identity, TrustAnchorStore store, IDeviceClock clock, IEntropySource entropy, DeviceCredentials credentials)
            : this(identity, store, clock, entropy, credentials, ManagedSymmetricCrypto.Instance)
        {
        }

        /// <summary>
        /// As above, the GBCS MAC's AES block and the signing nonces' HMAC-SHA256 run by <paramref name="crypto"/>
        /// (a board passes one over nanoFramework's native cryptography; the default is <see cref="ManagedSymmetricCrypto"/>).
        /// </summary>
        public GbcsDevice(DeviceIdentity identity, TrustAnchorStore store, IDeviceClock clock, IEntropySource entropy, DeviceCredentials credentials,
            ISymmetricCryptoProvider crypto)
            : this(identity, store, clock, entropy, credentials, crypto, new P256Context())
        {
        }

        /// <summary>
        /// As above, every P-256 verification, signature and key agreement of the device run in <paramref name="p256"/>,
        /// which the device owns from now on (a board's has no host tables; a simulator's consults the host's shared
        /// tables). One device, one context: the device handles one command at a time.
        /// </summary>
        public GbcsDevice(DeviceIdentity identity, TrustAnchorStore store, IDeviceClock clock, IEntropySource entropy, DeviceCredentials credentials,
            ISymmetricCryptoProvider crypto, P256Context p256)
        {
            if (identity == null || store == null || clock == null || entropy == null)
            {
                throw new DeviceException(DeviceError.InvalidConfiguration, "a device needs an identity, a store, a clock and an entropy source");
            }

            if (crypto == null)
            {
                throw new DeviceException(DeviceError.InvalidConfiguration, "a device needs a symmetric crypto provider");
            }

            if (p256 == null)
            {
                throw new DeviceException(DeviceError.InvalidConfiguration, "a device needs a P-256 context");
            }

            if (store.IsProvisioned && store.Current.DeviceType != identity.DeviceType)
            {
                throw new DeviceException(DeviceError.InvalidConfiguration, "the store holds the cells of another device type");
            }

            _identity = identity;
            _store = store;
            _clock = clock;
            _entropy = entropy;
            _credentials = credentials ?? DeviceCredentials.Generate(entropy);
            _profile = DeviceProfile.For(identity.DeviceType);
            _crypto = crypto;
            _p256 = p256;
            _signer = new DeviceSigner(_credentials, crypto, p256);
            _verifier = new CommandVerifier(_credentials, crypto, p256);
            _prologue = new CommandPrologue(_verifier, _profile);
            _cs02b = new UpdateSecurityCredentialsHandler(_prologue, _verifier, _profile, _credentials, clock);
            _credentialsHandler = new CredentialsHandler(_prologue, identity, _profile, _credentials, entropy, crypto);
            _install = new InstallCommissionHandler(_prologue, identity.DeviceType);
            _lastDecision = new DeviceDecision(0, 0, false, "nothing processed yet", null);
        }

        public DeviceIdentity Identity
        {
            get { return _identity; }
        }

        public DeviceCredentials Credentials
        {
            get { return _credentials; }
        }

        /// <summary>The AES and HMAC-SHA256 the device runs on (see <see cref="ISymmetricCryptoProvider"/>).</summary>
        public ISymmetricCryptoProvider SymmetricCrypto
        {
            get { return _crypto; }
        }

        public DeviceProfile Profile
        {
            get { return _profile; }
        }

        public TrustAnchorStore Store
        {
            get { return _store; }
        }

#if SEEDED_DEFECTS
        /// <summary>Seeded defects (<see cref="SeededDefect"/> flags) this device runs with; desktop build only.</summary>
        public int Defects
        {
            get { return _defects; }
            set
            {
                // Each part that carries a defect's hook gets the flags: the prologue (counter), CS02b, and the device (responses, alerts).
                _defects = value;
                _prologue.Defects = value;
                _cs02b.Defects = value;
            }
        }

        private bool HasDefect(int defect)
        {
            return (_defects & defect) != 0;
        }

#endif
        /// <summary>The Comms Hub's Device Log (CCS01 adds to it), or null on other devices and before one is attached.</summary>
        public DeviceLog DeviceLog
        {
            get { return _deviceLog; }
        }

        /// <summary>Gives a Comms Hub its Device Log (its size and join window are the hub's build choices).</summary>
        public void AttachDeviceLog(DeviceLog log)
        {
            if (log == null || _identity.DeviceType != DeviceType.CommsHub)
            {
                throw new DeviceException(DeviceError.InvalidConfiguration, "only a Comms Hub keeps a Device Log");
            }

            _deviceLog = log;
        }

        /// <summary>Devices this one has been joined with by CS03 commands.</summary>
        public int JoinedDeviceCount
        {
            get { return _joins.Count; }
        }

        /// <summary>Join table row <paramref name="index"/>: the other device's EUI-64 then its device type (9 bytes).</summary>
        public byte[] GetJoinedDevice(int index)
        {
            if (index < 0 || index >= _joins.Count)
            {
                throw new DeviceException(DeviceError.InvalidConfiguration, "no join table row " + index.ToString());
            }

            return _joins.Row(index);
        }

        /// <summary>How the last frame was dealt with.</summary>
        public DeviceDecision LastDecision
        {
            get { return _lastDecision; }
        }

        /// <summary>Future-dated CS02b commands accepted and not yet executed.</summary>
        public int PendingExecutionCount
        {
            get { return _pending.Count; }
        }

        /// <summary>ECDSA signature verifications performed so far (frames and certificate paths), for benchmarks.</summary>
        public int SignatureVerifications
        {
            get { return _verifier.SignatureVerifications; }
        }

        /// <summary>
        /// Processes one received frame. Never throws for anything in the frame: every refusal is an alert (or silence,
        /// for frames that are not for this device). Runs due future-dated executions first, and returns their 0x00CB
        /// alerts after this frame's own output.
        /// </summary>
        public DeviceOutput Process(byte[] frame)
        {
            RunDueExecutions();
            ArrayList alerts = new ArrayList();
            byte[] response = null;
            GbcsMessage message = null;
            try
            {
                if (!_store.IsProvisioned || _store.Current.DeviceType != _identity.DeviceType)
                {
                    throw new CommandRejection(ProcessingStep.Framing, 0, "device holds no trust anchors for its device type");
                }

                message = ParseCommand(frame);
                if (!_identity.Matches(message.Frame, message.TargetIdOffset))
                {
                    // Another device's frame: not ours to answer or to alert about.
                    message = null;
                    throw new CommandRejection(ProcessingStep.Addressing, 0, "Target ID is not this device");
                }

                _malformedFrames = 0;
                try
                {
                    response = Carry(message, Dispatch(message, _store.Current));
                }
                catch (TrustAnchorException e)
                {
                    // A typed input error the handlers did not classify: the command is malformed; nothing was committed.
                    throw new CommandRejection(ProcessingStep.Payload, 0, "command refused: " + e.Message);
                }
            }
            catch (CommandRejection rejection)
            {
                _lastDecision = new DeviceDecision(rejection.Step, rejection.AlertCode, false, rejection.Message, null);
                if (rejection.Step == ProcessingStep.Framing || rejection.Step == ProcessingStep.Payload && rejection.AlertCode == 0)
                {
                    CountMalformed(alerts);
                }

                if (rejection.AlertCode != 0)
                {
                    RaiseSecurityAlert(alerts, rejection.AlertCode);
                }
            }

            for (int i = 0; i < _queuedAlerts.Count; i++)
            {
                alerts.Add(_queuedAlerts[i]);
            }

            _queuedAlerts.Clear();
            return new DeviceOutput(response, ToFrames(alerts));
        }

        /// <summary>Runs the future-dated executions whose time has come; their alerts wait for <see cref="Poll"/> or the next output.</summary>
        public void Tick()
        {
            RunDueExecutions();
        }

        /// <summary>Alerts raised since the last output (future-dated execution results).</summary>
        public DeviceOutput Poll()
        {
            RunDueExecutions();
            byte[][] frames = ToFrames(_queuedAlerts);
            _queuedAlerts.Clear();
            return new DeviceOutput(null, frames);
        }

        private GbcsMessage ParseCommand(byte[] frame)
        {
            GbcsMessage message;
            try
            {
                message = GbcsMessage.Parse(frame);
            }
            catch (TrustAnchorException e)
            {
                throw new CommandRejection(ProcessingStep.Framing, 0, "frame does not parse: " + e.Message);
            }

            if (message.CraFlag != GbcsCraFlag.Command)
            {
                throw new CommandRejection(ProcessingStep.Framing, 0, "a device accepts commands only, not CRA flag " + message.CraFlag.ToString());
            }

            return message;
        }

        private CommandDecision Dispatch(GbcsMessage message, TrustAnchorState state)
        {
            int code = message.MessageCode;
            if (GbcsMessageCodes.IsUpdateSecurityCredentials(code))
            {
                return _cs02b.Handle(message, state);
            }

            switch (code)
            {
                case GbcsMessageCodes.ProvideSecurityCredentialsDetails:
                    return _credentialsHandler.HandleDetails(message, state);
                case GbcsMessageCodes.IssueSecurityCredentials:
                    return _credentialsHandler.HandleIssue(message, state);
                case GbcsMessageCodes.UpdateDeviceCertificates:
                    return _credentialsHandler.HandleUpdateDeviceCertificates(message, state);
                case GbcsMessageCodes.ProvideDeviceCertificates:
                    return _credentialsHandler.HandleProvideDeviceCertificates(message, state);
                default:
                    if (_install.Handles(code))
                    {
                        return _install.Handle(message, state, _deviceLog, _joins);
                    }

                    // A well-formed frame for a use case this device does not implement: a decision, not a format error.
                    throw new CommandRejection(ProcessingStep.UnsupportedMessageCode, 0, "message code 0x" + code.ToString("X4") + " is not a use case this device supports");
            }
        }

        /// <summary>
        /// Carries out a handler's decision: one store commit of its new state (a store that refuses it refuses the
        /// command, 0x8F53, and nothing else changes), then the device's own changes, then the signed response.
        /// </summary>
        private byte[] Carry(GbcsMessage message, CommandDecision decision)
        {
            if (decision.Next != null)
            {
                Commit(decision.Next);
                Apply(decision);
            }

            _lastDecision = decision.Record;
            return decision.ResponsePayload == null ? null : BuildResponse(message, decision.ResponsePayload);
        }

        private void Commit(TrustAnchorState next)
        {
            string failure;
            if (!TryCommit(next, out failure))
            {
                throw new CommandRejection(ProcessingStep.Validation, GbcsAlertCodes.AuthenticationFailure, failure);
            }
        }

        /// <summary>What the device changes of its own once a command's state is committed.</summary>
        private void Apply(CommandDecision decision)
        {
            if (decision.Pending != null)
            {
                AddPending(decision.Pending);
            }

            if (decision.DeviceCertificate != null)
            {
                _credentials.Install(decision.KeyUsage, decision.DeviceCertificate, decision.KeyPair);
            }
            else if (decision.KeyPair != null)
            {
                _credentials.SetPending(decision.KeyUsage, decision.KeyPair);
            }

            if (decision.LogDeviceId != null)
            {
                byte[] installCode = decision.LogInstallCode;
                byte[] key = InstallCodes.LinkKey(installCode, 0, installCode.Length);
                _deviceLog.Add(decision.LogDeviceId, key, _clock.UtcNow);
                Array.Clear(key, 0, key.Length);
            }

            if (decision.JoinRow != null)
            {
                _joins.Write(decision.JoinRow);
            }

            if (decision.SetsClock)
            {
                IAdjustableDeviceClock adjustable = _clock as IAdjustableDeviceClock;
                if (adjustable != null)
                {
                    adjustable.Set(decision.ClockUtc);
                }
            }
        }

        /// <summary>Commits <paramref name="next"/>; a storage failure is reported, never thrown.</summary>
        private bool TryCommit(TrustAnchorState next, out string failure)
        {
            try
            {
                _store.Commit(next);
                failure = null;
                return true;
            }
            catch (TrustAnchorException e)
            {
                failure = "store refused the new state: " + e.Message;
                return false;
            }
        }

        /// <summary>A signed response to <paramref name="command"/> (same counter and message code, back to its originator).</summary>
        private byte[] BuildResponse(GbcsMessage command, byte[] payload)
        {
            GbcsMessageBuilder b = GbcsMessageBuilder.Response(command.OriginatorCounter, _identity.Eui64, command.OriginatorId, command.MessageCode, _clock.UtcNow);
            b.SetContent(payload);
#if SEEDED_DEFECTS
            if (HasDefect(SeededDefect.UnsignedResponse))
            {
                return b.Build(null);
            }
#endif
            b.SetHasher(_p256.Sha);
            return b.Build(_signer);
        }

        /// <summary>
        /// A signed device alert to the Access Control Broker (the DCC routes it on): Message Code 0x1000 / 0x1001, payload
        /// in the device's own language (<see cref="DeviceProfile.AlertFormat"/>), event time = device time. Never addressed
        /// to the sender of a refused command: it may be exactly the party that failed to authenticate.
        /// </summary>
        private byte[] BuildAlert(int alertCode)
        {
            return GbcsAlert.BuildFrame(_profile.AlertFormat, alertCode, _clock.UtcNow, NextDeviceCounter(), _identity.Eui64, AlertTarget(null), _signer);
        }

        /// <summary>A signed 0x00CB alert for a future-dated execution, to the party that sent the command.</summary>
        private void QueueFutureDatedAlert(FutureDatedExecutionAlert alert, byte[] requester)
        {
            // No header date-time, as genuine alerts: the execution time is in the payload.
            GbcsMessageBuilder b = GbcsMessageBuilder.Alert(NextDeviceCounter(), _identity.Eui64, AlertTarget(requester),
                GbcsMessageCodes.FutureDatedUpdateSecurityCredentialsAlert);
            b.SetContent(alert.Encode());
            _queuedAlerts.Add(b.Build(_signer));
        }

        private void AddPending(PendingExecution pending)
        {
            // Kept in execution-time order so Tick runs them as they fall due.
            int i = 0;
            while (i < _pending.Count && ((PendingExecution)_pending[i]).ExecuteAt <= pending.ExecuteAt)
            {
                i++;
            }

            _pending.Insert(i, pending);
        }

        private void RunDueExecutions()
        {
            if (_pending.Count == 0)
            {
                return;
            }

            DateTime now = _clock.UtcNow;
            while (_pending.Count > 0)
            {
                PendingExecution next = (PendingExecution)_pending[0];
                if (next.ExecuteAt > now)
                {
                    break;
                }

                _pending.RemoveAt(0);
                Execute(next);
            }
        }

        /// <summary>Runs a future-dated command whose time has come (its handler decides, the device commits) and queues its 0x00CB alert.</summary>
        private void Execute(PendingExecution pending)
        {
            ReplacementEvaluation evaluation = _cs02b.Execute(pending, _store.Current);
            string failure;
            bool success = evaluation.Succeeded && TryCommit(evaluation.Next, out failure);
            int code = success ? GbcsAlertCodes.FutureDatedExecutionSucceeded : GbcsAlertCodes.FutureDatedExecutionFailed;
            QueueFutureDatedAlert(new FutureDatedExecutionAlert(code, pending.ExecuteAt, evaluation.Outcome), pending.Requester);
        }

        /// <summary>The requester when given (0x00CB results), else the Access Control Broker, i.e. the DCC [inferred].</summary>
        private byte[] AlertTarget(byte[] requester)
        {
            if (requester != null)
            {
                return requester;
            }

            try
            {
                TrustAnchorCell acb = _store.Current.FindCell(RemotePartyRole.AccessControlBroker, TrustAnchorCellIdentifier.KeyUsageKeyAgreement, CellUsage.Management);
                if (acb != null)
                {
                    return acb.EntityId;
                }
            }
            catch (TrustAnchorException)
            {
                // Unprovisioned store: fall through to the all-zero address.
            }

            return new byte[DeviceIdentity.Eui64Length];
        }

        private void CountMalformed(ArrayList alerts)
        {
            _malformedFrames++;
            if (_malformedFrames >= _profile.MalformedFrameAlertThreshold)
            {
                _malformedFrames = 0;
                RaiseSecurityAlert(alerts, GbcsAlertCodes.UnusualCommands);
            }
        }

        /// <summary>
        /// Adds a signed security alert unless this clock minute's budget is spent: a flood of bad frames must not
        /// turn the meter into a signing oracle or exhaust it. The first alert over budget becomes one 0x8F60
        /// (unusual numbers of bad commands); the rest of the minute is silent.
        /// </summary>
        private void RaiseSecurityAlert(ArrayList alerts, int alertCode)
        {
#if SEEDED_DEFECTS
            if (HasDefect(SeededDefect.WrongAlertCode))
            {
                alertCode = alertCode == GbcsAlertCodes.TrustedSourceAuthenticationFailure ? GbcsAlertCodes.AuthenticationFailure
                    : alertCode == GbcsAlertCodes.AuthenticationFailure || alertCode == GbcsAlertCodes.SourceLacksAuthority
                        ? GbcsAlertCodes.TrustedSourceAuthenticationFailure : alertCode;
            }
#endif
            DateTime now = _clock.UtcNow;
            if (now < _alertWindowStart || now >= _alertWindowStart.AddMinutes(1))
            {
                _alertWindowStart = now;
                _alertsInWindow = 0;
                _alertsSuppressed = false;
            }

            if (_alertsInWindow < _profile.SecurityAlertsPerMinute)
            {
                _alertsInWindow++;
                alerts.Add(BuildAlert(alertCode));
            }
            else if (!_alertsSuppressed)
            {
                _alertsSuppressed = true;
                alerts.Add(BuildAlert(GbcsAlertCodes.UnusualCommands));
            }
        }

        private ulong NextDeviceCounter()
        {
            _deviceCounter++;
            return _deviceCounter;
        }

        private static byte[][] ToFrames(ArrayList list)
        {
            byte[][] frames = new byte[list.Count][];
            for (int i = 0; i < frames.Length; i++)
            {
                frames[i] = (byte[])list[i];
            }

            return frames;
        }
    }
}
