using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.Han;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// The Install &amp; Commission commands a device takes over the WAN: CCS01 Add Device to CHF Device Log (Comms
    /// Hub), the CS03 joins (CS03A1 / CS03B on an ESME or GSME, CS03A2 on a PPMID) and ECS70 Set Clock (ESME). Each
    /// runs the same checks as the security-credential commands (<see cref="CommandPrologue.Admit"/>): ACB MAC, the
    /// payload, the requester among the profile's <see cref="DeviceProfile.InstallRoles"/> (0x8F30 for another Known
    /// Remote Party, 0x8F3D for a stranger), its counter (0x8F53 when not above), its signature (0x8F3D); then the
    /// content. It returns a <see cref="CommandDecision"/>: the device commits the counter, then writes the Device
    /// Log row, the join-table row or the clock.
    /// </summary>
    internal sealed class InstallCommissionHandler
    {
        private readonly CommandPrologue _prologue;
        private readonly DeviceType _deviceType;

        internal InstallCommissionHandler(CommandPrologue prologue, DeviceType deviceType)
        {
            _prologue = prologue;
            _deviceType = deviceType;
        }

        /// <summary>True when this device type takes <paramref name="messageCode"/>.</summary>
        internal bool Handles(int messageCode)
        {
            DeviceType type = _deviceType;
            switch (messageCode)
            {
                case InstallMessageCodes.AddDeviceToDeviceLog:
                    return type == DeviceType.CommsHub;
                case InstallMessageCodes.MethodAJoinMeter:
                case InstallMessageCodes.MethodBJoin:
                    return type == DeviceType.Esme || type == DeviceType.Gsme;
                case InstallMessageCodes.MethodAJoinNonMeter:
                    return type == DeviceType.Ppmid;
                case InstallMessageCodes.SetClockOnEsme:
                    return type == DeviceType.Esme;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Decides <paramref name="message"/> against <paramref name="state"/> (not changed), the hub's Device Log (null on
        /// other devices) and the meter's join table (both read only).
        /// </summary>
        internal CommandDecision Handle(GbcsMessage message, TrustAnchorState state, DeviceLog deviceLog, JoinTable joins)
        {
            int code = message.MessageCode;
            string what = CommandPrologue.CommandName(code);

            // 3-7. MAC, payload, who sent it, its counter, its signature.
            object payload;
            TrustAnchorCellIdentifier requester = _prologue.Admit(message, state, out payload);
            AddDeviceToDeviceLog add = payload as AddDeviceToDeviceLog;
            JoinDevice join = payload as JoinDevice;

            // 8. Validation. A refusal on the content is answered (the sender is authenticated) and changes nothing.
            int status;
            if (add != null)
            {
                status = CheckAdd(add, deviceLog);
            }
            else if (join != null)
            {
                status = joins.HasRoomFor(join.OtherDeviceId) ? InstallCommandStatus.Success : InstallCommandStatus.JoinTableFull;
            }
            else
            {
                status = InstallCommandStatus.Success;
            }

            if (status != InstallCommandStatus.Success)
            {
                return CommandDecision.Refuse(ProcessingStep.Validation, what + " refused: status " + status.ToString(), new byte[] { (byte)status }, null);
            }

            // 9. The counter is taken; once committed, the device writes the row or the clock.
            TrustAnchorState next = state.Clone();
            next.SetSequenceNumber(requester.Role, message.OriginatorCounter);
            byte[] response = new byte[] { InstallCommandStatus.Success };
            if (add != null)
            {
                return CommandDecision.Accept(next, response, "CCS01: device added to the Device Log", null).WithDeviceLogEntry(add.DeviceId, add.InstallCode);
            }

            if (join != null)
            {
                return CommandDecision.Accept(next, response, what + ": joined with the other device", null).WithJoinRow(join.Encode());
            }

            return CommandDecision.Accept(next, response, "ECS70: clock set", null).WithClock(((SetClock)payload).Utc);
        }

        private static int CheckAdd(AddDeviceToDeviceLog add, DeviceLog log)
        {
            if (log == null || log.WouldOverflow(add.DeviceId))
            {
                return InstallCommandStatus.DeviceLogFull;
            }

            try
            {
                InstallCodes.LinkKey(add.InstallCode, 0, add.InstallCode.Length);
            }
            catch (HanException)
            {
                return InstallCommandStatus.BadInstallCode;
            }

            return InstallCommandStatus.Success;
        }
    }
}
