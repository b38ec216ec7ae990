namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>
    /// The subjectPublicKeyInfo as a read-only view into the certificate's DER: the algorithm OID, its parameters (the
    /// namedCurve for id-ecPublicKey) and the key octets inside the BIT STRING (65, 04||X||Y, for GBCS). Whether these
    /// meet the profile is <see cref="CertificateProfile"/>'s question. Filled by <see cref="CertificateParser"/> only.
    /// </summary>
    public sealed class SubjectPublicKeyInfo
    {
        private byte[] _der;
        private int _algorithmOidOffset;
        private int _algorithmOidLength;
        private int _parametersTag;
        private int _parametersOffset;
        private int _parametersLength;
        private int _keyOffset;
        private int _keyLength;

        internal SubjectPublicKeyInfo()
        {
        }

        /// <summary>The array the offsets refer to (the certificate's <see cref="Certificate.Der"/>).</summary>
        public byte[] Der
        {
            get { return _der; }
        }

        /// <summary>Content octets of the algorithm OID (id-ecPublicKey for GBCS).</summary>
        public int AlgorithmOidOffset
        {
            get { return _algorithmOidOffset; }
        }

        public int AlgorithmOidLength
        {
            get { return _algorithmOidLength; }
        }

        /// <summary>Tag of the algorithm parameters (0x06 for a namedCurve OID); 0 when absent.</summary>
        public int ParametersTag
        {
            get { return _parametersTag; }
        }

        /// <summary>Content octets of the parameters element (the curve OID for GBCS).</summary>
        public int ParametersOffset
        {
            get { return _parametersOffset; }
        }

        public int ParametersLength
        {
            get { return _parametersLength; }
        }

        /// <summary>subjectPublicKey octets (the BIT STRING data, octet-aligned).</summary>
        public int KeyOffset
        {
            get { return _keyOffset; }
        }

        public int KeyLength
        {
            get { return _keyLength; }
        }

        /// <summary>True when the algorithm is id-ecPublicKey with namedCurve prime256v1.</summary>
        public bool IsEcP256
        {
            get
            {
                return Asn1.Oids.Matches(Asn1.Oids.EcPublicKey, _der, _algorithmOidOffset, _algorithmOidLength)
                    && _parametersTag == Asn1.DerTag.ObjectIdentifier
                    && Asn1.Oids.Matches(Asn1.Oids.Prime256v1, _der, _parametersOffset, _parametersLength);
            }
        }

        /// <summary>True when the key octets equal <paramref name="key"/>[offset..offset+length).</summary>
        public bool KeyEquals(byte[] key, int offset, int length)
        {
            return Bytes.Equal(_der, _keyOffset, _keyLength, key, offset, length);
        }

        // ------------------------------------------------------------------ parser only

        internal void Reset()
        {
            _der = null;
            _algorithmOidOffset = 0;
            _algorithmOidLength = 0;
            _parametersTag = 0;
            _parametersOffset = 0;
            _parametersLength = 0;
            _keyOffset = 0;
            _keyLength = 0;
        }

        internal void SetAlgorithm(byte[] der, int oidOffset, int oidLength, int parametersTag, int parametersOffset, int parametersLength)
        {
            _der = der;
            _algorithmOidOffset = oidOffset;
            _algorithmOidLength = oidLength;
            _parametersTag = parametersTag;
            _parametersOffset = parametersOffset;
            _parametersLength = parametersLength;
        }

        internal void SetKey(int offset, int length)
        {
            _keyOffset = offset;
            _keyLength = length;
        }
    }
}
