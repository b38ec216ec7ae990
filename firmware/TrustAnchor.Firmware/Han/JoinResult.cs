namespace TrustAnchor.Firmware.Han
{
    /// <summary>What <see cref="DeviceLog.TryJoin"/> decided.</summary>
    public static class JoinResult
    {
        public const int Joined = 0;
        public const int AlreadyJoined = 1;
        public const int NotWhitelisted = 2;
        public const int WrongLinkKey = 3;
        public const int JoinWindowExpired = 4;
    }

    /// <summary>The state of one Device Log row.</summary>
    public static class HanJoinState
    {
        /// <summary>Added by CCS01 and waiting for the device to join.</summary>
        public const int Whitelisted = 0;

        /// <summary>Joined the HAN with the link key from its install code.</summary>
        public const int Joined = 1;

        /// <summary>The join window passed before the device joined; a new CCS01 is needed.</summary>
        public const int TimedOut = 2;

        /// <summary>Was joined, then left; stays in the log and may join again.</summary>
        public const int Left = 3;
    }
}
