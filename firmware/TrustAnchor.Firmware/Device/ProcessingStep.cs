namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// The fixed order in which <see cref="GbcsDevice.Process"/> checks a frame (firmware/docs/device-processing.md).
    /// A decision names the step that ended processing.
    /// </summary>
    public static class ProcessingStep
    {
        /// <summary>Frame does not parse, or is not a command.</summary>
        public const int Framing = 1;
        /// <summary>Target ID is not this device.</summary>
        public const int Addressing = 2;
        /// <summary>ACB MAC missing, unexpected or wrong.</summary>
        public const int Mac = 3;
        /// <summary>Payload does not parse, or its fields contradict the header.</summary>
        public const int Payload = 4;
        /// <summary>Unknown remote party, or one without authority for this message code, mode or cell.</summary>
        public const int Authority = 5;
        /// <summary>Originator Counter not above the party's sequence number (replay).</summary>
        public const int AntiReplay = 6;
        /// <summary>Grouping Header signature missing or wrong.</summary>
        public const int Signature = 7;
        /// <summary>Certificates, paths, cells and counters checked (per-cell statuses in the response).</summary>
        public const int Validation = 8;
        /// <summary>Applied (or scheduled, for a future-dated CS02b).</summary>
        public const int Executed = 9;
        /// <summary>
        /// A well-formed command for this device whose Message Code names a use case the device does not support:
        /// refused by decision (no response, no alert, not counted as malformed), checked right after addressing.
        /// </summary>
        public const int UnsupportedMessageCode = 10;

        public static string Name(int step)
        {
            switch (step)
            {
                case Framing: return "framing";
                case Addressing: return "addressing";
                case Mac: return "MAC";
                case Payload: return "payload";
                case Authority: return "authority";
                case AntiReplay: return "anti-replay";
                case Signature: return "signature";
                case Validation: return "validation";
                case Executed: return "executed";
                case UnsupportedMessageCode: return "unsupported message code";
                default: return "step(" + step.ToString() + ")";
            }
        }
    }
}
