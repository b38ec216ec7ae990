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
            if (certificate.Ca)
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
            if (certificate.HasBasicConstraints && certificate.Ca && certificate.PathLen != 0)
            {
                list.Add(ProfileViolationCode.BasicConstraintsPathLenNotZero, "Issuing OCA pathLenConstraint must be 0");
            }

            if (certificate.HasKeyUsage && certificate.KeyUsageFlags != (KeyUsageBits.KeyCertSign | KeyUsageBits.CrlSign))
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

            if (certificate.HasAki && certificate.AkiHasKeyId && certificate.HasSki
                && !Bytes.Equal(certificate.DerBuffer, certificate.AkiOff, certificate.AkiLen, certificate.DerBuffer, certificate.SkiOff, certificate.SkiLen))
            {
                list.Add(ProfileViolationCode.AuthorityKeyIdNotSelf, "Root OCA authorityKeyIdentifier differs from its subjectKeyIdentifier");
            }

            CheckCaConstraints(certificate, ref list);
            if (certificate.HasBasicConstraints && certificate.Ca && certificate.PathLen == 0)
            {
                list.Add(ProfileViolationCode.BasicConstraintsPathLenTooSmall, "Root OCA pathLenConstraint 0 leaves no room for the Issuing OCA");
            }

            int usage = certificate.KeyUsageFlags;
            if (certificate.HasKeyUsage && ((usage & KeyUsageBits.KeyCertSign) == 0 || (usage & ~(KeyUsageBits.KeyCertSign | KeyUsageBits.CrlSign)) != 0))
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

            if (certificate.NotAfterTag != DerTag.GeneralizedTime
                || !Bytes.Equal(certificate.DerBuffer, certificate.NotAfterValueOff, certificate.NotAfterValueLen, NoExpiry, 0, NoExpiry.Length))
            {
                list.Add(ProfileViolationCode.DeviceNotAfterNot99991231235959Z, "Device certificate notAfter must be GeneralizedTime 99991231235959Z");
            }

            CheckEndEntityKeyUsage(certificate, ref list);
            if (certificate.HasPolicies && certificate.PolicyTotal != 1)
            {
                list.Add(ProfileViolationCode.PolicyNotSingle, "Device certificate must carry exactly one policy, not " + certificate.PolicyTotal.ToString());
            }

            if (certificate.Ca)
            {
                list.Add(ProfileViolationCode.BasicConstraintsIsCa, "Device certificate asserts cA TRUE");
            }

            if (!certificate.HasHardwareModuleName)
            {
                list.Add(ProfileViolationCode.HardwareModuleNameMissing, "Device certificate has no subjectAltName otherName hardwareModuleName");
            }
            else if (certificate.HardwareSerialLen != 8)
            {
                list.Add(ProfileViolationCode.HardwareSerialNot64Bits, "hardwareModuleName hwSerialNum must be 8 octets (EUI-64), not " + certificate.HardwareSerialLen.ToString());
            }

            if (certificate.HasSubjectAltName)
            {
                if (!certificate.SubjectAltNameCritical)
                {
                    list.Add(ProfileViolationCode.SubjectAltNameNotCritical, "subjectAltName must be critical (the subject is empty)");
                }

                if (certificate.SubjectAltNameCount != 1)
                {
                    list.Add(ProfileViolationCode.SubjectAltNameNotSingleName, "subjectAltName must hold exactly one name, not " + certificate.SubjectAltNameCount.ToString());
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
            sha1.ComputeHash(certificate.DerBuffer, certificate.KeyOff, certificate.KeyLen, digest, 0);
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
            byte[] der = c.DerBuffer;
            if (c.VersionNumber != 3)
            {
                list.Add(ProfileViolationCode.NotVersion3, "certificate is v" + c.VersionNumber.ToString() + ", not v3");
            }

            if (c.TbsSigAlgHasParameters || !Oids.Matches(Oids.EcdsaWithSha256, der, c.TbsSigAlgOidOff, c.TbsSigAlgOidLen))
            {
                list.Add(ProfileViolationCode.WrongSignatureAlgorithm, "signature algorithm is not ecdsa-with-SHA256 without parameters");
            }

            if (!Bytes.Equal(der, c.TbsSigAlgOff, c.TbsSigAlgLen, der, c.SigAlgOff, c.SigAlgLen))
            {
                list.Add(ProfileViolationCode.SignatureAlgorithmMismatch, "signatureAlgorithm differs from the TBS signature field");
            }

            if (!Oids.Matches(Oids.EcPublicKey, der, c.KeyAlgOidOff, c.KeyAlgOidLen))
            {
                list.Add(ProfileViolationCode.WrongPublicKeyAlgorithm, "public key algorithm is not id-ecPublicKey");
            }
            else if (c.KeyParamsTag != DerTag.ObjectIdentifier || !Oids.Matches(Oids.Prime256v1, der, c.KeyParamsOff, c.KeyParamsLen))
            {
                list.Add(ProfileViolationCode.WrongCurve, "public key parameters are not namedCurve prime256v1");
            }

            if (c.KeyLen == 33 && (der[c.KeyOff] == 0x02 || der[c.KeyOff] == 0x03))
            {
                list.Add(ProfileViolationCode.CompressedPublicKey, "public key is compressed; GBCS requires the uncompressed form");
            }
            else if (c.KeyLen != 65 || der[c.KeyOff] != 0x04)
            {
                list.Add(ProfileViolationCode.PublicKeyMalformed, "public key is not 65 octets 04||X||Y");
            }
            else if (!KeyCheck.IsValidP256(c, context))
            {
                list.Add(ProfileViolationCode.PublicKeyMalformed, "public key is not a point on P-256");
            }

            if ((der[c.SerialOff] & 0x80) != 0 || (c.SerialLen == 1 && der[c.SerialOff] == 0) || c.SerialLen > 20)
            {
                list.Add(ProfileViolationCode.SerialNumberInvalid, "serialNumber must be positive and at most 20 octets");
            }

            if (c.NotBeforeTime > c.NotAfterTime)
            {
                list.Add(ProfileViolationCode.ValidityPeriodInverted, "notBefore is after notAfter");
            }

            if (c.HasUniqueIds)
            {
                list.Add(ProfileViolationCode.UniqueIdentifiersPresent, "issuerUniqueID/subjectUniqueID present");
            }

            if (!c.HasKeyUsage)
            {
                list.Add(ProfileViolationCode.KeyUsageMissing, "keyUsage extension missing");
            }
            else if (!c.KeyUsageCritical)
            {
                list.Add(ProfileViolationCode.KeyUsageNotCritical, "keyUsage extension is not critical");
            }

            if (!c.HasPolicies)
            {
                list.Add(ProfileViolationCode.PoliciesMissing, "certificatePolicies extension missing");
            }
            else
            {
                if (!c.PoliciesCritical)
                {
                    list.Add(ProfileViolationCode.PoliciesNotCritical, "certificatePolicies extension is not critical");
                }

                if (acceptedPolicies != null && !HasAcceptedPolicy(c, acceptedPolicies))
                {
                    list.Add(ProfileViolationCode.PolicyNotAccepted, "none of the certificate's policies is accepted by this device's configuration");
                }
            }

            if (!c.HasSki)
            {
                list.Add(ProfileViolationCode.SubjectKeyIdMissing, "subjectKeyIdentifier extension missing");
            }
            else
            {
                if (c.SkiCritical)
                {
                    list.Add(ProfileViolationCode.SubjectKeyIdCritical, "subjectKeyIdentifier must not be critical");
                }

                if (c.SkiLen != KeyIdentifierLength)
                {
                    list.Add(ProfileViolationCode.KeyIdentifierNot8Octets, "subjectKeyIdentifier is " + c.SkiLen.ToString() + " octets, not 8");
                }
                else if (!IsMethod2KeyIdentifier(context, c, der, c.SkiOff, c.SkiLen))
                {
                    list.Add(ProfileViolationCode.KeyIdentifierNotMethod2, "subjectKeyIdentifier is not 0100b + the low 60 bits of SHA-1 of the key (RFC 5280 method 2)");
                }
            }

            if (!c.HasAki)
            {
                if (requireAuthorityKeyId)
                {
                    list.Add(ProfileViolationCode.AuthorityKeyIdMissing, "authorityKeyIdentifier extension missing");
                }
            }
            else
            {
                if (c.AkiCritical)
                {
                    list.Add(ProfileViolationCode.AuthorityKeyIdCritical, "authorityKeyIdentifier must not be critical");
                }

                if (!c.AkiHasKeyId || c.AkiHasIssuerOrSerial)
                {
                    list.Add(ProfileViolationCode.AuthorityKeyIdNotKeyIdentifierOnly, "authorityKeyIdentifier must hold [0] keyIdentifier only");
                }
                else if (c.AkiLen != KeyIdentifierLength)
                {
                    list.Add(ProfileViolationCode.AuthorityKeyIdNot8Octets, "authorityKeyIdentifier keyIdentifier is " + c.AkiLen.ToString() + " octets, not 8");
                }
            }

            if (c.UnknownCriticalCount > 0)
            {
                list.Add(ProfileViolationCode.UnknownCriticalExtension, "critical extension outside the profile (first at offset " + c.FirstUnknownCriticalOidOff.ToString() + ")");
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
            NameFields subject = c.Subject;
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
            NameFields subject = c.Subject;
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
            if (!c.HasKeyUsage)
            {
                return;
            }

            int usage = c.KeyUsageFlags;
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
            if (!c.HasBasicConstraints)
            {
                list.Add(ProfileViolationCode.BasicConstraintsMissing, "basicConstraints extension missing");
                return;
            }

            if (!c.BasicConstraintsCritical)
            {
                list.Add(ProfileViolationCode.BasicConstraintsNotCritical, "basicConstraints must be critical");
            }

            if (!c.Ca)
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
