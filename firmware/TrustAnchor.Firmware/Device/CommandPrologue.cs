using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// Steps 3–7 of firmware/docs/device-processing.md, written once: the ACB MAC, the payload, the requester and
    /// its authority, its counter, its signature. <see cref="Admit"/> runs them all for the ACB-MAC'd, signed
    /// commands (CS02a/c/d/e, CCS01, CS03, ECS70); CS02b, whose authority depends on its mode, calls the same
    /// steps one by one. Each failed step throws the <see cref="CommandRejection"/> the table names; nothing here
    /// changes state.
    /// </summary>
    internal sealed class CommandPrologue
    {
        private readonly CommandVerifier _verifier;
        private readonly DeviceProfile _profile;
#if SEEDED_DEFECTS
        private int _defects;
#endif

        internal CommandPrologue(CommandVerifier verifier, DeviceProfile profile)
        {
            _verifier = verifier;
            _profile = profile;
        }

        /// <summary>The checks' cryptography, for a handler that needs the device's P-256 context too (CS02c signs its request).</summary>
        internal CommandVerifier Verifier
        {
            get { return _verifier; }
        }

#if SEEDED_DEFECTS
        /// <summary>The device's seeded defects (accept-equal-counter is the one met here).</summary>
        internal int Defects
        {
            get { return _defects; }
            set { _defects = value; }
        }

#endif
        /// <summary>
        /// Steps 3–7 for an ACB-MAC'd, signed command: MAC, payload (returned in <paramref name="payload"/>, by
        /// Message Code), the requester's DS cell (named in the CS02a payload; found by Originator ID among the
        /// profile's roles otherwise), originator, counter, signature. Returns the requester's cell.
        /// </summary>
        internal TrustAnchorCellIdentifier Admit(GbcsMessage message, TrustAnchorState state, out object payload)
        {
            int code = message.MessageCode;
            string what = CommandName(code);

            // 3. MAC; 4. payload structure.
            _verifier.VerifyAcbMac(message, state);
            payload = ReadPayload(message, code, what);

            // 5. The requester and its authority.
            TrustAnchorCellIdentifier requester;
            ProvideSecurityCredentialsDetails details = payload as ProvideSecurityCredentialsDetails;
            if (details != null)
            {
                requester = details.AuthorisingRemotePartyCell;
                if (requester == null || !DeviceProfile.Contains(_profile.DetailsRoles, requester.Role)
                    || !requester.Equals(requester.Role, TrustAnchorCellIdentifier.KeyUsageDigitalSignature, CellUsage.Management))
                {
                    throw new CommandRejection(ProcessingStep.Authority, GbcsAlertCodes.SourceLacksAuthority,
                        (requester == null ? "no cell" : requester.ToString()) + " may not ask for " + what);
                }
            }
            else
            {
                requester = FindRequester(message, state, IsInstallCommand(code) ? _profile.InstallRoles : _profile.CredentialsRoles, what);
            }

            // 5–7. Originator, counter, signature.
            Authenticate(message, state, requester, what);
            return requester;
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
            if ((_defects & SeededDefect.AcceptEqualCounter) != 0)
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
            _verifier.VerifySignature(message, cell);
        }

        /// <summary>Step 3: the Access Control Broker's MAC.</summary>
        internal void VerifyAcbMac(GbcsMessage message, TrustAnchorState state)
        {
            _verifier.VerifyAcbMac(message, state);
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

            RequireOriginator(message, state, cell, what);
            CheckCounter(message, state, id.Role);
            _verifier.VerifySignature(message, cell);
            return cell;
        }

        /// <summary>The requester's DS cell among <paramref name="roles"/>, found by Originator ID.</summary>
        internal static TrustAnchorCellIdentifier FindRequester(GbcsMessage message, TrustAnchorState state, RemotePartyRole[] roles, string what)
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
                    RequireOriginator(message, state, cell, what);
                }
            }

            throw new CommandRejection(ProcessingStep.Authority, GbcsAlertCodes.SourceLacksAuthority, "no party on this device may send " + what);
        }

        /// <summary>The use case's name as alerts and decisions give it (CS02a, CCS01, CS03A1, ...).</summary>
        internal static string CommandName(int code)
        {
            switch (code)
            {
                case GbcsMessageCodes.ProvideSecurityCredentialsDetails:
                    return "CS02a";
                case GbcsMessageCodes.IssueSecurityCredentials:
                    return "CS02c";
                case GbcsMessageCodes.UpdateDeviceCertificates:
                    return "CS02d";
                case GbcsMessageCodes.ProvideDeviceCertificates:
                    return "CS02e";
                case InstallMessageCodes.AddDeviceToDeviceLog:
                    return "CCS01";
                case InstallMessageCodes.MethodAJoinMeter:
                    return "CS03A1";
                case InstallMessageCodes.MethodAJoinNonMeter:
                    return "CS03A2";
                case InstallMessageCodes.MethodBJoin:
                    return "CS03B";
                default:
                    return "ECS70";
            }
        }

        private static bool IsInstallCommand(int code)
        {
            return code == InstallMessageCodes.AddDeviceToDeviceLog || code == InstallMessageCodes.SetClockOnEsme || InstallMessageCodes.IsJoin(code);
        }

        /// <summary>Step 4: the payload the Message Code calls for; a payload that does not parse is malformed (silence).</summary>
        private static object ReadPayload(GbcsMessage message, int code, string what)
        {
            try
            {
                switch (code)
                {
                    case GbcsMessageCodes.ProvideSecurityCredentialsDetails:
                        return ProvideSecurityCredentialsDetails.Parse(message);
                    case GbcsMessageCodes.IssueSecurityCredentials:
                        return IssueSecurityCredentials.Parse(message);
                    case GbcsMessageCodes.UpdateDeviceCertificates:
                        return UpdateDeviceCertificate.Parse(message);
                    case GbcsMessageCodes.ProvideDeviceCertificates:
                        return ProvideDeviceCertificate.Parse(message);
                    case InstallMessageCodes.AddDeviceToDeviceLog:
                        return AddDeviceToDeviceLog.Parse(message);
                    case InstallMessageCodes.SetClockOnEsme:
                        return SetClock.Parse(message);
                    default:
                        return JoinDevice.Parse(message);
                }
            }
            catch (TrustAnchorException e)
            {
                throw new CommandRejection(ProcessingStep.Payload, 0, what + " payload: " + e.Message);
            }
        }
    }
}
