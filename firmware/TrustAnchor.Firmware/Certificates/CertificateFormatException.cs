using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>A certificate could not be parsed. <see cref="TrustAnchorException.Code"/> is a <see cref="CertificateError"/>.</summary>
    public class CertificateFormatException : TrustAnchorException
    {
        public CertificateFormatException(int code, string message)
            : base(code, message)
        {
        }

        public CertificateFormatException(int code, string message, System.Exception innerException)
            : base(code, message, innerException)
        {
        }
    }
}
