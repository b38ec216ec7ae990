namespace TrustAnchor.Firmware.Link
{
    /// <summary>Message kinds of the device link, wire protocol v1 (firmware/docs/device-link.md).</summary>
    public static class LinkMessageKind
    {
        /// <summary>Both ways: one whole GBCS frame (a command to the device; a response or an alert from it).</summary>
        public const int Frame = 0x01;

        /// <summary>Host to device, empty body: power-cycle now (drop RAM state, reopen the store from flash).</summary>
        public const int Restart = 0x02;

        /// <summary>Device to host: device type (1 byte) then EUI-64 (8 bytes); on connect and after every RESTART.</summary>
        public const int Ready = 0x03;

        /// <summary>Device to host, empty body: every FRAME for the last FRAME received has been sent.</summary>
        public const int Done = 0x04;

        /// <summary>Host to device: a factory file (firmware/docs/factory-file.md) for a device that has none yet.</summary>
        public const int Factory = 0x05;

        /// <summary>Either way: UTF-8 text; the link stays usable unless the sender closes it.</summary>
        public const int Error = 0x7F;

        /// <summary>A short name for logs ("FRAME", "READY", … or "0xNN").</summary>
        public static string Name(int kind)
        {
            switch (kind)
            {
                case Frame: return "FRAME";
                case Restart: return "RESTART";
                case Ready: return "READY";
                case Done: return "DONE";
                case Factory: return "FACTORY";
                case Error: return "ERROR";
                default: return "0x" + kind.ToString("X2");
            }
        }
    }
}
