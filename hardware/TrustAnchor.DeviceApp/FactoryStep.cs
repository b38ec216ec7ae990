using System.Diagnostics;
using TrustAnchor.Firmware.Provisioning;
using TrustAnchor.Firmware.Storage;

namespace TrustAnchor.DeviceApp
{
    /// <summary>
    /// First start with a factory file: load its manufacturing pack into the empty store. A pack that is
    /// incomplete or invalid is refused as a whole (PackException names the cell) and the store stays empty.
    /// </summary>
    public static class FactoryStep
    {
        public static void Provision(TrustAnchorStore store, FactoryFile factory)
        {
            FactoryProvisioning.Provision(store, factory.PackDer, factory.Identity.DeviceType);
            Debug.WriteLine("factory: store provisioned from " + BoardFiles.FactoryPath);
        }
    }
}
