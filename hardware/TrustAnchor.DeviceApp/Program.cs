using System;
using System.Diagnostics;
using System.Threading;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Storage;

namespace TrustAnchor.DeviceApp
{
    /// <summary>
    /// A dev board standing in for a meter or Comms Hub: GBCS frames arrive over a UART (the simulator's
    /// length-prefixed framing), go through the firmware's GbcsDevice, and responses and alerts go back.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            BoardSetup.ConfigurePins();
            BoardFiles.EnsureFolder();

            // The store first: a power cut during the last update is resolved here, before any frame is read.
            var flash = new DriveFlashStorage(BoardFiles.StoreFolder, BoardSetup.StoreBlockSize, BoardSetup.StoreBlockCount);
            TrustAnchorStore store = TrustAnchorStore.Open(flash);
            if (store.RecoveryReport != null)
            {
                Debug.WriteLine("store: " + store.RecoveryReport);
            }

            DeviceIdentity identity = BoardFiles.ReadIdentity();
            if (!store.IsProvisioned)
            {
                // First start after flashing: load the manufacturing pack the factory step copied to I:.
                FactoryStep.Provision(store, identity);
            }

            var entropy = new BoardEntropy();
            var device = new GbcsDevice(identity, store, new BoardClock(), entropy, BoardFiles.LoadOrCreateCredentials(entropy));
            var link = new UartFrameLink(BoardSetup.FrameLinkPort, BoardSetup.FrameLinkBaud);
            Debug.WriteLine("trustanchor: device ready");

            while (true)
            {
                byte[] frame = link.Receive(250);
                DeviceOutput output;
                try
                {
                    if (frame != null)
                    {
                        output = device.Process(frame);
                    }
                    else
                    {
                        device.Tick();
                        output = device.Poll();
                    }
                }
                catch (TrustAnchorException e)
                {
                    // Process() answers bad frames with alerts itself; this is a fault of the board set-up.
                    Debug.WriteLine("trustanchor: " + e.Message);
                    Thread.Sleep(100);
                    continue;
                }

                if (output.HasResponse)
                {
                    link.Send(output.Response);
                }

                for (int i = 0; i < output.Alerts.Length; i++)
                {
                    link.Send(output.Alerts[i]);
                }
            }
        }
    }
}
