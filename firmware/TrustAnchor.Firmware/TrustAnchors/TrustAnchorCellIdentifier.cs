using TrustAnchor.Firmware.Asn1;

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

        /// <summary>
        /// Reads a DER TrustAnchorCellIdentifier. Strict: keyUsage is a one-octet named-bit list, and a cellUsage
        /// of management (the DEFAULT) must be absent. Throws <c>DerFormatException</c> or
        /// <see cref="TrustAnchorStateException"/> (<c>InvalidCellIdentifier</c>).
        /// </summary>
        public static TrustAnchorCellIdentifier Decode(ref DerReader reader)
        {
            DerReader sequence = reader.ReadSequence();
            int role = sequence.ReadInt32();
            int unusedBits;
            int offset;
            int length;
            sequence.ReadNamedBitList(out unusedBits, out offset, out length);
            if (length != 1)
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.InvalidCellIdentifier,
                    "cell identifier: keyUsage must be one octet");
            }

            int keyUsage = sequence.Buffer[offset];
            int cellUsage = TrustAnchors.CellUsage.Management;
            if (sequence.HasData)
            {
                cellUsage = sequence.ReadInt32();
                if (cellUsage == TrustAnchors.CellUsage.Management)
                {
                    throw new TrustAnchorStateException(TrustAnchorStateError.InvalidCellIdentifier,
                        "cell identifier: cellUsage management is the DEFAULT and must be omitted in DER");
                }
            }

            sequence.ThrowIfNotEmpty();
            return new TrustAnchorCellIdentifier(role, keyUsage, cellUsage);
        }

        /// <summary>Decodes exactly one identifier filling <paramref name="der"/>.</summary>
        public static TrustAnchorCellIdentifier Decode(byte[] der)
        {
            DerReader reader = new DerReader(der);
            TrustAnchorCellIdentifier id = Decode(ref reader);
            reader.ThrowIfNotEmpty();
            return id;
        }

        /// <summary>Writes the DER form (cellUsage omitted when management).</summary>
        public void Encode(DerWriter writer)
        {
            writer.PushSequence();
            writer.WriteInteger(_role);
            writer.WriteNamedBitList(_keyUsage);
            if (_cellUsage != TrustAnchors.CellUsage.Management)
            {
                writer.WriteInteger(_cellUsage);
            }

            writer.PopSequence();
        }

        public byte[] ToDer()
        {
            DerWriter writer = new DerWriter();
            Encode(writer);
            return writer.ToArray();
        }
    }
}
