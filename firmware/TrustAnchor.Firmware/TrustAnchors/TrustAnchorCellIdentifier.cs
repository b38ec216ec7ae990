namespace TrustAnchor.Firmware.TrustAnchors
{
    /// <summary>
    /// GBCS <c>TrustAnchorCellIdentifier ::= SEQUENCE { remotePartyRole INTEGER, keyUsage BIT STRING,
    /// cellUsage INTEGER DEFAULT management }</c>. Immutable.
    /// <see cref="KeyUsage"/> is the first content byte of the keyUsage BIT STRING (the same bit values as the
    /// certificate keyUsage: digitalSignature 0x80, keyAgreement 0x08, keyCertSign 0x04).
    /// </summary>
    public sealed class TrustAnchorCellIdentifier
    {
        public const int KeyUsageDigitalSignature = 0x80;
        public const int KeyUsageKeyAgreement = 0x08;
        public const int KeyUsageKeyCertSign = 0x04;

        private readonly int _role;
        private readonly int _keyUsage;
        private readonly int _cellUsage;

        public TrustAnchorCellIdentifier(int role, int keyUsage, int cellUsage)
        {
            if (!RemotePartyRole.IsDefined(role))
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.InvalidCellIdentifier,
                    "cell identifier: remote party role " + role.ToString() + " is not defined");
            }

            // One BIT STRING content byte with at least one bit: all the usages a cell can name.
            if (keyUsage <= 0 || keyUsage > 0xFF)
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.InvalidCellIdentifier,
                    "cell identifier: key usage " + keyUsage.ToString() + " is not a one-byte bit string");
            }

            if (!TrustAnchors.CellUsage.IsDefined(cellUsage))
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.InvalidCellIdentifier,
                    "cell identifier: cell usage " + cellUsage.ToString() + " is not defined");
            }

            _role = role;
            _keyUsage = keyUsage;
            _cellUsage = cellUsage;
        }

        public TrustAnchorCellIdentifier(int role, int keyUsage)
            : this(role, keyUsage, TrustAnchors.CellUsage.Management)
        {
        }

        public int Role { get { return _role; } }

        public int KeyUsage { get { return _keyUsage; } }

        public int CellUsage { get { return _cellUsage; } }

        public bool Equals(TrustAnchorCellIdentifier other)
        {
            return !object.ReferenceEquals(other, null)
                && other._role == _role && other._keyUsage == _keyUsage && other._cellUsage == _cellUsage;
        }

        public bool Equals(int role, int keyUsage, int cellUsage)
        {
            return role == _role && keyUsage == _keyUsage && cellUsage == _cellUsage;
        }

        public override bool Equals(object obj)
        {
            return Equals(obj as TrustAnchorCellIdentifier);
        }

        public override int GetHashCode()
        {
            return (_role << 16) | (_keyUsage << 8) | _cellUsage;
        }

        /// <summary>A name an engineer recognises, e.g. "supplier DS", "supplier KA top-up", "root".</summary>
        public override string ToString()
        {
            string usage;
            switch (_keyUsage)
            {
                case KeyUsageDigitalSignature: usage = "DS"; break;
                case KeyUsageKeyAgreement: usage = "KA"; break;
                case KeyUsageKeyCertSign: usage = "keyCertSign"; break;
                default: usage = "keyUsage(" + _keyUsage.ToString() + ")"; break;
            }

            string text = RemotePartyRole.Name(_role) + " " + usage;
            if (_cellUsage == TrustAnchors.CellUsage.PrePaymentTopUp)
            {
                text = text + " top-up";
            }

            return text;
        }

        /// <summary>Number of unused trailing bits in the DER BIT STRING for <see cref="KeyUsage"/>.</summary>
        internal static int UnusedBits(int keyUsage)
        {
            int unused = 0;
            while (unused < 7 && (keyUsage & (1 << unused)) == 0)
            {
                unused++;
            }

            return unused;
        }
    }
}
