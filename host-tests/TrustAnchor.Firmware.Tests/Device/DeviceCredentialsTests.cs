using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Smki;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Firmware.Tests.Device;

/// <summary>CS02c (key pair + PKCS#10), CS02d (Device Certificate accepted with results 0–7) and CS02e.</summary>
public class DeviceCredentialsTests
{
    private static readonly DeviceTestPki Pki = DeviceTestPki.Shared;
    private static TestParty Supplier => Pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);

    private static DeviceOutput Send(TestDevice dev, int code, byte[] payload, ulong counter, TestParty? from = null)
    {
        var party = from ?? Supplier;
        return dev.Process(dev.Command(code, payload, counter, party.EntityId, party.Key, mac: true));
    }

    [Theory]
    [InlineData(0x80)]
    [InlineData(0x08)]
    public void IssueUpdateAndProvideTheDeviceCertificate(int keyUsage)
    {
        var dev = new TestDevice(DeviceType.Esme, [0xAA, 0xBB, 0xCC, 0xDD, 0x00, 0x00, 0x01, (byte)keyUsage]);
        var usage = keyUsage == 0x80 ? SmkiKeyUsage.DigitalSignature : SmkiKeyUsage.KeyAgreement;
        var oldKey = dev.Credentials.Current((TrustAnchor.Firmware.TrustAnchors.KeyUsage)keyUsage).PublicKey;

        // CS02c: a new key pair and its PKCS#10, proof of possession verifying under the new key.
        var output = Send(dev, GbcsMessageCodes.IssueSecurityCredentials, new IssueSecurityCredentials((TrustAnchor.Firmware.TrustAnchors.KeyUsage)keyUsage).Encode(), 101);
        output.Alerts.Should().BeEmpty(dev.Device.LastDecision.ToString());
        var response = GbcsMessage.Parse(output.Response);
        TestDevice.VerifyFrameSignature(response, dev.Credentials.Signing.PublicKey).Should().BeTrue();
        var csrDer = IssueSecurityCredentialsResponse.Parse(response).CertificationRequest.ToArray();
        var csr = CertificateRequest.LoadSigningRequest(csrDer, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        csr.SubjectName.RawData.Should().Equal(0x30, 0x00);
        var pending = dev.Credentials.Pending((TrustAnchor.Firmware.TrustAnchors.KeyUsage)keyUsage);
        pending.Should().NotBeNull();
        csr.PublicKey.EncodedKeyValue.RawData.Should().Equal(pending!.PublicKey);
        csr.CertificateExtensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.Should().Be(usage.ToFlags());
        var san = csr.CertificateExtensions.Single(e => e.Oid!.Value == "2.5.29.17");
        SmkiExtensions.ReadHardwareModuleSerial(san.RawData).Should().Equal(dev.Eui);
        dev.Store.Current.GetSequenceNumber(FwRole.Supplier).Should().Be(101);

        // CS02e before any certificate: nothing to give.
        var silent = Send(dev, GbcsMessageCodes.ProvideDeviceCertificates, new ProvideDeviceCertificate((TrustAnchor.Firmware.TrustAnchors.KeyUsage)keyUsage).Encode(), 102);
        silent.Response.Should().BeEmpty();
        silent.Alerts.Should().BeEmpty();

        // The SMKI issues the certificate from the request; CS02d installs it and the new key takes over.
        var record = Pki.Pki.IssueDeviceCertificate(dev.Eui, usage, pending.PublicKey);
        output = Send(dev, GbcsMessageCodes.UpdateDeviceCertificates, new UpdateDeviceCertificate(record.Der).Encode(), 103);
        output.Alerts.Should().BeEmpty(dev.Device.LastDecision.ToString());
        UpdateDeviceCertificateResponse.Parse(GbcsMessage.Parse(output.Response)).Result.Should().Be(UpdateDeviceCertificateResult.Success);
        dev.Credentials.Current((TrustAnchor.Firmware.TrustAnchors.KeyUsage)keyUsage).PublicKey.Should().Equal(pending.PublicKey).And.NotEqual(oldKey);
        dev.Credentials.Pending((TrustAnchor.Firmware.TrustAnchors.KeyUsage)keyUsage).Should().BeNull();

        // CS02e returns it; the response is signed with the device's DS key in force now.
        output = Send(dev, GbcsMessageCodes.ProvideDeviceCertificates, new ProvideDeviceCertificate((TrustAnchor.Firmware.TrustAnchors.KeyUsage)keyUsage).Encode(), 104);
        response = GbcsMessage.Parse(output.Response);
        TestDevice.VerifyFrameSignature(response, dev.Credentials.Signing.PublicKey).Should().BeTrue();
        ProvideDeviceCertificateResponse.Parse(response).Certificate.ToArray().Should().Equal(record.Der);

        // After a KA change the ACB MAC is keyed from the new KA key: commands still authenticate.
        output = Send(dev, GbcsMessageCodes.ProvideDeviceCertificates, new ProvideDeviceCertificate((TrustAnchor.Firmware.TrustAnchors.KeyUsage)keyUsage).Encode(), 105);
        dev.Device.LastDecision.Accepted.Should().BeTrue(dev.Device.LastDecision.ToString());
    }

    [Fact]
    public void UpdateDeviceCertificateResults()
    {
        var dev = new TestDevice(DeviceType.Esme, [0xAA, 0xBB, 0xCC, 0xDD, 0x00, 0x00, 0x02, 0x00]);
        ulong counter = 101;
        UpdateDeviceCertificateResult Result(byte[] certificate)
        {
            var before = dev.Snapshot();
            var output = Send(dev, GbcsMessageCodes.UpdateDeviceCertificates, new UpdateDeviceCertificate(certificate).Encode(), counter++);
            var result = UpdateDeviceCertificateResponse.Parse(GbcsMessage.Parse(output.Response)).Result;
            if (result != UpdateDeviceCertificateResult.Success)
            {
                dev.Snapshot().Should().Equal(before, "a refused certificate changes nothing");
            }

            return result;
        }

        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var otherPoint = Point(other);

        // An Organisation Certificate is not a Device Certificate.
        Result(Pki.New((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature).CertificateDer).Should().Be(UpdateDeviceCertificateResult.BadCertificate);
        // Issued for another device.
        using var elsewhere = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Result(Pki.Pki.IssueDeviceCertificate([1, 1, 1, 1, 1, 1, 1, 1], SmkiKeyUsage.DigitalSignature, Point(elsewhere)).Der)
            .Should().Be(UpdateDeviceCertificateResult.WrongDeviceIdentity);
        // For a key the device never made, with nothing pending.
        Result(Pki.Pki.IssueDeviceCertificate(dev.Eui, SmkiKeyUsage.DigitalSignature, otherPoint).Der).Should().Be(UpdateDeviceCertificateResult.NoPendingKeyPair);

        // With a KA key pair pending, a certificate for yet another key is a mismatch.
        Send(dev, GbcsMessageCodes.IssueSecurityCredentials, new IssueSecurityCredentials((TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08).Encode(), counter++);
        using var third = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Result(Pki.Pki.IssueDeviceCertificate(dev.Eui, SmkiKeyUsage.KeyAgreement, Point(third)).Der).Should().Be(UpdateDeviceCertificateResult.PublicKeyMismatch);

        // The current key (a manufacturer's certificate re-sent) is accepted.
        Result(Pki.Pki.IssueDeviceCertificate(dev.Eui, SmkiKeyUsage.DigitalSignature, dev.Credentials.Signing.PublicKey).Der).Should().Be(UpdateDeviceCertificateResult.Success);
    }

    [Fact]
    public void OnlyTheCredentialsRoleMayManageDeviceCredentials()
    {
        var dev = new TestDevice(DeviceType.Esme);
        var before = dev.Snapshot();
        var no = Pki.Pack((int)FwRole.NetworkOperator, SmkiKeyUsage.DigitalSignature);
        var output = Send(dev, GbcsMessageCodes.IssueSecurityCredentials, new IssueSecurityCredentials((TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80).Encode(), 101, no);
        Cs02bModeTableTests.AssertRefused(dev, output, before, GbcsAlertCodes.SourceLacksAuthority, ProcessingStep.Authority);
        dev.Credentials.Pending((TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80).Should().BeNull();
    }

    private static byte[] Point(ECDsa key)
    {
        var p = key.ExportParameters(false);
        return [0x04, .. p.Q.X!, .. p.Q.Y!];
    }
}
