using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>Signature verification of a parsed GBCS message (ECDSA P-256 over SHA-256, raw r||s).</summary>
    public sealed partial class GbcsMessage
    {
        /// <summary>
        /// Verifies the Grouping Header signature with an uncompressed P-256 key (65 bytes). False when the frame
        /// carries no signature or it does not verify; an invalid key throws the crypto layer's typed exception.
        /// </summary>
        public bool VerifySignature(byte[] publicKey)
        {
            if (publicKey == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no public key");
            }

            return VerifySignature(P256PublicKey.Parse(publicKey));
        }

        /// <summary>
        /// Verifies the Grouping Header signature with an uncompressed P-256 key (65 bytes: a Trust Anchor Cell's) in
        /// the caller's context: hashed into its scratch, the key through its cache, so nothing is allocated.
        /// False when the frame carries no signature or it does not verify; an invalid key throws.
        /// </summary>
        public bool VerifySignature(P256Context context, byte[] publicKey)
        {
            if (context == null || publicKey == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, context == null ? "no P-256 context" : "no public key");
            }

            P256PublicKey.CheckEncodedLength(publicKey);
            if (!HasSignature)
            {
                return false;
            }

            byte[] hash = context.HashScratch;
            context.Sha.ComputeHash(Frame, SignedBytesOffset, SignedBytesLength, hash, 0);
            return EcdsaP256.VerifyEncoded(context, publicKey, hash, Frame, SignatureOffset);
        }

        /// <summary>Verifies the Grouping Header signature with an already validated key (in a P-256 context for this call).</summary>
        public bool VerifySignature(P256PublicKey publicKey)
        {
            return VerifySignature(new P256Context(), publicKey);
        }

        /// <summary>
        /// Verifies the Grouping Header signature with an already validated key in the caller's context: the
        /// signed bytes are hashed into the context's scratch, so nothing is allocated.
        /// </summary>
        public bool VerifySignature(P256Context context, P256PublicKey publicKey)
        {
            if (context == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no P-256 context");
            }

            if (publicKey == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no public key");
            }

            if (!HasSignature)
            {
                return false;
            }

            byte[] hash = context.HashScratch;
            context.Sha.ComputeHash(Frame, SignedBytesOffset, SignedBytesLength, hash, 0);
            return EcdsaP256.VerifyHash(context, publicKey, hash, 0, Frame, SignatureOffset);
        }

    }
}
