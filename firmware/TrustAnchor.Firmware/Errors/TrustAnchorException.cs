using System;

namespace TrustAnchor.Firmware.Errors
{
    /// <summary>
    /// Base of every error the firmware library raises on bad input. Callers on a device catch this one type
    /// to turn any malformed frame, certificate or pack into a refusal without touching state; each area
    /// derives its own type with a machine-readable <see cref="Code"/> so tests and alerts can tell causes apart.
    /// </summary>
    public class TrustAnchorException : Exception
    {
        public TrustAnchorException(int code, string message)
            : base(message)
        {
            Code = code;
        }

        public TrustAnchorException(int code, string message, Exception innerException)
            : base(message, innerException)
        {
            Code = code;
        }

        /// <summary>Area-specific error code (each derived type documents its own values).</summary>
        public int Code { get; private set; }
    }
}
