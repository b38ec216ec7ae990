namespace TrustAnchor.Simulator.Link;

/// <summary>
/// The device link failed: the device could not be reached, is gone, broke the protocol, timed out, or answered
/// ERROR. The message is one line fit for a console (no stack trace needed).
/// </summary>
public sealed class DeviceLinkException : Exception
{
    public DeviceLinkException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>True when the device answered ERROR (the link itself still works).</summary>
    public bool DeviceReportedError { get; init; }
}
