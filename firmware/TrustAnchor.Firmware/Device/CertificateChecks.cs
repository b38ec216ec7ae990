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
        internal static int CheckOrganisation(DerView view, TrustAnchorCellIdentifier target, Certificate[] path,
            P256PublicKey rootKey, byte[] rootSki, bool applyTime, DateTime now, out Certificate certificate, out int verifies)
        {
            verifies = 0;
            certificate = Read(view);
            if (certificate == null)
            {
                return ReplacementStatus.BadCertificate;
            }

            if (CertificateProfile.CheckOrganisation(certificate).Length != 0
                || certificate.RemotePartyRole != target.Role
                || certificate.KeyUsage != target.KeyUsage)
            {
                return ReplacementStatus.BadCertificate;
            }

            if (path == null)
            {
                return ReplacementStatus.NoTrustAnchor;
            }

            verifies = path.Length + 1;
            PathValidationResult result = CertificationPath.Validate(certificate, path, rootKey, rootSki, applyTime, now);
            return result.IsValid ? ReplacementStatus.Success : ReplacementStatus.NoTrustAnchor;
        }

        /// <summary>A replacement Root OCA certificate: root profile, self-signed, within validity when time checks apply.</summary>
        internal static int CheckRoot(DerView view, bool applyTime, DateTime now, out Certificate certificate)
        {
            certificate = Read(view);
            if (certificate == null)
            {
                return ReplacementStatus.BadCertificate;
            }

            if (CertificateProfile.CheckRootOca(certificate).Length != 0)
            {
                return ReplacementStatus.BadCertificate;
            }

            PathValidationResult result = CertificationPath.Validate(certificate, new Certificate[0], certificate.Key, certificate.SubjectKeyId, applyTime, now);
            return result.IsValid ? ReplacementStatus.Success : ReplacementStatus.BadCertificate;
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
