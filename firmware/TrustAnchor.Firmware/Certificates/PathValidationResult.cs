namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>Outcome of <see cref="CertificationPath"/>.Validate. A valid path returns one shared instance (no allocation).</summary>
    public sealed class PathValidationResult
    {
        internal static readonly PathValidationResult ValidResult = new PathValidationResult(PathValidationCode.Valid, "certification path is valid", -1);

        public PathValidationResult(PathValidationCode code, string message, int certificateIndex)
        {
            Code = code;
            Message = message;
            CertificateIndex = certificateIndex;
        }

        public bool IsValid
        {
            get { return Code == PathValidationCode.Valid; }
        }

        /// <summary>A <see cref="PathValidationCode"/>.</summary>
        public PathValidationCode Code { get; private set; }

        public string Message { get; private set; }

        /// <summary>Which certificate failed: 0 the target, i the i-th certification-path certificate (1-based); -1 none/the root key.</summary>
        public int CertificateIndex { get; private set; }

        public override string ToString()
        {
            return "0x" + ((int)Code).ToString("X4") + " " + Message;
        }
    }
}
