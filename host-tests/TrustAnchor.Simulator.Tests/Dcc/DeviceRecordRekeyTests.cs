using System.Security.Cryptography;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Scenarios;

namespace TrustAnchor.Simulator.Tests.Dcc;

/// <summary>How the DCC's record of a device follows a DS re-key: the new key only once the device signs with it.</summary>
public sealed class DeviceRecordRekeyTests
{
    private static readonly byte[] Eui = Convert.FromHexString("70B3D50000000110");

    private static byte[] Point(ECDsa key)
    {
        var p = key.ExportParameters(false);
        return [0x04, .. p.Q.X!, .. p.Q.Y!];
    }

    private static GbcsMessage SignedBy(ECDsa key, ulong counter)
    {
        var b = GbcsMessageBuilder.Response(counter, Eui, new byte[8], GbcsMessageCodes.ProvideSecurityCredentialsDetails, new DateTime(2025, 6, 2, 9, 0, 0, DateTimeKind.Utc));
        b.SetContent([0x30, 0x00]);
        return GbcsMessage.Parse(b.Build(new EcdsaGbcsSigner(key)));
    }

    [Fact]
    public void The_record_moves_to_the_new_ds_key_when_the_device_first_signs_with_it_and_spots_the_retired_one()
    {
        using var old = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ka = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var kaPoint = ka.ExportParameters(false);
        using var record = new DeviceRecord(DeviceKinds.Esme, Eui, (int)DeviceType.Esme, null, Point(old), [0x04, .. kaPoint.Q.X!, .. kaPoint.Q.Y!], "DCC-2016");

        record.ExpectSigningKey(Point(fresh));
        record.VerifyDeviceSignature(SignedBy(old, 1)).Should().BeTrue("until the device switches, its old key is its key");
        record.SignedWithRetiredKey(SignedBy(old, 1)).Should().BeFalse();
        record.VerifyDeviceSignature(SignedBy(stranger, 2)).Should().BeFalse();

        record.VerifyDeviceSignature(SignedBy(fresh, 3)).Should().BeTrue();
        record.SigningPublicKey.Should().Equal(Point(fresh));
        record.VerifyDeviceSignature(SignedBy(old, 4)).Should().BeFalse("the old key no longer speaks for the device");
        record.SignedWithRetiredKey(SignedBy(old, 4)).Should().BeTrue();
    }

    [Fact]
    public void A_cancelled_re_key_leaves_the_old_key_in_place()
    {
        using var old = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ka = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var kaPoint = ka.ExportParameters(false);
        using var record = new DeviceRecord(DeviceKinds.Esme, Eui, (int)DeviceType.Esme, null, Point(old), [0x04, .. kaPoint.Q.X!, .. kaPoint.Q.Y!], "DCC-2016");
        record.ExpectSigningKey(Point(fresh));
        record.CancelPendingSigningKey();
        record.VerifyDeviceSignature(SignedBy(fresh, 1)).Should().BeFalse();
        record.SigningPublicKey.Should().Equal(Point(old));
        var retired = () => record.UseRetiredKeyAgreementKey = true;
        retired.Should().Throw<InvalidOperationException>("there is no retired KA key before a KA re-key");
    }
}
