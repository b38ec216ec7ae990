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
        // The Issuing OCA's signature under the root, verified once rather than once per replaced cell.
        private readonly IssuerSignatureMemo _issuerSignatures = new IssuerSignatureMemo();
        private readonly UpdateSecurityCredentialsHandler _cs02b;
        private readonly CredentialsHandler _credentialsHandler;
        private readonly InstallCommissionHandler _install;
        private DeviceLog _deviceLog;
        private ulong _deviceCounter;
        private int _malformedFrames;
        private byte[] _rootKeyBytes;
        private P256PublicKey _rootKey;
        private byte[] _acbKeyForSecret;
        private byte[] _acbSharedSecret;
        private int _credentialsVersion;
        private DateTime _alertWindowStart;
        private int _alertsInWindow;
        private bool _alertsSuppressed;
        private int _signatureVerifications;
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
            _cs02b = new UpdateSecurityCredentialsHandler(this);
            _credentialsHandler = new CredentialsHandler(this);
            _install = new InstallCommissionHandler(this);
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

        /// <summary>The device's own P-256 context (working storage and scratch of its verifications and signatures).</summary>
        internal P256Context P256
        {
            get { return _p256; }
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
            set { _defects = value; }
        }

        internal bool HasDefect(int defect)
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
            get { return _install.JoinedCount; }
        }

        /// <summary>Join table row <paramref name="index"/>: the other device's EUI-64 then its device type (9 bytes).</summary>
        public byte[] GetJoinedDevice(int index)
        {
            if (index < 0 || index >= _install.JoinedCount)
            {
                throw new DeviceException(DeviceError.InvalidConfiguration, "no join table row " + index.ToString());
            }

            return _install.Joined(index);
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
            get { return _signatureVerifications; }
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
                    response = Dispatch(message);
                }
                catch (TrustAnchorException e)
                {
                    // A typed input error the handlers did not classify: the command is malformed; nothing was committed.
                    throw new CommandRejection(ProcessingStep.Payload, 0, "command refused: " + e.Message);
                }
            }
            catch (CommandRejection rejection)
            {
                _lastDecision = new DeviceDecision(rejection.Step, rejection.AlertCode, false, rejection.Message, rejection.CellStatuses);
                if (rejection.Response != null)
                {
                    response = rejection.Response;
                }

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

        private byte[] Dispatch(GbcsMessage message)
        {
            int code = message.MessageCode;
            if (GbcsMessageCodes.IsUpdateSecurityCredentials(code))
            {
                return _cs02b.Handle(message);
            }

            switch (code)
            {
                case GbcsMessageCodes.ProvideSecurityCredentialsDetails:
                    return _credentialsHandler.HandleDetails(message);
                case GbcsMessageCodes.IssueSecurityCredentials:
                    return _credentialsHandler.HandleIssue(message);
                case GbcsMessageCodes.UpdateDeviceCertificates:
                    return _credentialsHandler.HandleUpdateDeviceCertificates(message);
                case GbcsMessageCodes.ProvideDeviceCertificates:
                    return _credentialsHandler.HandleProvideDeviceCertificates(message);
                default:
                    if (_install.Handles(code))
                    {
                        return _install.Handle(message);
                    }

                    // A well-formed frame for a use case this device does not implement: a decision, not a format error.
                    throw new CommandRejection(ProcessingStep.UnsupportedMessageCode, 0, "message code 0x" + code.ToString("X4") + " is not a use case this device supports");
            }
        }

        // ---- shared checks, in the order the handlers call them ----

        /// <summary>Step 3: the Access Control Broker's MAC (key from ECDH between my KA key and the ACB KA cell).</summary>
        internal void VerifyAcbMac(GbcsMessage message, TrustAnchorState state)
        {
            if (!message.HasMac)
            {
                throw new CommandRejection(ProcessingStep.Mac, GbcsAlertCodes.TrustedSourceAuthenticationFailure, "ACB MAC missing");
            }

            TrustAnchorCell acb = state.FindCell(RemotePartyRole.AccessControlBroker, TrustAnchorCellIdentifier.KeyUsageKeyAgreement, CellUsage.Management);
            if (acb == null)
            {
                throw new CommandRejection(ProcessingStep.Mac, GbcsAlertCodes.TrustedSourceAuthenticationFailure, "device holds no ACB KA cell");
            }

            byte[] key = GbcsKdf.DeriveKey(AcbSharedSecret(acb.PublicKey), GbcsMac.BuildKdfOtherInfo(message));
            bool ok = GbcsMac.Verify(_crypto, key, message);
            Array.Clear(key, 0, key.Length);
            if (!ok)
            {
                throw new CommandRejection(ProcessingStep.Mac, GbcsAlertCodes.TrustedSourceAuthenticationFailure, "ACB MAC does not verify");
            }
        }

        /// <summary>
        /// Z = ECDH(my KA private key, ACB KA public key). Both keys are static, so Z is computed once per ACB key
        /// (a new ACB key after mode 4, or a new device KA key after CS02d, computes it again).
        /// </summary>
        private byte[] AcbSharedSecret(byte[] acbPublicKey)
        {
            if (_acbSharedSecret == null || !SameBytes(_acbKeyForSecret, acbPublicKey) || _credentialsVersion != _credentials.Version)
            {
                if (_acbSharedSecret != null)
                {
                    Array.Clear(_acbSharedSecret, 0, _acbSharedSecret.Length);
                }

                _acbSharedSecret = EcdhP256.SharedSecret(_p256, _credentials.KeyAgreementKey.PrivateKey, acbPublicKey);
                _acbKeyForSecret = new byte[acbPublicKey.Length];
                Array.Copy(acbPublicKey, 0, _acbKeyForSecret, 0, acbPublicKey.Length);
                _credentialsVersion = _credentials.Version;
            }

            return _acbSharedSecret;
        }

        /// <summary>
        /// The root cell's key, parsed once: parsing builds the verification tables, which costs as much as several
        /// verifications, and the root changes only by a root replacement.
        /// </summary>
        internal P256PublicKey RootKey(byte[] rootPublicKey)
        {
            if (_rootKey == null || !SameBytes(_rootKeyBytes, rootPublicKey))
            {
                _rootKey = P256PublicKey.Parse(rootPublicKey);
                _rootKeyBytes = new byte[rootPublicKey.Length];
                Array.Copy(rootPublicKey, 0, _rootKeyBytes, 0, rootPublicKey.Length);
            }

            return _rootKey;
        }

        /// <summary>Step 3 for signature-only framings: a MAC Header there is not what the sender may send.</summary>
        internal static void RequireNoMac(GbcsMessage message, string what)
        {
            if (message.HasMac)
            {
                throw new CommandRejection(ProcessingStep.Mac, GbcsAlertCodes.AuthenticationFailure, what + " is not MAC-protected; frame carries a MAC Header");
            }
        }

        /// <summary>
        /// Step 5: the sender must be the party in <paramref name="cell"/>. Otherwise 0x8F30 when it is another
        /// Known Remote Party (known, but without authority), 0x8F3D when it is nobody the device knows.
        /// </summary>
        internal static void RequireOriginator(GbcsMessage message, TrustAnchorState state, TrustAnchorCell cell, string what)
        {
            if (message.IsFrom(cell.EntityId))
            {
                return;
            }

            bool known = false;
            for (int i = 0; i < state.CellCount; i++)
            {
                TrustAnchorCell other = state.GetCell(i);
                if (other.Id.Role != RemotePartyRole.Root && message.IsFrom(other.EntityId))
                {
                    known = true;
                    break;
                }
            }

            throw new CommandRejection(ProcessingStep.Authority,
                known ? GbcsAlertCodes.SourceLacksAuthority : GbcsAlertCodes.TrustedSourceAuthenticationFailure,
                known ? "originator is a Known Remote Party without authority for " + what
                      : "originator is not a Known Remote Party (" + what + " needs " + cell.Id.ToString() + ")");
        }

        /// <summary>Step 6: the Originator Counter must be above the party's sequence number.</summary>
        internal void CheckCounter(GbcsMessage message, TrustAnchorState state, RemotePartyRole role)
        {
            ulong current = state.GetSequenceNumber(role);
            bool replayed = message.OriginatorCounter <= current;
#if SEEDED_DEFECTS
            if (HasDefect(SeededDefect.AcceptEqualCounter))
            {
                replayed = message.OriginatorCounter < current;
            }
#endif
            if (replayed)
            {
                throw new CommandRejection(ProcessingStep.AntiReplay, GbcsAlertCodes.AuthenticationFailure,
                    "Originator Counter " + message.OriginatorCounter.ToString() + " is not above " + RemotePartyRoles.Name(role)
                    + " sequence number " + current.ToString());
            }
        }

        /// <summary>Step 7: the Grouping Header signature by the key in <paramref name="cell"/>.</summary>
        internal void VerifySignature(GbcsMessage message, TrustAnchorCell cell)
        {
            if (!message.HasSignature)
            {
                throw new CommandRejection(ProcessingStep.Signature, GbcsAlertCodes.TrustedSourceAuthenticationFailure, "signature missing");
            }

            _signatureVerifications++;
            if (!message.VerifySignature(_p256, cell.PublicKey))
            {
                throw new CommandRejection(ProcessingStep.Signature, GbcsAlertCodes.TrustedSourceAuthenticationFailure,
                    "signature does not verify with " + cell.Id.ToString());
            }
        }

        /// <summary>Steps 5–7 for a requester identified by its DS cell: originator, counter, signature.</summary>
        internal TrustAnchorCell Authenticate(GbcsMessage message, TrustAnchorState state, TrustAnchorCellIdentifier id, string what)
        {
            TrustAnchorCell cell = state.FindCell(id);
            if (cell == null)
            {
                throw new CommandRejection(ProcessingStep.Authority, GbcsAlertCodes.SourceLacksAuthority,
                    "this device holds no " + id.ToString() + " cell");
            }

            GbcsDevice.RequireOriginator(message, state, cell, what);
            CheckCounter(message, state, id.Role);
            VerifySignature(message, cell);
            return cell;
        }

        /// <summary>The requester's DS cell among <paramref name="roles"/>, found by Originator ID.</summary>
        internal TrustAnchorCellIdentifier FindRequester(GbcsMessage message, TrustAnchorState state, RemotePartyRole[] roles, string what)
        {
            for (int i = 0; i < roles.Length; i++)
            {
                TrustAnchorCell cell = state.FindCell(roles[i], TrustAnchorCellIdentifier.KeyUsageDigitalSignature, CellUsage.Management);
                if (cell != null && message.IsFrom(cell.EntityId))
                {
                    return cell.Id;
                }
            }

            // Report against the first eligible cell so the alert tells a known party without authority from a stranger.
            for (int i = 0; i < roles.Length; i++)
            {
                TrustAnchorCell cell = state.FindCell(roles[i], TrustAnchorCellIdentifier.KeyUsageDigitalSignature, CellUsage.Management);
                if (cell != null)
                {
                    GbcsDevice.RequireOriginator(message, state, cell, what);
                }
            }

            throw new CommandRejection(ProcessingStep.Authority, GbcsAlertCodes.SourceLacksAuthority, "no party on this device may send " + what);
        }

        internal TrustAnchorState TakeCounter(TrustAnchorState state, RemotePartyRole role, ulong counter)
        {
            TrustAnchorState next = state.Clone();
            next.SetSequenceNumber(role, counter);
            string failure;
            if (!TryCommit(next, out failure))
            {
                throw new CommandRejection(ProcessingStep.Validation, GbcsAlertCodes.AuthenticationFailure, failure);
            }

            return next;
        }

        internal IssuerSignatureMemo IssuerSignatures
        {
            get { return _issuerSignatures; }
        }

        internal void CountSignatureVerifications(int count)
        {
            _signatureVerifications += count;
        }

        // ---- output ----

        internal DateTime Now
        {
            get { return _clock.UtcNow; }
        }

        internal IDeviceClock Clock
        {
            get { return _clock; }
        }

        internal IEntropySource Entropy
        {
            get { return _entropy; }
        }

        /// <summary>Commits <paramref name="next"/>; a storage failure is reported, never thrown.</summary>
        internal bool TryCommit(TrustAnchorState next, out string failure)
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

        internal void Decide(int step, bool stateChanged, string reason, int[] cellStatuses)
        {
            _lastDecision = new DeviceDecision(step, 0, stateChanged, reason, cellStatuses);
        }

        /// <summary>A signed response to <paramref name="command"/> (same counter and message code, back to its originator).</summary>
        internal byte[] BuildResponse(GbcsMessage command, byte[] payload)
        {
            GbcsMessageBuilder b = GbcsMessageBuilder.Response(command.OriginatorCounter, _identity.Eui64, command.OriginatorId, command.MessageCode, _clock.UtcNow);
            b.SetContent(payload);
#if SEEDED_DEFECTS
            if (HasDefect(SeededDefect.UnsignedResponse))
            {
                return b.Build(null);
            }
#endif
            return b.Build(_signer);
        }

        /// <summary>
        /// A signed device alert to the Access Control Broker (the DCC routes it on): Message Code 0x1000 / 0x1001, payload
        /// in the device's own language (<see cref="DeviceProfile.AlertFormat"/>), event time = device time. Never addressed
        /// to the sender of a refused command: it may be exactly the party that failed to authenticate.
        /// </summary>
        internal byte[] BuildAlert(int alertCode)
        {
            return GbcsAlert.BuildFrame(_profile.AlertFormat, alertCode, _clock.UtcNow, NextDeviceCounter(), _identity.Eui64, AlertTarget(null), _signer);
        }

        /// <summary>A signed 0x00CB alert for a future-dated execution, to the party that sent the command.</summary>
        internal void QueueFutureDatedAlert(FutureDatedExecutionAlert alert, byte[] requester)
        {
            // No header date-time, as genuine alerts: the execution time is in the payload.
            GbcsMessageBuilder b = GbcsMessageBuilder.Alert(NextDeviceCounter(), _identity.Eui64, AlertTarget(requester),
                GbcsMessageCodes.FutureDatedUpdateSecurityCredentialsAlert);
            b.SetContent(alert.Encode());
            _queuedAlerts.Add(b.Build(_signer));
        }

        internal void AddPending(PendingExecution pending)
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
                _cs02b.Execute(next);
            }
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

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
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
