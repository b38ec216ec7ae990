namespace TrustAnchor.Firmware.TrustAnchors
{
    /// <summary>GBCS <c>cellUsage INTEGER { management(0), prePaymentTopUp(1) } DEFAULT management</c>.</summary>
    public enum CellUsage
    {
        Management = 0,
        PrePaymentTopUp = 1,
    }

    /// <summary>Helpers for <see cref="CellUsage"/> (nanoFramework has no Enum.IsDefined).</summary>
    public static class CellUsages
    {
        public static bool IsDefined(int cellUsage)
        {
            return cellUsage == (int)CellUsage.Management || cellUsage == (int)CellUsage.PrePaymentTopUp;
        }
    }
}
