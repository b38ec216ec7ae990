namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// Checks that 65 bytes are a valid uncompressed P-256 point without building a <see cref="P256PublicKey"/>
    /// (whose verification tables a certificate profile check does not need). Allocation-free.
    /// </summary>
    internal static class P256KeyValidation
    {
        public static bool IsValid(byte[] data, int offset, int length)
        {
            if (data == null || length != P256PublicKey.EncodedLength || offset < 0 || offset > data.Length - length)
            {
                return false;
            }

            P256Context context = P256Concurrency.Acquire();
            try
            {
                context.Engine.ValidatePublicKey(data, offset, context.PointX, context.PointY);
                return true;
            }
            catch (InvalidPublicKeyException)
            {
                return false;
            }
            finally
            {
                P256Concurrency.Release(context);
            }
        }
    }
}
