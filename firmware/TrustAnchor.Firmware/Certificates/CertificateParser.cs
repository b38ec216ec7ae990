using TrustAnchor.Firmware.Asn1;

namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>
    /// Reads the X.509 structure (RFC 5280 4.1) into a <see cref="Certificate"/>'s views. Strict DER throughout; the
    /// extensions GBCS uses are decoded and validated here so the profile and path checks never meet malformed data.
    /// Every failure becomes a <see cref="CertificateFormatException"/> naming the field.
    /// </summary>
    internal static class CertificateParser
    {
        public static Certificate Parse(byte[] buffer, int offset, int length, Certificate cert)
        {
            if (buffer == null || offset < 0 || length < 0 || offset > buffer.Length - length)
            {
                throw new CertificateFormatException(CertificateError.InvalidArgument, "certificate: window outside the data");
            }

            cert.DerBuffer = buffer;
            cert.CertOffset = offset;
            cert.CertLength = length;
            string field = "Certificate";
            try
            {
                DerReader outer = new DerReader(buffer, offset, length);
                DerReader certificate = outer.ReadSequence();
                outer.ThrowIfNotEmpty();

                field = "tbsCertificate";
                int tbsOffset;
                int tbsLength;
                DerReader peek = certificate;
                peek.ReadEncodedValue(out tbsOffset, out tbsLength);
                cert.TbsOff = tbsOffset;
                cert.TbsLen = tbsLength;
                DerReader tbs = certificate.ReadSequence();

                field = "signatureAlgorithm";
                ReadAlgorithm(ref certificate, out cert.SigAlgOff, out cert.SigAlgLen, out cert.SigAlgOidOff, out cert.SigAlgOidLen, out cert.SigAlgHasParameters);

                field = "signatureValue";
                int unusedBits;
                certificate.ReadBitString(out unusedBits, out cert.SignatureOff, out cert.SignatureLen);
                if (unusedBits != 0)
                {
                    throw new CertificateFormatException(CertificateError.BitStringNotOctetAligned, "certificate: signatureValue has unused bits");
                }

                certificate.ThrowIfNotEmpty();

                ReadTbs(cert, ref tbs, ref field);
            }
            catch (DerFormatException e)
            {
                throw new CertificateFormatException(CertificateError.MalformedDer, "certificate: " + field + ": " + e.Message, e);
            }

            return cert;
        }

        private static void ReadTbs(Certificate cert, ref DerReader tbs, ref string field)
        {
            field = "version";
            DerReader versionReader;
            if (tbs.TryReadOptionalConstructed(0xA0, out versionReader))
            {
                int version = versionReader.ReadInt32();
                versionReader.ThrowIfNotEmpty();
                if (version == 0)
                {
                    throw new CertificateFormatException(CertificateError.UnsupportedVersion, "certificate: version v1 must be omitted in DER (it is the DEFAULT)");
                }

                if (version < 0 || version > 2)
                {
                    throw new CertificateFormatException(CertificateError.UnsupportedVersion, "certificate: unknown version " + version.ToString());
                }

                cert.VersionNumber = version + 1;
            }
            else
            {
                cert.VersionNumber = 1;
            }

            field = "serialNumber";
            tbs.ReadInteger(out cert.SerialOff, out cert.SerialLen);

            field = "signature";
            ReadAlgorithm(ref tbs, out cert.TbsSigAlgOff, out cert.TbsSigAlgLen, out cert.TbsSigAlgOidOff, out cert.TbsSigAlgOidLen, out cert.TbsSigAlgHasParameters);

            field = "issuer";
            ReadName(ref tbs, ref cert.Issuer);

            field = "validity";
            DerReader validity = tbs.ReadSequence();
            cert.NotBeforeTag = validity.PeekTag();
            cert.NotBeforeTime = validity.ReadTime();
            cert.NotAfterTag = validity.PeekTag();
            DerReader notAfterPeek = validity;
            notAfterPeek.ReadElement(cert.NotAfterTag, out cert.NotAfterValueOff, out cert.NotAfterValueLen);
            cert.NotAfterTime = validity.ReadTime();
            validity.ThrowIfNotEmpty();

            field = "subject";
            ReadName(ref tbs, ref cert.Subject);

            field = "subjectPublicKeyInfo";
            DerReader spki = tbs.ReadSequence();
            DerReader keyAlgorithm = spki.ReadSequence();
            keyAlgorithm.ReadObjectIdentifier(out cert.KeyAlgOidOff, out cert.KeyAlgOidLen);
            if (keyAlgorithm.PeekTagIs(DerTag.ObjectIdentifier))
            {
                // namedCurve
                cert.KeyParamsTag = DerTag.ObjectIdentifier;
                keyAlgorithm.ReadObjectIdentifier(out cert.KeyParamsOff, out cert.KeyParamsLen);
            }
            else if (keyAlgorithm.HasData)
            {
                cert.KeyParamsTag = keyAlgorithm.ReadAnyElement(out cert.KeyParamsOff, out cert.KeyParamsLen);
            }

            keyAlgorithm.ThrowIfNotEmpty();
            int unusedBits;
            spki.ReadBitString(out unusedBits, out cert.KeyOff, out cert.KeyLen);
            if (unusedBits != 0)
            {
                throw new CertificateFormatException(CertificateError.BitStringNotOctetAligned, "certificate: subjectPublicKey has unused bits");
            }

            spki.ThrowIfNotEmpty();

            field = "uniqueIdentifiers";
            int uniqueIdOffset;
            int uniqueIdLength;
            if (tbs.PeekTagIs(0x81))
            {
                tbs.ReadBitString(0x81, out unusedBits, out uniqueIdOffset, out uniqueIdLength);
                cert.HasUniqueIds = true;
            }

            if (tbs.PeekTagIs(0x82))
            {
                tbs.ReadBitString(0x82, out unusedBits, out uniqueIdOffset, out uniqueIdLength);
                cert.HasUniqueIds = true;
            }

            field = "extensions";
            DerReader extensionsWrapper;
            if (tbs.TryReadOptionalConstructed(0xA3, out extensionsWrapper))
            {
                DerReader extensions = extensionsWrapper.ReadSequence();
                extensionsWrapper.ThrowIfNotEmpty();
                if (!extensions.HasData)
                {
                    throw new CertificateFormatException(CertificateError.EmptyCollection, "certificate: extensions present but empty");
                }

                ReadExtensions(cert, extensions, ref field);
            }

            field = "tbsCertificate";
            tbs.ThrowIfNotEmpty();
        }

        private static void ReadAlgorithm(ref DerReader reader, out int offset, out int length, out int oidOffset, out int oidLength, out bool hasParameters)
        {
            DerReader peek = reader;
            peek.ReadEncodedValue(out offset, out length);
            DerReader algorithm = reader.ReadSequence();
            algorithm.ReadObjectIdentifier(out oidOffset, out oidLength);
            hasParameters = algorithm.HasData;
            if (hasParameters)
            {
                algorithm.Skip();
            }

            algorithm.ThrowIfNotEmpty();
        }

        private static void ReadName(ref DerReader reader, ref NameFields name)
        {
            DerReader peek = reader;
            peek.ReadEncodedValue(out name.Offset, out name.Length);
            name.Role = -1;
            DerReader rdns = reader.ReadSequence();
            while (rdns.HasData)
            {
                DerReader rdn = rdns.ReadSetOf();
                if (!rdn.HasData)
                {
                    throw new CertificateFormatException(CertificateError.EmptyCollection, "certificate: empty RelativeDistinguishedName");
                }

                name.RdnCount++;
                while (rdn.HasData)
                {
                    DerReader attribute = rdn.ReadSequence();
                    int typeOffset;
                    int typeLength;
                    attribute.ReadObjectIdentifier(out typeOffset, out typeLength);
                    byte[] buffer = attribute.Buffer;
                    name.AttributeCount++;
                    if (Oids.Matches(Oids.OrganizationalUnitName, buffer, typeOffset, typeLength))
                    {
                        int valueOffset;
                        int valueLength;
                        int tag = attribute.ReadAnyElement(out valueOffset, out valueLength);
                        if (name.RoleCount == 0)
                        {
                            name.RoleTag = tag;
                            name.RoleOffset = valueOffset;
                            name.RoleLength = valueLength;
                            name.Role = ParseRole(buffer, valueOffset, valueLength);
                        }

                        name.RoleCount++;
                    }
                    else if (Oids.Matches(Oids.X500UniqueIdentifier, buffer, typeOffset, typeLength))
                    {
                        // X.520 UniqueIdentifier ::= BIT STRING.
                        int unusedBits;
                        int valueOffset;
                        int valueLength;
                        attribute.ReadBitString(out unusedBits, out valueOffset, out valueLength);
                        if (name.EntityIdCount == 0)
                        {
                            name.EntityIdOffset = valueOffset;
                            name.EntityIdLength = valueLength;
                            name.EntityIdUnusedBits = unusedBits;
                        }

                        name.EntityIdCount++;
                    }
                    else if (Oids.Matches(Oids.CommonName, buffer, typeOffset, typeLength))
                    {
                        int valueOffset;
                        int valueLength;
                        int tag = attribute.ReadAnyElement(out valueOffset, out valueLength);
                        if (name.CommonNameCount == 0)
                        {
                            name.CommonNameTag = tag;
                            name.CommonNameOffset = valueOffset;
                            name.CommonNameLength = valueLength;
                        }

                        name.CommonNameCount++;
                    }
                    else
                    {
                        attribute.Skip();
                    }

                    attribute.ThrowIfNotEmpty();
                }
            }
        }

        // Two hex digits, e.g. "02" supplier, "7F" other. Either case is read; the profile decides what it accepts.
        private static int ParseRole(byte[] buffer, int offset, int length)
        {
            if (length != 2)
            {
                return -1;
            }

            int high = HexValue(buffer[offset]);
            int low = HexValue(buffer[offset + 1]);
            if (high < 0 || low < 0)
            {
                return -1;
            }

            return (high << 4) | low;
        }

        private static int HexValue(int c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return -1;
        }

        private static void ReadExtensions(Certificate cert, DerReader extensions, ref string field)
        {
            DerReader all = extensions;
            while (extensions.HasData)
            {
                field = "extensions";
                int extensionStart = extensions.Position;
                DerReader extension = extensions.ReadSequence();
                int oidOffset;
                int oidLength;
                extension.ReadObjectIdentifier(out oidOffset, out oidLength);
                bool critical = false;
                if (extension.PeekTagIs(DerTag.Boolean))
                {
                    critical = extension.ReadBoolean();
                    if (!critical)
                    {
                        throw new CertificateFormatException(CertificateError.DefaultValueEncoded, "certificate: extension encodes critical FALSE (DER omits the DEFAULT)");
                    }
                }

                int valueOffset;
                int valueLength;
                extension.ReadOctetString(out valueOffset, out valueLength);
                extension.ThrowIfNotEmpty();
                CheckNotDuplicate(all, extensionStart, cert.DerBuffer, oidOffset, oidLength);
                cert.ExtensionCount++;

                byte[] buffer = cert.DerBuffer;
                DerReader value = new DerReader(buffer, valueOffset, valueLength);
                if (Oids.Matches(Oids.SubjectKeyIdentifier, buffer, oidOffset, oidLength))
                {
                    field = "subjectKeyIdentifier";
                    value.ReadOctetString(out cert.SkiOff, out cert.SkiLen);
                    cert.HasSki = true;
                    cert.SkiCritical = critical;
                }
                else if (Oids.Matches(Oids.AuthorityKeyIdentifier, buffer, oidOffset, oidLength))
                {
                    field = "authorityKeyIdentifier";
                    DerReader aki = value.ReadSequence();
                    if (aki.PeekTagIs(0x80))
                    {
                        aki.ReadElement(0x80, out cert.AkiOff, out cert.AkiLen);
                        cert.AkiHasKeyId = true;
                    }

                    DerReader issuerNames;
                    if (aki.TryReadOptionalConstructed(0xA1, out issuerNames))
                    {
                        cert.AkiHasIssuerOrSerial = true;
                    }

                    if (aki.PeekTagIs(0x82))
                    {
                        int o;
                        int l;
                        aki.ReadElement(0x82, out o, out l);
                        cert.AkiHasIssuerOrSerial = true;
                    }

                    aki.ThrowIfNotEmpty();
                    cert.HasAki = true;
                    cert.AkiCritical = critical;
                }
                else if (Oids.Matches(Oids.KeyUsage, buffer, oidOffset, oidLength))
                {
                    field = "keyUsage";
                    cert.KeyUsageFlags = value.ReadNamedBitListFlags();
                    cert.HasKeyUsage = true;
                    cert.KeyUsageCritical = critical;
                }
                else if (Oids.Matches(Oids.BasicConstraints, buffer, oidOffset, oidLength))
                {
                    field = "basicConstraints";
                    DerReader constraints = value.ReadSequence();
                    if (constraints.PeekTagIs(DerTag.Boolean))
                    {
                        cert.Ca = constraints.ReadBoolean();
                        if (!cert.Ca)
                        {
                            throw new CertificateFormatException(CertificateError.DefaultValueEncoded, "certificate: basicConstraints encodes cA FALSE (DER omits the DEFAULT)");
                        }
                    }

                    if (constraints.HasData)
                    {
                        int pathLength = constraints.ReadInt32();
                        if (pathLength < 0)
                        {
                            throw new CertificateFormatException(CertificateError.NegativePathLength, "certificate: basicConstraints pathLenConstraint is negative");
                        }

                        cert.PathLen = pathLength;
                    }

                    constraints.ThrowIfNotEmpty();
                    cert.HasBasicConstraints = true;
                    cert.BasicConstraintsCritical = critical;
                }
                else if (Oids.Matches(Oids.CertificatePolicies, buffer, oidOffset, oidLength))
                {
                    field = "certificatePolicies";
                    DerReader policies = value.ReadSequence();
                    cert.PoliciesOff = policies.Position;
                    cert.PoliciesLen = policies.Remaining;
                    while (policies.HasData)
                    {
                        DerReader information = policies.ReadSequence();
                        int o;
                        int l;
                        information.ReadObjectIdentifier(out o, out l);
                        if (information.HasData)
                        {
                            // policyQualifiers: SEQUENCE SIZE (1..MAX) OF PolicyQualifierInfo; not interpreted.
                            DerReader qualifiers = information.ReadSequence();
                            if (!qualifiers.HasData)
                            {
                                throw new CertificateFormatException(CertificateError.EmptyCollection, "certificate: empty policyQualifiers");
                            }
                        }

                        information.ThrowIfNotEmpty();
                        cert.PolicyTotal++;
                    }

                    if (cert.PolicyTotal == 0)
                    {
                        throw new CertificateFormatException(CertificateError.EmptyCollection, "certificate: certificatePolicies is empty");
                    }

                    cert.HasPolicies = true;
                    cert.PoliciesCritical = critical;
                }
                else if (Oids.Matches(Oids.SubjectAltName, buffer, oidOffset, oidLength))
                {
                    field = "subjectAltName";
                    ReadSubjectAltName(cert, value.ReadSequence());
                    cert.HasSubjectAltName = true;
                    cert.SubjectAltNameCritical = critical;
                }
                else if (critical)
                {
                    if (cert.UnknownCriticalCount == 0)
                    {
                        cert.FirstUnknownCriticalOidOff = oidOffset;
                        cert.FirstUnknownCriticalOidLen = oidLength;
                    }

                    cert.UnknownCriticalCount++;
                    value.Skip();
                }
                else
                {
                    // Unknown non-critical extension: its value need only be some DER element.
                    value.Skip();
                }

                value.ThrowIfNotEmpty();
            }
        }

        private static void ReadSubjectAltName(Certificate cert, DerReader names)
        {
            if (!names.HasData)
            {
                throw new CertificateFormatException(CertificateError.EmptyCollection, "certificate: subjectAltName is empty");
            }

            while (names.HasData)
            {
                cert.SubjectAltNameCount++;
                int tag = names.PeekTag();
                if (tag == 0xA0)
                {
                    // otherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY }, implicitly tagged [0].
                    DerReader otherName = names.ReadConstructed(0xA0);
                    bool isHardwareModule = otherName.ReadObjectIdentifierEquals(Oids.HardwareModuleName);
                    DerReader explicitValue = otherName.ReadConstructed(0xA0);
                    otherName.ThrowIfNotEmpty();
                    if (isHardwareModule && !cert.HasHardwareModuleName)
                    {
                        // HardwareModuleName ::= SEQUENCE { hwType OID, hwSerialNum OCTET STRING } (RFC 4108).
                        DerReader module = explicitValue.ReadSequence();
                        module.ReadObjectIdentifier(out cert.HardwareTypeOff, out cert.HardwareTypeLen);
                        module.ReadOctetString(out cert.HardwareSerialOff, out cert.HardwareSerialLen);
                        module.ThrowIfNotEmpty();
                        cert.HasHardwareModuleName = true;
                    }
                    else
                    {
                        explicitValue.Skip();
                    }

                    explicitValue.ThrowIfNotEmpty();
                }
                else if ((tag & 0xC0) == 0x80 && (tag & 0x1F) <= 8)
                {
                    names.Skip();
                }
                else
                {
                    throw new DerFormatException(DerError.UnexpectedTag, "DER: GeneralName with tag 0x" + tag.ToString("X2") + " (at offset " + names.Position.ToString() + ")");
                }
            }
        }

        // RFC 5280 4.2: a certificate MUST NOT include more than one instance of an extension.
        private static void CheckNotDuplicate(DerReader all, int currentStart, byte[] buffer, int oidOffset, int oidLength)
        {
            while (all.Position < currentStart)
            {
                DerReader previous = all.ReadSequence();
                int o;
                int l;
                previous.ReadObjectIdentifier(out o, out l);
                if (Bytes.Equal(buffer, o, l, buffer, oidOffset, oidLength))
                {
                    throw new CertificateFormatException(CertificateError.DuplicateExtension, "certificate: extension appears twice (at offset " + currentStart.ToString() + ")");
                }
            }
        }
    }
}
