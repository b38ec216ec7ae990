using System;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>
    /// GBCS certification path validation: the replacement certificate, then the certification-path certificates
    /// (the Issuing OCA), then the Root OCA key held in the root Trust Anchor Cell. Each link needs
    /// AKI = issuer SKI, issuer Name = issuer's subject Name, an issuer with cA TRUE and keyCertSign whose
    /// pathLenConstraint admits the certificates below it, and an ECDSA P-256/SHA-256 signature that verifies.
    /// Validity periods are checked against the device clock only when the command asks for it (GBCS
    /// applyTimeBasedCPVChecks), and then both notBefore and notAfter of every certificate.
    /// Structural checks come first so that a bad path costs no signature verification. In the caller's
    /// <see cref="P256Context"/> a valid path allocates nothing (the result is a shared instance; the last issuer
    /// key parsed is kept in the context for the next call); the forms without a context create one per call.
    /// </summary>
    public static class CertificationPath
    {
        /// <summary>GBCS paths hold one Issuing OCA; a few more are walked, never an unbounded number.</summary>
        public const int MaxPathCertificates = 4;


        public static PathValidationResult Validate(Certificate target, Certificate[] pathCertificates, P256PublicKey rootKey,
            byte[] rootSubjectKeyId, bool applyTimeChecks, DateTime deviceTime)
        {
            return Validate(new P256Context(), target, pathCertificates, rootKey, rootSubjectKeyId, applyTimeChecks, deviceTime);
        }

        /// <summary>As above, in the caller's context.</summary>
        public static PathValidationResult Validate(P256Context context, Certificate target, Certificate[] pathCertificates, P256PublicKey rootKey,
            byte[] rootSubjectKeyId, bool applyTimeChecks, DateTime deviceTime)
        {
            int signatureVerifications;
            return Validate(context, target, pathCertificates, rootKey, rootSubjectKeyId, applyTimeChecks, deviceTime, null, out signatureVerifications);
        }

        /// <summary>As below, in a context for this call.</summary>
        public static PathValidationResult Validate(Certificate target, Certificate[] pathCertificates, P256PublicKey rootKey,
            byte[] rootSubjectKeyId, bool applyTimeChecks, DateTime deviceTime, IssuerSignatureMemo memo, out int signatureVerifications)
        {
            return Validate(new P256Context(), target, pathCertificates, rootKey, rootSubjectKeyId, applyTimeChecks, deviceTime, memo, out signatureVerifications);
        }

        /// <summary>
        /// As above; with a <paramref name="memo"/>, the top certification-path certificate's signature under the root
        /// key is verified only if this exact certificate was not already verified under this exact root key (every
        /// other check, time checks included, still runs). <paramref name="signatureVerifications"/> counts the
        /// ECDSA verifications actually run.
        /// </summary>
        public static PathValidationResult Validate(P256Context context, Certificate target, Certificate[] pathCertificates, P256PublicKey rootKey,
            byte[] rootSubjectKeyId, bool applyTimeChecks, DateTime deviceTime, IssuerSignatureMemo memo, out int signatureVerifications)
        {
            signatureVerifications = 0;
            if (context == null)
            {
                return Fail(PathValidationCode.InvalidArgument, "no P-256 context", -1);
            }

            if (target == null || rootKey == null)
            {
                return Fail(PathValidationCode.InvalidArgument, "no target certificate or no root key", -1);
            }

            int n = pathCertificates == null ? 0 : pathCertificates.Length;
            if (n > MaxPathCertificates)
            {
                return Fail(PathValidationCode.PathTooLong, "certification path has " + n.ToString() + " certificates; at most " + MaxPathCertificates.ToString() + " are walked", -1);
            }

            for (int i = 0; i < n; i++)
            {
                if (pathCertificates[i] == null)
                {
                    return Fail(PathValidationCode.InvalidArgument, "certification path entry " + (i + 1).ToString() + " is missing", i + 1);
                }
            }

            // Pass 1: everything but signatures, from the target up.
            int nonSelfIssuedBelow = 0;
            for (int i = 0; i <= n; i++)
            {
                Certificate certificate = i == 0 ? target : pathCertificates[i - 1];
                if (!certificate.IsEcdsaWithSha256)
                {
                    return Fail(PathValidationCode.UnsupportedSignatureAlgorithm, Name(i) + " is not signed with ecdsa-with-SHA256", i);
                }

                if (applyTimeChecks)
                {
                    if (deviceTime < certificate.NotBefore)
                    {
                        return Fail(PathValidationCode.NotYetValid, Name(i) + " is not valid yet (notBefore is after the device time)", i);
                    }

                    if (deviceTime > certificate.NotAfter)
                    {
                        return Fail(PathValidationCode.Expired, Name(i) + " has expired (notAfter is before the device time)", i);
                    }
                }

                if (!certificate.HasAuthorityKeyId)
                {
                    return Fail(PathValidationCode.AuthorityKeyIdMissing, Name(i) + " has no authorityKeyIdentifier to link it to its issuer", i);
                }

                if (i == n)
                {
                    if (rootSubjectKeyId != null && !certificate.AuthorityKeyIdEquals(rootSubjectKeyId, 0, rootSubjectKeyId.Length))
                    {
                        return Fail(PathValidationCode.RootKeyIdMismatch, Name(i) + " was not issued by the Root OCA key in the root cell (AKI differs from the cell's SKI)", i);
                    }

                    break;
                }

                Certificate issuer = pathCertificates[i];
                if (!issuer.HasSubjectKeyId || !certificate.AuthorityKeyIdEquals(issuer.Der, issuer.SubjectKeyIdOffset, issuer.SubjectKeyIdLength))
                {
                    return Fail(PathValidationCode.AuthorityKeyIdMismatch, Name(i) + " authorityKeyIdentifier does not match the subjectKeyIdentifier of " + Name(i + 1), i);
                }

                if (!certificate.Issuer.Matches(issuer.Subject))
                {
                    return Fail(PathValidationCode.IssuerNameMismatch, Name(i) + " issuer name differs from the subject of " + Name(i + 1), i);
                }

                if (!issuer.Extensions.HasBasicConstraints || !issuer.IsCa)
                {
                    return Fail(PathValidationCode.IssuerNotCa, Name(i + 1) + " is not a CA (basicConstraints cA)", i + 1);
                }

                if (!issuer.HasKeyUsageExtension || (issuer.KeyUsage & KeyUsageBits.KeyCertSign) == 0)
                {
                    return Fail(PathValidationCode.IssuerLacksKeyCertSign, Name(i + 1) + " keyUsage lacks keyCertSign", i + 1);
                }

                // RFC 5280 6.1.4 (l)/(m): the intermediates between this issuer and the target count against its pathLen.
                if (issuer.PathLength >= 0 && nonSelfIssuedBelow > issuer.PathLength)
                {
                    return Fail(PathValidationCode.PathLengthExceeded, Name(i + 1) + " pathLenConstraint " + issuer.PathLength.ToString() + " allows fewer intermediate certificates", i + 1);
                }

                if (!issuer.IsSelfIssued)
                {
                    nonSelfIssuedBelow++;
                }
            }

            // Pass 2: signatures, each certificate under the key above it.
            // The caller's P-256 context for the whole pass: its scratch holds the digests.
            {
                byte[] hashScratch = context.HashScratch;
                byte[] derDigestScratch = context.DigestScratch;
                for (int i = 0; i <= n; i++)
                {
                    Certificate certificate = i == 0 ? target : pathCertificates[i - 1];
                    P256PublicKey key;
                    if (i == n)
                    {
                        key = rootKey;
                    }
                    else
                    {
                        key = IssuerKey(context, pathCertificates[i]);
                        if (key == null)
                        {
                            return Fail(PathValidationCode.IssuerKeyInvalid, Name(i + 1) + " public key is not a valid P-256 point", i + 1);
                        }
                    }

                    // Only a CA certificate under the root is remembered: it is the one shared by every replacement.
                    bool memoised = memo != null && i == n && n > 0;
                    if (memoised)
                    {
                        context.Sha.ComputeHash(certificate.Der, certificate.Offset, certificate.Length, derDigestScratch, 0);
                        if (memo.Contains(derDigestScratch, 0, certificate.Length, key))
                        {
                            continue;
                        }
                    }

                    context.Sha.ComputeHash(certificate.Der, certificate.TbsOffset, certificate.TbsLength, hashScratch, 0);
                    signatureVerifications++;
                    if (!EcdsaP256.VerifyDer(context, key, hashScratch, 0, certificate.Der, certificate.SignatureOffset, certificate.SignatureLength))
                    {
                        return Fail(PathValidationCode.SignatureInvalid, Name(i) + " signature does not verify under " + (i == n ? "the Root OCA key" : Name(i + 1)), i);
                    }

                    if (memoised)
                    {
                        memo.Add(derDigestScratch, 0, certificate.Length, key);
                    }
                }
            }

            return PathValidationResult.ValidResult;
        }

        // The Issuing OCA is the same for nearly every certificate a device sees, so its parsed key is kept.
        private static P256PublicKey IssuerKey(P256Context context, Certificate issuer)
        {
            object cached = issuer.CachedKey;
            if (cached != null)
            {
                return (P256PublicKey)cached;
            }

            if (issuer.PublicKeyLength != P256PublicKey.EncodedLength)
            {
                return null;
            }

            if (context.LastIssuerKey != null && context.LastIssuerKey.Equals(issuer.Der, issuer.PublicKeyOffset))
            {
                return context.LastIssuerKey;
            }

            try
            {
                context.LastIssuerKey = P256PublicKey.Parse(issuer.Der, issuer.PublicKeyOffset);
                return context.LastIssuerKey;
            }
            catch (TrustAnchorException)
            {
                return null;
            }
        }

        private static string Name(int index)
        {
            return index == 0 ? "the certificate" : "certification-path certificate " + index.ToString();
        }

        private static PathValidationResult Fail(PathValidationCode code, string message, int index)
        {
            return new PathValidationResult(code, message, index);
        }
    }
}
