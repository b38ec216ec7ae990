using System.Diagnostics;
using TrustAnchor.Firmware.Link;

namespace TrustAnchor.DeviceApp
{
    /// <summary>Link events to the debug/deploy port (COM1 on an ESP32).</summary>
    public sealed class DebugLinkLog : ILinkLog
    {
        public void Write(string line)
        {
            Debug.WriteLine(line);
        }
    }
}
