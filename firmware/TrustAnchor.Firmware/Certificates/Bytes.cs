namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>Range comparisons over byte arrays (no allocation).</summary>
    internal static class Bytes
    {
        public static bool Equal(byte[] a, int aOffset, int aLength, byte[] b, int bOffset, int bLength)
        {
            if (a == null || b == null || aLength != bLength || aOffset < 0 || bOffset < 0
                || aOffset > a.Length - aLength || bOffset > b.Length - bLength)
            {
                return false;
            }

            for (int i = 0; i < aLength; i++)
            {
                if (a[aOffset + i] != b[bOffset + i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
