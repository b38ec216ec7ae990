using System;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// Internal unwinding from a failed check to <see cref="GbcsDevice.Process"/>: carries the step, the alert
    /// code (0 for none) and, for commands refused after authentication, the response that reports why.
    /// Never escapes the device.
    /// </summary>
    internal sealed class CommandRejection : Exception
    {
        internal CommandRejection(int step, int alertCode, string reason)
            : base(reason)
        {
            Step = step;
            AlertCode = alertCode;
        }

        internal CommandRejection(int step, string reason, byte[] response, int[] cellStatuses)
            : base(reason)
        {
            Step = step;
            Response = response;
            CellStatuses = cellStatuses;
        }

        internal int Step { get; private set; }

        internal int AlertCode { get; private set; }

        internal byte[] Response { get; private set; }

        internal int[] CellStatuses { get; private set; }
    }
}
