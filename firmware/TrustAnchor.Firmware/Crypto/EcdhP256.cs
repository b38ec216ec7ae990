using System;

namespace TrustAnchor.Firmware.Crypto
{
    /// <summary>
    /// Elliptic-curve Diffie-Hellman over P-256 (the primitive GBCS key agreement uses; NIST SP 800-56A
    /// 5.7.1.2 with cofactor 1): Z = x(d Q), 32 bytes big-endian.
    /// </summary>
    public static class EcdhP256
    {
        /// <summary>Shared-secret length: the x-coordinate.</summary>
        public const int SecretSize = 32;

        /// <summary>
        /// x(d Q) for our private key d (32 bytes, in [1, n-1]) and the peer's uncompressed public key Q.
        /// The peer key is fully validated first (SP 800-56A 5.6.2.3.3: encoding, coordinates below p, on the
        /// curve; with cofactor 1 that implies the right order), so an invalid-curve point cannot be used to
        /// probe d; <see cref="InvalidPublicKeyException"/> otherwise. The multiplication is constant-time: variable-base,
        /// or, for a peer the context's host tables have a table for (<see cref="IP256KeyTables.PeerTable"/>),
        /// fixed-base over that public table. This form creates a context for the call.
        /// </summary>
        public static byte[] SharedSecret(byte[] privateKey32, byte[] peerPublicKey65)
        {
            return SharedSecret(new P256Context(), privateKey32, peerPublicKey65);
        }

        /// <summary>As <see cref="SharedSecret(byte[], byte[])"/> in the caller's context.</summary>
        public static byte[] SharedSecret(P256Context context, byte[] privateKey32, byte[] peerPublicKey65)
        {
            P256Context.Check(context);
            P256PublicKey.CheckEncodedLength(peerPublicKey65);
            uint[] d = new uint[P256Field.Limbs];
            P256KeyPair.ReadPrivateKey(privateKey32, d);
            uint[] qx = new uint[P256Field.Limbs], qy = new uint[P256Field.Limbs];
            uint[] x = new uint[P256Field.Limbs], y = new uint[P256Field.Limbs];
            bool finite;
            try
            {
                context.Engine.ValidatePublicKey(peerPublicKey65, 0, qx, qy);
                P256PeerTable table = context.Tables == null ? null : context.Tables.PeerTable(context, peerPublicKey65);
                finite = table == null || !table.IsFor(peerPublicKey65)
                    ? context.ConstantTime.Multiply(d, qx, qy, x, y)
                    : context.ConstantTime.MultiplyBase(d, table.Table, x, y);
            }
            finally
            {
                Array.Clear(d, 0, d.Length);
            }

            if (!finite)
            {
                // Unreachable for a validated point of prime order and d in [1, n-1]; kept as the SP 800-56A check.
                throw new CryptoException(CryptoError.SharedSecretInvalid, "ECDH result is the point at infinity");
            }

            byte[] secret = new byte[SecretSize];
            P256Field.WriteBigEndian(secret, 0, x);
            Array.Clear(x, 0, x.Length);
            Array.Clear(y, 0, y.Length);
            return secret;
        }
    }
}
