using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>
    /// GBCS certificate profiles (NOTES §4; GBCS section 12, as observed in DCC test certificates). Each check returns
    /// every violated rule, one <see cref="ProfileViolation"/> per rule, or an empty array (shared, no allocation)
    /// when the certificate complies. Structure has already been validated by <see cref="Certificate.Parse(byte[])"/>.
    /// </summary>
    public static class CertificateProfile
    {
        private const int KeyIdentifierLength = 8;

        private static readonly byte[] NoExpiry = { (byte)'9', (byte)'9', (byte)'9', (byte)'9', (byte)'1', (byte)'2', (byte)'3', (byte)'1', (byte)'2', (byte)'3', (byte)'5', (byte)'9', (byte)'5', (byte)'9', (byte)'Z' };

        // ------------------------------------------------------------------ Organisation

        public static ProfileViolation[] CheckOrganisation(Certificate certificate)
        {
            return CheckOrganisation(certificate, ProfileSettings.Default);
        }

        /// <summary>
        /// Organisation Certificate: subject OU = role (two hex digits, UTF8String, not 00/07) and x500UniqueIdentifier
        /// = 64-bit Entity Identifier; keyUsage exactly digitalSignature or keyAgreement; not a CA; issued by OU=07.
        /// </summary>
        public static ProfileViolation[] CheckOrganisation(Certificate certificate, ProfileSettings settings)
        {
            return CheckOrganisation(certificate, settings, null);
        }

        /// <summary>As <see cref="CheckOrganisation(Certificate, ProfileSettings)"/> with the key and key-identifier checks in the
        /// caller's <paramref name="context"/> (allocation-free; null: scratch of their own for this call).</summary>
        public static ProfileViolation[] CheckOrganisation(Certificate certificate, ProfileSettings settings, P256Context context)
        {
            ViolationList list = new ViolationList();
            if (!CheckArguments(certificate, ref settings, ref list))
            {
                return list.ToArray();
            }

            CheckCommon(certificate, settings.OrganisationPolicies, true, context, ref list);
            CheckRole(certificate, ref list);
            if (certificate.Subject.Role == 0x00 || certificate.Subject.Role == 0x07)
            {
                list.Add(ProfileViolationCode.WrongRole, "Organisation certificate carries a CA role (OU " + RoleText(certificate.Subject.Role) + ")");
            }

            CheckEntityId(certificate, ref list);
            CheckEndEntityKeyUsage(certificate, ref list);
            if (certificate.Extensions.IsCa)
            {
                list.Add(ProfileViolationCode.BasicConstraintsIsCa, "Organisation certificate asserts cA TRUE");
            }

            if (certificate.Issuer.Role != 0x07)
            {
                list.Add(ProfileViolationCode.IssuerRoleWrong, "issuer OU is not 07 (issuingAuthority)");
            }

            return list.ToArray();
        }

        // ------------------------------------------------------------------ Issuing OCA

        public static ProfileViolation[] CheckIssuingOca(Certificate certificate)
        {
            return CheckIssuingOca(certificate, ProfileSettings.Default);
        }

        /// <summary>Issuing OCA: OU=07 and a CN; basicConstraints critical cA TRUE pathLen 0; keyUsage keyCertSign + cRLSign; issued by OU=00.</summary>
        public static ProfileViolation[] CheckIssuingOca(Certificate certificate, ProfileSettings settings)
        {
            return CheckIssuingOca(certificate, settings, null);
        }

        /// <summary>As <see cref="CheckIssuingOca(Certificate, ProfileSettings)"/> with the key and key-identifier checks in the
        /// caller's <paramref name="context"/> (allocation-free; null: scratch of their own for this call).</summary>
        public static ProfileViolation[] CheckIssuingOca(Certificate certificate, ProfileSettings settings, P256Context context)
        {
            ViolationList list = new ViolationList();
            if (!CheckArguments(certificate, ref settings, ref list))
            {
                return list.ToArray();
            }

            CheckCommon(certificate, settings.OrganisationPolicies, true, context, ref list);
            CheckRole(certificate, ref list);
            if (certificate.Subject.RoleCount > 0 && certificate.Subject.Role >= 0 && certificate.Subject.Role != 0x07)
            {
                list.Add(ProfileViolationCode.WrongRole, "Issuing OCA subject OU is " + RoleText(certificate.Subject.Role) + ", not 07");
            }

            if (certificate.Subject.CommonNameCount == 0)
            {
                list.Add(ProfileViolationCode.CommonNameMissing, "Issuing OCA subject has no CN");
            }

            CheckCaConstraints(certificate, ref list);
            if (certificate.Extensions.HasBasicConstraints && certificate.Extensions.IsCa && certificate.Extensions.PathLength != 0)
            {
                list.Add(ProfileViolationCode.BasicConstraintsPathLenNotZero, "Issuing OCA pathLenConstraint must be 0");
            }

            if (certificate.Extensions.HasKeyUsage && certificate.Extensions.KeyUsage != (KeyUsageBits.KeyCertSign | KeyUsageBits.CrlSign))
            {
                list.Add(ProfileViolationCode.KeyUsageWrongForCa, "Issuing OCA keyUsage must be exactly keyCertSign and cRLSign");
            }

            if (certificate.Issuer.Role != 0x00)
            {
                list.Add(ProfileViolationCode.IssuerRoleWrong, "issuer OU is not 00 (root)");
            }

            return list.ToArray();
        }

        // ------------------------------------------------------------------ Root OCA

        public static ProfileViolation[] CheckRootOca(Certificate certificate)
        {
            return CheckRootOca(certificate, ProfileSettings.Default);
        }

        /// <summary>
        /// Root OCA: self-issued, OU=00; basicConstraints critical cA TRUE (pathLen, if any, at least 1); keyUsage
        /// keyCertSign, cRLSign also allowed (the root signs the ARL); authorityKeyIdentifier absent or equal to the SKI.
        /// </summary>
        public static ProfileViolation[] CheckRootOca(Certificate certificate, ProfileSettings settings)
        {
            return CheckRootOca(certificate, settings, null);
        }

        /// <summary>As <see cref="CheckRootOca(Certificate, ProfileSettings)"/> with the key and key-identifier checks in the
        /// caller's <paramref name="context"/> (allocation-free; null: scratch of their own for this call).</summary>
        public static ProfileViolation[] CheckRootOca(Certificate certificate, ProfileSettings settings, P256Context context)
        {
            ViolationList list = new ViolationList();
            if (!CheckArguments(certificate, ref settings, ref list))
            {
                return list.ToArray();
            }

            CheckCommon(certificate, settings.OrganisationPolicies, false, context, ref list);
            CheckRole(certificate, ref list);
            if (certificate.Subject.RoleCount > 0 && certificate.Subject.Role > 0)
            {
                list.Add(ProfileViolationCode.WrongRole, "Root OCA subject OU is " + RoleText(certificate.Subject.Role) + ", not 00");
            }

            if (!certificate.IsSelfIssued)
            {
                list.Add(ProfileViolationCode.NotSelfIssued, "Root OCA issuer differs from its subject");
            }

            if (certificate.Extensions.HasAuthorityKeyId && certificate.Extensions.HasSubjectKeyId
                && !certificate.Extensions.AuthorityKeyIdEquals(certificate.Der, certificate.Extensions.SubjectKeyIdOffset, certificate.Extensions.SubjectKeyIdLength))
            {
                list.Add(ProfileViolationCode.AuthorityKeyIdNotSelf, "Root OCA authorityKeyIdentifier differs from its subjectKeyIdentifier");
            }

            CheckCaConstraints(certificate, ref list);
            if (certificate.Extensions.HasBasicConstraints && certificate.Extensions.IsCa && certificate.Extensions.PathLength == 0)
            {
                list.Add(ProfileViolationCode.BasicConstraintsPathLenTooSmall, "Root OCA pathLenConstraint 0 leaves no room for the Issuing OCA");
            }

            int usage = certificate.Extensions.KeyUsage;
            if (certificate.Extensions.HasKeyUsage && ((usage & KeyUsageBits.KeyCertSign) == 0 || (usage & ~(KeyUsageBits.KeyCertSign | KeyUsageBits.CrlSign)) != 0))
            {
                list.Add(ProfileViolationCode.KeyUsageWrongForCa, "Root OCA keyUsage must be keyCertSign (cRLSign allowed) and nothing else");
            }

            return list.ToArray();
        }

        // ------------------------------------------------------------------ Device

        public static ProfileViolation[] CheckDevice(Certificate certificate)
        {
            return CheckDevice(certificate, ProfileSettings.Default);
        }

        /// <summary>
        /// Device certificate: empty subject; notAfter GeneralizedTime 99991231235959Z; keyUsage exactly digitalSignature
        /// or keyAgreement; exactly one policy; critical subjectAltName holding one otherName hardwareModuleName with an
        /// 8-octet hwSerialNum (the device's EUI-64).
        /// </summary>
        public static ProfileViolation[] CheckDevice(Certificate certificate, ProfileSettings settings)
        {
            return CheckDevice(certificate, settings, null);
        }

        /// <summary>As <see cref="CheckDevice(Certificate, ProfileSettings)"/> with the key and key-identifier checks in the
        /// caller's <paramref name="context"/> (allocation-free; null: scratch of their own for this call).</summary>
        public static ProfileViolation[] CheckDevice(Certificate certificate, ProfileSettings settings, P256Context context)
        {
            ViolationList list = new ViolationList();
            if (!CheckArguments(certificate, ref settings, ref list))
            {
                return list.ToArray();
            }

            CheckCommon(certificate, settings.DevicePolicies, true, context, ref list);
            if (certificate.Subject.AttributeCount != 0 || certificate.Subject.RdnCount != 0)
            {
                list.Add(ProfileViolationCode.DeviceSubjectNotEmpty, "Device certificate subject must be empty");
            }

            if (certificate.Validity.NotAfterTag != DerTag.GeneralizedTime
                || !Bytes.Equal(certificate.Der, certificate.Validity.NotAfterOffset, certificate.Validity.NotAfterLength, NoExpiry, 0, NoExpiry.Length))
            {
                list.Add(ProfileViolationCode.DeviceNotAfterNot99991231235959Z, "Device certificate notAfter must be GeneralizedTime 99991231235959Z");
            }

            CheckEndEntityKeyUsage(certificate, ref list);
            if (certificate.Extensions.HasPolicies && certificate.Extensions.PolicyCount != 1)
            {
                list.Add(ProfileViolationCode.PolicyNotSingle, "Device certificate must carry exactly one policy, not " + certificate.Extensions.PolicyCount.ToString());
            }

            if (certificate.Extensions.IsCa)
            {
                list.Add(ProfileViolationCode.BasicConstraintsIsCa, "Device certificate asserts cA TRUE");
            }

            if (!certificate.Extensions.HasHardwareModuleName)
            {
                list.Add(ProfileViolationCode.HardwareModuleNameMissing, "Device certificate has no subjectAltName otherName hardwareModuleName");
            }
            else if (certificate.Extensions.HardwareSerialLength != 8)
            {
                list.Add(ProfileViolationCode.HardwareSerialNot64Bits, "hardwareModuleName hwSerialNum must be 8 octets (EUI-64), not " + certificate.Extensions.HardwareSerialLength.ToString());
            }

            if (certificate.Extensions.HasSubjectAltName)
            {
                if (!certificate.Extensions.SubjectAltNameCritical)
                {
                    list.Add(ProfileViolationCode.SubjectAltNameNotCritical, "subjectAltName must be critical (the subject is empty)");
                }

                if (certificate.Extensions.SubjectAltNameCount != 1)
                {
                    list.Add(ProfileViolationCode.SubjectAltNameNotSingleName, "subjectAltName must hold exactly one name, not " + certificate.Extensions.SubjectAltNameCount.ToString());
                }
            }

            return list.ToArray();
        }

        // ------------------------------------------------------------------ shared rules

        /// <summary>True when <paramref name="keyId"/>[offset..+8) is the RFC 5280 method-2 identifier of <paramref name="certificate"/>'s key.</summary>
        public static bool IsMethod2KeyIdentifier(Certificate certificate, byte[] keyId, int offset, int length)
        {
            return IsMethod2KeyIdentifier(null, certificate, keyId, offset, length);
        }

        /// <summary>As <see cref="IsMethod2KeyIdentifier(Certificate, byte[], int, int)"/> hashing with the caller's
        /// context's SHA-1 (allocation-free; null: a SHA-1 of its own for this call).</summary>
        public static bool IsMethod2KeyIdentifier(P256Context context, Certificate certificate, byte[] keyId, int offset, int length)
        {
            if (certificate == null || keyId == null || length != KeyIdentifierLength || offset < 0 || offset > keyId.Length - length)
            {
                return false;
            }

            // Method 2: 0100b then the least significant 60 bits of SHA-1 over the subjectPublicKey BIT STRING value.
            byte[] digest = context == null ? new byte[Sha1.HashSize] : context.KeyIdScratch;
            Sha1 sha1 = context == null ? new Sha1() : context.Sha1;
            sha1.ComputeHash(certificate.Der, certificate.PublicKeyOffset, certificate.PublicKeyLength, digest, 0);
            if (keyId[offset] != (0x40 | (digest[12] & 0x0F)))
            {
                return false;
            }

            for (int i = 1; i < KeyIdentifierLength; i++)
            {
                if (keyId[offset + i] != digest[12 + i])
                {
                    return false;
                }
            }

            return true;
        }

        private static bool CheckArguments(Certificate certificate, ref ProfileSettings settings, ref ViolationList list)
        {
            if (settings == null)
            {
                settings = ProfileSettings.Default;
            }

            if (certificate == null)
            {
                list.Add(ProfileViolationCode.NotVersion3, "no certificate");
                return false;
            }

            return true;
        }

        private static void CheckCommon(Certificate c, byte[][] acceptedPolicies, bool requireAuthorityKeyId, P256Context context, ref ViolationList list)
        {
            byte[] der = c.Der;
            CertificateSignature signature = c.Signature;
            SubjectPublicKeyInfo key = c.SubjectPublicKeyInfo;
            CertificateExtensions extensions = c.Extensions;
            if (c.Version != 3)
            {
                list.Add(ProfileViolationCode.NotVersion3, "certificate is v" + c.Version.ToString() + ", not v3");
            }

            if (signature.TbsAlgorithmHasParameters || !Oids.Matches(Oids.EcdsaWithSha256, der, signature.TbsAlgorithmOidOffset, signature.TbsAlgorithmOidLength))
            {
                list.Add(ProfileViolationCode.WrongSignatureAlgorithm, "signature algorithm is not ecdsa-with-SHA256 without parameters");
            }

            if (!signature.AlgorithmsMatch)
            {
                list.Add(ProfileViolationCode.SignatureAlgorithmMismatch, "signatureAlgorithm differs from the TBS signature field");
            }

            if (!Oids.Matches(Oids.EcPublicKey, der, key.AlgorithmOidOffset, key.AlgorithmOidLength))
            {
                list.Add(ProfileViolationCode.WrongPublicKeyAlgorithm, "public key algorithm is not id-ecPublicKey");
            }
            else if (key.ParametersTag != DerTag.ObjectIdentifier || !Oids.Matches(Oids.Prime256v1, der, key.ParametersOffset, key.ParametersLength))
            {
                list.Add(ProfileViolationCode.WrongCurve, "public key parameters are not namedCurve prime256v1");
            }

            if (key.KeyLength == 33 && (der[key.KeyOffset] == 0x02 || der[key.KeyOffset] == 0x03))
            {
                list.Add(ProfileViolationCode.CompressedPublicKey, "public key is compressed; GBCS requires the uncompressed form");
            }
            else if (key.KeyLength != 65 || der[key.KeyOffset] != 0x04)
            {
                list.Add(ProfileViolationCode.PublicKeyMalformed, "public key is not 65 octets 04||X||Y");
            }
            else if (!KeyCheck.IsValidP256(c, context))
            {
                list.Add(ProfileViolationCode.PublicKeyMalformed, "public key is not a point on P-256");
            }

            if ((der[c.SerialNumberOffset] & 0x80) != 0 || (c.SerialNumberLength == 1 && der[c.SerialNumberOffset] == 0) || c.SerialNumberLength > 20)
            {
                list.Add(ProfileViolationCode.SerialNumberInvalid, "serialNumber must be positive and at most 20 octets");
            }

            if (c.NotBefore > c.NotAfter)
            {
                list.Add(ProfileViolationCode.ValidityPeriodInverted, "notBefore is after notAfter");
            }

            if (c.HasUniqueIdentifiers)
            {
                list.Add(ProfileViolationCode.UniqueIdentifiersPresent, "issuerUniqueID/subjectUniqueID present");
            }

            if (!extensions.HasKeyUsage)
            {
                list.Add(ProfileViolationCode.KeyUsageMissing, "keyUsage extension missing");
            }
            else if (!extensions.KeyUsageCritical)
            {
                list.Add(ProfileViolationCode.KeyUsageNotCritical, "keyUsage extension is not critical");
            }

            if (!extensions.HasPolicies)
            {
                list.Add(ProfileViolationCode.PoliciesMissing, "certificatePolicies extension missing");
            }
            else
            {
                if (!extensions.PoliciesCritical)
                {
                    list.Add(ProfileViolationCode.PoliciesNotCritical, "certificatePolicies extension is not critical");
                }

                if (acceptedPolicies != null && !HasAcceptedPolicy(c, acceptedPolicies))
                {
                    list.Add(ProfileViolationCode.PolicyNotAccepted, "none of the certificate's policies is accepted by this device's configuration");
                }
            }

            if (!extensions.HasSubjectKeyId)
            {
                list.Add(ProfileViolationCode.SubjectKeyIdMissing, "subjectKeyIdentifier extension missing");
            }
            else
            {
                if (extensions.SubjectKeyIdCritical)
                {
                    list.Add(ProfileViolationCode.SubjectKeyIdCritical, "subjectKeyIdentifier must not be critical");
                }

                if (extensions.SubjectKeyIdLength != KeyIdentifierLength)
                {
                    list.Add(ProfileViolationCode.KeyIdentifierNot8Octets, "subjectKeyIdentifier is " + extensions.SubjectKeyIdLength.ToString() + " octets, not 8");
                }
                else if (!IsMethod2KeyIdentifier(context, c, der, extensions.SubjectKeyIdOffset, extensions.SubjectKeyIdLength))
                {
                    list.Add(ProfileViolationCode.KeyIdentifierNotMethod2, "subjectKeyIdentifier is not 0100b + the low 60 bits of SHA-1 of the key (RFC 5280 method 2)");
                }
            }

            if (!extensions.HasAuthorityKeyIdExtension)
            {
                if (requireAuthorityKeyId)
                {
                    list.Add(ProfileViolationCode.AuthorityKeyIdMissing, "authorityKeyIdentifier extension missing");
                }
            }
            else
            {
                if (extensions.AuthorityKeyIdCritical)
                {
                    list.Add(ProfileViolationCode.AuthorityKeyIdCritical, "authorityKeyIdentifier must not be critical");
                }

                if (!extensions.HasAuthorityKeyId || extensions.AuthorityKeyIdHasIssuerOrSerial)
                {
                    list.Add(ProfileViolationCode.AuthorityKeyIdNotKeyIdentifierOnly, "authorityKeyIdentifier must hold [0] keyIdentifier only");
                }
                else if (extensions.AuthorityKeyIdLength != KeyIdentifierLength)
                {
                    list.Add(ProfileViolationCode.AuthorityKeyIdNot8Octets, "authorityKeyIdentifier keyIdentifier is " + extensions.AuthorityKeyIdLength.ToString() + " octets, not 8");
                }
            }

            if (extensions.UnknownCriticalCount > 0)
            {
                list.Add(ProfileViolationCode.UnknownCriticalExtension, "critical extension outside the profile (first at offset " + extensions.FirstUnknownCriticalOidOffset.ToString() + ")");
            }
        }

        private static bool HasAcceptedPolicy(Certificate c, byte[][] accepted)
        {
            for (int i = 0; i < accepted.Length; i++)
            {
                if (c.HasPolicy(accepted[i]))
                {
                    return true;
                }
            }

            return false;
        }

        private static void CheckRole(Certificate c, ref ViolationList list)
        {
            CertificateName subject = c.Subject;
            if (subject.RoleCount == 0)
            {
                list.Add(ProfileViolationCode.RoleMissing, "subject has no OU carrying the Remote Party Role");
                return;
            }

            if (subject.RoleCount > 1)
            {
                list.Add(ProfileViolationCode.RoleRepeated, "subject has " + subject.RoleCount.ToString() + " OUs; the Remote Party Role must be unambiguous");
            }

            if (subject.RoleTag != DerTag.Utf8String)
            {
                list.Add(ProfileViolationCode.RoleNotUtf8String, "subject OU is not a UTF8String");
            }

            if (subject.Role < 0)
            {
                list.Add(ProfileViolationCode.RoleNotTwoHexDigits, "subject OU is not two hex digits");
            }
        }

        private static void CheckEntityId(Certificate c, ref ViolationList list)
        {
            CertificateName subject = c.Subject;
            if (subject.EntityIdCount == 0)
            {
                list.Add(ProfileViolationCode.EntityIdMissing, "subject has no x500UniqueIdentifier (Entity Identifier)");
                return;
            }

            if (subject.EntityIdCount > 1)
            {
                list.Add(ProfileViolationCode.EntityIdRepeated, "subject has more than one x500UniqueIdentifier");
            }

            if (subject.EntityIdLength != 8 || subject.EntityIdUnusedBits != 0)
            {
                list.Add(ProfileViolationCode.EntityIdNot64Bits, "x500UniqueIdentifier is not a 64-bit BIT STRING (EUI-64)");
            }
        }

        private static void CheckEndEntityKeyUsage(Certificate c, ref ViolationList list)
        {
            if (!c.Extensions.HasKeyUsage)
            {
                return;
            }

            int usage = c.Extensions.KeyUsage;
            if (usage == 0 || (usage & (usage - 1)) != 0)
            {
                list.Add(ProfileViolationCode.KeyUsageNotSingleBit, "keyUsage must have exactly one bit set");
            }
            else if (usage != KeyUsageBits.DigitalSignature && usage != KeyUsageBits.KeyAgreement)
            {
                list.Add(ProfileViolationCode.KeyUsageNotAllowed, "keyUsage must be digitalSignature or keyAgreement");
            }
        }

        private static void CheckCaConstraints(Certificate c, ref ViolationList list)
        {
            if (!c.Extensions.HasBasicConstraints)
            {
                list.Add(ProfileViolationCode.BasicConstraintsMissing, "basicConstraints extension missing");
                return;
            }

            if (!c.Extensions.BasicConstraintsCritical)
            {
                list.Add(ProfileViolationCode.BasicConstraintsNotCritical, "basicConstraints must be critical");
            }

            if (!c.Extensions.IsCa)
            {
                list.Add(ProfileViolationCode.BasicConstraintsNotCa, "basicConstraints cA is not TRUE");
            }
        }

        private static string RoleText(int role)
        {
            if (role < 0)
            {
                return "(unreadable)";
            }

            const string digits = "0123456789ABCDEF";
            return new string(new char[] { digits[(role >> 4) & 0xF], digits[role & 0xF] });
        }
    }
}
