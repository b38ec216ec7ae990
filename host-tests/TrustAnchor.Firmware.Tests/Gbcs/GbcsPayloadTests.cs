using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using static TrustAnchor.Firmware.Tests.Gbcs.GbcsTestKit;

namespace TrustAnchor.Firmware.Tests.Gbcs;

public class GbcsPayloadTests
{
    private static readonly TrustAnchorCellIdentifier SupplierDs = new(RemotePartyRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80, CellUsage.Management);
    private static readonly TrustAnchorCellIdentifier SupplierKaTopUp = new(RemotePartyRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08, CellUsage.PrePaymentTopUp);

    private static ExecutionOutcome SampleOutcome() => new(
        1000,
        CredentialsReplacementMode.SupplierBySupplier,
        [new RemotePartySeqNumberChange(RemotePartyRole.Supplier, 0, [new SpecialistFloorSeqNumber(0, 0)])],
        [
            new ReplacementOutcome(SupplierDs, ReplacementStatus.Success, Hex("1111111111111111"), Hex("2222222222222222"), Hex("3333333333333333"), Hex("4444444444444444")),
            new ReplacementOutcome(SupplierKaTopUp, ReplacementStatus.BadCertificate, Hex("5555555555555555"), Hex("6666666666666666"), new byte[8], new byte[8]),
        ]);

    [Fact]
    public void Future_dated_acknowledgement_is_30_02_05_00()
    {
        UpdateSecurityCredentialsResponse.EncodeFutureDated().Should().Equal(Hex("30 02 05 00"));
        var parsed = UpdateSecurityCredentialsResponse.Parse(Hex("30 02 05 00"), 0, 4);
        parsed.IsFutureDatedAcknowledgement.Should().BeTrue();
        parsed.Outcome.Should().BeNull();
    }

    [Fact]
    public void Cs02b_response_matches_an_independent_encoding_and_round_trips()
    {
        var response = new UpdateSecurityCredentialsResponse(SampleOutcome());
        var encoded = response.Encode();

        var expected = UpdateSecurityCredentialsTests.Sequence(w =>
        {
            w.WriteNull();
            using (w.PushSequence())
            {
                w.WriteInteger(1000);
                w.WriteInteger(2);
                using (w.PushSequence())
                using (w.PushSequence())
                {
                    w.WriteInteger(2);
                    w.WriteInteger(0);
                    using (w.PushSequence())
                    using (w.PushSequence())
                    {
                        w.WriteInteger(0);
                        w.WriteInteger(0);
                    }
                }

                using (w.PushSequence())
                {
                    using (w.PushSequence())
                    {
                        w.WriteEncodedValue(Hex("30 07 02 01 02 03 02 07 80"));
                        w.WriteInteger(0);
                        foreach (var h in new[] { "11", "22", "33", "44" })
                        {
                            w.WriteOctetString(Hex(string.Concat(Enumerable.Repeat(h, 8))));
                        }
                    }

                    using (w.PushSequence())
                    {
                        w.WriteEncodedValue(Hex("30 0A 02 01 02 03 02 03 08 02 01 01"));
                        w.WriteInteger(5);
                        w.WriteOctetString(Hex("5555555555555555"));
                        w.WriteOctetString(Hex("6666666666666666"));
                        w.WriteOctetString(new byte[8]);
                        w.WriteOctetString(new byte[8]);
                    }
                }
            }
        });

        encoded.Should().Equal(expected);

        var frame = GbcsMessageBuilder.Response(1, Meter, Supplier, 0x0102, new DateTime(2026, 12, 1)).Also(b => b.SetContent(encoded)).Build();
        var back = UpdateSecurityCredentialsResponse.Parse(GbcsMessage.Parse(frame));
        back.IsFutureDatedAcknowledgement.Should().BeFalse();
        back.Outcome!.SeqNumber.Should().Be(1000UL);
        back.Outcome.Mode.Should().Be(CredentialsReplacementMode.SupplierBySupplier);
        back.Outcome.AllSucceeded.Should().BeFalse();
        back.Outcome.SeqNumberChanges[0].SpecialistFloorSeqNumbers.Should().HaveCount(1);
        back.Outcome.Replacements[1].AffectedCell.Equals(SupplierKaTopUp).Should().BeTrue();
        back.Outcome.Replacements[1].StatusCode.Should().Be(ReplacementStatus.BadCertificate);
        back.Outcome.Replacements[0].ReplacingSubjectKeyIdentifier.Should().Equal(Hex("4444444444444444"));
        back.Encode().Should().Equal(encoded);
    }

    [Fact]
    public void Future_dated_execution_alert_round_trips_in_a_0x00CB_frame()
    {
        var when = new DateTime(2027, 6, 1, 12, 0, 0);
        var alert = new FutureDatedExecutionAlert(GbcsAlertCodes.FutureDatedExecutionSucceeded, when, SampleOutcome());
        var b = GbcsMessageBuilder.Alert(77, Meter, Supplier, GbcsMessageCodes.FutureDatedUpdateSecurityCredentialsAlert, when);
        b.SetContent(alert.Encode());
        var m = GbcsMessage.Parse(b.Build());

        GbcsAlert.ReadAlertCode(m).Should().Be(0x8F66);
        var back = FutureDatedExecutionAlert.Parse(m);
        back.Succeeded.Should().BeTrue();
        back.ExecutionDateTime.Should().Be(when);
        back.Outcome.Replacements.Should().HaveCount(2);
        back.Encode().Should().Equal(alert.Encode());

        var wrongCode = new FutureDatedExecutionAlert(0x8F30, when, SampleOutcome()).Encode();
        var act = () => FutureDatedExecutionAlert.Parse(wrongCode, 0, wrongCode.Length);
        act.Should().Throw<GbcsFormatException>().Which.Code.Should().Be(GbcsError.PayloadValueOutOfRange);
    }

    [Fact]
    public void Cs02a_command_is_laid_out_as_in_the_notes_and_round_trips()
    {
        var cmd = new ProvideSecurityCredentialsDetails(SupplierDs, [RemotePartyRole.Supplier, RemotePartyRole.NetworkOperator]);
        var encoded = cmd.Encode();
        encoded.Should().Equal(Hex("30 11 30 07 02 01 02 03 02 07 80 30 06 02 01 02 02 01 03"));

        var frame = GbcsMessageBuilder.Command(9, Supplier, Meter, GbcsMessageCodes.ProvideSecurityCredentialsDetails).Also(b => b.SetContent(encoded)).Build();
        var back = ProvideSecurityCredentialsDetails.Parse(GbcsMessage.Parse(frame));
        back.AuthorisingRemotePartyCell.Equals(SupplierDs).Should().BeTrue();
        back.Roles.Should().Equal((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)2, (TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)3);
    }

    [Fact]
    public void Cs02a_response_round_trips()
    {
        var response = new ProvideSecurityCredentialsDetailsResponse(
        [
            new RemotePartyCredentials(RemotePartyRole.Supplier, 0, 1000,
            [
                new CellCredentials((TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80, 0, Hex("0102030405060708"), Hex("1112131415161718")),
                new CellCredentials((TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08, (TrustAnchor.Firmware.TrustAnchors.CellUsage)1, Hex("0102030405060708"), Hex("2122232425262728")),
            ]),
            new RemotePartyCredentials(RemotePartyRole.LoadController, ReplacementStatus.TrustAnchorNotFound, 0, []),
        ]);
        var encoded = response.Encode();
        var back = ProvideSecurityCredentialsDetailsResponse.Parse(encoded, 0, encoded.Length);
        back.Parties.Should().HaveCount(2);
        back.Parties[0].CurrentSeqNumber.Should().Be(1000UL);
        back.Parties[0].Cells[1].CellUsage.Should().Be((TrustAnchor.Firmware.TrustAnchors.CellUsage)1);
        back.Parties[0].Cells[1].KeyUsage.Should().Be((TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08);
        back.Parties[0].Cells[1].SubjectKeyIdentifier.Should().Equal(Hex("2122232425262728"));
        back.Parties[1].StatusCode.Should().Be(25);
        back.Parties[1].Cells.Should().BeEmpty();
        back.Encode().Should().Equal(encoded);

        // Cell entry: keyUsage, cellUsage only when not the DEFAULT, then the two identifiers.
        var reader = new AsnReader(encoded, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        reader.ReadInteger().Should().Be(2);
        reader.ReadInteger().Should().Be(0);
        reader.ReadInteger().Should().Be(1000);
        var cells = reader.ReadSequence();
        cells.ReadEncodedValue().ToArray().Should().Equal(Hex("30 18 03 02 07 80 04 08 0102030405060708 04 08 1112131415161718"));
    }

    [Theory]
    [InlineData(0x80)]
    [InlineData(0x08)]
    public void Cs02c_command_and_pkcs10_response_verify_with_dotnet_and_bouncycastle(int keyUsage)
    {
        var cmd = new IssueSecurityCredentials((TrustAnchor.Firmware.TrustAnchors.KeyUsage)keyUsage).Encode();
        cmd.Should().Equal(keyUsage == 0x80 ? Hex("30 04 03 02 07 80") : Hex("30 04 03 02 03 08"));
        var frame = GbcsMessageBuilder.Command(3, Acb, Meter, GbcsMessageCodes.IssueSecurityCredentials).Also(b => b.SetContent(cmd)).Build();
        IssueSecurityCredentials.Parse(GbcsMessage.Parse(frame)).KeyUsage.Should().Be((TrustAnchor.Firmware.TrustAnchors.KeyUsage)keyUsage);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = Pkcs10Builder.Build(PublicKey(key), Meter, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)keyUsage, Pkcs10Builder.TestHardwareModuleType, new DotNetSigner(key));

        var request = CertificateRequest.LoadSigningRequest(csr, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        request.SubjectName.RawData.Should().Equal(Hex("3000"));
        request.PublicKey.EncodedKeyValue.RawData.Should().Equal(PublicKey(key));
        var ku = request.CertificateExtensions.OfType<X509KeyUsageExtension>().Single();
        ku.Critical.Should().BeTrue();
        ku.KeyUsages.Should().Be(keyUsage == 0x80 ? X509KeyUsageFlags.DigitalSignature : X509KeyUsageFlags.KeyAgreement);
        var san = request.CertificateExtensions.Single(e => e.Oid!.Value == "2.5.29.17");
        san.Critical.Should().BeTrue();
        var names = new AsnReader(san.RawData, AsnEncodingRules.DER).ReadSequence();
        var otherName = names.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
        otherName.ReadObjectIdentifier().Should().Be("1.3.6.1.5.5.7.8.4");
        var hmn = otherName.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
        hmn.ReadObjectIdentifier().Should().Be("1.2.826.0.1.8641679.1.2.2.1");
        hmn.ReadOctetString().Should().Equal(Meter);

        // Signature check by BouncyCastle (CertificateRequest.LoadSigningRequest skips it without the flag above).
        var bc = new Org.BouncyCastle.Pkcs.Pkcs10CertificationRequest(csr);
        bc.Verify().Should().BeTrue();
        CertificateRequest.LoadSigningRequest(csr, HashAlgorithmName.SHA256).Should().NotBeNull();

        var responseFrame = GbcsMessageBuilder.Response(4, Meter, Acb, GbcsMessageCodes.IssueSecurityCredentials, DateTime.UnixEpoch)
            .Also(b => b.SetContent(new IssueSecurityCredentialsResponse(csr).Encode())).Build();
        IssueSecurityCredentialsResponse.Parse(GbcsMessage.Parse(responseFrame)).CertificationRequest.ToArray().Should().Equal(csr);

        var tampered = (byte[])csr.Clone();
        tampered[^40] ^= 1;
        new Org.BouncyCastle.Pkcs.Pkcs10CertificationRequest(tampered).Verify().Should().BeFalse();
    }

    [Fact]
    public void Cs02c_refuses_usages_other_than_ds_or_ka()
    {
        var act = () => new IssueSecurityCredentials((TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x04);
        act.Should().Throw<GbcsFormatException>().Which.Code.Should().Be(GbcsError.PayloadValueOutOfRange);
        var payload = Hex("30 04 03 02 02 04");
        var parse = () => IssueSecurityCredentials.Parse(payload, 0, payload.Length);
        parse.Should().Throw<GbcsFormatException>().Which.Code.Should().Be(GbcsError.PayloadValueOutOfRange);
    }

    [Fact]
    public void Cs02d_and_cs02e_round_trip()
    {
        var cert = UpdateSecurityCredentialsTests.Certificate("device");
        var d = new UpdateDeviceCertificate(cert).Encode();
        d.Should().Equal(UpdateSecurityCredentialsTests.Sequence(w => w.WriteEncodedValue(cert)));
        UpdateDeviceCertificate.Parse(d, 0, d.Length).Certificate.ToArray().Should().Equal(cert);

        for (int result = 0; result <= 7; result++)
        {
            var r = new UpdateDeviceCertificateResponse((UpdateDeviceCertificateResult)result).Encode();
            r.Should().Equal(new byte[] { 0x30, 0x03, 0x02, 0x01, (byte)result });
            UpdateDeviceCertificateResponse.Parse(r, 0, r.Length).Result.Should().Be((UpdateDeviceCertificateResult)result);
        }

        var eight = Hex("30 03 02 01 08");
        var bad = () => UpdateDeviceCertificateResponse.Parse(eight, 0, eight.Length);
        bad.Should().Throw<GbcsFormatException>().Which.Code.Should().Be(GbcsError.PayloadValueOutOfRange);

        var e = new ProvideDeviceCertificate((TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08).Encode();
        e.Should().Equal(Hex("30 04 03 02 03 08"));
        var cmdFrame = GbcsMessageBuilder.Command(1, Acb, Meter, GbcsMessageCodes.ProvideDeviceCertificates).Also(b => b.SetContent(e)).Build();
        ProvideDeviceCertificate.Parse(GbcsMessage.Parse(cmdFrame)).KeyUsage.Should().Be((TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08);

        var response = new ProvideDeviceCertificateResponse(cert).Encode();
        var responseFrame = GbcsMessageBuilder.Response(2, Meter, Acb, GbcsMessageCodes.ProvideDeviceCertificates, DateTime.UnixEpoch).Also(b => b.SetContent(response)).Build();
        ProvideDeviceCertificateResponse.Parse(GbcsMessage.Parse(responseFrame)).Certificate.ToArray().Should().Equal(cert);

        var wrongCode = () => UpdateDeviceCertificate.Parse(GbcsMessage.Parse(responseFrame));
        wrongCode.Should().Throw<GbcsFormatException>().Which.Code.Should().Be(GbcsError.WrongMessageCode);
    }
}

internal static class BuilderExtensions
{
    public static GbcsMessageBuilder Also(this GbcsMessageBuilder builder, Action<GbcsMessageBuilder> action)
    {
        action(builder);
        return builder;
    }
}
