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
        public const KeyUsage KeyUsageDigitalSignature = TrustAnchors.KeyUsage.DigitalSignature;
        public const KeyUsage KeyUsageKeyAgreement = TrustAnchors.KeyUsage.KeyAgreement;
        public const KeyUsage KeyUsageKeyCertSign = TrustAnchors.KeyUsage.KeyCertSign;

        private readonly RemotePartyRole _role;
        private readonly KeyUsage _keyUsage;
        private readonly CellUsage _cellUsage;

        public TrustAnchorCellIdentifier(RemotePartyRole role, KeyUsage keyUsage, CellUsage cellUsage)
        {
            if (!RemotePartyRoles.IsDefined((int)role))
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.InvalidCellIdentifier,
                    "cell identifier: remote party role " + ((int)role).ToString() + " is not defined");
            }

            // One BIT STRING content byte with at least one bit: all the usages a cell can name.
            if ((int)keyUsage <= 0 || (int)keyUsage > 0xFF)
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.InvalidCellIdentifier,
                    "cell identifier: key usage " + ((int)keyUsage).ToString() + " is not a one-byte bit string");
            }

            if (!CellUsages.IsDefined((int)cellUsage))
            {
                throw new TrustAnchorStateException(TrustAnchorStateError.InvalidCellIdentifier,
                    "cell identifier: cell usage " + ((int)cellUsage).ToString() + " is not defined");
            }

            _role = role;
            _keyUsage = keyUsage;
            _cellUsage = cellUsage;
        }

        public TrustAnchorCellIdentifier(RemotePartyRole role, KeyUsage keyUsage)
            : this(role, keyUsage, TrustAnchors.CellUsage.Management)
        {
        }

        public RemotePartyRole Role { get { return _role; } }

        public KeyUsage KeyUsage { get { return _keyUsage; } }

        public CellUsage CellUsage { get { return _cellUsage; } }

        public bool Equals(TrustAnchorCellIdentifier other)
        {
            return !object.ReferenceEquals(other, null)
                && other._role == _role && other._keyUsage == _keyUsage && other._cellUsage == _cellUsage;
        }

        public bool Equals(RemotePartyRole role, KeyUsage keyUsage, CellUsage cellUsage)
        {
            return role == _role && keyUsage == _keyUsage && cellUsage == _cellUsage;
        }

        public override bool Equals(object obj)
        {
            return Equals(obj as TrustAnchorCellIdentifier);
        }

        public override int GetHashCode()
        {
            return ((int)_role << 16) | ((int)_keyUsage << 8) | (int)_cellUsage;
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
                default: usage = "keyUsage(" + ((int)_keyUsage).ToString() + ")"; break;
            }

            string text = RemotePartyRoles.Name(_role) + " " + usage;
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
            int cellUsage = (int)TrustAnchors.CellUsage.Management;
            if (sequence.HasData)
            {
                cellUsage = sequence.ReadInt32();
                if (cellUsage == (int)TrustAnchors.CellUsage.Management)
                {
                    throw new TrustAnchorStateException(TrustAnchorStateError.InvalidCellIdentifier,
                        "cell identifier: cellUsage management is the DEFAULT and must be omitted in DER");
                }
            }

            sequence.ThrowIfNotEmpty();
            return new TrustAnchorCellIdentifier((RemotePartyRole)role, (KeyUsage)keyUsage, (CellUsage)cellUsage);
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
            writer.WriteInteger((int)_role);
            writer.WriteNamedBitList((int)_keyUsage);
            if (_cellUsage != TrustAnchors.CellUsage.Management)
            {
                writer.WriteInteger((int)_cellUsage);
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
