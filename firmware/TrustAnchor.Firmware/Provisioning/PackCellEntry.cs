using TrustAnchor.Firmware.Certificates;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Provisioning
{
    /// <summary>One <c>PackCell</c> of a manufacturing pack: the target cell and its default Organisation Certificate.</summary>
    public sealed class PackCellEntry
    {
        public PackCellEntry(TrustAnchorCellIdentifier target, Certificate certificate)
        {
            Target = target;
            Certificate = certificate;
        }

        public TrustAnchorCellIdentifier Target { get; private set; }

        public Certificate Certificate { get; private set; }
    }
}
