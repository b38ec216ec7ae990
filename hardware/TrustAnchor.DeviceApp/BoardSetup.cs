#if ESP32
using nanoFramework.Hardware.Esp32;
#endif

namespace TrustAnchor.DeviceApp
{
    /// <summary>
    /// Per-board settings, mirrored from ../boards/*.json (the nanoFramework build has no JSON reader worth
    /// its flash, so the profile is the documentation and these constants are what runs).
    /// </summary>
    public static class BoardSetup
    {
#if ESP32
        public const string FrameLinkPort = "COM2";
        public const int StoreBlockSize = 4096;
#else
        public const string FrameLinkPort = "COM6";
        public const int StoreBlockSize = 2048;
#endif
        public const int FrameLinkBaud = 115200;
        public const int StoreBlockCount = 8;

        // ESP32 built with ESP32_WIFI: the network to join and the device link's TCP port. Set before flashing;
        // an empty SSID leaves the TCP link off (the UART link is always on).
        public const string WifiSsid = "";
        public const string WifiPassword = "";
        public const int TcpLinkPort = 4059;

        public static void ConfigurePins()
        {
#if ESP32
            // ESP32-DevKitC: UART2 on GPIO17 (TX) and GPIO16 (RX); COM1 stays the deploy/debug port.
            Configuration.SetPinFunction(17, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(16, DeviceFunction.COM2_RX);
#endif
            // STM32 targets fix their UART pins in the firmware image (see the board profile).
        }
    }
}
