namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>
    /// An X.501 Name (issuer or subject) as a read-only view into the certificate's DER: the whole Name TLV (compared
    /// byte for byte when chaining issuer to subject, which DER makes exact) and what GBCS reads from it: the Remote
    /// Party Role (OU), the Entity Identifier (x500UniqueIdentifier) and the CN. Filled by <see cref="CertificateParser"/>
    /// only; a certificate slot keeps its two names and the parser refills them, so reuse allocates nothing.
    /// Counts and tags are kept in bytes (counts stop at 255, which every "none / one / more than one" rule still
    /// reads correctly) so that a parsed certificate stays small on a device.
    /// </summary>
    public sealed class CertificateName
    {
        private byte[] _der;
        private int _offset;
        private int _length;
        private int _roleOffset;
        private int _roleLength;
        private int _entityIdOffset;
        private int _entityIdLength;
        private int _commonNameOffset;
        private int _commonNameLength;
        private byte _rdnCount;
        private byte _attributeCount;
        private byte _roleCount;
        private byte _roleTag;
        private byte _entityIdCount;
        private byte _entityIdUnusedBits;
        private byte _commonNameCount;
        private byte _commonNameTag;

        internal CertificateName()
        {
        }

        /// <summary>The array the offsets refer to (the certificate's <see cref="Certificate.Der"/>).</summary>
        public byte[] Der
        {
            get { return _der; }
        }

        /// <summary>The whole Name TLV.</summary>
        public int Offset
        {
            get { return _offset; }
        }

        public int Length
        {
            get { return _length; }
        }

        /// <summary>RelativeDistinguishedNames in the Name (0 for a GBCS Device certificate's empty subject).</summary>
        public int RdnCount
        {
            get { return _rdnCount; }
        }

        /// <summary>Attributes over all RDNs.</summary>
        public int AttributeCount
        {
            get { return _attributeCount; }
        }

        /// <summary>True when the Name has no RDN at all.</summary>
        public bool IsEmpty
        {
            get { return _rdnCount == 0; }
        }

        /// <summary>organizationalUnitName attributes; the views below are the first one's.</summary>
        public int RoleCount
        {
            get { return _roleCount; }
        }

        /// <summary>String tag of the first OU (UTF8String 0x0C in GBCS).</summary>
        public int RoleTag
        {
            get { return _roleTag; }
        }

        /// <summary>Content octets of the first OU.</summary>
        public int RoleOffset
        {
            get { return _roleOffset; }
        }

        public int RoleLength
        {
            get { return _roleLength; }
        }

        /// <summary>The Remote Party Role from a two-hex-digit first OU (either case), or -1; the profile decides what it accepts.</summary>
        public int Role
        {
            get { return _roleCount == 0 ? -1 : ParseRole(_der, _roleOffset, _roleLength); }
        }

        /// <summary>x500UniqueIdentifier attributes; the views below are the first one's.</summary>
        public int EntityIdCount
        {
            get { return _entityIdCount; }
        }

        /// <summary>Data octets of the first x500UniqueIdentifier BIT STRING (8 for an EUI-64).</summary>
        public int EntityIdOffset
        {
            get { return _entityIdOffset; }
        }

        public int EntityIdLength
        {
            get { return _entityIdLength; }
        }

        public int EntityIdUnusedBits
        {
            get { return _entityIdUnusedBits; }
        }

        /// <summary>commonName attributes; the views below are the first one's (the string type is left to the caller).</summary>
        public int CommonNameCount
        {
            get { return _commonNameCount; }
        }

        public int CommonNameTag
        {
            get { return _commonNameTag; }
        }

        public int CommonNameOffset
        {
            get { return _commonNameOffset; }
        }

        public int CommonNameLength
        {
            get { return _commonNameLength; }
        }

        /// <summary>True when this Name's TLV equals <paramref name="other"/>'s byte for byte.</summary>
        public bool Matches(CertificateName other)
        {
            return other != null && Bytes.Equal(_der, _offset, _length, other._der, other._offset, other._length);
        }

        /// <summary>True when the first x500UniqueIdentifier's data octets equal <paramref name="entityId"/>[offset..offset+length).</summary>
        public bool EntityIdEquals(byte[] entityId, int offset, int length)
        {
            return _entityIdCount > 0 && Bytes.Equal(_der, _entityIdOffset, _entityIdLength, entityId, offset, length);
        }

        // ------------------------------------------------------------------ parser only

        internal void Reset()
        {
            _der = null;
            _offset = 0;
            _length = 0;
            _rdnCount = 0;
            _attributeCount = 0;
            _roleCount = 0;
            _roleTag = 0;
            _roleOffset = 0;
            _roleLength = 0;
            _entityIdCount = 0;
            _entityIdOffset = 0;
            _entityIdLength = 0;
            _entityIdUnusedBits = 0;
            _commonNameCount = 0;
            _commonNameTag = 0;
            _commonNameOffset = 0;
            _commonNameLength = 0;
        }

        internal void SetEncoding(byte[] der, int offset, int length)
        {
            _der = der;
            _offset = offset;
            _length = length;
        }

        internal void AddRdn()
        {
            _rdnCount = More(_rdnCount);
        }

        internal void AddAttribute()
        {
            _attributeCount = More(_attributeCount);
        }

        /// <summary>Counts an OU; only the first one's view is kept. DER tags are one byte (high tag numbers are refused).</summary>
        internal void AddRole(int tag, int offset, int length)
        {
            if (_roleCount == 0)
            {
                _roleTag = (byte)tag;
                _roleOffset = offset;
                _roleLength = length;
            }

            _roleCount = More(_roleCount);
        }

        internal void AddEntityId(int offset, int length, int unusedBits)
        {
            if (_entityIdCount == 0)
            {
                _entityIdOffset = offset;
                _entityIdLength = length;
                _entityIdUnusedBits = (byte)unusedBits;
            }

            _entityIdCount = More(_entityIdCount);
        }

        internal void AddCommonName(int tag, int offset, int length)
        {
            if (_commonNameCount == 0)
            {
                _commonNameTag = (byte)tag;
                _commonNameOffset = offset;
                _commonNameLength = length;
            }

            _commonNameCount = More(_commonNameCount);
        }

        private static byte More(byte count)
        {
            return count == 255 ? count : (byte)(count + 1);
        }

        // Two hex digits, e.g. "02" supplier, "7F" other. Either case is read.
        private static int ParseRole(byte[] buffer, int offset, int length)
        {
            if (length != 2)
            {
                return -1;
            }

            int high = HexValue(buffer[offset]);
            int low = HexValue(buffer[offset + 1]);
            if (high < 0 || low < 0)
            {
                return -1;
            }

            return (high << 4) | low;
        }

        private static int HexValue(int c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return -1;
        }
    }
}
