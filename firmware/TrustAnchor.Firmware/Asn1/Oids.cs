namespace TrustAnchor.Firmware.Asn1
{
    /// <summary>
    /// Object identifiers the firmware recognises, as DER content octets (no tag, no length), so a reader can
    /// compare a view of the certificate against them without decoding. The arrays are the assembly's own (no
    /// caller can write into them); outside it, <see cref="Matches"/> compares and <see cref="Copy"/> hands out a copy.
    /// </summary>
    public static class Oids
    {
        // --- algorithms ---
        /// <summary>ecdsa-with-SHA256, 1.2.840.10045.4.3.2.</summary>
        internal static readonly byte[] EcdsaWithSha256 = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02 };
        /// <summary>id-ecPublicKey, 1.2.840.10045.2.1.</summary>
        internal static readonly byte[] EcPublicKey = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 };
        /// <summary>prime256v1 / secp256r1, 1.2.840.10045.3.1.7.</summary>
        internal static readonly byte[] Prime256v1 = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07 };
        /// <summary>id-sha256, 2.16.840.1.101.3.4.2.1.</summary>
        internal static readonly byte[] Sha256 = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 };

        // --- name attributes ---
        /// <summary>id-at-commonName, 2.5.4.3.</summary>
        internal static readonly byte[] CommonName = { 0x55, 0x04, 0x03 };
        /// <summary>id-at-organizationalUnitName, 2.5.4.11 (GBCS: the Remote Party Role as two hex digits).</summary>
        internal static readonly byte[] OrganizationalUnitName = { 0x55, 0x04, 0x0B };
        /// <summary>id-at-uniqueIdentifier (x500UniqueIdentifier), 2.5.4.45 (GBCS: the Entity Identifier, 64-bit BIT STRING).</summary>
        internal static readonly byte[] X500UniqueIdentifier = { 0x55, 0x04, 0x2D };

        // --- certificate extensions ---
        /// <summary>id-ce-subjectKeyIdentifier, 2.5.29.14.</summary>
        internal static readonly byte[] SubjectKeyIdentifier = { 0x55, 0x1D, 0x0E };
        /// <summary>id-ce-keyUsage, 2.5.29.15.</summary>
        internal static readonly byte[] KeyUsage = { 0x55, 0x1D, 0x0F };
        /// <summary>id-ce-subjectAltName, 2.5.29.17.</summary>
        internal static readonly byte[] SubjectAltName = { 0x55, 0x1D, 0x11 };
        /// <summary>id-ce-basicConstraints, 2.5.29.19.</summary>
        internal static readonly byte[] BasicConstraints = { 0x55, 0x1D, 0x13 };
        /// <summary>id-ce-certificatePolicies, 2.5.29.32.</summary>
        internal static readonly byte[] CertificatePolicies = { 0x55, 0x1D, 0x20 };
        /// <summary>id-ce-authorityKeyIdentifier, 2.5.29.35.</summary>
        internal static readonly byte[] AuthorityKeyIdentifier = { 0x55, 0x1D, 0x23 };
        /// <summary>id-ce-extKeyUsage, 2.5.29.37.</summary>
        internal static readonly byte[] ExtendedKeyUsage = { 0x55, 0x1D, 0x25 };

        /// <summary>id-on-hardwareModuleName, 1.3.6.1.5.5.7.8.4 (RFC 4108; GBCS Device certificates).</summary>
        internal static readonly byte[] HardwareModuleName = { 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x08, 0x04 };

        /// <summary>PKCS#9 extensionRequest, 1.2.840.113549.1.9.14 (PKCS#10 attributes).</summary>
        internal static readonly byte[] Pkcs9ExtensionRequest = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x0E };

        // --- policies ---
        /// <summary>
        /// 1.2.826.0.1.8641679.1.2.1.4: the Organisation CA policy seen in the DCC test environment (NOTES §4).
        /// Production policy OIDs are not public; accepted policies are configuration (ProfileSettings).
        /// </summary>
        internal static readonly byte[] GbcsTestOrganisationPolicy = { 0x2A, 0x86, 0x3A, 0x00, 0x01, 0x84, 0x8F, 0xB9, 0x0F, 0x01, 0x02, 0x01, 0x04 };

        /// <summary>A copy of an OID's content octets, for a caller that needs its own array (null for null).</summary>
        public static byte[] Copy(byte[] encodedOid)
        {
            if (encodedOid == null)
            {
                return null;
            }

            byte[] copy = new byte[encodedOid.Length];
            System.Array.Copy(encodedOid, 0, copy, 0, encodedOid.Length);
            return copy;
        }

        /// <summary>The DCC test-environment Organisation CA policy (<see cref="GbcsTestOrganisationPolicy"/>), a copy.</summary>
        public static byte[] TestOrganisationPolicy()
        {
            return Copy(GbcsTestOrganisationPolicy);
        }

        /// <summary>True when <paramref name="buffer"/>[offset..offset+length) equals the encoded OID.</summary>
        public static bool Matches(byte[] encodedOid, byte[] buffer, int offset, int length)
        {
            if (encodedOid == null || buffer == null || length != encodedOid.Length || offset < 0 || offset > buffer.Length - length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (buffer[offset + i] != encodedOid[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
