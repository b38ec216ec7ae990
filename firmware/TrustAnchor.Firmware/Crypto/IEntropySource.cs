namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// Where key generation gets its randomness: the board's hardware RNG on a device, a seeded or OS source on
    /// the host. Injected so the firmware never relies on a managed random number generator.
    /// </summary>
    public interface IEntropySource
    {
        /// <summary>Fills buffer[offset .. offset + count) with unpredictable bytes.</summary>
        void GetBytes(byte[] buffer, int offset, int count);
    }
}
