using System;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// Internal unwinding from a failed check to <see cref="GbcsDevice.Process"/>: carries the step and the alert
    /// code (0 for none). A command refused after authentication is not unwound: its handler returns a
    /// <see cref="CommandDecision"/> with the response that reports why. Never escapes the device.
    /// </summary>
    internal sealed class CommandRejection : Exception
    {
        internal CommandRejection(int step, int alertCode, string reason)
            : base(reason)
        {
            Step = step;
            AlertCode = alertCode;
        }

        internal int Step { get; private set; }

        internal int AlertCode { get; private set; }
    }
}
