namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// Computes the 12-byte GBCS MAC of a frame built with a MAC Header. The builder hands over the frame with the
    /// MAC bytes still zero, parsed, so the provider can use <see cref="GbcsMessage.MacAadOffset"/>,
    /// <see cref="GbcsMessage.GetMacIv"/> and the originator / counter / target fields to derive its key.
    /// </summary>
    public interface IGbcsMacProvider
    {
        void ComputeMac(GbcsMessage message, byte[] macOut, int macOutOffset);
    }
}
