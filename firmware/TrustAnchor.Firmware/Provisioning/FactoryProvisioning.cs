using TrustAnchor.Firmware.Certificates;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Storage;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Provisioning
{
    /// <summary>
    /// Loads a manufacturing pack into an empty Trust Anchor store at the factory, so that no cell is ever empty.
    /// Everything is checked before anything is written: a refused pack leaves the store empty.
    /// </summary>
    public static class FactoryProvisioning
    {
        /// <summary>
        /// Checks <paramref name="packDer"/> for <paramref name="deviceType"/> and commits its cells (counters at
        /// zero) as the store's first state. Throws <see cref="PackException"/> naming the cell and the reason.
        /// </summary>
        public static TrustAnchorState Provision(TrustAnchorStore store, byte[] packDer, DeviceType deviceType)
        {
            return Provision(store, packDer, deviceType, null);
        }

        /// <summary>As <see cref="Provision(TrustAnchorStore, byte[], DeviceType)"/> with the accepted policy OIDs of <paramref name="settings"/> (null: defaults).</summary>
        public static TrustAnchorState Provision(TrustAnchorStore store, byte[] packDer, DeviceType deviceType, ProfileSettings settings)
        {
            if (store == null)
            {
                throw new PackException(PackError.StoreNotEmpty, null, "no store to provision");
            }

            if (store.IsProvisioned)
            {
                throw new PackException(PackError.StoreNotEmpty, null,
                    "the store already holds Trust Anchor Cells; factory provisioning is for an empty store only");
            }

            TrustAnchorCellIdentifier[] set;
            try
            {
                set = CellSets.For(deviceType);
            }
            catch (TrustAnchorException e)
            {
                throw new PackException(PackError.UnknownDeviceType, null, e.Message);
            }

            TrustAnchorState state = Check(ManufacturingPack.Parse(packDer), set, deviceType, settings);
            store.Commit(state);
            return store.Current;
        }

        /// <summary>
        /// Everything provisioning checks, without a store: returns the state the pack gives
        /// <paramref name="deviceType"/>, or throws <see cref="PackException"/>.
        /// </summary>
        public static TrustAnchorState Check(ManufacturingPack pack, DeviceType deviceType, ProfileSettings settings)
        {
            TrustAnchorCellIdentifier[] set;
            try
            {
                set = CellSets.For(deviceType);
            }
            catch (TrustAnchorException e)
            {
                throw new PackException(PackError.UnknownDeviceType, null, e.Message);
            }

            return Check(pack, set, deviceType, settings);
        }

        private static TrustAnchorState Check(ManufacturingPack pack, TrustAnchorCellIdentifier[] set, DeviceType deviceType, ProfileSettings settings)
        {
            // Root OCA: profile, key, and its own signature (the pack is only as good as this certificate).
            Certificate root = pack.RootOcaCertificate;
            ThrowOnViolations(Profile(root, 0, settings), PackError.RootInvalid, "root");
            P256PublicKey rootKey;
            try
            {
                rootKey = P256PublicKey.Parse(root.PublicKey);
            }
            catch (TrustAnchorException e)
            {
                throw new PackException(PackError.RootInvalid, "root", "Root OCA public key is not a valid P-256 point: " + e.Message);
            }

            byte[] tbsHash = Sha256.Hash(root.Der, root.TbsOffset, root.TbsLength);
            if (!root.IsSelfIssued || !EcdsaP256.VerifyHashDer(rootKey, tbsHash, 0, root.Der, root.SignatureOffset, root.SignatureLength))
            {
                throw new PackException(PackError.RootInvalid, "root", "Root OCA certificate is not validly self-signed");
            }

            Certificate[] path = pack.CertificationPathCertificates;
            for (int i = 0; i < path.Length; i++)
            {
                ThrowOnViolations(Profile(path[i], 1, settings), PackError.ProfileViolation, "certification path " + (i + 1).ToString());
            }

            TrustAnchorCell[] cells = new TrustAnchorCell[set.Length];
            for (int i = 0; i < set.Length; i++)
            {
                TrustAnchorCellIdentifier id = set[i];
                string cell = id.ToString();
                if (id.Role == RemotePartyRole.Root)
                {
                    cells[i] = new TrustAnchorCell(id, new byte[TrustAnchorCell.EntityIdLength], root.SubjectKeyId, root.PublicKey);
                    continue;
                }

                PackCellEntry entry = pack.Find(id);
                if (entry == null)
                {
                    throw new PackException(PackError.MissingCell, cell,
                        "the pack has no certificate for this cell, which a " + DeviceTypes.Name(deviceType) + " must hold");
                }

                Certificate certificate = entry.Certificate;
                ThrowOnViolations(Profile(certificate, 2, settings), PackError.ProfileViolation, cell);
                if (certificate.RemotePartyRole != (int)id.Role)
                {
                    throw new PackException(PackError.RoleMismatch, cell, "the certificate is for remote party role "
                        + RemotePartyRoles.Name((RemotePartyRole)certificate.RemotePartyRole) + ", not " + RemotePartyRoles.Name(id.Role));
                }

                if (certificate.KeyUsage != (int)id.KeyUsage)
                {
                    throw new PackException(PackError.KeyUsageMismatch, cell,
                        "the certificate's keyUsage does not match the cell's");
                }

                // Validity is not checked at the factory: the 2016 pack is still flashed after 2026.
                PathValidationResult result = CertificationPath.Validate(certificate, path, rootKey, root.SubjectKeyId, false, System.DateTime.MinValue);
                if (!result.IsValid)
                {
                    throw new PackException(PackError.PathInvalid, cell,
                        "the certificate does not chain to the pack's Root OCA: " + result.Message);
                }

                try
                {
                    cells[i] = new TrustAnchorCell(id, certificate.EntityId, certificate.SubjectKeyId, certificate.PublicKey);
                }
                catch (TrustAnchorException e)
                {
                    throw new PackException(PackError.ProfileViolation, cell, e.Message);
                }
            }

            return new TrustAnchorState(deviceType, cells);
        }

        private static ProfileViolation[] Profile(Certificate certificate, int kind, ProfileSettings settings)
        {
            if (kind == 0)
            {
                return settings == null ? CertificateProfile.CheckRootOca(certificate) : CertificateProfile.CheckRootOca(certificate, settings);
            }

            if (kind == 1)
            {
                return settings == null ? CertificateProfile.CheckIssuingOca(certificate) : CertificateProfile.CheckIssuingOca(certificate, settings);
            }

            return settings == null ? CertificateProfile.CheckOrganisation(certificate) : CertificateProfile.CheckOrganisation(certificate, settings);
        }

        private static void ThrowOnViolations(ProfileViolation[] violations, PackError code, string cell)
        {
            if (violations != null && violations.Length > 0)
            {
                string message = "the certificate breaks the SMKI profile: " + violations[0].Message;
                if (violations.Length > 1)
                {
                    message = message + " (and " + (violations.Length - 1).ToString() + " more)";
                }

                throw new PackException(code, cell, message);
            }
        }
    }
}
