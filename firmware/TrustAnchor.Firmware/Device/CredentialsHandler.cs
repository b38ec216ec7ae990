using TrustAnchor.Firmware.Certificates;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// CS02a (report cells and counters) and the device's own credentials: CS02c (new key pair, PKCS#10),
    /// CS02d (install the Device Certificate) and CS02e (return it). Each is signed by the requesting party's DS
    /// key and carries the ACB MAC; the requester must be in the device profile's role list. All four pass
    /// <see cref="CommandPrologue.Admit"/> and return a <see cref="CommandDecision"/>: the state to commit (the
    /// requester's counter taken) and, for CS02c/d, the key pair or certificate the device keeps once committed.
    /// </summary>
    internal sealed class CredentialsHandler
    {
        private readonly CommandPrologue _prologue;
        private readonly DeviceIdentity _identity;
        private readonly DeviceProfile _profile;
        private readonly DeviceCredentials _credentials;
        private readonly IEntropySource _entropy;
        private readonly ISymmetricCryptoProvider _crypto;

        /// <summary>
        /// <paramref name="credentials"/> are read here and changed only by the device, after it commits; the entropy
        /// and <paramref name="crypto"/> make CS02c's key pair and sign its request.
        /// </summary>
        internal CredentialsHandler(CommandPrologue prologue, DeviceIdentity identity, DeviceProfile profile, DeviceCredentials credentials,
            IEntropySource entropy, ISymmetricCryptoProvider crypto)
        {
            _prologue = prologue;
            _identity = identity;
            _profile = profile;
            _credentials = credentials;
            _entropy = entropy;
            _crypto = crypto;
        }

        /// <summary>CS02a: the asked parties' cells and sequence numbers, as they stand once the requester's counter is taken.</summary>
        internal CommandDecision HandleDetails(GbcsMessage message, TrustAnchorState state)
        {
            object payload;
            TrustAnchorCellIdentifier id = _prologue.Admit(message, state, out payload);
            ProvideSecurityCredentialsDetails command = (ProvideSecurityCredentialsDetails)payload;
            TrustAnchorState next = TakeCounter(state, id.Role, message.OriginatorCounter);

            RemotePartyRole[] roles = command.Roles;
            RemotePartyCredentials[] parties = new RemotePartyCredentials[roles.Length];
            for (int i = 0; i < roles.Length; i++)
            {
                parties[i] = Describe(next, roles[i]);
            }

            return CommandDecision.Accept(next, new ProvideSecurityCredentialsDetailsResponse(parties).Encode(),
                "CS02a for " + RemotePartyRoles.Name(id.Role), null);
        }

        /// <summary>CS02c: a fresh key pair for the asked usage; the PKCS#10 request signed by it is the response.</summary>
        internal CommandDecision HandleIssue(GbcsMessage message, TrustAnchorState state)
        {
            object payload;
            TrustAnchorCellIdentifier requester = _prologue.Admit(message, state, out payload);
            KeyUsage usage = RequireDeviceKeyUsage(((IssueSecurityCredentials)payload).KeyUsage, "CS02c");

            P256KeyPair pair = P256KeyPair.Generate(_entropy);
            byte[] csr = Pkcs10Builder.Build(pair.PublicKey, _identity.Eui64, usage, _profile.HardwareModuleType, new KeyPairSigner(pair, _crypto, _prologue.Verifier.P256));
            TrustAnchorState next = TakeCounter(state, requester.Role, message.OriginatorCounter);
            return CommandDecision.Accept(next, new IssueSecurityCredentialsResponse(csr).Encode(),
                "CS02c: new " + UsageName(usage) + " key pair awaiting its certificate", null).WithPendingKeyPair(usage, pair);
        }

        /// <summary>CS02d: install the Device Certificate for the pending (or current) key pair of its usage.</summary>
        internal CommandDecision HandleUpdateDeviceCertificates(GbcsMessage message, TrustAnchorState state)
        {
            object payload;
            TrustAnchorCellIdentifier requester = _prologue.Admit(message, state, out payload);

            Certificate certificate;
            P256KeyPair pair;
            UpdateDeviceCertificateResult result = CheckDeviceCertificate(((UpdateDeviceCertificate)payload).Certificate, out certificate, out pair);
            if (result != UpdateDeviceCertificateResult.Success)
            {
                return CommandDecision.Refuse(ProcessingStep.Validation, "CS02d refused: result " + ((int)result).ToString(),
                    new UpdateDeviceCertificateResponse(result).Encode(), null);
            }

            TrustAnchorState next = TakeCounter(state, requester.Role, message.OriginatorCounter);
            byte[] der = new byte[certificate.Length];
            System.Array.Copy(certificate.Der, certificate.Offset, der, 0, der.Length);
            return CommandDecision.Accept(next, new UpdateDeviceCertificateResponse(UpdateDeviceCertificateResult.Success).Encode(),
                "CS02d: " + UsageName((KeyUsage)certificate.KeyUsage) + " Device Certificate installed", null).WithDeviceCertificate((KeyUsage)certificate.KeyUsage, der, pair);
        }

        /// <summary>CS02e: the Device Certificate of the asked usage.</summary>
        internal CommandDecision HandleProvideDeviceCertificates(GbcsMessage message, TrustAnchorState state)
        {
            object payload;
            TrustAnchorCellIdentifier requester = _prologue.Admit(message, state, out payload);
            KeyUsage usage = RequireDeviceKeyUsage(((ProvideDeviceCertificate)payload).KeyUsage, "CS02e");
            byte[] certificate = _credentials.Certificate(usage);
            if (certificate == null)
            {
                // Nothing to return: the response format has no "absent", so the device stays silent and keeps the counter unspent.
                return CommandDecision.Refuse(ProcessingStep.Validation, "CS02e: no " + UsageName(usage) + " Device Certificate installed", null, null);
            }

            TrustAnchorState next = TakeCounter(state, requester.Role, message.OriginatorCounter);
            return CommandDecision.Accept(next, new ProvideDeviceCertificateResponse(certificate).Encode(),
                "CS02e: " + UsageName(usage) + " Device Certificate returned", null);
        }

        /// <summary>The state an accepted command commits: the snapshot with the requester's counter taken.</summary>
        private static TrustAnchorState TakeCounter(TrustAnchorState state, RemotePartyRole role, ulong counter)
        {
            TrustAnchorState next = state.Clone();
            next.SetSequenceNumber(role, counter);
            return next;
        }

        /// <summary>CS02d checks in order; results as <see cref="UpdateDeviceCertificateResult"/>.</summary>
        private UpdateDeviceCertificateResult CheckDeviceCertificate(DerView view, out Certificate certificate, out P256KeyPair pair)
        {
            pair = null;
            try
            {
                certificate = Certificate.Parse(view.Buffer, view.Offset, view.Length);
                if (CertificateProfile.CheckDevice(certificate).Length != 0)
                {
                    return UpdateDeviceCertificateResult.BadCertificate;
                }
            }
            catch (TrustAnchorException)
            {
                certificate = null;
                return UpdateDeviceCertificateResult.BadCertificate;
            }

            byte[] serial = certificate.HardwareModuleSerial;
            if (serial == null || !_identity.Matches(serial, 0) || serial.Length != DeviceIdentity.Eui64Length)
            {
                return UpdateDeviceCertificateResult.WrongDeviceIdentity;
            }

            KeyUsage usage = (KeyUsage)certificate.KeyUsage;
            if (usage != DeviceCredentials.DigitalSignature && usage != DeviceCredentials.KeyAgreement)
            {
                return UpdateDeviceCertificateResult.WrongKeyUsage;
            }

            P256KeyPair pending = _credentials.Pending(usage);
            if (pending != null && certificate.PublicKeyEquals(pending.PublicKey))
            {
                pair = pending;
                return UpdateDeviceCertificateResult.Success;
            }

            P256KeyPair current = _credentials.Current(usage);
            if (current != null && certificate.PublicKeyEquals(current.PublicKey))
            {
                pair = current;
                return UpdateDeviceCertificateResult.Success;
            }

            return pending == null ? UpdateDeviceCertificateResult.NoPendingKeyPair : UpdateDeviceCertificateResult.PublicKeyMismatch;
        }

        private static KeyUsage RequireDeviceKeyUsage(KeyUsage keyUsage, string what)
        {
            if (keyUsage != DeviceCredentials.DigitalSignature && keyUsage != DeviceCredentials.KeyAgreement)
            {
                throw new CommandRejection(ProcessingStep.Payload, 0, what + ": key usage must be digitalSignature or keyAgreement");
            }

            return keyUsage;
        }

        private static string UsageName(KeyUsage keyUsage)
        {
            return keyUsage == DeviceCredentials.DigitalSignature ? "DS" : "KA";
        }

        private static RemotePartyCredentials Describe(TrustAnchorState state, RemotePartyRole role)
        {
            int count = 0;
            for (int i = 0; i < state.CellCount; i++)
            {
                if (state.GetCell(i).Id.Role == role)
                {
                    count++;
                }
            }

            if (count == 0)
            {
                return new RemotePartyCredentials(role, ReplacementStatus.TrustAnchorNotFound, 0, new CellCredentials[0]);
            }

            CellCredentials[] cells = new CellCredentials[count];
            int k = 0;
            for (int i = 0; i < state.CellCount; i++)
            {
                TrustAnchorCell cell = state.GetCell(i);
                if (cell.Id.Role == role)
                {
                    cells[k++] = new CellCredentials(cell.Id.KeyUsage, cell.Id.CellUsage, cell.EntityId, cell.SubjectKeyId);
                }
            }

            ulong seq = state.HasRemoteParty(role) ? state.GetSequenceNumber(role) : 0;
            return new RemotePartyCredentials(role, ReplacementStatus.Success, seq, cells);
        }
    }
}
