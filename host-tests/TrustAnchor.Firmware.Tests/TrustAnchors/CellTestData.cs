using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Tests.TrustAnchors;

/// <summary>Random but well-formed cells and states for the cell and store tests (keys need not be on the curve here).</summary>
internal static class CellTestData
{
    public static readonly DeviceType[] DeviceTypes = { DeviceType.Esme, DeviceType.Gsme, DeviceType.CommsHub, DeviceType.Ppmid };

    public static byte[] Bytes(Random rng, int count)
    {
        var b = new byte[count];
        rng.NextBytes(b);
        return b;
    }

    public static byte[] PublicKey(Random rng)
    {
        byte[] key = Bytes(rng, 65);
        key[0] = 0x04;
        return key;
    }

    public static TrustAnchorCell Cell(Random rng, TrustAnchorCellIdentifier id) =>
        new(id, id.Role == RemotePartyRole.Root ? new byte[8] : Bytes(rng, 8), Bytes(rng, 8), PublicKey(rng));

    public static TrustAnchorState State(Random rng, DeviceType deviceType)
    {
        var set = CellSets.For(deviceType);
        return new TrustAnchorState(deviceType, set.Select(id => Cell(rng, id)).ToArray());
    }

    /// <summary>A random legal update: some cells replaced (sometimes same key, sometimes a new party), counters moved on.</summary>
    public static TrustAnchorState Update(Random rng, TrustAnchorState current)
    {
        TrustAnchorState next = current.Clone();
        int replacements = rng.Next(0, 4);
        for (int i = 0; i < replacements; i++)
        {
            TrustAnchorCell cell = next.GetCell(rng.Next(next.CellCount));
            switch (rng.Next(3))
            {
                case 0: // MP261-style re-issue: same key, same party
                    next.ReplaceCell(cell.Id, cell.EntityId, cell.SubjectKeyId, cell.PublicKey);
                    break;
                case 1: // same party, new key
                    next.ReplaceCell(cell.Id, cell.EntityId, Bytes(rng, 8), PublicKey(rng));
                    break;
                default: // new party
                    next.ReplaceCell(cell.Id, cell.Id.Role == RemotePartyRole.Root ? new byte[8] : Bytes(rng, 8), Bytes(rng, 8), PublicKey(rng));
                    break;
            }
        }

        for (int i = 0; i < next.RemotePartyCount; i++)
        {
            var role = next.GetRemotePartyRole(i);
            if (next.IsPartyChanged(role) && rng.Next(2) == 0)
            {
                next.SetSequenceNumber(role, (ulong)rng.Next(0, 1000)); // new party's floor
            }
            else if (rng.Next(2) == 0)
            {
                next.SetSequenceNumber(role, next.GetSequenceNumber(role) + (ulong)rng.Next(1, 1_000_000));
            }
        }

        if (rng.Next(2) == 0)
        {
            next.SetTopUpSequenceNumber(next.TopUpSequenceNumber + (ulong)rng.Next(1, 100));
        }

        return next;
    }
}
