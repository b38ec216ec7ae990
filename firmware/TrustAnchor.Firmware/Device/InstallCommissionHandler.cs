using System;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.Han;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// The Install &amp; Commission commands a device takes over the WAN: CCS01 Add Device to CHF Device Log (Comms
    /// Hub), the CS03 joins (CS03A1 / CS03B on an ESME or GSME, CS03A2 on a PPMID) and ECS70 Set Clock (ESME). Each
    /// runs the same checks as the security-credential commands: ACB MAC, the requester among the profile's
    /// <see cref="DeviceProfile.InstallRoles"/> (0x8F30 for another Known Remote Party, 0x8F3D for a stranger), its
    /// counter (0x8F53 when not above), its signature (0x8F3D), then the payload; only then does anything change.
    /// </summary>
    internal sealed class InstallCommissionHandler
    {
        /// <summary>Rows in a meter's join table (devices it has been told it works with) [inferred].</summary>
        internal const int JoinTableSize = 8;

        private readonly GbcsDevice _device;
        private readonly byte[][] _joined = new byte[JoinTableSize][];
        private int _joinedCount;

        internal InstallCommissionHandler(GbcsDevice device)
        {
            _device = device;
        }

        internal int JoinedCount
        {
            get { return _joinedCount; }
        }

        /// <summary>Row <paramref name="index"/> of the join table: the other device's EUI-64 then its device type (9 bytes, a copy).</summary>
        internal byte[] Joined(int index)
        {
            byte[] copy = new byte[JoinDevice.Size];
            Array.Copy(_joined[index], 0, copy, 0, copy.Length);
            return copy;
        }

        /// <summary>True when this device type takes <paramref name="messageCode"/>.</summary>
        internal bool Handles(int messageCode)
        {
            DeviceType type = _device.Identity.DeviceType;
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

        internal byte[] Handle(GbcsMessage message)
        {
            int code = message.MessageCode;
            string what = Name(code);
            TrustAnchorState state = _device.Store.Current;

            // 3. MAC; 4. payload structure (read before anything is decided, changed after every check).
            _device.VerifyAcbMac(message, state);
            AddDeviceToDeviceLog add = null;
            JoinDevice join = null;
            SetClock clock = null;
            try
            {
                if (code == InstallMessageCodes.AddDeviceToDeviceLog)
                {
                    add = AddDeviceToDeviceLog.Parse(message);
                }
                else if (code == InstallMessageCodes.SetClockOnEsme)
                {
                    clock = SetClock.Parse(message);
                }
                else
                {
                    join = JoinDevice.Parse(message);
                }
            }
            catch (TrustAnchorException e)
            {
                throw new CommandRejection(ProcessingStep.Payload, 0, what + " payload: " + e.Message);
            }

            // 5-7. Who sent it, its counter, its signature.
            TrustAnchorCellIdentifier requester = _device.FindRequester(message, state, _device.Profile.InstallRoles, what);
            _device.Authenticate(message, state, requester, what);

            // 8. Validation; 9. execute. A refusal on the content is answered (the sender is authenticated) and changes nothing.
            int status;
            if (add != null)
            {
                status = CheckAdd(add);
            }
            else if (join != null)
            {
                status = _joinedCount < JoinTableSize || IndexOfJoined(join.OtherDeviceId) >= 0 ? InstallCommandStatus.Success : InstallCommandStatus.JoinTableFull;
            }
            else
            {
                status = InstallCommandStatus.Success;
            }

            if (status != InstallCommandStatus.Success)
            {
                byte[] refusal = _device.BuildResponse(message, new byte[] { (byte)status });
                throw new CommandRejection(ProcessingStep.Validation, what + " refused: status " + status.ToString(), refusal, null);
            }

            _device.TakeCounter(state, requester.Role, message.OriginatorCounter);
            string done;
            if (add != null)
            {
                byte[] key = InstallCodes.LinkKey(add.InstallCode, 0, add.InstallCode.Length);
                _device.DeviceLog.Add(add.DeviceId, key, _device.Now);
                Array.Clear(key, 0, key.Length);
                done = "CCS01: device added to the Device Log";
            }
            else if (join != null)
            {
                Join(join);
                done = what + ": joined with the other device";
            }
            else
            {
                IAdjustableDeviceClock adjustable = _device.Clock as IAdjustableDeviceClock;
                if (adjustable != null)
                {
                    adjustable.Set(clock.Utc);
                }

                done = "ECS70: clock set";
            }

            _device.Decide(ProcessingStep.Executed, true, done, null);
            return _device.BuildResponse(message, new byte[] { InstallCommandStatus.Success });
        }

        private int CheckAdd(AddDeviceToDeviceLog add)
        {
            DeviceLog log = _device.DeviceLog;
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

        private void Join(JoinDevice join)
        {
            byte[] row = join.Encode();
            int i = IndexOfJoined(join.OtherDeviceId);
            if (i >= 0)
            {
                _joined[i] = row;
            }
            else
            {
                _joined[_joinedCount++] = row;
            }
        }

        private int IndexOfJoined(byte[] eui64)
        {
            for (int i = 0; i < _joinedCount; i++)
            {
                bool same = true;
                for (int k = 0; k < 8; k++)
                {
                    if (_joined[i][k] != eui64[k])
                    {
                        same = false;
                        break;
                    }
                }

                if (same)
                {
                    return i;
                }
            }

            return -1;
        }

        private static string Name(int code)
        {
            switch (code)
            {
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
    }
}
