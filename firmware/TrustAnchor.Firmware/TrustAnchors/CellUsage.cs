namespace TrustAnchor.Firmware.TrustAnchors
{
    /// <summary>GBCS <c>cellUsage INTEGER { management(0), prePaymentTopUp(1) } DEFAULT management</c>.</summary>
    public static class CellUsage
    {
        public const int Management = 0;
        public const int PrePaymentTopUp = 1;

        public static bool IsDefined(int cellUsage)
        {
            return cellUsage == Management || cellUsage == PrePaymentTopUp;
        }
    }
}
