namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// Checks that 65 bytes are a valid uncompressed P-256 point without building a <see cref="P256PublicKey"/>
    /// (whose verification tables a certificate profile check does not need); allocation-free in a caller's context.
    /// </summary>
    internal static class P256KeyValidation
    {
        public static bool IsValid(byte[] data, int offset, int length)
        {
            if (data == null || length != P256PublicKey.EncodedLength || offset < 0 || offset > data.Length - length)
            {
                return false;
            }

            uint[] x = new uint[P256Field.Limbs], y = new uint[P256Field.Limbs];
            uint[] lhs = new uint[P256Field.Limbs], rhs = new uint[P256Field.Limbs], three = new uint[P256Field.Limbs];
            return IsValid(data, offset, x, y, lhs, rhs, three);
        }

        /// <summary>As <see cref="IsValid(byte[], int, int)"/> with the caller's context's scratch: allocation-free.</summary>
        public static bool IsValid(P256Context context, byte[] data, int offset, int length)
        {
            if (context == null)
            {
                return IsValid(data, offset, length);
            }

            if (data == null || length != P256PublicKey.EncodedLength || offset < 0 || offset > data.Length - length)
            {
                return false;
            }

            try
            {
                context.Engine.ValidatePublicKey(data, offset, context.PointX, context.PointY);
                return true;
            }
            catch (InvalidPublicKeyException)
            {
                return false;
            }
        }

        private static bool IsValid(byte[] data, int offset, uint[] x, uint[] y, uint[] lhs, uint[] rhs, uint[] three)
        {
            try
            {
                P256Engine.ValidatePublicKey(data, offset, x, y, lhs, rhs, three);
                return true;
            }
            catch (InvalidPublicKeyException)
            {
                return false;
            }
        }
    }
}
