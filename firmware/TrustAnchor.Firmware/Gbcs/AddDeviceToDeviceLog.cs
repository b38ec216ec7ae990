using System;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// CCS01 Add Device to CHF Device Log (0x0001). Payload (our layout, gbcs-framing.md, **[inferred]** from the
    /// SR 8.11 data items): the device's EUI-64 (8 bytes), the install code's length including its CRC (1 byte:
    /// 8, 10, 14 or 18), the install code with its CRC-16/X.25. Response: one status octet (<see cref="InstallCommandStatus"/>).
    /// </summary>
    public sealed class AddDeviceToDeviceLog
    {
        public AddDeviceToDeviceLog(byte[] deviceId, byte[] installCodeWithCrc)
        {
            if (deviceId == null || deviceId.Length != 8)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "CCS01: the device ID is an EUI-64 (8 bytes)");
            }

            if (installCodeWithCrc == null || installCodeWithCrc.Length < 3 || installCodeWithCrc.Length > 255)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "CCS01: install code length out of range");
            }

            DeviceId = Copy(deviceId, 0, 8);
            InstallCode = Copy(installCodeWithCrc, 0, installCodeWithCrc.Length);
        }

        public byte[] DeviceId { get; private set; }

        /// <summary>The install code with its two CRC bytes (checked by the hub, not by this codec).</summary>
        public byte[] InstallCode { get; private set; }

        public byte[] Encode()
        {
            byte[] payload = new byte[9 + InstallCode.Length];
            Array.Copy(DeviceId, 0, payload, 0, 8);
            payload[8] = (byte)InstallCode.Length;
            Array.Copy(InstallCode, 0, payload, 9, InstallCode.Length);
            return payload;
        }

        public static AddDeviceToDeviceLog Parse(GbcsMessage message)
        {
            GbcsPayload.Expect(message, InstallMessageCodes.AddDeviceToDeviceLog, "CCS01 command");
            return Parse(message.Frame, message.ContentOffset, message.ContentLength);
        }

        public static AddDeviceToDeviceLog Parse(byte[] payload, int offset, int length)
        {
            GbcsDer.CheckView(payload, offset, length);
            if (length < 9 || payload[offset + 8] != length - 9 || length - 9 < 3)
            {
                throw new GbcsFormatException(GbcsError.BadPayload, "CCS01 payload: EUI-64, install code length, install code");
            }

            return new AddDeviceToDeviceLog(Copy(payload, offset, 8), Copy(payload, offset + 9, length - 9));
        }

        private static byte[] Copy(byte[] source, int offset, int length)
        {
            byte[] copy = new byte[length];
            Array.Copy(source, offset, copy, 0, length);
            return copy;
        }
    }
}
