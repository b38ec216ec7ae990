using System;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// ECS70 Set Clock on ESME (0x0062). Payload (our layout, gbcs-framing.md, **[inferred]**): the time to set as a
    /// 12-byte DLMS date-time (UTC, deviation 0). Response: one status octet.
    /// </summary>
    public sealed class SetClock
    {
        public SetClock(DateTime utc)
        {
            Utc = utc;
        }

        public DateTime Utc { get; private set; }

        public byte[] Encode()
        {
            return DlmsDateTime.Encode(Utc);
        }

        public static SetClock Parse(GbcsMessage message)
        {
            GbcsPayload.Expect(message, InstallMessageCodes.SetClockOnEsme, "ECS70 command");
            return Parse(message.Frame, message.ContentOffset, message.ContentLength);
        }

        public static SetClock Parse(byte[] payload, int offset, int length)
        {
            GbcsDer.CheckView(payload, offset, length);
            DateTime utc;
            if (length != DlmsDateTime.Size || !DlmsDateTime.TryDecode(payload, offset, out utc))
            {
                throw new GbcsFormatException(GbcsError.BadPayload, "ECS70 payload is a 12-byte DLMS date-time");
            }

            return new SetClock(utc);
        }
    }
}
