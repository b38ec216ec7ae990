using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>A certificate could not be parsed. <see cref="TrustAnchorException.Code"/> is a <see cref="CertificateError"/>.</summary>
    public class CertificateFormatException : TrustAnchorException
    {
        public CertificateFormatException(CertificateError code, string message)
            : base((int)code, message)
        {
        }

        public CertificateFormatException(CertificateError code, string message, System.Exception innerException)
            : base((int)code, message, innerException)
        {
        }

        /// <summary>The <see cref="CertificateError"/> code (the same number as the base <c>Code</c>).</summary>
        public new CertificateError Code
        {
            get { return (CertificateError)base.Code; }
        }
    }
}
