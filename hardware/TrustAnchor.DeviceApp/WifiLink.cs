#if ESP32_WIFI
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using nanoFramework.Networking;
using TrustAnchor.Firmware.Link;

namespace TrustAnchor.DeviceApp
{
    /// <summary>
    /// ESP32 only, built with /p:Wifi=true (ESP32_WIFI): joins the Wi-Fi network of the board profile (boards/<Board>.json, wifi) and serves the device link on TCP
    /// (one connection at a time, as the simulator's reference device), beside the UART link. Needs the
    /// nanoFramework.System.Net and nanoFramework.System.Device.Wifi packages (hardware/README.md).
    /// </summary>
    public static class WifiLink
    {
        public static void Start(BoardDevice device)
        {
            if (BoardProfile.WifiSsid.Length == 0)
            {
                Debug.WriteLine("wifi: no SSID configured, TCP link off");
                return;
            }

            if (!WifiNetworkHelper.ConnectDhcp(BoardProfile.WifiSsid, BoardProfile.WifiPassword, requiresDateTime: false))
            {
                Debug.WriteLine("wifi: could not join " + BoardProfile.WifiSsid + ", TCP link off");
                return;
            }

            var thread = new Thread(() => Serve(device));
            thread.Start();
        }

        private static void Serve(BoardDevice device)
        {
            var server = new DeviceLinkServer(device, false, 2000, new DebugLinkLog());
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Any, BoardProfile.TcpLinkPort));
            listener.Listen(1);
            Debug.WriteLine("wifi: device link on tcp://<board address>:" + BoardProfile.TcpLinkPort.ToString());
            while (true)
            {
                Socket client = listener.Accept();
                var channel = new TcpChannel(client);
                server.Serve(channel);
                channel.Close();
            }
        }
    }
}
#endif
