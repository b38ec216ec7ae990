using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Smki;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Firmware.Tests.Device;

/// <summary>
/// ECDSA work of a supplierBySupplier replacing three cells: the frame signature, each certificate's signature, and
/// the Issuing OCA's signature under the root once per device (then remembered), instead of once per certificate.
/// </summary>
public class Cs02bVerificationCountTests
{
    private static readonly DeviceTestPki Pki = DeviceTestPki.Shared;

    [Fact]
    public void ThreeCellSupplierBySupplierVerifiesTheIssuingOcaOncePerDevice()
    {
        var dev = new TestDevice(DeviceType.Esme);
        var c = Cs02bModeTable.Cases[2];
        var reps = Cs02bModeTable.Replacements(c, Pki);
        reps.Should().HaveCount(3);

        var packSupplier = Pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);
        int v0 = dev.Device.SignatureVerifications;
        dev.Process(Cs02bModeTable.Frame(dev, c, packSupplier, 101, reps)).Alerts.Should().BeEmpty();
        dev.Device.LastDecision.Accepted.Should().BeTrue(dev.Device.LastDecision.ToString());
        int first = dev.Device.SignatureVerifications - v0;
        first.Should().Be(1 + 3 + 1, "frame, three certificates, and the Issuing OCA under the root once (was 1 + 3 x 2 = 7)");

        // The new Supplier hands the cells back to the pack's certificates: the Issuing OCA is already verified.
        var newSupplier = Pki.New((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);
        var packKa = Pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.KeyAgreement).CertificateDer;
        var back = reps.Select((r, i) => (i == 0 ? packSupplier.CertificateDer : packKa, r.Cell)).ToArray();
        int v1 = dev.Device.SignatureVerifications;
        dev.Process(Cs02bModeTable.Frame(dev, c, newSupplier, 102, back)).Alerts.Should().BeEmpty();
        dev.Device.LastDecision.Accepted.Should().BeTrue(dev.Device.LastDecision.ToString());
        (dev.Device.SignatureVerifications - v1).Should().Be(1 + 3, "frame and three certificates; the Issuing OCA is remembered");
    }
}
