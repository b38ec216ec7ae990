namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>One broken profile rule: a <see cref="ProfileViolationCode"/> and a sentence for logs and alerts.</summary>
    public sealed class ProfileViolation
    {
        public ProfileViolation(ProfileViolationCode code, string message)
        {
            Code = code;
            Message = message;
        }

        public ProfileViolationCode Code { get; private set; }

        public string Message { get; private set; }

        public override string ToString()
        {
            return "0x" + ((int)Code).ToString("X4") + " " + Message;
        }
    }
}
