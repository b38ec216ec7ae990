namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// How the device dealt with the last frame: where processing ended, the security alert raised (0 when none),
    /// whether the store changed, and the per-cell statuses of a CS02b. For diagnostics and tests; the frames in
    /// <see cref="DeviceOutput"/> are what goes on the wire.
    /// </summary>
    public sealed class DeviceDecision
    {
        internal DeviceDecision(int step, int alertCode, bool stateChanged, string reason, int[] cellStatuses)
        {
            Step = step;
            AlertCode = alertCode;
            StateChanged = stateChanged;
            Reason = reason ?? string.Empty;
            CellStatuses = cellStatuses ?? new int[0];
        }

        /// <summary>A <see cref="ProcessingStep"/> value.</summary>
        public int Step { get; private set; }

        /// <summary>The GBCS alert code raised for this frame (e.g. 0x8F3D), or 0.</summary>
        public int AlertCode { get; private set; }

        /// <summary>True when the frame was accepted and a new state was committed.</summary>
        public bool StateChanged { get; private set; }

        public string Reason { get; private set; }

        /// <summary>CS02b per-replacement status codes (<see cref="Gbcs.ReplacementStatus"/>), in command order.</summary>
        public int[] CellStatuses { get; private set; }

        public bool Accepted
        {
            get { return Step == ProcessingStep.Executed; }
        }

        public override string ToString()
        {
            return ProcessingStep.Name(Step) + (AlertCode != 0 ? " alert 0x" + AlertCode.ToString("X4") : string.Empty)
                + (Reason.Length != 0 ? ": " + Reason : string.Empty);
        }
    }
}
