using System;
using TrustAnchor.Firmware.Certificates;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// CS02b certificate checks for one replacement, as a per-cell status: the certificate itself (readable,
    /// profile, role and key usage of the target cell) → <see cref="ReplacementStatus.BadCertificate"/>; its path to
    /// the root the device holds → <see cref="ReplacementStatus.NoTrustAnchor"/>.
    /// </summary>
    internal static class CertificateChecks
    {
        internal static int CheckOrganisation(P256Context p256, DerView view, TrustAnchorCellIdentifier target, Certificate[] path,
            P256PublicKey rootKey, byte[] rootSki, bool applyTime, DateTime now, IssuerSignatureMemo memo, int relax, out Certificate certificate, out int verifies)
        {
            verifies = 0;
            certificate = Read(view);
            if (certificate == null)
            {
                return ReplacementStatus.BadCertificate;
            }

            try
            {
                bool roleWrong = certificate.RemotePartyRole != (int)target.Role;
                bool usageWrong = certificate.KeyUsage != (int)target.KeyUsage;
#if SEEDED_DEFECTS
                roleWrong = roleWrong && (relax & SeededDefect.AcceptWrongRole) == 0;
                usageWrong = usageWrong && (relax & SeededDefect.AcceptWrongKeyUsage) == 0;
#endif
                if (CertificateProfile.CheckOrganisation(certificate, null, p256).Length != 0 || roleWrong || usageWrong)
                {
                    return ReplacementStatus.BadCertificate;
                }
            }
            catch (TrustAnchorException)
            {
                return ReplacementStatus.BadCertificate;
            }

            if (path == null)
            {
                return ReplacementStatus.NoTrustAnchor;
            }

#if SEEDED_DEFECTS
            if ((relax & SeededDefect.SkipCertificationPath) != 0)
            {
                return ReplacementStatus.Success;
            }
#endif
            PathValidationResult result = CertificationPath.Validate(p256, certificate, path, rootKey, rootSki, applyTime, now, memo, out verifies);
            return result.IsValid ? ReplacementStatus.Success : ReplacementStatus.NoTrustAnchor;
        }

        /// <summary>
        /// A replacement Root OCA certificate: root profile (else badCertificate); self-signed under its own key and,
        /// when time checks apply, within its validity (else noTrustAnchor: it cannot anchor anything).
        /// </summary>
        internal static int CheckRoot(P256Context p256, DerView view, bool applyTime, DateTime now, out Certificate certificate, out int verifies)
        {
            verifies = 0;
            certificate = Read(view);
            if (certificate == null)
            {
                return ReplacementStatus.BadCertificate;
            }

            P256PublicKey key;
            try
            {
                if (CertificateProfile.CheckRootOca(certificate, null, p256).Length != 0 || !certificate.IsEcdsaWithSha256 || !certificate.IsSelfIssued)
                {
                    return ReplacementStatus.BadCertificate;
                }

                key = certificate.Key;
            }
            catch (TrustAnchorException)
            {
                return ReplacementStatus.BadCertificate;
            }

            if (applyTime && (now < certificate.NotBefore || now > certificate.NotAfter))
            {
                return ReplacementStatus.NoTrustAnchor;
            }

            byte[] hash = Sha256.Hash(certificate.Der, certificate.TbsOffset, certificate.TbsLength);
            verifies = 1;
            bool selfSigned;
            try
            {
                selfSigned = EcdsaP256.VerifyHashDer(p256, key, hash, 0, certificate.Der, certificate.SignatureOffset, certificate.SignatureLength);
            }
            catch (TrustAnchorException)
            {
                selfSigned = false;
            }

            return selfSigned ? ReplacementStatus.Success : ReplacementStatus.NoTrustAnchor;
        }

        private static Certificate Read(DerView view)
        {
            try
            {
                return Certificate.Parse(view.Buffer, view.Offset, view.Length);
            }
            catch (TrustAnchorException)
            {
                return null;
            }
        }
    }
}
