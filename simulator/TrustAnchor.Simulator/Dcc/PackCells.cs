using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Smki;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Simulator.Dcc;

/// <summary>What the DCC records for a manufacturing pack's cells, and how it recognises a pack from CS02a.</summary>
public static class PackCells
{
    /// <summary>The party a pack puts in a cell, as the DCC records it.</summary>
    public static CellHolder Holder(SmkiPki smki, PackKind pack, CellKey cell)
    {
        if (cell.Role == (int)FwRole.Root)
        {
            return new CellHolder("root", new byte[8], smki.RootOca.SubjectKeyIdBytes());
        }

        var certificate = smki.PackCertificate(pack, cell.Role, cell.KeyUsage == DccCommands.KeyUsageDs ? SmkiKeyUsage.DigitalSignature : SmkiKeyUsage.KeyAgreement, cell.CellUsage);
        return new CellHolder(PartyName(cell.Role), certificate.EntityIdBytes(), certificate.SubjectKeyIdBytes());
    }

    /// <summary>The Known Remote Party a pack's cell for <paramref name="role"/> names.</summary>
    public static string PartyName(int role) => role switch
    {
        (int)FwRole.Supplier => Scenarios.PartyNames.PackSupplier,
        (int)FwRole.NetworkOperator => Scenarios.PartyNames.PackNetworkOperator,
        (int)FwRole.Recovery => Scenarios.PartyNames.Recovery,
        (int)FwRole.TransitionalCoS => Scenarios.PartyNames.TransitionalCoS,
        (int)FwRole.WanProvider => Scenarios.PartyNames.WanProvider,
        (int)FwRole.AccessControlBroker => Scenarios.PartyNames.Acb,
        _ => "role-" + role,
    };

    /// <summary>
    /// The DCC's pack look-up: a device holds a pack when every non-root cell's Entity Identifier and SKI match
    /// the pack's. The current pack is tried first; MP261 matches 2016-made devices because the keys were kept.
    /// </summary>
    public static string? Recognise(SmkiPki smki, PackKind current, ProvideSecurityCredentialsDetailsResponse details)
    {
        var kinds = current == PackKind.Mp261 ? new[] { PackKind.Mp261, PackKind.Original2016 } : [PackKind.Original2016, PackKind.Mp261];
        foreach (var kind in kinds)
        {
            var all = true;
            foreach (var party in details.Parties)
            {
                if (party.Role == FwRole.Root)
                {
                    continue;
                }

                foreach (var cell in party.Cells)
                {
                    var holder = Holder(smki, kind, new CellKey((int)party.Role, (int)cell.KeyUsage, (int)cell.CellUsage));
                    all &= holder.EntityId.AsSpan().SequenceEqual(cell.SubjectUniqueId) && holder.SubjectKeyId.AsSpan().SequenceEqual(cell.SubjectKeyIdentifier);
                }
            }

            if (all)
            {
                return kind.PackName();
            }
        }

        return null;
    }
}
