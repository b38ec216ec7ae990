using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Smki;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Simulator.Tests.Dcc;

/// <summary>The DCC's commands, read back with the firmware's parsers and checked with independent crypto.</summary>
public sealed class DccCommandsTests : IClassFixture<DccCommandsTests.Pki>
{
    public sealed class Pki : IDisposable
    {
        public Pki()
        {
            Folder = Directory.CreateTempSubdirectory("ta-sim-pki-").FullName;
            Smki = SmkiPki.Init(Path.Combine(Folder, "smki"), new SmkiOptions { Clock = new FixedClock(new DateTime(2025, 6, 2, 0, 0, 0, DateTimeKind.Utc)) });
            Parties = new PartyDirectory(Smki, PackKind.Original2016, new DateTime(2025, 6, 2, 0, 0, 0, DateTimeKind.Utc));
        }

        public string Folder { get; }
        public SmkiPki Smki { get; }
        public PartyDirectory Parties { get; }

        public void Dispose()
        {
            Parties.Dispose();
            Directory.Delete(Folder, recursive: true);
        }
    }

    private readonly Pki _pki;

    public DccCommandsTests(Pki pki) => _pki = pki;

    private static (DeviceRecord Record, ECDiffieHellman KaKey) Device()
    {
        var ka = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var ds = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var record = new DeviceRecord(DeviceKinds.Esme, Convert.FromHexString("70B3D50000000110"), (int)DeviceType.Esme, null, Point(ds.ExportParameters(false)), Point(ka.ExportParameters(false)), "DCC-2016");
        return (record, ka);
    }

    private static byte[] Point(ECParameters p) => [0x04, .. p.Q.X!, .. p.Q.Y!];

    [Fact]
    public void Supplier_cs02b_carries_the_mode_cells_counter_and_path_and_verifies()
    {
        var (device, deviceKa) = Device();
        using var _ = deviceKa;
        var signer = _pki.Parties.Get(PartyNames.PackSupplier);
        var supplier = _pki.Parties.Get(PartyNames.Supplier);
        var acb = _pki.Parties.Get(PartyNames.Acb);
        var cells = DccCommands.CellsReplacedBy(CredentialsReplacementMode.SupplierBySupplier, (int)DeviceType.Esme);
        cells.Should().HaveCount(3).And.OnlyContain(c => c.Role == (int)FwRole.Supplier);
        var plan = cells.Select(c => new PlannedReplacement(c, supplier, c.KeyUsage == DccCommands.KeyUsageDs ? supplier.DigitalSignature! : supplier.KeyAgreement!)).ToList();

        var frame = DccCommands.UpdateSecurityCredentials(CredentialsReplacementMode.SupplierBySupplier, signer, signer, acb, device, 4242, plan, _pki.Smki.IssuingOca.Der, applyTimeChecks: false);

        var message = GbcsMessage.Parse(frame);
        message.HasMac.Should().BeTrue();
        message.MessageCode.Should().Be(0x0102);
        message.OriginatorCounter.Should().Be(4242UL);
        message.OriginatorId.Should().Equal(signer.EntityId);
        message.TargetId.Should().Equal(device.Eui64);

        var payload = UpdateSecurityCredentials.Parse(message);
        payload.Mode.Should().Be(CredentialsReplacementMode.SupplierBySupplier);
        payload.AuthorisingRemotePartySeqNumber.Should().Be(4242UL);
        payload.AuthorisingRemotePartyCell.Equals(FwRole.Supplier, TrustAnchorCellIdentifier.KeyUsageDigitalSignature, CellUsage.Management).Should().BeTrue();
        payload.TimeBasedChecksApply.Should().BeFalse();
        payload.HasNewRemotePartyFloorSeqNumber.Should().BeTrue();
        payload.Replacements.Should().HaveCount(3);
        payload.CertificationPathCertificates.Should().HaveCount(1);

        // Signature: .NET verifies with the pack Supplier's certificate key.
        using var signerKey = _pki.Smki.PackCertificate(PackKind.Original2016, Smki.RemotePartyRole.Supplier, SmkiKeyUsage.DigitalSignature).ToX509().GetECDsaPublicKey()!;
        signerKey.VerifyHash(message.ComputeSignedHash(), message.CopySignature(), DSASignatureFormat.IeeeP1363FixedFieldConcatenation).Should().BeTrue();

        // MAC: the device side derives its key with the firmware's KDF from its own ECDH, and the firmware GCM agrees.
        using var acbPublic = _pki.Smki.PackCertificate(PackKind.Original2016, Smki.RemotePartyRole.AccessControlBroker, SmkiKeyUsage.KeyAgreement).ToX509().GetECDiffieHellmanPublicKey()!;
        var z = deviceKa.DeriveRawSecretAgreement(acbPublic.PublicKey);
        var key = GbcsKdf.DeriveKey(z, GbcsMac.BuildKdfOtherInfo(message));
        GbcsMac.Verify(key, message).Should().BeTrue();

        // A flipped payload bit breaks the MAC.
        var tampered = (byte[])frame.Clone();
        tampered[message.ContentOffset + 10] ^= 1;
        GbcsMac.Verify(key, GbcsMessage.Parse(tampered)).Should().BeFalse();
    }

    [Fact]
    public void Recovery_cs02b_is_signed_only_and_replaces_every_cell_but_root()
    {
        var (device, deviceKa) = Device();
        using var _ = deviceKa;
        var recovery = _pki.Parties.Get(PartyNames.Recovery);
        var cells = DccCommands.CellsReplacedBy(CredentialsReplacementMode.AnyExceptAbnormalRootByRecovery, (int)DeviceType.Esme);
        cells.Should().NotContain(c => c.Role == (int)FwRole.Root);
        cells.Count.Should().Be(CellSets.For(DeviceType.Esme).Length - 1);
        var plan = cells.Select(c =>
        {
            var party = _pki.Parties.Successor(c.Role);
            return new PlannedReplacement(c, party, c.KeyUsage == DccCommands.KeyUsageDs ? party.DigitalSignature! : party.KeyAgreement!);
        }).ToList();

        var frame = DccCommands.UpdateSecurityCredentials(CredentialsReplacementMode.AnyExceptAbnormalRootByRecovery, recovery, recovery, null, device, 7, plan, _pki.Smki.IssuingOca.Der, false);
        var message = GbcsMessage.Parse(frame);
        message.HasMac.Should().BeFalse();
        message.HasSignature.Should().BeTrue();
        var payload = UpdateSecurityCredentials.Parse(message);
        payload.HasNewRemotePartyFloorSeqNumber.Should().BeFalse("several roles change hands at once");
        payload.Replacements.Length.Should().Be(cells.Count);
        _pki.Parties.Get("successor-supplier").Should().BeSameAs(_pki.Parties.Successor((int)FwRole.Supplier));
    }

    [Fact]
    public void Cs02a_names_the_requester_cell_and_roles()
    {
        var (device, deviceKa) = Device();
        using var _ = deviceKa;
        var supplier = _pki.Parties.Get(PartyNames.Supplier);
        var frame = DccCommands.ProvideSecurityCredentialsDetails(supplier, _pki.Parties.Get(PartyNames.Acb), device, 99, [0, 2, 3]);
        var message = GbcsMessage.Parse(frame);
        message.MessageCode.Should().Be(GbcsMessageCodes.ProvideSecurityCredentialsDetails);
        var payload = ProvideSecurityCredentialsDetails.Parse(message);
        payload.Roles.Should().Equal(FwRole.Root, FwRole.Supplier, FwRole.NetworkOperator);
        payload.AuthorisingRemotePartyCell.Role.Should().Be(FwRole.Supplier);
    }

    [Fact]
    public void Out_of_validity_variants_really_are_outside_their_validity()
    {
        var expired = _pki.Parties.OutOfValidity(PartyNames.Supplier2, "expired");
        expired.DigitalSignature!.NotAfter.Should().BeBefore(new DateTime(2025, 6, 2));
        expired.EntityId.Should().Equal(_pki.Parties.Get(PartyNames.Supplier2).EntityId);
        var early = _pki.Parties.OutOfValidity(PartyNames.Supplier2, "not-yet-valid");
        early.DigitalSignature!.NotBefore.Should().BeAfter(new DateTime(2025, 6, 2));
    }
}
