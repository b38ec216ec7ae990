using System.Threading;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// Checks that 65 bytes are a valid uncompressed P-256 point without building a <see cref="P256PublicKey"/>
    /// (whose verification tables a certificate profile check does not need). Allocation-free.
    /// </summary>
    internal static class P256KeyValidation
    {
        private static readonly uint[] X = new uint[P256Field.Limbs];
        private static readonly uint[] Y = new uint[P256Field.Limbs];

        public static bool IsValid(byte[] data, int offset, int length)
        {
            if (data == null || length != P256PublicKey.EncodedLength || offset < 0 || offset > data.Length - length)
            {
                return false;
            }

            Monitor.Enter(EcdsaP256.Lock);
            try
            {
                EcdsaP256.EngineLocked.ValidatePublicKey(data, offset, X, Y);
                return true;
            }
            catch (InvalidPublicKeyException)
            {
                return false;
            }
            finally
            {
                Monitor.Exit(EcdsaP256.Lock);
            }
        }
    }
}
