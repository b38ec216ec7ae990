namespace TrustAnchor.Firmware.Link
{
    /// <summary>Where the link server reports what happened on a link (a board's debug port, a host's logger).</summary>
    public interface ILinkLog
    {
        void Write(string line);
    }
}
