using System;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// CS03A1 / CS03A2 / CS03B join commands (0x000D, 0x00AB, 0x000E): tell a device which other device on the HAN
    /// it works with. Payload (our layout, gbcs-framing.md, **[inferred]**): the other device's EUI-64 (8 bytes),
    /// then its GBCS device type (1 byte, TrustAnchors.DeviceType). Response: one status octet.
    /// </summary>
    public sealed class JoinDevice
    {
        public const int Size = 9;

        public JoinDevice(byte[] otherDeviceId, DeviceType otherDeviceType)
        {
            if (otherDeviceId == null || otherDeviceId.Length != 8)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "CS03: the other device's ID is an EUI-64 (8 bytes)");
            }

            if ((int)otherDeviceType < 0 || (int)otherDeviceType > 255)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "CS03: device type is one octet");
            }

            OtherDeviceId = new byte[8];
            Array.Copy(otherDeviceId, 0, OtherDeviceId, 0, 8);
            OtherDeviceType = otherDeviceType;
        }

        public byte[] OtherDeviceId { get; private set; }

        public DeviceType OtherDeviceType { get; private set; }

        public byte[] Encode()
        {
            byte[] payload = new byte[Size];
            Array.Copy(OtherDeviceId, 0, payload, 0, 8);
            payload[8] = (byte)OtherDeviceType;
            return payload;
        }

        public static JoinDevice Parse(GbcsMessage message)
        {
            if (!InstallMessageCodes.IsJoin(message.MessageCode))
            {
                throw new GbcsFormatException(GbcsError.WrongMessageCode, "not a CS03 join command (message code 0x" + message.MessageCode.ToString("X4") + ")");
            }

            return Parse(message.Frame, message.ContentOffset, message.ContentLength);
        }

        public static JoinDevice Parse(byte[] payload, int offset, int length)
        {
            GbcsDer.CheckView(payload, offset, length);
            if (length != Size)
            {
                throw new GbcsFormatException(GbcsError.BadPayload, "CS03 payload is an EUI-64 and a device type (9 bytes), not " + length.ToString());
            }

            byte[] id = new byte[8];
            Array.Copy(payload, offset, id, 0, 8);
            return new JoinDevice(id, (DeviceType)payload[offset + 8]);
        }
    }
}
