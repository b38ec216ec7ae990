using System.Diagnostics;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Link;
using TrustAnchor.Firmware.Provisioning;

namespace TrustAnchor.DeviceApp
{
    /// <summary>
    /// A dev board standing in for a meter or Comms Hub: the device link (firmware/docs/device-link.md) over the
    /// frame UART — and over TCP on an ESP32 built with /p:Wifi=true (ESP32_WIFI) — served by the firmware's
    /// DeviceLinkServer, the same code the simulator's reference device runs. Board constants (UART, baud, store
    /// geometry, Wi-Fi) come from the board profile (BoardProfile.g.cs). Prints its identity at boot on the debug port.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            BoardSetup.ConfigurePins();
            BoardFiles.EnsureFolder();
            var flash = new DriveFlashStorage(BoardFiles.StoreFolder, BoardProfile.StoreBlockSize, BoardProfile.StoreBlockCount);

            FactoryFile factory = null;
            try
            {
                factory = BoardFiles.ReadFactory();
            }
            catch (PackException e)
            {
                Debug.WriteLine("factory: " + BoardFiles.FactoryPath + " refused: " + e.Message);
            }

            BoardDevice device;
            try
            {
                device = new BoardDevice(flash, factory);
            }
            catch (TrustAnchorException e)
            {
                // A pack the firmware refuses, or a device type the board profile does not allow, leaves the store
                // untouched; the board waits for a good factory file.
                Debug.WriteLine("factory: " + e.Message);
                device = new BoardDevice(flash, null);
            }

            if (!device.IsReady)
            {
                Debug.WriteLine("trustanchor: no factory file; waiting for FACTORY on the link");
            }

#if ESP32_WIFI
            WifiLink.Start(device);
#endif
            var uart = new UartChannel(BoardProfile.FrameLinkPort, BoardProfile.FrameLinkBaud);
            var server = new DeviceLinkServer(device, true, 500, new DebugLinkLog());
            Debug.WriteLine("trustanchor: device link on " + BoardProfile.FrameLinkPort + " at " + BoardProfile.FrameLinkBaud.ToString()
                + " baud (" + BoardProfile.Name + ", " + BoardProfile.NanoFrameworkTarget + ")");
            while (true)
            {
                // Serve returns only when the UART fails; sends READY again when it comes back.
                server.Serve(uart);
            }
        }
    }
}
