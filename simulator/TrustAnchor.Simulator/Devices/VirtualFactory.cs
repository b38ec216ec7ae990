using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Provisioning;
using TrustAnchor.Firmware.Storage;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Simulator.Scenarios;

namespace TrustAnchor.Simulator.Devices;

/// <summary>
/// The meter maker's line: a blank flash part, the manufacturing pack written in by the firmware's own
/// <see cref="FactoryProvisioning"/>, then the device powered up with its identity, clock and entropy (it makes
/// its own DS and KA key pairs). Nothing here bypasses the firmware: a bad pack fails exactly as on a real line.
/// </summary>
public static class VirtualFactory
{
    public static int DeviceTypeOf(string kind) => kind switch
    {
        DeviceKinds.CommsHub => DeviceType.CommsHub,
        DeviceKinds.Esme => DeviceType.Esme,
        DeviceKinds.Gsme => DeviceType.Gsme,
        DeviceKinds.Ppmid => DeviceType.Ppmid,
        _ => throw new ArgumentException($"unknown device kind {kind}"),
    };

    public static VirtualDevice Build(string kind, byte[] eui64, byte[] packDer, DeviceFlash flash, DeviceClock clock, int entropySeed)
    {
        try
        {
            var deviceType = DeviceTypeOf(kind);
            var store = TrustAnchorStore.Open(flash.Storage);
            if (!store.IsProvisioned)
            {
                FactoryProvisioning.Provision(store, packDer, deviceType);
            }

            var device = new GbcsDevice(new DeviceIdentity(eui64, deviceType), store, clock, new SeededEntropy(entropySeed));
            return new VirtualDevice(kind, device, clock, flash);
        }
        catch
        {
            flash.Dispose();
            throw;
        }
    }
}
