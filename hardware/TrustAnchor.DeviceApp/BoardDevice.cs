using System.Diagnostics;
using System.Threading;
using TrustAnchor.Firmware.Board;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Link;
using TrustAnchor.Firmware.Provisioning;
using TrustAnchor.Firmware.Storage;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.DeviceApp
{
    /// <summary>
    /// The board as the device link serves it: its identity and store from the factory file, the firmware's
    /// GbcsDevice, RESTART as a power cycle (the store reopened from flash, every RAM state dropped; the UART stays
    /// up so the host sees READY), FACTORY for a board flashed without its factory file. The UART and (ESP32) TCP
    /// links may both be served: every call holds one monitor, as a device's command handler runs one frame at a time.
    /// </summary>
    public sealed class BoardDevice : ILinkedDevice
    {
        private readonly object _gate = new object();
        private readonly DriveFlashStorage _flash;
        private FactoryFile _factory;
        private readonly ISymmetricCryptoProvider _crypto;
        private GbcsDevice _device;

        public BoardDevice(DriveFlashStorage flash, FactoryFile factory)
        {
            _flash = flash;
            _crypto = ChooseCrypto();
            _factory = factory;
            if (factory != null)
            {
                PowerUp();
            }
        }

        public bool IsReady
        {
            get { return _device != null; }
        }

        public DeviceType DeviceType
        {
            get { return _factory == null ? 0 : _factory.Identity.DeviceType; }
        }

        public byte[] Eui64
        {
            get { return _factory == null ? new byte[8] : _factory.Identity.Eui64; }
        }

        public DeviceOutput Process(byte[] frame)
        {
            Monitor.Enter(_gate);
            try
            {
                if (_device == null)
                {
                    throw new DeviceException(DeviceError.InvalidConfiguration, "no factory file loaded");
                }

                return _device.Process(frame);
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }

        public DeviceOutput Poll()
        {
            Monitor.Enter(_gate);
            try
            {
                return _device == null ? DeviceOutput.Empty : _device.Poll();
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }

        public void Restart()
        {
            Monitor.Enter(_gate);
            try
            {
                if (_factory != null)
                {
                    _device = null;
                    PowerUp();
                }
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }

        public void LoadFactory(byte[] factoryFile)
        {
            Monitor.Enter(_gate);
            try
            {
                if (_factory != null)
                {
                    throw new DeviceException(DeviceError.InvalidConfiguration, "this device already holds a factory file");
                }

                FactoryFile parsed = FactoryFile.Parse(factoryFile);
                _factory = parsed;
                try
                {
                    PowerUp();
                }
                catch (TrustAnchorException)
                {
                    // Refused (wrong type for this board, a bad pack): nothing was kept, the board stays blank.
                    _factory = null;
                    _device = null;
                    throw;
                }

                // Kept only once the store took it, so a refused file is never found again at the next boot.
                BoardFiles.WriteFactory(factoryFile);
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }

        /// <summary>
        /// The native AES and HMAC-SHA256 of nanoFramework.System.Security.Cryptography (mbedTLS) under the GBCS MAC
        /// and the signing nonces, once they give the known answers; the rest of the cryptography is the firmware's own.
        /// </summary>
        private static ISymmetricCryptoProvider ChooseCrypto()
        {
            ISymmetricCryptoProvider crypto = new NativeSymmetricCrypto();
            if (!SymmetricSelfTest.Passes(crypto))
            {
                Debug.WriteLine("trustanchor: native AES/HMAC missing or wrong in this image, using the managed ones");
                crypto = ManagedSymmetricCrypto.Instance;
            }

            return crypto;
        }

        /// <summary>
        /// Power-up: refuse a device type the board profile does not allow (before touching the store), resolve an
        /// interrupted commit, provision on first start, then the device with its keys.
        /// </summary>
        private void PowerUp()
        {
            DeviceType deviceType = _factory.Identity.DeviceType;
            if (!BoardProfile.AllowsDeviceType((int)deviceType))
            {
                // The profile says which device types fit this board (heap, flash).
                throw new DeviceException(DeviceError.InvalidConfiguration, BoardProfile.Name + " cannot stand in for "
                    + DeviceTypes.Name(deviceType) + " (profile allows " + BoardProfile.DeviceRoles + ")");
            }

            TrustAnchorStore store = TrustAnchorStore.Open(_flash);
            if (store.RecoveryReport != null)
            {
                Debug.WriteLine("store: " + store.RecoveryReport);
            }

            if (!store.IsProvisioned)
            {
                FactoryStep.Provision(store, _factory);
            }

            var entropy = new BoardEntropy();
            _device = new GbcsDevice(_factory.Identity, store, new BoardClock(), entropy, BoardFiles.LoadOrCreateCredentials(entropy), _crypto);
            Debug.WriteLine("trustanchor: " + Identity.Describe(_factory) + ", store generation " + store.Generation.ToString());
        }
    }
}
