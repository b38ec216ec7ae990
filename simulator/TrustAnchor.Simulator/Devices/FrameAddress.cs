using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;

namespace TrustAnchor.Simulator.Devices;

/// <summary>Reads who a frame is for, as a Comms Hub routing it would; null when the frame does not parse.</summary>
public static class FrameAddress
{
    public static string? TargetOf(byte[] frame)
    {
        try
        {
            return Convert.ToHexString(GbcsMessage.Parse(frame).TargetId);
        }
        catch (TrustAnchorException)
        {
            return null;
        }
    }
}
