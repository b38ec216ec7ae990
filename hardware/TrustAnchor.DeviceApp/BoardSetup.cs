#if ESP32
using nanoFramework.Hardware.Esp32;
#endif

namespace TrustAnchor.DeviceApp
{
    /// <summary>
    /// Applies the board profile (BoardProfile.g.cs, generated from ../boards/&lt;Board&gt;.json) to the hardware.
    /// </summary>
    public static class BoardSetup
    {
        // ESP32 built with ESP32_WIFI: the network to join and the device link's TCP port. Set before flashing;
        // an empty SSID leaves the TCP link off (the UART link is always on).
        public const string WifiSsid = "";
        public const string WifiPassword = "";
        public const int TcpLinkPort = 4059;

        public static void ConfigurePins()
        {
#if ESP32
            // ESP32 routes any UART to any GPIO: the frame-link UART's pins come from the profile. COM1 stays the
            // deploy/debug port.
            Configuration.SetPinFunction(BoardProfile.FrameLinkTxGpio, BoardProfile.FrameLinkTxFunction);
            Configuration.SetPinFunction(BoardProfile.FrameLinkRxGpio, BoardProfile.FrameLinkRxFunction);
#endif
            // STM32 targets fix their UART pins in the firmware image; the profile names them
            // (BoardProfile.FrameLinkTxPin / FrameLinkRxPin) for wiring.
        }
    }
}
