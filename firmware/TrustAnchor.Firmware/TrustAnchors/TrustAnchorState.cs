namespace TrustAnchor.Firmware.TrustAnchors
{
    /// <summary>
    /// Everything a device must never lose: its full set of Trust Anchor Cells, the anti-replay sequence number
    /// of each Known Remote Party, and the Supplier's prepayment top-up sequence number.
    /// <para>
    /// Invariants: every cell of the device type's set is present (a state is never empty); counters only move
    /// forward, except that a role whose party changed (a new Entity Identifier in one of its cells since this
    /// state was created or cloned) may be set to the new party's floor (GBCS change of control).
    /// </para>
    /// <para>
    /// The state a <c>TrustAnchorStore</c> hands out is read-only; <see cref="Clone"/> it, change the clone and
    /// commit it.
    /// </para>
    /// </summary>
    public sealed class TrustAnchorState
    {
        private readonly DeviceType _deviceType;
        private readonly TrustAnchorCell[] _cells;
        private readonly byte[][] _baselineEntityIds;
        private readonly RemotePartyRole[] _roles;
        private readonly ulong[] _sequenceNumbers;
        private ulong _topUpSequenceNumber;
        private bool _readOnly;

        /// <summary>
        /// A state holding <paramref name="cells"/> (any order; exactly the cell set of the device type) with
        /// all counters at zero.
        /// </summary>
        public TrustAnchorState(DeviceType deviceType, TrustAnchorCell[] cells)
        {
            TrustAnchorCellIdentifier[] set = CellSets.For(deviceType);
            if (cells == null)
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.IncompleteCellSet, "no cells given");
            }

            TrustAnchorCell[] ordered = new TrustAnchorCell[set.Length];
            for (int i = 0; i < cells.Length; i++)
            {
                TrustAnchorCell cell = cells[i];
                if (cell == null)
                {
                    throw new TrustAnchorStateException(TrustAnchorStateError.IncompleteCellSet,
                        "cell " + i.ToString() + " is missing");
                }

                int index = CellSets.IndexOf(set, cell.Id);
                if (index < 0)
                {
                    throw new TrustAnchorStateException(TrustAnchorStateError.CellNotFound,
                        TrustAnchors.DeviceTypes.Name(deviceType) + " has no cell " + cell.Id.ToString());
                }

                if (ordered[index] != null)
                {
                    throw new TrustAnchorStateException(TrustAnchorStateError.DuplicateCell,
                        "cell " + cell.Id.ToString() + " given twice");
                }

                ordered[index] = cell;
            }

            for (int i = 0; i < set.Length; i++)
            {
                if (ordered[i] == null)
                {
                    throw new TrustAnchorStateException(TrustAnchorStateError.IncompleteCellSet,
                        "cell " + set[i].ToString() + " is empty");
                }
            }

            _deviceType = deviceType;
            _cells = ordered;
            _roles = RemotePartyRoles(set);
            _sequenceNumbers = new ulong[_roles.Length];
            _baselineEntityIds = new byte[ordered.Length][];
            for (int i = 0; i < ordered.Length; i++)
            {
                _baselineEntityIds[i] = ordered[i].EntityId;
            }
        }

        private TrustAnchorState(TrustAnchorState source)
        {
            _deviceType = source._deviceType;
            _cells = new TrustAnchorCell[source._cells.Length];
            System.Array.Copy(source._cells, 0, _cells, 0, _cells.Length);
            _roles = source._roles;
            _sequenceNumbers = new ulong[source._sequenceNumbers.Length];
            System.Array.Copy(source._sequenceNumbers, 0, _sequenceNumbers, 0, _sequenceNumbers.Length);
            _topUpSequenceNumber = source._topUpSequenceNumber;
            _baselineEntityIds = new byte[_cells.Length][];
            for (int i = 0; i < _cells.Length; i++)
            {
                _baselineEntityIds[i] = _cells[i].EntityId;
            }
        }

        public DeviceType DeviceType { get { return _deviceType; } }

        public bool IsReadOnly { get { return _readOnly; } }

        public int CellCount { get { return _cells.Length; } }

        /// <summary>Cell by position in the device type's cell set (<see cref="CellSets.For"/> order).</summary>
        public TrustAnchorCell GetCell(int index)
        {
            if (index < 0 || index >= _cells.Length)
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.CellNotFound,
                    "cell index " + index.ToString() + " out of range");
            }

            return _cells[index];
        }

        /// <summary>The cell named by <paramref name="id"/>, or null when the device has no such cell.</summary>
        public TrustAnchorCell FindCell(TrustAnchorCellIdentifier id)
        {
            int index = IndexOf(id);
            return index < 0 ? null : _cells[index];
        }

        /// <summary>The cell named by (role, key usage, cell usage), or null.</summary>
        public TrustAnchorCell FindCell(RemotePartyRole role, KeyUsage keyUsage, CellUsage cellUsage)
        {
            for (int i = 0; i < _cells.Length; i++)
            {
                if (_cells[i].Id.Equals(role, keyUsage, cellUsage))
                {
                    return _cells[i];
                }
            }

            return null;
        }

        /// <summary>The cell named by <paramref name="id"/>; throws <c>CellNotFound</c> when absent.</summary>
        public TrustAnchorCell GetCell(TrustAnchorCellIdentifier id)
        {
            int index = IndexOf(id);
            if (index < 0)
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.CellNotFound,
                    TrustAnchors.DeviceTypes.Name(_deviceType) + " has no cell " + (id == null ? "(null)" : id.ToString()));
            }

            return _cells[index];
        }

        /// <summary>The root cell (Root OCA key), always index 0.</summary>
        public TrustAnchorCell Root { get { return _cells[0]; } }

        /// <summary>
        /// Puts a new party's credentials into a cell. When <paramref name="publicKey"/> equals the key already
        /// held (the MP261 same-key re-issue), key and SKI are left as they are and only the Entity Identifier
        /// is taken. Returns the cell now held.
        /// </summary>
        public TrustAnchorCell ReplaceCell(TrustAnchorCellIdentifier id, byte[] entityId, byte[] subjectKeyId, byte[] publicKey)
        {
            ThrowIfReadOnly();
            int index = IndexOf(id);
            if (index < 0)
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.CellNotFound,
                    TrustAnchors.DeviceTypes.Name(_deviceType) + " has no cell " + (id == null ? "(null)" : id.ToString()));
            }

            TrustAnchorCell existing = _cells[index];
            TrustAnchorCell replacement;
            if (existing.HasPublicKey(publicKey))
            {
                replacement = new TrustAnchorCell(existing.Id, entityId, existing.SubjectKeyId, existing.PublicKey);
            }
            else
            {
                replacement = new TrustAnchorCell(existing.Id, entityId, subjectKeyId, publicKey);
            }

            _cells[index] = replacement;
            return replacement;
        }

        /// <summary>Number of Known Remote Parties with a sequence number (every non-root role of the cell set).</summary>
        public int RemotePartyCount { get { return _roles.Length; } }

        public RemotePartyRole GetRemotePartyRole(int index)
        {
            if (index < 0 || index >= _roles.Length)
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.UnknownRemoteParty,
                    "remote party index " + index.ToString() + " out of range");
            }

            return _roles[index];
        }

        public bool HasRemoteParty(RemotePartyRole role)
        {
            return RoleIndex(role) >= 0;
        }

        /// <summary>The last accepted anti-replay sequence number (GBCS Originator Counter) of a Known Remote Party.</summary>
        public ulong GetSequenceNumber(RemotePartyRole role)
        {
            return _sequenceNumbers[RequireRole(role)];
        }

        /// <summary>
        /// Moves the role's sequence number to <paramref name="value"/>. Going backwards is refused
        /// (<c>CounterWentBackwards</c>) unless the role's party changed in this state.
        /// </summary>
        public void SetSequenceNumber(RemotePartyRole role, ulong value)
        {
            ThrowIfReadOnly();
            int index = RequireRole(role);
            if (value < _sequenceNumbers[index] && !IsPartyChanged(role))
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.CounterWentBackwards,
                    "sequence number of " + TrustAnchors.RemotePartyRoles.Name(role) + " may only move forward");
            }

            _sequenceNumbers[index] = value;
        }

        /// <summary>The Supplier's prepayment top-up sequence number.</summary>
        public ulong TopUpSequenceNumber { get { return _topUpSequenceNumber; } }

        /// <summary>Forward only, unless the Supplier party changed in this state.</summary>
        public void SetTopUpSequenceNumber(ulong value)
        {
            ThrowIfReadOnly();
            if (value < _topUpSequenceNumber && !IsPartyChanged(RemotePartyRole.Supplier))
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.CounterWentBackwards,
                    "prepayment top-up sequence number may only move forward");
            }

            _topUpSequenceNumber = value;
        }

        /// <summary>True when a cell of <paramref name="role"/> holds a different Entity Identifier than when this state was created or cloned.</summary>
        public bool IsPartyChanged(RemotePartyRole role)
        {
            for (int i = 0; i < _cells.Length; i++)
            {
                if (_cells[i].Id.Role == role && !TrustAnchorCell.BytesEqual(_cells[i].EntityId, _baselineEntityIds[i]))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A writable copy (cells are immutable and shared).</summary>
        public TrustAnchorState Clone()
        {
            return new TrustAnchorState(this);
        }

        /// <summary>Same cells, counters and device type.</summary>
        public bool ContentEquals(TrustAnchorState other)
        {
            if (other == null || other._deviceType != _deviceType || other._cells.Length != _cells.Length
                || other._topUpSequenceNumber != _topUpSequenceNumber)
            {
                return false;
            }

            for (int i = 0; i < _cells.Length; i++)
            {
                if (!_cells[i].ContentEquals(other._cells[i]))
                {
                    return false;
                }
            }

            for (int i = 0; i < _sequenceNumbers.Length; i++)
            {
                if (_sequenceNumbers[i] != other._sequenceNumbers[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Throws <c>CounterWentBackwards</c> when any counter of this state is behind <paramref name="previous"/>
        /// for a role whose party (Entity Identifiers) is the same in both.
        /// </summary>
        public void CheckCountersNotBehind(TrustAnchorState previous)
        {
            if (previous._deviceType != _deviceType)
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.DeviceTypeMismatch,
                    "state is for " + TrustAnchors.DeviceTypes.Name(_deviceType) + ", not " + TrustAnchors.DeviceTypes.Name(previous._deviceType));
            }

            for (int r = 0; r < _roles.Length; r++)
            {
                if (_sequenceNumbers[r] < previous._sequenceNumbers[r] && SameParty(previous, _roles[r]))
                {
                    throw new TrustAnchorStateException(TrustAnchorStateError.CounterWentBackwards,
                        "sequence number of " + TrustAnchors.RemotePartyRoles.Name(_roles[r]) + " is behind the stored one");
                }
            }

            if (_topUpSequenceNumber < previous._topUpSequenceNumber && SameParty(previous, RemotePartyRole.Supplier))
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.CounterWentBackwards,
                    "prepayment top-up sequence number is behind the stored one");
            }
        }

        internal void MakeReadOnly()
        {
            _readOnly = true;
        }

        /// <summary>Loader access: sets a counter without the forward rule (the image is the truth).</summary>
        internal void LoadSequenceNumber(RemotePartyRole role, ulong value)
        {
            _sequenceNumbers[RequireRole(role)] = value;
        }

        internal void LoadTopUpSequenceNumber(ulong value)
        {
            _topUpSequenceNumber = value;
        }

        private bool SameParty(TrustAnchorState previous, RemotePartyRole role)
        {
            for (int i = 0; i < _cells.Length; i++)
            {
                if (_cells[i].Id.Role == role && !TrustAnchorCell.BytesEqual(_cells[i].EntityId, previous._cells[i].EntityId))
                {
                    return false;
                }
            }

            return true;
        }

        private void ThrowIfReadOnly()
        {
            if (_readOnly)
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.ReadOnlyState,
                    "the committed state is read-only: change a Clone() and commit it");
            }
        }

        private int IndexOf(TrustAnchorCellIdentifier id)
        {
            if (id == null)
            {
                return -1;
            }

            for (int i = 0; i < _cells.Length; i++)
            {
                if (_cells[i].Id.Equals(id))
                {
                    return i;
                }
            }

            return -1;
        }

        private int RoleIndex(RemotePartyRole role)
        {
            for (int i = 0; i < _roles.Length; i++)
            {
                if (_roles[i] == role)
                {
                    return i;
                }
            }

            return -1;
        }

        private int RequireRole(RemotePartyRole role)
        {
            int index = RoleIndex(role);
            if (index < 0)
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.UnknownRemoteParty,
                    TrustAnchors.DeviceTypes.Name(_deviceType) + " has no Known Remote Party " + TrustAnchors.RemotePartyRoles.Name(role));
            }

            return index;
        }

        private static RemotePartyRole[] RemotePartyRoles(TrustAnchorCellIdentifier[] set)
        {
            RemotePartyRole[] scratch = new RemotePartyRole[set.Length];
            int count = 0;
            for (int i = 0; i < set.Length; i++)
            {
                RemotePartyRole role = set[i].Role;
                if (role == RemotePartyRole.Root)
                {
                    continue;
                }

                bool seen = false;
                for (int j = 0; j < count; j++)
                {
                    seen |= scratch[j] == role;
                }

                if (!seen)
                {
                    scratch[count++] = role;
                }
            }

            RemotePartyRole[] roles = new RemotePartyRole[count];
            System.Array.Copy(scratch, 0, roles, 0, count);
            return roles;
        }
    }
}
