namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>What the firmware needs from an X.501 Name, as views into the certificate (filled by the parser).</summary>
    internal struct NameFields
    {
        /// <summary>The whole Name TLV (compared byte for byte when chaining issuer to subject).</summary>
        public int Offset;
        public int Length;
        public int RdnCount;
        public int AttributeCount;

        /// <summary>organizationalUnitName: count, string tag and content view of the first one.</summary>
        public int RoleCount;
        public int RoleTag;
        public int RoleOffset;
        public int RoleLength;

        /// <summary>The Remote Party Role from a two-hex-digit OU, or -1.</summary>
        public int Role;

        /// <summary>x500UniqueIdentifier: count, BIT STRING data view and unused bits of the first one.</summary>
        public int EntityIdCount;
        public int EntityIdOffset;
        public int EntityIdLength;
        public int EntityIdUnusedBits;

        public int CommonNameCount;
        public int CommonNameTag;
        public int CommonNameOffset;
        public int CommonNameLength;
    }
}
