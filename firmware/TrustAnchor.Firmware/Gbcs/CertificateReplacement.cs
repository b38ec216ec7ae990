using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>One CS02b replacement: the new certificate (DER view) and the cell it is to go into.</summary>
    public sealed class CertificateReplacement
    {
        public CertificateReplacement(DerView certificate, TrustAnchorCellIdentifier targetCell)
        {
            if (certificate == null || targetCell == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "a replacement needs a certificate and a target cell");
            }

            Certificate = certificate;
            TargetCell = targetCell;
        }

        public CertificateReplacement(byte[] certificateDer, TrustAnchorCellIdentifier targetCell)
            : this(new DerView(certificateDer), targetCell)
        {
        }

        public DerView Certificate { get; private set; }

        public TrustAnchorCellIdentifier TargetCell { get; private set; }
    }
}
