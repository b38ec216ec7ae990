namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>The Command / Response / Alert flag of the Grouping Header's transaction identifier.</summary>
    public static class GbcsCraFlag
    {
        public const int Command = 1;
        public const int Response = 2;
        public const int Alert = 3;
    }
}
