using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// The authorisation rule of one CS02b CredentialsReplacementMode: who authorises it, how the frame must be
    /// protected, and which Trust Anchor Cells it may replace. Pure data; the table is
    /// <see cref="ReplacementModeRules"/> and firmware/docs/device-processing.md shows it.
    /// </summary>
    public sealed class ReplacementModeRule
    {
        public ReplacementModeRule(CredentialsReplacementMode mode, string name, RemotePartyRole authorisingRole, KeyUsage authorisingKeyUsage,
            bool signed, bool acbMac, TrustAnchorCellIdentifier[] targets, bool anyCell, bool rootReplaceable,
            RemotePartyRole newPartyRole, bool otherSeqNumberChangesAllowed, bool contingencyKey, bool inferred)
        {
            Mode = mode;
            Name = name;
            AuthorisingRole = authorisingRole;
            AuthorisingKeyUsage = authorisingKeyUsage;
            Signed = signed;
            AcbMac = acbMac;
            _targets = Copy(targets);
            AnyCell = anyCell;
            RootReplaceable = rootReplaceable;
            NewPartyRole = newPartyRole;
            OtherSeqNumberChangesAllowed = otherSeqNumberChangesAllowed;
            ContingencyKey = contingencyKey;
            Inferred = inferred;
        }

        /// <summary>CredentialsReplacementMode value (Message Code 0x0100 + mode).</summary>
        public CredentialsReplacementMode Mode { get; private set; }

        /// <summary>The GBCS name, e.g. "supplierBySupplier".</summary>
        public string Name { get; private set; }

        /// <summary>Remote Party Role whose cell authorises the command.</summary>
        public RemotePartyRole AuthorisingRole { get; private set; }

        /// <summary>Key usage of the authorising cell: digitalSignature for signed modes, keyAgreement for the ACB.</summary>
        public KeyUsage AuthorisingKeyUsage { get; private set; }

        /// <summary>True when the Grouping Header must carry the authoriser's signature.</summary>
        public bool Signed { get; private set; }

        /// <summary>True when the frame must carry a MAC Header with the Access Control Broker's MAC.</summary>
        public bool AcbMac { get; private set; }

        // The rules are shared by every device (ReplacementModeRules): the rule keeps its own copy, hands out copies.
        private readonly TrustAnchorCellIdentifier[] _targets;

        /// <summary>Cells the mode may replace, when not <see cref="AnyCell"/> (a copy).</summary>
        public TrustAnchorCellIdentifier[] Targets
        {
            get { return Copy(_targets); }
        }

        /// <summary>True when every cell the device holds may be replaced (subject to <see cref="RootReplaceable"/>).</summary>
        public bool AnyCell { get; private set; }

        /// <summary>True when the root cell may be replaced.</summary>
        public bool RootReplaceable { get; private set; }

        /// <summary>
        /// Role whose sequence number <c>newRemotePartyFloorSeqNumber</c> sets; -1 when it follows from the replaced
        /// cells (recovery and contingency: allowed only if all replaced cells belong to one non-root role); -2 when
        /// the mode has no new party (root replacement) and the field must be absent.
        /// </summary>
        public RemotePartyRole NewPartyRole { get; private set; }

        /// <summary>True when <c>otherRemotePartySeqNumberChanges</c> may be present.</summary>
        public bool OtherSeqNumberChangesAllowed { get; private set; }

        /// <summary>True when the command must carry <c>plaintextSymmetricKey</c> (and only then may it).</summary>
        public bool ContingencyKey { get; private set; }

        /// <summary>True for rules that are our reading rather than quoted GBCS (modes 0 and 1).</summary>
        public bool Inferred { get; private set; }

        /// <summary>True when this mode may replace <paramref name="cell"/> (the device's cell set is checked separately).</summary>
        public bool MayReplace(TrustAnchorCellIdentifier cell)
        {
            if (cell == null)
            {
                return false;
            }

            if (cell.Role == RemotePartyRole.Root)
            {
                return RootReplaceable;
            }

            if (AnyCell)
            {
                return true;
            }

            for (int i = 0; i < _targets.Length; i++)
            {
                if (_targets[i].Equals(cell))
                {
                    return true;
                }
            }

            return false;
        }

        private static TrustAnchorCellIdentifier[] Copy(TrustAnchorCellIdentifier[] cells)
        {
            TrustAnchorCellIdentifier[] copy = new TrustAnchorCellIdentifier[cells == null ? 0 : cells.Length];
            for (int i = 0; i < copy.Length; i++)
            {
                copy[i] = cells[i];
            }

            return copy;
        }
    }
}
