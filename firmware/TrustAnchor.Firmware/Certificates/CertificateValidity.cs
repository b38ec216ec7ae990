using System;

namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>
    /// The validity period as read-only values and views: both times as UTC <see cref="DateTime"/>, their tags
    /// (UTCTime 0x17 or GeneralizedTime 0x18) and their content octets, which the Device-certificate profile compares
    /// exactly (notAfter GeneralizedTime 99991231235959Z). Offsets are into the certificate's <see cref="Certificate.Der"/>.
    /// Filled by <see cref="CertificateParser"/> only.
    /// </summary>
    public sealed class CertificateValidity
    {
        private DateTime _notBefore;
        private DateTime _notAfter;
        private int _notBeforeTag;
        private int _notBeforeOffset;
        private int _notBeforeLength;
        private int _notAfterTag;
        private int _notAfterOffset;
        private int _notAfterLength;

        internal CertificateValidity()
        {
        }

        public DateTime NotBefore
        {
            get { return _notBefore; }
        }

        /// <summary>notAfter; 99991231235959Z reads as DateTime.MaxValue on nanoFramework (whose DateTime ends in 3000).</summary>
        public DateTime NotAfter
        {
            get { return _notAfter; }
        }

        public int NotBeforeTag
        {
            get { return _notBeforeTag; }
        }

        /// <summary>Content octets of notBefore (the time text, e.g. "250101000000Z").</summary>
        public int NotBeforeOffset
        {
            get { return _notBeforeOffset; }
        }

        public int NotBeforeLength
        {
            get { return _notBeforeLength; }
        }

        public int NotAfterTag
        {
            get { return _notAfterTag; }
        }

        /// <summary>Content octets of notAfter.</summary>
        public int NotAfterOffset
        {
            get { return _notAfterOffset; }
        }

        public int NotAfterLength
        {
            get { return _notAfterLength; }
        }

        /// <summary>True when <paramref name="time"/> lies within notBefore..notAfter (both inclusive).</summary>
        public bool Contains(DateTime time)
        {
            return time >= _notBefore && time <= _notAfter;
        }

        // ------------------------------------------------------------------ parser only

        internal void Reset()
        {
            _notBefore = default(DateTime);
            _notAfter = default(DateTime);
            _notBeforeTag = 0;
            _notBeforeOffset = 0;
            _notBeforeLength = 0;
            _notAfterTag = 0;
            _notAfterOffset = 0;
            _notAfterLength = 0;
        }

        internal void SetNotBefore(int tag, int offset, int length, DateTime time)
        {
            _notBeforeTag = tag;
            _notBeforeOffset = offset;
            _notBeforeLength = length;
            _notBefore = time;
        }

        internal void SetNotAfter(int tag, int offset, int length, DateTime time)
        {
            _notAfterTag = tag;
            _notAfterOffset = offset;
            _notAfterLength = length;
            _notAfter = time;
        }
    }
}
