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

            cert.SetEncoding(buffer, offset, length);
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
                CertificateSignature signature = cert.Signature;
                signature.SetTbs(buffer, tbsOffset, tbsLength);
                DerReader tbs = certificate.ReadSequence();

                field = "signatureAlgorithm";
                int algorithmOffset;
                int algorithmLength;
                int oidOffset;
                int oidLength;
                bool hasParameters;
                ReadAlgorithm(ref certificate, out algorithmOffset, out algorithmLength, out oidOffset, out oidLength, out hasParameters);
                signature.SetAlgorithm(algorithmOffset, algorithmLength, oidOffset, oidLength, hasParameters);

                field = "signatureValue";
                int unusedBits;
                int valueOffset;
                int valueLength;
                certificate.ReadBitString(out unusedBits, out valueOffset, out valueLength);
                if (unusedBits != 0)
                {
                    throw new CertificateFormatException(CertificateError.BitStringNotOctetAligned, "certificate: signatureValue has unused bits");
                }

                signature.SetValue(valueOffset, valueLength);

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

                cert.SetVersion(version + 1);
            }
            else
            {
                cert.SetVersion(1);
            }

            field = "serialNumber";
            int valueOffset;
            int valueLength;
            tbs.ReadInteger(out valueOffset, out valueLength);
            cert.SetSerialNumber(valueOffset, valueLength);

            field = "signature";
            int algorithmOffset;
            int algorithmLength;
            int oidOffset;
            int oidLength;
            bool hasParameters;
            ReadAlgorithm(ref tbs, out algorithmOffset, out algorithmLength, out oidOffset, out oidLength, out hasParameters);
            cert.Signature.SetTbsAlgorithm(algorithmOffset, algorithmLength, oidOffset, oidLength, hasParameters);

            field = "issuer";
            ReadName(ref tbs, cert.Issuer);

            field = "validity";
            byte[] buffer = tbs.Buffer;
            CertificateValidity period = cert.Validity;
            DerReader validity = tbs.ReadSequence();
            int tag = validity.PeekTag();
            DerReader timePeek = validity;
            timePeek.ReadElement(tag, out valueOffset, out valueLength);
            period.SetNotBefore(tag, valueOffset, valueLength, validity.ReadTime());
            tag = validity.PeekTag();
            timePeek = validity;
            timePeek.ReadElement(tag, out valueOffset, out valueLength);
            period.SetNotAfter(tag, valueOffset, valueLength, validity.ReadTime());
            validity.ThrowIfNotEmpty();

            field = "subject";
            ReadName(ref tbs, cert.Subject);

            field = "subjectPublicKeyInfo";
            SubjectPublicKeyInfo key = cert.SubjectPublicKeyInfo;
            DerReader spki = tbs.ReadSequence();
            DerReader keyAlgorithm = spki.ReadSequence();
            keyAlgorithm.ReadObjectIdentifier(out oidOffset, out oidLength);
            int parametersTag = 0;
            int parametersOffset = 0;
            int parametersLength = 0;
            if (keyAlgorithm.PeekTagIs(DerTag.ObjectIdentifier))
            {
                // namedCurve
                parametersTag = DerTag.ObjectIdentifier;
                keyAlgorithm.ReadObjectIdentifier(out parametersOffset, out parametersLength);
            }
            else if (keyAlgorithm.HasData)
            {
                parametersTag = keyAlgorithm.ReadAnyElement(out parametersOffset, out parametersLength);
            }

            keyAlgorithm.ThrowIfNotEmpty();
            key.SetAlgorithm(buffer, oidOffset, oidLength, parametersTag, parametersOffset, parametersLength);
            int unusedBits;
            spki.ReadBitString(out unusedBits, out valueOffset, out valueLength);
            if (unusedBits != 0)
            {
                throw new CertificateFormatException(CertificateError.BitStringNotOctetAligned, "certificate: subjectPublicKey has unused bits");
            }

            key.SetKey(valueOffset, valueLength);
            spki.ThrowIfNotEmpty();

            field = "uniqueIdentifiers";
            int uniqueIdOffset;
            int uniqueIdLength;
            if (tbs.PeekTagIs(0x81))
            {
                tbs.ReadBitString(0x81, out unusedBits, out uniqueIdOffset, out uniqueIdLength);
                cert.MarkUniqueIdentifiers();
            }

            if (tbs.PeekTagIs(0x82))
            {
                tbs.ReadBitString(0x82, out unusedBits, out uniqueIdOffset, out uniqueIdLength);
                cert.MarkUniqueIdentifiers();
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

        private static void ReadName(ref DerReader reader, CertificateName name)
        {
            DerReader peek = reader;
            int nameOffset;
            int nameLength;
            peek.ReadEncodedValue(out nameOffset, out nameLength);
            name.SetEncoding(reader.Buffer, nameOffset, nameLength);
            DerReader rdns = reader.ReadSequence();
            while (rdns.HasData)
            {
                DerReader rdn = rdns.ReadSetOf();
                if (!rdn.HasData)
                {
                    throw new CertificateFormatException(CertificateError.EmptyCollection, "certificate: empty RelativeDistinguishedName");
                }

                name.AddRdn();
                while (rdn.HasData)
                {
                    DerReader attribute = rdn.ReadSequence();
                    int typeOffset;
                    int typeLength;
                    attribute.ReadObjectIdentifier(out typeOffset, out typeLength);
                    byte[] buffer = attribute.Buffer;
                    name.AddAttribute();
                    if (Oids.Matches(Oids.OrganizationalUnitName, buffer, typeOffset, typeLength))
                    {
                        int valueOffset;
                        int valueLength;
                        int tag = attribute.ReadAnyElement(out valueOffset, out valueLength);
                        name.AddRole(tag, valueOffset, valueLength);
                    }
                    else if (Oids.Matches(Oids.X500UniqueIdentifier, buffer, typeOffset, typeLength))
                    {
                        // X.520 UniqueIdentifier ::= BIT STRING.
                        int unusedBits;
                        int valueOffset;
                        int valueLength;
                        attribute.ReadBitString(out unusedBits, out valueOffset, out valueLength);
                        name.AddEntityId(valueOffset, valueLength, unusedBits);
                    }
                    else if (Oids.Matches(Oids.CommonName, buffer, typeOffset, typeLength))
                    {
                        int valueOffset;
                        int valueLength;
                        int tag = attribute.ReadAnyElement(out valueOffset, out valueLength);
                        name.AddCommonName(tag, valueOffset, valueLength);
                    }
                    else
                    {
                        attribute.Skip();
                    }

                    attribute.ThrowIfNotEmpty();
                }
            }
        }

        private static void ReadExtensions(Certificate cert, DerReader extensions, ref string field)
        {
            CertificateExtensions found = cert.Extensions;
            byte[] buffer = cert.Der;
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
                CheckNotDuplicate(all, extensionStart, buffer, oidOffset, oidLength);
                found.AddExtension(buffer);

                DerReader value = new DerReader(buffer, valueOffset, valueLength);
                int o;
                int l;
                if (Oids.Matches(Oids.SubjectKeyIdentifier, buffer, oidOffset, oidLength))
                {
                    field = "subjectKeyIdentifier";
                    value.ReadOctetString(out o, out l);
                    found.SetSubjectKeyId(critical, o, l);
                }
                else if (Oids.Matches(Oids.AuthorityKeyIdentifier, buffer, oidOffset, oidLength))
                {
                    field = "authorityKeyIdentifier";
                    DerReader aki = value.ReadSequence();
                    bool hasKeyId = false;
                    int keyIdOffset = 0;
                    int keyIdLength = 0;
                    bool hasIssuerOrSerial = false;
                    if (aki.PeekTagIs(0x80))
                    {
                        aki.ReadElement(0x80, out keyIdOffset, out keyIdLength);
                        hasKeyId = true;
                    }

                    DerReader issuerNames;
                    if (aki.TryReadOptionalConstructed(0xA1, out issuerNames))
                    {
                        hasIssuerOrSerial = true;
                    }

                    if (aki.PeekTagIs(0x82))
                    {
                        aki.ReadElement(0x82, out o, out l);
                        hasIssuerOrSerial = true;
                    }

                    aki.ThrowIfNotEmpty();
                    found.SetAuthorityKeyId(critical, hasKeyId, keyIdOffset, keyIdLength, hasIssuerOrSerial);
                }
                else if (Oids.Matches(Oids.KeyUsage, buffer, oidOffset, oidLength))
                {
                    field = "keyUsage";
                    found.SetKeyUsage(critical, value.ReadNamedBitListFlags());
                }
                else if (Oids.Matches(Oids.BasicConstraints, buffer, oidOffset, oidLength))
                {
                    field = "basicConstraints";
                    DerReader constraints = value.ReadSequence();
                    bool isCa = false;
                    int pathLength = -1;
                    if (constraints.PeekTagIs(DerTag.Boolean))
                    {
                        isCa = constraints.ReadBoolean();
                        if (!isCa)
                        {
                            throw new CertificateFormatException(CertificateError.DefaultValueEncoded, "certificate: basicConstraints encodes cA FALSE (DER omits the DEFAULT)");
                        }
                    }

                    if (constraints.HasData)
                    {
                        pathLength = constraints.ReadInt32();
                        if (pathLength < 0)
                        {
                            throw new CertificateFormatException(CertificateError.NegativePathLength, "certificate: basicConstraints pathLenConstraint is negative");
                        }
                    }

                    constraints.ThrowIfNotEmpty();
                    found.SetBasicConstraints(critical, isCa, pathLength);
                }
                else if (Oids.Matches(Oids.CertificatePolicies, buffer, oidOffset, oidLength))
                {
                    field = "certificatePolicies";
                    DerReader policies = value.ReadSequence();
                    int policiesOffset = policies.Position;
                    int policiesLength = policies.Remaining;
                    int policyCount = 0;
                    while (policies.HasData)
                    {
                        DerReader information = policies.ReadSequence();
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
                        policyCount++;
                    }

                    if (policyCount == 0)
                    {
                        throw new CertificateFormatException(CertificateError.EmptyCollection, "certificate: certificatePolicies is empty");
                    }

                    found.SetPolicies(critical, policiesOffset, policiesLength, policyCount);
                }
                else if (Oids.Matches(Oids.SubjectAltName, buffer, oidOffset, oidLength))
                {
                    field = "subjectAltName";
                    found.SetSubjectAltName(critical, ReadSubjectAltName(found, value.ReadSequence()));
                }
                else if (critical)
                {
                    found.AddUnknownCritical(oidOffset, oidLength);
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

        // Returns the number of GeneralNames; records the first hardwareModuleName otherName.
        private static int ReadSubjectAltName(CertificateExtensions found, DerReader names)
        {
            if (!names.HasData)
            {
                throw new CertificateFormatException(CertificateError.EmptyCollection, "certificate: subjectAltName is empty");
            }

            int count = 0;
            bool hasHardwareModule = false;
            while (names.HasData)
            {
                count++;
                int tag = names.PeekTag();
                if (tag == 0xA0)
                {
                    // otherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY }, implicitly tagged [0].
                    DerReader otherName = names.ReadConstructed(0xA0);
                    bool isHardwareModule = otherName.ReadObjectIdentifierEquals(Oids.HardwareModuleName);
                    DerReader explicitValue = otherName.ReadConstructed(0xA0);
                    otherName.ThrowIfNotEmpty();
                    if (isHardwareModule && !hasHardwareModule)
                    {
                        // HardwareModuleName ::= SEQUENCE { hwType OID, hwSerialNum OCTET STRING } (RFC 4108).
                        DerReader module = explicitValue.ReadSequence();
                        int typeOffset;
                        int typeLength;
                        int serialOffset;
                        int serialLength;
                        module.ReadObjectIdentifier(out typeOffset, out typeLength);
                        module.ReadOctetString(out serialOffset, out serialLength);
                        module.ThrowIfNotEmpty();
                        found.SetHardwareModuleName(typeOffset, typeLength, serialOffset, serialLength);
                        hasHardwareModule = true;
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

            return count;
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
