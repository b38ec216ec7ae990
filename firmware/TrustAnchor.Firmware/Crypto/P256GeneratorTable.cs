namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// The odd multiples 1..31 of 2^(32 j) G for the eight pieces j (8 KB): a constant of the curve, like p and n,
    /// computed once when first needed (building it is cheaper than storing it in flash) and never written again,
    /// so every <see cref="P256Context"/> reads the same one. It is data, not state: nothing about any key,
    /// device or operation is in it.
    /// </summary>
    internal static class P256GeneratorTable
    {
        internal static readonly uint[] Table = Build();

        private static uint[] Build()
        {
            uint[] table = new uint[P256Engine.Pieces * P256Engine.PointsG * P256Engine.AffineWords];
            new P256Engine(table).BuildTables(P256Engine.Gx, P256Engine.Gy, table, P256Engine.PointsG);
            return table;
        }
    }
}
