namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>
    /// What was signed and how, as read-only views into the certificate's DER: the TBSCertificate TLV (the signed
    /// bytes), the signature AlgorithmIdentifier inside the TBS and the one outside it (RFC 5280 requires them equal),
    /// and the signature value inside the BIT STRING (a DER ECDSA-Sig-Value for GBCS). Filled by
    /// <see cref="CertificateParser"/> only.
    /// </summary>
    public sealed class CertificateSignature
    {
        private byte[] _der;
        private int _tbsOffset;
        private int _tbsLength;
        private int _tbsAlgorithmOffset;
        private int _tbsAlgorithmLength;
        private int _tbsAlgorithmOidOffset;
        private int _tbsAlgorithmOidLength;
        private bool _tbsAlgorithmHasParameters;
        private int _algorithmOffset;
        private int _algorithmLength;
        private int _algorithmOidOffset;
        private int _algorithmOidLength;
        private bool _algorithmHasParameters;
        private int _valueOffset;
        private int _valueLength;

        internal CertificateSignature()
        {
        }

        /// <summary>The array the offsets refer to (the certificate's <see cref="Certificate.Der"/>).</summary>
        public byte[] Der
        {
            get { return _der; }
        }

        /// <summary>The signed bytes: the whole TBSCertificate TLV.</summary>
        public int TbsOffset
        {
            get { return _tbsOffset; }
        }

        public int TbsLength
        {
            get { return _tbsLength; }
        }

        /// <summary>The TBS signature field: the whole AlgorithmIdentifier TLV.</summary>
        public int TbsAlgorithmOffset
        {
            get { return _tbsAlgorithmOffset; }
        }

        public int TbsAlgorithmLength
        {
            get { return _tbsAlgorithmLength; }
        }

        /// <summary>Content octets of the TBS signature algorithm OID.</summary>
        public int TbsAlgorithmOidOffset
        {
            get { return _tbsAlgorithmOidOffset; }
        }

        public int TbsAlgorithmOidLength
        {
            get { return _tbsAlgorithmOidLength; }
        }

        public bool TbsAlgorithmHasParameters
        {
            get { return _tbsAlgorithmHasParameters; }
        }

        /// <summary>The outer signatureAlgorithm: the whole AlgorithmIdentifier TLV.</summary>
        public int AlgorithmOffset
        {
            get { return _algorithmOffset; }
        }

        public int AlgorithmLength
        {
            get { return _algorithmLength; }
        }

        public int AlgorithmOidOffset
        {
            get { return _algorithmOidOffset; }
        }

        public int AlgorithmOidLength
        {
            get { return _algorithmOidLength; }
        }

        public bool AlgorithmHasParameters
        {
            get { return _algorithmHasParameters; }
        }

        /// <summary>The signature value octets (inside the BIT STRING).</summary>
        public int ValueOffset
        {
            get { return _valueOffset; }
        }

        public int ValueLength
        {
            get { return _valueLength; }
        }

        /// <summary>True when both algorithm fields are ecdsa-with-SHA256 without parameters.</summary>
        public bool IsEcdsaWithSha256
        {
            get
            {
                return !_tbsAlgorithmHasParameters && !_algorithmHasParameters
                    && Asn1.Oids.Matches(Asn1.Oids.EcdsaWithSha256, _der, _tbsAlgorithmOidOffset, _tbsAlgorithmOidLength)
                    && Asn1.Oids.Matches(Asn1.Oids.EcdsaWithSha256, _der, _algorithmOidOffset, _algorithmOidLength);
            }
        }

        /// <summary>True when the TBS signature field and the outer signatureAlgorithm are the same bytes.</summary>
        public bool AlgorithmsMatch
        {
            get { return Bytes.Equal(_der, _tbsAlgorithmOffset, _tbsAlgorithmLength, _der, _algorithmOffset, _algorithmLength); }
        }

        // ------------------------------------------------------------------ parser only

        internal void Reset()
        {
            _der = null;
            _tbsOffset = 0;
            _tbsLength = 0;
            _tbsAlgorithmOffset = 0;
            _tbsAlgorithmLength = 0;
            _tbsAlgorithmOidOffset = 0;
            _tbsAlgorithmOidLength = 0;
            _tbsAlgorithmHasParameters = false;
            _algorithmOffset = 0;
            _algorithmLength = 0;
            _algorithmOidOffset = 0;
            _algorithmOidLength = 0;
            _algorithmHasParameters = false;
            _valueOffset = 0;
            _valueLength = 0;
        }

        internal void SetTbs(byte[] der, int offset, int length)
        {
            _der = der;
            _tbsOffset = offset;
            _tbsLength = length;
        }

        internal void SetTbsAlgorithm(int offset, int length, int oidOffset, int oidLength, bool hasParameters)
        {
            _tbsAlgorithmOffset = offset;
            _tbsAlgorithmLength = length;
            _tbsAlgorithmOidOffset = oidOffset;
            _tbsAlgorithmOidLength = oidLength;
            _tbsAlgorithmHasParameters = hasParameters;
        }

        internal void SetAlgorithm(int offset, int length, int oidOffset, int oidLength, bool hasParameters)
        {
            _algorithmOffset = offset;
            _algorithmLength = length;
            _algorithmOidOffset = oidOffset;
            _algorithmOidLength = oidLength;
            _algorithmHasParameters = hasParameters;
        }

        internal void SetValue(int offset, int length)
        {
            _valueOffset = offset;
            _valueLength = length;
        }
    }
}
