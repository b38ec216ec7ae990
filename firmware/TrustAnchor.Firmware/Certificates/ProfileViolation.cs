namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>One broken profile rule: a <see cref="ProfileViolationCode"/> and a sentence for logs and alerts.</summary>
    public sealed class ProfileViolation
    {
        public ProfileViolation(int code, string message)
        {
            Code = code;
            Message = message;
        }

        public int Code { get; private set; }

        public string Message { get; private set; }

        public override string ToString()
        {
            return "0x" + Code.ToString("X4") + " " + Message;
        }
    }
}
