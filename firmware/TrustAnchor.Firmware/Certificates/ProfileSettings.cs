namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>
    /// What the profile checks take from configuration rather than code (NOTES §4: production policy OIDs are not
    /// public). Policy OIDs are DER content octets, as in <see cref="Asn1.Oids"/>.
    /// </summary>
    public sealed class ProfileSettings
    {
        private static readonly ProfileSettings DefaultSettings =
            new ProfileSettings(new byte[][] { Asn1.Oids.GbcsTestOrganisationPolicy }, null);

        /// <param name="acceptedOrganisationPolicies">Policies accepted on Root OCA, Issuing OCA and Organisation certificates (at least one must be present in each).</param>
        /// <param name="acceptedDevicePolicies">Policies accepted on Device certificates; null accepts any (the DCA policy OIDs are not in our sources).</param>
        public ProfileSettings(byte[][] acceptedOrganisationPolicies, byte[][] acceptedDevicePolicies)
        {
            AcceptedOrganisationPolicies = acceptedOrganisationPolicies == null ? new byte[0][] : acceptedOrganisationPolicies;
            AcceptedDevicePolicies = acceptedDevicePolicies;
        }

        /// <summary>
        /// The DCC test-environment OCA policy 1.2.826.0.1.8641679.1.2.1.4 (NOTES §4) for the Organisation hierarchy;
        /// any policy on Device certificates.
        /// </summary>
        public static ProfileSettings Default
        {
            get { return DefaultSettings; }
        }

        public byte[][] AcceptedOrganisationPolicies { get; private set; }

        public byte[][] AcceptedDevicePolicies { get; private set; }
    }
}
