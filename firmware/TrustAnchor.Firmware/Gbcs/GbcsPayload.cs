using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>Checks shared by the payload codecs: the frame carries the expected Message Code.</summary>
    internal static class GbcsPayload
    {
        internal static void Expect(GbcsMessage message, int messageCode, string what)
        {
            if (message == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no message");
            }

            if (message.MessageCode != messageCode)
            {
                throw new GbcsFormatException(GbcsError.WrongMessageCode,
                    "message code 0x" + message.MessageCode.ToString("X4") + " is not " + what + " (0x" + messageCode.ToString("X4") + ")");
            }
        }
    }
}
