using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Link
{
    /// <summary>
    /// What <see cref="DeviceLinkServer"/> serves: a device with its store, as the board app or the simulator's
    /// device process holds it. Failures are <see cref="Errors.TrustAnchorException"/>s; the server answers them with ERROR.
    /// </summary>
    public interface ILinkedDevice
    {
        /// <summary>True once the device has its identity and a provisioned store (a factory file was loaded).</summary>
        bool IsReady { get; }

        /// <summary>The device type (a <see cref="TrustAnchors.DeviceType"/> value); meaningful when ready.</summary>
        DeviceType DeviceType { get; }

        /// <summary>The EUI-64; meaningful when ready.</summary>
        byte[] Eui64 { get; }

        /// <summary>One received GBCS frame through the firmware: its response and alerts.</summary>
        DeviceOutput Process(byte[] frame);

        /// <summary>Alerts that fell due while the link was idle (future-dated executions).</summary>
        DeviceOutput Poll();

        /// <summary>A power cycle: drop every RAM state, reopen the store from flash.</summary>
        void Restart();

        /// <summary>Takes a factory file (identity and manufacturing pack) into flash and provisions the store.</summary>
        void LoadFactory(byte[] factoryFile);
    }
}
