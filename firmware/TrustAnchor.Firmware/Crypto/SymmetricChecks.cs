namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>Argument checks shared by the symmetric primitives, so each throws the same typed error.</summary>
    internal static class SymmetricChecks
    {
        internal static void NotNull(object value, string name)
        {
            if (value == null)
            {
                throw new SymmetricCryptoException(SymmetricCryptoError.NullArgument, name + " is null");
            }
        }

        internal static void Range(byte[] buffer, int offset, int count, string name)
        {
            NotNull(buffer, name);
            if (offset < 0 || count < 0 || offset > buffer.Length || count > buffer.Length - offset)
            {
                throw new SymmetricCryptoException(SymmetricCryptoError.RangeOutsideBuffer,
                    name + ": range " + offset + "+" + count + " is outside a buffer of " + buffer.Length + " bytes");
            }
        }

        internal static void Length(byte[] value, int expected, SymmetricCryptoError code, string name)
        {
            NotNull(value, name);
            if (value.Length != expected)
            {
                throw new SymmetricCryptoException(code, name + " must be " + expected + " bytes, got " + value.Length);
            }
        }

        /// <summary>Compares two ranges touching every byte whatever they hold, so timing says nothing about where they differ.</summary>
        internal static bool FixedTimeEquals(byte[] a, int aOff, byte[] b, int bOff, int count)
        {
            int diff = 0;
            for (int i = 0; i < count; i++)
            {
                diff |= a[aOff + i] ^ b[bOff + i];
            }

            return diff == 0;
        }
    }
}
