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
    /// key and carries the ACB MAC; the requester must be in the device profile's role list.
    /// </summary>
    internal sealed class CredentialsHandler
    {
        private readonly GbcsDevice _device;

        internal CredentialsHandler(GbcsDevice device)
        {
            _device = device;
        }

        internal byte[] HandleDetails(GbcsMessage message)
        {
            TrustAnchorState state = _device.Store.Current;
            _device.VerifyAcbMac(message, state);

            ProvideSecurityCredentialsDetails command;
            try
            {
                command = ProvideSecurityCredentialsDetails.Parse(message);
            }
            catch (TrustAnchorException e)
            {
                throw new CommandRejection(ProcessingStep.Payload, 0, "CS02a payload: " + e.Message);
            }

            TrustAnchorCellIdentifier id = command.AuthorisingRemotePartyCell;
            if (id == null || !DeviceProfile.Contains(_device.Profile.DetailsRoles, id.Role)
                || !id.Equals(id.Role, TrustAnchorCellIdentifier.KeyUsageDigitalSignature, CellUsage.Management))
            {
                throw new CommandRejection(ProcessingStep.Authority, GbcsAlertCodes.SourceLacksAuthority,
                    (id == null ? "no cell" : id.ToString()) + " may not ask for CS02a");
            }

            TrustAnchorCell cell = _device.Authenticate(message, state, id, "CS02a");
            ulong counter = message.OriginatorCounter;
            TrustAnchorState next = _device.TakeCounter(state, id.Role, counter);

            RemotePartyRole[] roles = command.Roles;
            RemotePartyCredentials[] parties = new RemotePartyCredentials[roles.Length];
            for (int i = 0; i < roles.Length; i++)
            {
                parties[i] = Describe(next, roles[i]);
            }

            _device.Decide(ProcessingStep.Executed, true, "CS02a for " + RemotePartyRoles.Name(id.Role), null);
            return _device.BuildResponse(message, new ProvideSecurityCredentialsDetailsResponse(parties).Encode());
        }

        /// <summary>CS02c: a fresh key pair for the asked usage; the PKCS#10 request signed by it is the response.</summary>
        internal byte[] HandleIssue(GbcsMessage message)
        {
            TrustAnchorState state = _device.Store.Current;
            _device.VerifyAcbMac(message, state);
            IssueSecurityCredentials command;
            try
            {
                command = IssueSecurityCredentials.Parse(message);
            }
            catch (TrustAnchorException e)
            {
                throw new CommandRejection(ProcessingStep.Payload, 0, "CS02c payload: " + e.Message);
            }

            TrustAnchorCellIdentifier requester = _device.FindRequester(message, state, _device.Profile.CredentialsRoles, "CS02c");
            _device.Authenticate(message, state, requester, "CS02c");
            KeyUsage usage = RequireDeviceKeyUsage(command.KeyUsage, "CS02c");

            P256KeyPair pair = P256KeyPair.Generate(_device.Entropy);
            byte[] csr = Pkcs10Builder.Build(pair.PublicKey, _device.Identity.Eui64, usage, _device.Profile.HardwareModuleType, new KeyPairSigner(pair, _device.SymmetricCrypto, _device.P256));
            _device.TakeCounter(state, requester.Role, message.OriginatorCounter);
            _device.Credentials.SetPending(usage, pair);
            _device.Decide(ProcessingStep.Executed, true, "CS02c: new " + UsageName(usage) + " key pair awaiting its certificate", null);
            return _device.BuildResponse(message, new IssueSecurityCredentialsResponse(csr).Encode());
        }

        /// <summary>CS02d: install the Device Certificate for the pending (or current) key pair of its usage.</summary>
        internal byte[] HandleUpdateDeviceCertificates(GbcsMessage message)
        {
            TrustAnchorState state = _device.Store.Current;
            _device.VerifyAcbMac(message, state);
            UpdateDeviceCertificate command;
            try
            {
                command = UpdateDeviceCertificate.Parse(message);
            }
            catch (TrustAnchorException e)
            {
                throw new CommandRejection(ProcessingStep.Payload, 0, "CS02d payload: " + e.Message);
            }

            TrustAnchorCellIdentifier requester = _device.FindRequester(message, state, _device.Profile.CredentialsRoles, "CS02d");
            _device.Authenticate(message, state, requester, "CS02d");

            Certificate certificate;
            P256KeyPair pair;
            UpdateDeviceCertificateResult result = CheckDeviceCertificate(command.Certificate, out certificate, out pair);
            if (result != UpdateDeviceCertificateResult.Success)
            {
                byte[] refusal = _device.BuildResponse(message, new UpdateDeviceCertificateResponse(result).Encode());
                throw new CommandRejection(ProcessingStep.Validation, "CS02d refused: result " + ((int)result).ToString(), refusal, null);
            }

            _device.TakeCounter(state, requester.Role, message.OriginatorCounter);
            byte[] der = new byte[certificate.Length];
            System.Array.Copy(certificate.Der, certificate.Offset, der, 0, der.Length);
            _device.Credentials.Install((KeyUsage)certificate.KeyUsage, der, pair);
            _device.Decide(ProcessingStep.Executed, true, "CS02d: " + UsageName((KeyUsage)certificate.KeyUsage) + " Device Certificate installed", null);
            return _device.BuildResponse(message, new UpdateDeviceCertificateResponse(UpdateDeviceCertificateResult.Success).Encode());
        }

        /// <summary>CS02e: the Device Certificate of the asked usage.</summary>
        internal byte[] HandleProvideDeviceCertificates(GbcsMessage message)
        {
            TrustAnchorState state = _device.Store.Current;
            _device.VerifyAcbMac(message, state);
            ProvideDeviceCertificate command;
            try
            {
                command = ProvideDeviceCertificate.Parse(message);
            }
            catch (TrustAnchorException e)
            {
                throw new CommandRejection(ProcessingStep.Payload, 0, "CS02e payload: " + e.Message);
            }

            TrustAnchorCellIdentifier requester = _device.FindRequester(message, state, _device.Profile.CredentialsRoles, "CS02e");
            _device.Authenticate(message, state, requester, "CS02e");
            KeyUsage usage = RequireDeviceKeyUsage(command.KeyUsage, "CS02e");
            byte[] certificate = _device.Credentials.Certificate(usage);
            if (certificate == null)
            {
                // Nothing to return: the response format has no "absent", so the device stays silent and keeps the counter unspent.
                throw new CommandRejection(ProcessingStep.Validation, 0, "CS02e: no " + UsageName(usage) + " Device Certificate installed");
            }

            _device.TakeCounter(state, requester.Role, message.OriginatorCounter);
            _device.Decide(ProcessingStep.Executed, true, "CS02e: " + UsageName(usage) + " Device Certificate returned", null);
            return _device.BuildResponse(message, new ProvideDeviceCertificateResponse(certificate).Encode());
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
            if (serial == null || !_device.Identity.Matches(serial, 0) || serial.Length != DeviceIdentity.Eui64Length)
            {
                return UpdateDeviceCertificateResult.WrongDeviceIdentity;
            }

            KeyUsage usage = (KeyUsage)certificate.KeyUsage;
            if (usage != DeviceCredentials.DigitalSignature && usage != DeviceCredentials.KeyAgreement)
            {
                return UpdateDeviceCertificateResult.WrongKeyUsage;
            }

            P256KeyPair pending = _device.Credentials.Pending(usage);
            if (pending != null && certificate.PublicKeyEquals(pending.PublicKey))
            {
                pair = pending;
                return UpdateDeviceCertificateResult.Success;
            }

            P256KeyPair current = _device.Credentials.Current(usage);
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
