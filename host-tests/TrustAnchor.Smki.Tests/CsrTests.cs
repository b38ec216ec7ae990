using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using TrustAnchor.Smki;

namespace TrustAnchor.Smki.Tests;

public sealed class CsrTests : IDisposable
{
    private static readonly byte[] SupplierEntity = [0x00, 0xDB, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02];
    private readonly TempPki temp = new();

    public CsrTests()
    {
        Pki.AddSubscriber(new AuthorisedSubscriber { Organisation = "Supplier A", Roles = [RemotePartyRole.Supplier], EntryTestsCompleted = true, Connection = SubscriberConnection.DccGateway });
        Pki.AddSubscriber(new AuthorisedSubscriber { Organisation = "DCC", Roles = [RemotePartyRole.Recovery, RemotePartyRole.WanProvider, RemotePartyRole.TransitionalCoS, RemotePartyRole.AccessControlBroker, RemotePartyRole.Supplier], EntryTestsCompleted = true });
        Pki.AddSubscriber(new AuthorisedSubscriber { Organisation = "Portal Supplier", Roles = [RemotePartyRole.Supplier], EntryTestsCompleted = true, Connection = SubscriberConnection.InternetPortal });
        Pki.AddSubscriber(new AuthorisedSubscriber { Organisation = "New Supplier", Roles = [RemotePartyRole.Supplier], EntryTestsCompleted = false });
    }

    private SmkiPki Pki => temp.Pki;

    public void Dispose() => temp.Dispose();

    private static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private static byte[] DeviceId(int n) => [0x00, 0x12, 0x4B, 0x00, 0x00, 0x00, (byte)(n >> 8), (byte)n];

    private static SmkiException Refusal(Action action)
    {
        var ex = action.Should().Throw<SmkiException>().Which;
        ex.Message.Should().NotBeNullOrWhiteSpace();
        return ex;
    }

    [Fact]
    public void Organisation_csr_becomes_a_profiled_certificate_that_chains()
    {
        using var key = NewKey();
        var csr = SmkiCsr.CreateOrganisation(key, RemotePartyRole.Supplier, SmkiKeyUsage.DigitalSignature, SupplierEntity, "Supplier A DS");
        var record = Pki.ProcessCsr(csr, new CsrSubmission("Supplier A"));
        record.Kind.Should().Be(CertificateKind.Organisation);
        record.Subscriber.Should().Be("Supplier A");
        var cert = new ProfileReader(record.Der);
        cert.OrganisationalUnitUtf8().Should().Be("02");
        cert.UniqueIdentifier64().Should().Equal(SupplierEntity);
        cert.PublicPoint.Should().Equal(key.ExportSubjectPublicKeyInfo()[^65..]);
        cert.Bc.GetKeyUsage()[0].Should().BeTrue();
        IndependentReaders.AssertChainBuilds(record.Der, Pki.RootOca.Der, [Pki.IssuingOca.Der], record.NotBefore.AddMinutes(1));
    }

    [Fact]
    public void Device_csr_over_gateway_becomes_a_device_certificate()
    {
        using var key = NewKey();
        var record = Pki.ProcessCsr(SmkiCsr.CreateDevice(key, DeviceId(1), SmkiKeyUsage.KeyAgreement), new CsrSubmission("Supplier A"));
        record.Kind.Should().Be(CertificateKind.Device);
        var cert = new ProfileReader(record.Der);
        cert.HardwareModuleName()!.Value.Serial.Should().Equal(DeviceId(1));
        cert.Bc.GetKeyUsage()[4].Should().BeTrue();
        IndependentReaders.AssertChainBuilds(record.Der, Pki.RootDca.Der, [Pki.IssuingDca.Der], record.NotBefore.AddMinutes(1));
    }

    [Fact]
    public void Csr_made_by_bouncycastle_is_accepted_and_ours_parse_with_bouncycastle()
    {
        // Ours, read by BouncyCastle's PKCS#10 parser, which also verifies the signature.
        using var key = NewKey();
        var ours = new Pkcs10CertificationRequest(SmkiCsr.CreateDevice(key, DeviceId(2), SmkiKeyUsage.DigitalSignature));
        ours.Verify().Should().BeTrue();

        // BouncyCastle's, read by the SMKI.
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Org.BouncyCastle.Asn1.Sec.SecObjectIdentifiers.SecP256r1, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var extensions = new X509ExtensionsGenerator();
        extensions.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature));
        var subject = new X509Name(new[] { X509Name.OU, X509Name.UniqueIdentifier }.ToList<DerObjectIdentifier>(), new[] { "02", "#0309" + "00" + Convert.ToHexString(SupplierEntity) }.ToList());
        var attributes = new DerSet(new Org.BouncyCastle.Asn1.Pkcs.AttributePkcs(Org.BouncyCastle.Asn1.Pkcs.PkcsObjectIdentifiers.Pkcs9AtExtensionRequest, new DerSet(extensions.Generate())));
        var bcCsr = new Pkcs10CertificationRequest("SHA256WITHECDSA", subject, pair.Public, attributes, pair.Private);
        var record = Pki.ProcessCsr(bcCsr.GetEncoded(), new CsrSubmission("Supplier A"));
        record.Role.Should().Be(RemotePartyRole.Supplier);
        record.EntityId.Should().Be(Convert.ToHexString(SupplierEntity));
        var point = ((ECPublicKeyParameters)pair.Public).Q.GetEncoded(false);
        record.PublicKeyBytes().Should().Equal(point);
    }

    [Fact]
    public void Duplicate_key_is_refused_for_device_and_organisation_certificates()
    {
        using var key = NewKey();
        Pki.ProcessCsr(SmkiCsr.CreateDevice(key, DeviceId(3), SmkiKeyUsage.DigitalSignature), new CsrSubmission("Supplier A"));
        Refusal(() => Pki.ProcessCsr(SmkiCsr.CreateDevice(key, DeviceId(4), SmkiKeyUsage.DigitalSignature), new CsrSubmission("Supplier A")))
            .Code.Should().Be(SmkiErrorCode.DuplicatePublicKey);

        using var orgKey = NewKey();
        Pki.ProcessCsr(SmkiCsr.CreateOrganisation(orgKey, RemotePartyRole.Supplier, SmkiKeyUsage.DigitalSignature, SupplierEntity), new CsrSubmission("Supplier A"));
        Refusal(() => Pki.ProcessCsr(SmkiCsr.CreateOrganisation(orgKey, RemotePartyRole.Supplier, SmkiKeyUsage.KeyAgreement, SupplierEntity), new CsrSubmission("Supplier A")))
            .Code.Should().Be(SmkiErrorCode.Mp261RoleNotEligible, "supplier keys can never be reused");

        // Same key in the other kind is a different L11.4 population, so it is allowed.
        var crossKind = Pki.ProcessCsr(SmkiCsr.CreateDevice(orgKey, DeviceId(5), SmkiKeyUsage.DigitalSignature), new CsrSubmission("Supplier A"));
        crossKind.Kind.Should().Be(CertificateKind.Device);
    }

    [Fact]
    public void Mp261_key_reuse_needs_a_recorded_pma_approval()
    {
        using var key = NewKey();
        var entity = new byte[] { 0x90, 0xB3, 0xD5, 0x1F, 0x30, 0x00, 0x01, 0x06 };
        var first = Pki.ProcessCsr(SmkiCsr.CreateOrganisation(key, RemotePartyRole.WanProvider, SmkiKeyUsage.DigitalSignature, entity), new CsrSubmission("DCC"));
        var again = SmkiCsr.CreateOrganisation(key, RemotePartyRole.WanProvider, SmkiKeyUsage.DigitalSignature, entity);
        Refusal(() => Pki.ProcessCsr(again, new CsrSubmission("DCC"))).Code.Should().Be(SmkiErrorCode.Mp261ApprovalMissing);

        // An approval for another key does not help.
        Pki.RecordPmaApproval("MP261", RemotePartyRole.WanProvider, [1, 2, 3, 4, 5, 6, 7, 8]);
        Refusal(() => Pki.ProcessCsr(again, new CsrSubmission("DCC"))).Code.Should().Be(SmkiErrorCode.Mp261ApprovalMissing);

        Pki.RecordPmaApproval("MP261", RemotePartyRole.WanProvider, first.SubjectKeyIdBytes());
        var reissued = Pki.ProcessCsr(again, new CsrSubmission("DCC"));
        reissued.SubjectKeyId.Should().Be(first.SubjectKeyId);
        reissued.Serial.Should().NotBe(first.Serial);
    }

    [Fact]
    public void Mp261_exception_is_refused_for_the_wrong_role()
    {
        Refusal(() => Pki.RecordPmaApproval("MP261", RemotePartyRole.Supplier, [1, 2, 3, 4, 5, 6, 7, 8]))
            .Code.Should().Be(SmkiErrorCode.Mp261RoleNotEligible);

        // A recovery key with an approval may not be reused under another role (here accessControlBroker).
        using var key = NewKey();
        var entity = new byte[] { 0x90, 0xB3, 0xD5, 0x1F, 0x30, 0x00, 0x01, 0x01 };
        var recovery = Pki.ProcessCsr(SmkiCsr.CreateOrganisation(key, RemotePartyRole.Recovery, SmkiKeyUsage.DigitalSignature, entity), new CsrSubmission("DCC"));
        Pki.RecordPmaApproval("MP261", RemotePartyRole.Recovery, recovery.SubjectKeyIdBytes());
        Refusal(() => Pki.ProcessCsr(SmkiCsr.CreateOrganisation(key, RemotePartyRole.AccessControlBroker, SmkiKeyUsage.DigitalSignature, entity), new CsrSubmission("DCC")))
            .Code.Should().Be(SmkiErrorCode.DuplicatePublicKey);
    }

    [Fact]
    public void Device_csr_over_the_internet_portal_is_refused()
    {
        using var key = NewKey();
        var csr = SmkiCsr.CreateDevice(key, DeviceId(6), SmkiKeyUsage.DigitalSignature);
        Refusal(() => Pki.ProcessCsr(csr, new CsrSubmission("Portal Supplier"))).Code.Should().Be(SmkiErrorCode.DeviceCsrOverPortal);
        Refusal(() => Pki.ProcessCsr(csr, new CsrSubmission("Supplier A", SubscriberConnection.InternetPortal))).Code.Should().Be(SmkiErrorCode.DeviceCsrOverPortal);
        Refusal(() => Pki.ProcessBatch([csr], new CsrSubmission("Supplier A", SubscriberConnection.InternetPortal))).Code.Should().Be(SmkiErrorCode.DeviceCsrOverPortal);

        // An Organisation CSR over the portal is fine.
        using var orgKey = NewKey();
        Pki.ProcessCsr(SmkiCsr.CreateOrganisation(orgKey, RemotePartyRole.Supplier, SmkiKeyUsage.DigitalSignature, SupplierEntity), new CsrSubmission("Portal Supplier"))
            .Kind.Should().Be(CertificateKind.Organisation);
        Pki.FindByEntityId(DeviceId(6)).Should().BeEmpty();
    }

    [Fact]
    public void Device_csr_before_entry_tests_is_refused_until_they_are_recorded()
    {
        using var key = NewKey();
        var csr = SmkiCsr.CreateDevice(key, DeviceId(7), SmkiKeyUsage.DigitalSignature);
        Refusal(() => Pki.ProcessCsr(csr, new CsrSubmission("New Supplier"))).Code.Should().Be(SmkiErrorCode.EntryTestsNotCompleted);
        Pki.RecordEntryTestsCompleted("New Supplier");
        Pki.ProcessCsr(csr, new CsrSubmission("New Supplier")).Subscriber.Should().Be("New Supplier");
    }

    [Fact]
    public void Bad_csr_signature_is_refused()
    {
        using var key = NewKey();
        var csr = SmkiCsr.CreateDevice(key, DeviceId(8), SmkiKeyUsage.DigitalSignature);
        var tampered = (byte[])csr.Clone();
        tampered[^3] ^= 0x01; // inside the signature's s value
        Refusal(() => Pki.ProcessCsr(tampered, new CsrSubmission("Supplier A"))).Code.Should().BeOneOf(SmkiErrorCode.BadCsrSignature, SmkiErrorCode.MalformedCsr);

        // A well-formed signature by another key: exactly BadCsrSignature.
        using var other = NewKey();
        var parsed = new Pkcs10CertificationRequest(csr);
        var info = parsed.GetCertificationRequestInfo().GetEncoded();
        var forged = new DerSequence(
            parsed.GetCertificationRequestInfo(),
            new AlgorithmIdentifier(new DerObjectIdentifier("1.2.840.10045.4.3.2")),
            new DerBitString(other.SignData(info, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))).GetEncoded();
        Refusal(() => Pki.ProcessCsr(forged, new CsrSubmission("Supplier A"))).Code.Should().Be(SmkiErrorCode.BadCsrSignature);
        Refusal(() => Pki.ProcessCsr([0x30, 0x03, 0x02, 0x01, 0x00], new CsrSubmission("Supplier A"))).Code.Should().Be(SmkiErrorCode.MalformedCsr);
        Pki.FindByEntityId(DeviceId(8)).Should().BeEmpty();
    }

    [Fact]
    public void Profile_is_enforced_on_csrs()
    {
        using var rsa = RSA.Create(2048);
        var rsaCsr = new System.Security.Cryptography.X509Certificates.CertificateRequest(SmkiNames.Empty(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequest();
        Refusal(() => Pki.ProcessCsr(rsaCsr, new CsrSubmission("Supplier A"))).Code.Should().Be(SmkiErrorCode.ProfileViolation);

        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var p384Csr = new System.Security.Cryptography.X509Certificates.CertificateRequest(SmkiNames.Empty(), p384, HashAlgorithmName.SHA384).CreateSigningRequest();
        Refusal(() => Pki.ProcessCsr(p384Csr, new CsrSubmission("Supplier A"))).Code.Should().Be(SmkiErrorCode.ProfileViolation);

        using var key = NewKey();
        Refusal(() => Pki.ProcessCsr(SmkiCsr.CreateOrganisation(key, RemotePartyRole.NetworkOperator, SmkiKeyUsage.DigitalSignature, SupplierEntity), new CsrSubmission("Supplier A")))
            .Code.Should().Be(SmkiErrorCode.RoleNotAuthorised);
        Refusal(() => Pki.ProcessCsr(SmkiCsr.CreateDevice(key, DeviceId(9), SmkiKeyUsage.DigitalSignature), new CsrSubmission("Nobody")))
            .Code.Should().Be(SmkiErrorCode.UnknownSubscriber);
        var noDeviceId = new System.Security.Cryptography.X509Certificates.CertificateRequest(SmkiNames.Empty(), key, HashAlgorithmName.SHA256).CreateSigningRequest();
        Refusal(() => Pki.ProcessCsr(noDeviceId, new CsrSubmission("Supplier A"))).Code.Should().Be(SmkiErrorCode.ProfileViolation);

        // The identifier and usage can come with the request instead.
        var record = Pki.ProcessDeviceCsr(noDeviceId, new CsrSubmission("Supplier A"), DeviceId(9), SmkiKeyUsage.DigitalSignature);
        new ProfileReader(record.Der).HardwareModuleName()!.Value.Serial.Should().Equal(DeviceId(9));
    }
}

public sealed class CsrMutationTests : IDisposable
{
    private readonly TempPki temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Mutated_csrs_get_a_typed_refusal_or_a_certificate_never_another_exception()
    {
        temp.Pki.AddSubscriber(new AuthorisedSubscriber { Organisation = "S", Roles = [RemotePartyRole.Supplier], EntryTestsCompleted = true });
        var random = new Random(5);
        using var deviceKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var orgKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var originals = new[]
        {
            SmkiCsr.CreateDevice(deviceKey, [0, 0x12, 0x4B, 0, 0, 0, 0, 1], SmkiKeyUsage.DigitalSignature),
            SmkiCsr.CreateOrganisation(orgKey, RemotePartyRole.Supplier, SmkiKeyUsage.KeyAgreement, [0, 0xDB, 0, 0, 0, 0, 0, 2], "S"),
        };
        var codes = new Dictionary<SmkiErrorCode, int>();
        for (var i = 0; i < 400; i++)
        {
            var csr = (byte[])originals[i % 2].Clone();
            switch (random.Next(3))
            {
                case 0:
                    csr[random.Next(csr.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    var at = random.Next(csr.Length);
                    csr[at] = (byte)(csr[at] ^ random.Next(1, 256)); // any other value
                    break;
                default:
                    csr = csr[..random.Next(csr.Length)];
                    break;
            }

            try
            {
                temp.Pki.ProcessCsr(csr, new CsrSubmission("S"));
            }
            catch (SmkiException e)
            {
                codes[e.Code] = codes.GetValueOrDefault(e.Code) + 1;
            }
        }

        codes.Should().ContainKey(SmkiErrorCode.MalformedCsr);
        codes.Should().ContainKey(SmkiErrorCode.BadCsrSignature);
        codes.Values.Sum().Should().Be(400, "a flipped byte anywhere breaks the structure or the signature");
    }
}
