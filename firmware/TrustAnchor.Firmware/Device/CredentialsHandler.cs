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

            TrustAnchorCell cell = Authenticate(message, state, id, "CS02a");
            ulong counter = message.OriginatorCounter;
            TrustAnchorState next = TakeCounter(state, id.Role, counter);

            int[] roles = command.Roles;
            RemotePartyCredentials[] parties = new RemotePartyCredentials[roles.Length];
            for (int i = 0; i < roles.Length; i++)
            {
                parties[i] = Describe(next, roles[i]);
            }

            _device.Decide(ProcessingStep.Executed, true, "CS02a for " + RemotePartyRole.Name(id.Role), null);
            return _device.BuildResponse(message, new ProvideSecurityCredentialsDetailsResponse(parties).Encode());
        }

        internal byte[] HandleIssue(GbcsMessage message)
        {
            throw new CommandRejection(ProcessingStep.Framing, 0, "CS02c not yet supported");
        }

        internal byte[] HandleUpdateDeviceCertificates(GbcsMessage message)
        {
            throw new CommandRejection(ProcessingStep.Framing, 0, "CS02d not yet supported");
        }

        internal byte[] HandleProvideDeviceCertificates(GbcsMessage message)
        {
            throw new CommandRejection(ProcessingStep.Framing, 0, "CS02e not yet supported");
        }

        /// <summary>Steps 5–7 for a requester identified by its DS cell: originator, counter, signature.</summary>
        private TrustAnchorCell Authenticate(GbcsMessage message, TrustAnchorState state, TrustAnchorCellIdentifier id, string what)
        {
            TrustAnchorCell cell = state.FindCell(id);
            if (cell == null)
            {
                throw new CommandRejection(ProcessingStep.Authority, GbcsAlertCodes.SourceLacksAuthority,
                    "this device holds no " + id.ToString() + " cell");
            }

            GbcsDevice.RequireOriginator(message, state, cell, what);
            GbcsDevice.CheckCounter(message, state, id.Role);
            _device.VerifySignature(message, cell);
            return cell;
        }

        /// <summary>The requester's DS cell among the profile's credential roles, found by Originator ID.</summary>
        private TrustAnchorCellIdentifier FindRequester(GbcsMessage message, TrustAnchorState state, string what)
        {
            int[] roles = _device.Profile.CredentialsRoles;
            for (int i = 0; i < roles.Length; i++)
            {
                TrustAnchorCell cell = state.FindCell(roles[i], TrustAnchorCellIdentifier.KeyUsageDigitalSignature, CellUsage.Management);
                if (cell != null && message.IsFrom(cell.EntityId))
                {
                    return cell.Id;
                }
            }

            // Report against the first eligible cell so the alert distinguishes known from unknown senders.
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

        private TrustAnchorState TakeCounter(TrustAnchorState state, int role, ulong counter)
        {
            TrustAnchorState next = state.Clone();
            next.SetSequenceNumber(role, counter);
            string failure;
            if (!_device.TryCommit(next, out failure))
            {
                throw new CommandRejection(ProcessingStep.Validation, GbcsAlertCodes.AuthenticationFailure, failure);
            }

            return next;
        }

        private static RemotePartyCredentials Describe(TrustAnchorState state, int role)
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
