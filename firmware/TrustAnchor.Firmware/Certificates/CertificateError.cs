namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>
    /// Codes carried by <see cref="CertificateFormatException"/> (range 0x02xx): the certificate is not a
    /// well-formed X.509 structure at all. Profile breaches of a well-formed certificate are
    /// <see cref="ProfileViolationCode"/>s instead, so one certificate can report all of them.
    /// </summary>
    public enum CertificateError
    {
        /// <summary>Null input or a window outside the array.</summary>
        InvalidArgument = 0x0201,
        /// <summary>A DER rule is broken; the message names the field and the DER error.</summary>
        MalformedDer = 0x0202,
        /// <summary>Version other than v1, v2 or v3, or v1 encoded explicitly (DER omits the DEFAULT).</summary>
        UnsupportedVersion = 0x0203,
        /// <summary>The same extension appears twice (RFC 5280 4.2).</summary>
        DuplicateExtension = 0x0204,
        /// <summary>A DEFAULT value (critical FALSE, cA FALSE) is encoded, which DER forbids.</summary>
        DefaultValueEncoded = 0x0205,
        /// <summary>A SEQUENCE/SET that must hold at least one element is empty (extensions, RDN, policies, names).</summary>
        EmptyCollection = 0x0206,
        /// <summary>The signature or public key BIT STRING has unused bits.</summary>
        BitStringNotOctetAligned = 0x0207,
        /// <summary>basicConstraints pathLenConstraint is negative.</summary>
        NegativePathLength = 0x0208,
    }
}
