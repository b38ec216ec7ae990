namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>
    /// What the profile checks take from configuration rather than code (NOTES §4: production policy OIDs are not
    /// public). Policy OIDs are DER content octets, as in <see cref="Asn1.Oids"/>. The settings keep copies of the
    /// arrays they are given and hand out copies, so no caller can change the policies another check relies on
    /// (the <see cref="Default"/> instance is shared).
    /// </summary>
    public sealed class ProfileSettings
    {
        private static readonly ProfileSettings DefaultSettings =
            new ProfileSettings(new byte[][] { Asn1.Oids.GbcsTestOrganisationPolicy }, null);

        internal readonly byte[][] OrganisationPolicies;
        internal readonly byte[][] DevicePolicies;

        /// <param name="acceptedOrganisationPolicies">Policies accepted on Root OCA, Issuing OCA and Organisation certificates (at least one must be present in each).</param>
        /// <param name="acceptedDevicePolicies">Policies accepted on Device certificates; null accepts any (the DCA policy OIDs are not in our sources).</param>
        public ProfileSettings(byte[][] acceptedOrganisationPolicies, byte[][] acceptedDevicePolicies)
        {
            OrganisationPolicies = acceptedOrganisationPolicies == null ? new byte[0][] : CopyAll(acceptedOrganisationPolicies);
            DevicePolicies = CopyAll(acceptedDevicePolicies);
        }

        /// <summary>
        /// The DCC test-environment OCA policy 1.2.826.0.1.8641679.1.2.1.4 (NOTES §4) for the Organisation hierarchy;
        /// any policy on Device certificates.
        /// </summary>
        public static ProfileSettings Default
        {
            get { return DefaultSettings; }
        }

        /// <summary>The accepted Organisation-hierarchy policies (copies).</summary>
        public byte[][] AcceptedOrganisationPolicies
        {
            get { return CopyAll(OrganisationPolicies); }
        }

        /// <summary>The accepted Device Certificate policies (copies); null: any.</summary>
        public byte[][] AcceptedDevicePolicies
        {
            get { return CopyAll(DevicePolicies); }
        }

        private static byte[][] CopyAll(byte[][] policies)
        {
            if (policies == null)
            {
                return null;
            }

            byte[][] copy = new byte[policies.Length][];
            for (int i = 0; i < policies.Length; i++)
            {
                copy[i] = Asn1.Oids.Copy(policies[i]);
            }

            return copy;
        }
    }
}
