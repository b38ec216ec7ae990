using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Simulator.Scenarios;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Simulator.Dcc;

/// <summary>
/// Which Known Remote Party the DCC signs a command as, and whose key MACs it: chosen from what the inventory says
/// the device's cells hold, so a device that changed Supplier is addressed by its new Supplier.
/// </summary>
public static class CommandParties
{
    private static readonly CellKey AcbCell = new((int)FwRole.AccessControlBroker, DccCommands.KeyUsageKa, (int)CellUsage.Management);

    /// <summary>The party holding the device's management DS cell for <paramref name="role"/>.</summary>
    public static RemoteParty Holding(PartyDirectory parties, DeviceRecord device, int role) =>
        parties.Get(device.Expected[new CellKey(role, DccCommands.KeyUsageDs, (int)CellUsage.Management)].Party);

    /// <summary>The role a device takes its own commands from: the WAN Provider on the hub, the Supplier on a meter [inferred].</summary>
    public static int RequesterRole(DeviceRecord device) => device.Kind == DeviceKinds.CommsHub ? (int)FwRole.WanProvider : (int)FwRole.Supplier;

    /// <summary>The party a device takes I&amp;C and own-credential commands from, unless the step names a signer.</summary>
    public static RemoteParty Requester(PartyDirectory parties, DeviceRecord device, string? signer) =>
        signer is not null ? parties.Get(signer) : Holding(parties, device, RequesterRole(device));

    /// <summary>The ACB whose key the DCC believes the device holds (the MAC must be from it).</summary>
    public static RemoteParty AcbFor(PartyDirectory parties, DeviceRecord device) =>
        parties.Get(device.Expected.TryGetValue(AcbCell, out var holder) ? holder.Party : PartyNames.Acb);
}
