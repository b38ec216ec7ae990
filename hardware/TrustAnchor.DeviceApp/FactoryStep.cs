using System.Diagnostics;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Provisioning;
using TrustAnchor.Firmware.Storage;

namespace TrustAnchor.DeviceApp
{
    /// <summary>
    /// First start after flashing: load the manufacturing pack into the empty store. A pack that is
    /// incomplete or invalid is refused as a whole (PackException names the cell), the store stays empty and
    /// the board halts here rather than run with empty Trust Anchor Cells.
    /// </summary>
    public static class FactoryStep
    {
        public static void Provision(TrustAnchorStore store, DeviceIdentity identity)
        {
            byte[] pack = BoardFiles.ReadAll(BoardFiles.PackPath);
            FactoryProvisioning.Provision(store, pack, identity.DeviceType);
            Debug.WriteLine("factory: store provisioned from " + BoardFiles.PackPath);
        }
    }
}
