namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>Codes carried by <see cref="CryptoException"/> and <see cref="InvalidPublicKeyException"/>.</summary>
    public enum CryptoError
    {
        /// <summary>A buffer argument is null.</summary>
        NullArgument = 0x0301,

        /// <summary>An offset/count pair does not lie inside its buffer.</summary>
        OutOfRange = 0x0302,

        /// <summary>A hash is not exactly 32 bytes.</summary>
        WrongHashLength = 0x0303,

        /// <summary>A public key is not 65 bytes.</summary>
        PublicKeyWrongLength = 0x0310,

        /// <summary>A public key is not in uncompressed form (first byte not 0x04; compressed and infinity encodings).</summary>
        PublicKeyNotUncompressed = 0x0311,

        /// <summary>A public key coordinate is not below the field prime p.</summary>
        PublicKeyCoordinateOutOfRange = 0x0312,

        /// <summary>A public key point does not satisfy the curve equation.</summary>
        PublicKeyNotOnCurve = 0x0313,

        /// <summary>A private key is not 32 bytes or is not in [1, n-1].</summary>
        InvalidPrivateKey = 0x0320,

        /// <summary>The entropy source gave no acceptable scalar after many attempts (it is broken).</summary>
        EntropyFailure = 0x0321,

        /// <summary>An ECDH result was the point at infinity (cannot happen with a validated peer key on P-256).</summary>
        SharedSecretInvalid = 0x0322,
    }
}
