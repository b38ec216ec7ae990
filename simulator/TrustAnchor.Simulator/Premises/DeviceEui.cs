using TrustAnchor.Simulator.Scenarios;

namespace TrustAnchor.Simulator.Premises;

/// <summary>
/// EUI-64s for a run: 70-B3-D5 (an IEEE block used in examples), 00, the premises number, the device slot (the
/// Comms Hub's slot ends in 1). Traces and keystores rely on bytes 4-6 naming the premises.
/// </summary>
public static class DeviceEui
{
    public static byte[] For(int premises, string kind, int slot) =>
        [0x70, 0xB3, 0xD5, 0x00, (byte)(premises >> 16), (byte)(premises >> 8), (byte)premises, (byte)(0x10 * (slot + 1) + (kind == DeviceKinds.CommsHub ? 1 : 0))];
}
