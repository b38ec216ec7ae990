using System;
using System.Diagnostics;
using System.Threading;
using TrustAnchor.Firmware.Board;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Storage;
using TrustAnchor.Firmware.TrustAnchors;

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
            var flash = new DriveFlashStorage(BoardFiles.StoreFolder, BoardProfile.StoreBlockSize, BoardProfile.StoreBlockCount);
            TrustAnchorStore store = TrustAnchorStore.Open(flash);
            if (store.RecoveryReport != null)
            {
                Debug.WriteLine("store: " + store.RecoveryReport);
            }

            DeviceIdentity identity = BoardFiles.ReadIdentity();
            if (!BoardProfile.AllowsDeviceType(identity.DeviceType))
            {
                // The profile says which device types fit this board (heap, flash): refuse before touching the store.
                Debug.WriteLine("trustanchor: " + BoardProfile.Name + " cannot stand in for " + DeviceType.Name(identity.DeviceType)
                    + " (profile allows " + BoardProfile.DeviceRoles + ")");
                return;
            }

            if (!store.IsProvisioned)
            {
                // First start after flashing: load the manufacturing pack the factory step copied to I:.
                FactoryStep.Provision(store, identity);
            }

            var entropy = new BoardEntropy();
            // The native AES and HMAC-SHA256 of nanoFramework.System.Security.Cryptography (mbedTLS) under the GBCS MAC
            // and the signing nonces, once they give the known answers; the rest of the cryptography is the firmware's own.
            ISymmetricCryptoProvider crypto = new NativeSymmetricCrypto();
            if (!SymmetricSelfTest.Passes(crypto))
            {
                Debug.WriteLine("trustanchor: native AES/HMAC missing or wrong in this image, using the managed ones");
                crypto = ManagedSymmetricCrypto.Instance;
            }

            var device = new GbcsDevice(identity, store, new BoardClock(), entropy, BoardFiles.LoadOrCreateCredentials(entropy), crypto);
            var link = new UartFrameLink(BoardProfile.FrameLinkPort, BoardProfile.FrameLinkBaud);
            Debug.WriteLine("trustanchor: " + DeviceType.Name(identity.DeviceType) + " ready on " + BoardProfile.Name
                + " (" + BoardProfile.NanoFrameworkTarget + "), frames on " + BoardProfile.FrameLinkPort);

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
