using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// Builds the PKCS#10 (RFC 2986) request a device returns for CS02c: empty subject (Device Certificates have
    /// none), the new P-256 key, and an extensionRequest asking for keyUsage (critical) and a critical
    /// subjectAltName with one hardwareModuleName (RFC 4108) whose hwSerialNum is the device's EUI-64 — the
    /// extensions the Device Certificate profile needs. Signed with ecdsa-with-SHA256 by the new key itself
    /// (proof of possession) through an <see cref="IGbcsSigner"/>.
    /// </summary>
    public static class Pkcs10Builder
    {
        private static readonly byte[] TestHardwareModuleTypeOid = { 0x2A, 0x86, 0x3A, 0x00, 0x01, 0x84, 0x8F, 0xB9, 0x0F, 0x01, 0x02, 0x02, 0x01 };

        /// <summary>hwType seen in DCC test Device Certificates, 1.2.826.0.1.8641679.1.2.2.1 (configuration in production); a copy.</summary>
        public static byte[] TestHardwareModuleType
        {
            get { return Asn1.Oids.Copy(TestHardwareModuleTypeOid); }
        }

        /// <summary>The DER CertificationRequestInfo (what gets signed).</summary>
        public static byte[] BuildCertificationRequestInfo(byte[] publicKey65, byte[] deviceId, KeyUsage keyUsage, byte[] hardwareModuleTypeOid)
        {
            if (publicKey65 == null || publicKey65.Length != 65 || publicKey65[0] != 0x04)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "the public key must be 65 bytes, uncompressed");
            }

            if (deviceId == null || deviceId.Length != 8)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "the device EUI-64 must be 8 bytes");
            }

            if (hardwareModuleTypeOid == null || hardwareModuleTypeOid.Length == 0)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no hardware module type OID");
            }

            GbcsDer.CheckDeviceKeyUsage(keyUsage);

            DerWriter w = new DerWriter(256);
            w.PushSequence();
            w.WriteInteger(0);
            w.PushSequence();
            w.PopSequence();

            w.PushSequence();
            w.PushSequence();
            w.WriteObjectIdentifier(Oids.EcPublicKey);
            w.WriteObjectIdentifier(Oids.Prime256v1);
            w.PopSequence();
            w.WriteBitString(publicKey65, 0);
            w.PopSequence();

            // attributes [0] IMPLICIT SET OF Attribute: one extensionRequest.
            w.PushConstructed(0xA0);
            w.PushSequence();
            w.WriteObjectIdentifier(Oids.Pkcs9ExtensionRequest);
            w.PushSet();
            w.PushSequence();

            w.PushSequence();
            w.WriteObjectIdentifier(Oids.KeyUsage);
            w.WriteBoolean(true);
            w.PushConstructed(DerTag.OctetString);
            w.WriteNamedBitList((int)keyUsage);
            w.Pop();
            w.PopSequence();

            w.PushSequence();
            w.WriteObjectIdentifier(Oids.SubjectAltName);
            w.WriteBoolean(true);
            w.PushConstructed(DerTag.OctetString);
            w.PushSequence();
            w.PushConstructed(0xA0);
            w.WriteObjectIdentifier(Oids.HardwareModuleName);
            w.PushConstructed(0xA0);
            w.PushSequence();
            w.WriteObjectIdentifier(hardwareModuleTypeOid);
            w.WriteOctetString(deviceId, 0, 8);
            w.PopSequence();
            w.Pop();
            w.Pop();
            w.PopSequence();
            w.Pop();
            w.PopSequence();

            w.PopSequence();
            w.PopSet();
            w.PopSequence();
            w.Pop();

            w.PopSequence();
            return w.ToArray();
        }

        /// <summary>The signed CertificationRequest (DER).</summary>
        public static byte[] Build(byte[] publicKey65, byte[] deviceId, KeyUsage keyUsage, byte[] hardwareModuleTypeOid, IGbcsSigner signer)
        {
            if (signer == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no signer");
            }

            byte[] info = BuildCertificationRequestInfo(publicKey65, deviceId, keyUsage, hardwareModuleTypeOid);
            byte[] hash = Sha256.Hash(info, 0, info.Length);
            byte[] raw = new byte[64];
            signer.Sign(hash, raw, 0);

            DerWriter sig = new DerWriter(80);
            sig.PushSequence();
            sig.WriteIntegerUnsigned(raw, 0, 32);
            sig.WriteIntegerUnsigned(raw, 32, 32);
            sig.PopSequence();
            byte[] ecdsaSigValue = sig.ToArray();

            DerWriter w = new DerWriter(info.Length + 100);
            w.PushSequence();
            w.WriteEncoded(info, 0, info.Length);
            w.PushSequence();
            w.WriteObjectIdentifier(Oids.EcdsaWithSha256);
            w.PopSequence();
            w.WriteBitString(ecdsaSigValue, 0);
            w.PopSequence();
            return w.ToArray();
        }
    }
}
