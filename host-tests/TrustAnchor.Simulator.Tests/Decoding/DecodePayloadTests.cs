using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using TrustAnchor.Simulator.Cli;

namespace TrustAnchor.Simulator.Tests.Decoding;

/// <summary>
/// Frames laid out by hand (NOTES sections 6, 7 and 9; payloads with AsnWriter or byte by byte), decoded through the
/// command line: header fields, each Other Information form, the payloads the firmware knows, and verdicts with a
/// keystore the test wrote itself.
/// </summary>
public sealed class DecodePayloadTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ta-sim-payload-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Cs02aCommandPayload()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger(2);
                writer.WriteBitString([0x80], unusedBitCount: 7);
            }

            using (writer.PushSequence())
            {
                writer.WriteInteger(0);
                writer.WriteInteger(2);
                writer.WriteInteger(4);
            }
        }

        return writer.Encode();
    }

    [Fact]
    public async Task A_cs02a_command_decodes_field_by_field_and_its_signature_verifies_with_a_hand_made_keystore()
    {
        using var supplier = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var frame = HandFrames.Frame(1, 4242, HandFrames.Supplier, HandFrames.Esme, null, HandFrames.OtherInformation(0x0008), Cs02aCommandPayload(), supplier);
        var keystore = Path.Combine(_folder, "k.json");
        HandKeystore.Write(keystore, [new HandKeystore.Entry(HandFrames.Supplier, "digitalSignature", supplier, supplier, 2)]);

        var decoded = await DecodedJson.DecodeAsync(frame, "--keystore", keystore);
        decoded.GetProperty("cra").GetString().Should().Be("command");
        decoded.GetProperty("messageCode").GetString().Should().Be("0x0008");
        decoded.GetProperty("originator").GetString().Should().Be("90b3d51f31000201");
        decoded.GetProperty("target").GetString().Should().Be("70b3d50000000120");
        decoded.GetProperty("originatorCounter").GetUInt64().Should().Be(4242);
        decoded.GetProperty("useCase").GetString().Should().Contain("CS02a").And.Contain("command");
        decoded.GetProperty("signature").GetProperty("verdict").GetString().Should().Be("valid");
        decoded.GetProperty("mac").ValueKind.Should().Be(JsonValueKind.Null);
        var fields = DecodedJson.Flatten(decoded);
        fields.Should().Contain(("date-time", "absent (00)", 29));
        fields.Should().Contain(f => f.Name == "Originator Counter" && f.Value!.StartsWith("4242"));
        fields.Should().Contain(f => f.Name == "remotePartyRole" && f.Value == "2 (supplier)");
        fields.Should().Contain(f => f.Name == "keyUsage" && f.Value!.StartsWith("digitalSignature"));
        fields.Where(f => f.Name == "remotePartyRole").Select(f => f.Value).Should().Equal("2 (supplier)", "0 (root)", "2 (supplier)", "4 (accessControlBroker)");

        // Another key under the originator's EUI: the signature does not verify — invalid, exit 1.
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        HandKeystore.Write(keystore, [new HandKeystore.Entry(HandFrames.Supplier, "digitalSignature", stranger, null, 2)]);
        var refused = await CliRun.InvokeAsync("decode", Convert.ToHexString(frame), "--json", "--keystore", keystore);
        refused.Code.Should().Be(DecodeCommand.ExitInvalid);
        refused.Out.Should().Contain("\"verdict\": \"invalid\"");
    }

    [Fact]
    public async Task A_mac_made_by_the_firmware_with_another_systems_keys_verifies_through_a_keystore_in_the_dcc_tools_layout()
    {
        using var supplier = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var acb = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var device = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        // Z by .NET ECDH (ACB private, device public); key, AES-GCM tag and framing by the firmware's own code.
        using var acbAgreement = ECDiffieHellman.Create(acb.ExportParameters(true));
        using var devicePublic = ECDiffieHellman.Create(device.ExportParameters(false));
        var z = acbAgreement.DeriveRawSecretAgreement(devicePublic.PublicKey);
        const ulong counter = 31337;
        var key = TrustAnchor.Firmware.Crypto.GbcsKdf.DeriveKey(z, TrustAnchor.Firmware.Crypto.GbcsKdf.BuildOtherInfo(HandFrames.Supplier, 1, counter, HandFrames.Esme));
        var builder = TrustAnchor.Firmware.Gbcs.GbcsMessageBuilder.Command(counter, HandFrames.Supplier, HandFrames.Esme, 0x0008);
        builder.SetContent(Cs02aCommandPayload());
        var frame = builder.BuildWithMacKey(new TrustAnchor.Simulator.Dcc.EcdsaGbcsSigner(supplier), key);
        frame[0].Should().Be(0xDD);

        var keystore = Path.Combine(_folder, "theirs.json");
        HandKeystore.Write(keystore,
        [
            new HandKeystore.Entry(HandFrames.Supplier, "digitalSignature", supplier, null, 2),
            new HandKeystore.Entry(HandFrames.Acb, "keyAgreement", acb, acb, 4),
            new HandKeystore.Entry(HandFrames.Esme, "keyAgreement", device, null, null),
        ]);
        var decoded = await DecodedJson.DecodeAsync(frame, "--keystore", keystore);
        decoded.GetProperty("signature").GetProperty("verdict").GetString().Should().Be("valid");
        decoded.GetProperty("mac").GetProperty("verdict").GetString().Should().Be("valid");
        decoded.GetProperty("mac").GetProperty("key").GetString().Should().Contain("90b3d51f30000004").And.Contain("70b3d50000000120");

        // The device's private key instead of the ACB's works as well (the other end of the same agreement).
        HandKeystore.Write(keystore,
        [
            new HandKeystore.Entry(HandFrames.Acb, "keyAgreement", acb, null, 4),
            new HandKeystore.Entry(HandFrames.Esme, "keyAgreement", device, device, null),
        ]);
        decoded = await DecodedJson.DecodeAsync(frame, "--keystore", keystore);
        decoded.GetProperty("mac").GetProperty("verdict").GetString().Should().Be("valid");
        decoded.GetProperty("signature").GetProperty("verdict").GetString().Should().Be("unknown");

        // Certificates but no private key at either end: nothing to agree a key with.
        HandKeystore.Write(keystore,
        [
            new HandKeystore.Entry(HandFrames.Acb, "keyAgreement", acb, null, 4),
            new HandKeystore.Entry(HandFrames.Esme, "keyAgreement", device, null, null),
        ]);
        decoded = await DecodedJson.DecodeAsync(frame, "--keystore", keystore);
        decoded.GetProperty("mac").GetProperty("verdict").GetString().Should().Be("unknown");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(18)]
    [InlineData(26)]
    public async Task Each_other_information_form_is_shown_as_its_typed_fields(int length)
    {
        var parts = new List<byte[]> { HandFrames.Acb };
        if (length >= 18)
        {
            parts.Add(HandFrames.UInt64(777));
        }

        if (length == 26)
        {
            parts.Add(HandFrames.UInt64(888));
        }

        var frame = HandFrames.Frame(1, 5, HandFrames.Supplier, HandFrames.Esme, null, HandFrames.OtherInformation(0x0008, [.. parts]), Cs02aCommandPayload(), signer: null);
        var fields = DecodedJson.Flatten(await DecodedJson.DecodeAsync(frame));
        fields.Should().Contain(f => f.Name == "Other Information" && f.Value!.StartsWith($"{length} bytes"));
        fields.Should().Contain(("Message Code", "0x0008 CS02a Provide Security Credentials Details", 31));
        fields.Should().Contain(("Supplementary Remote Party ID", "90b3d51f30000004", 33));
        if (length >= 18)
        {
            fields.Should().Contain(("Supplementary Remote Party Counter", "777", 41));
        }
        else
        {
            fields.Should().NotContain(f => f.Name == "Supplementary Remote Party Counter");
        }

        if (length == 26)
        {
            fields.Should().Contain(("Supplementary Originator Counter", "888", 49));
        }
        else
        {
            fields.Should().NotContain(f => f.Name == "Supplementary Originator Counter");
        }
    }

    [Fact]
    public async Task Other_information_longer_than_26_carries_the_supplementary_remote_partys_key_agreement_certificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Other User KA", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var der = certificate.RawData;
        var frame = HandFrames.Frame(1, 6, HandFrames.Supplier, HandFrames.Esme, null, HandFrames.OtherInformation(0x0008, HandFrames.Acb, HandFrames.UInt64(5), der), Cs02aCommandPayload(), signer: null);
        var fields = DecodedJson.Flatten(await DecodedJson.DecodeAsync(frame));
        fields.Should().Contain(f => f.Name == "Other Information" && f.Value!.StartsWith($"{18 + der.Length} bytes") && f.Value.Contains("Key Agreement certificate"));
        // The Other Information length (at 30) takes the long form here: 81 xx or 82 xx xx.
        var code = 30 + HandFrames.Length(18 + der.Length).Length;
        fields.Should().Contain(f => f.Name == "Other Information" && f.Offset == 30);
        fields.Should().Contain(("Message Code", "0x0008 CS02a Provide Security Credentials Details", code));
        fields.Should().Contain(("Supplementary Remote Party Counter", "5", code + 10));
        fields.Should().Contain(f => f.Name == "Supplementary Remote Party KA certificate" && f.Offset == code + 18 && f.Value == $"X.509, {der.Length} bytes");
        fields.Should().Contain(("subject", "CN=Other User KA", null));
        fields.Should().Contain(("publicKey", Convert.ToHexString(certificate.PublicKey.EncodedKeyValue.RawData), null));
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(3, true)]
    [InlineData(1, true)]
    public async Task The_header_date_time_may_be_absent_or_present_in_any_cra_type(int cra, bool dateTime)
    {
        var frame = HandFrames.Frame(cra, 8, HandFrames.Supplier, HandFrames.Esme, dateTime ? HandFrames.DlmsDateTime : null, HandFrames.OtherInformation(0x0055), [0x01, 0x02], signer: null);
        var fields = DecodedJson.Flatten(await DecodedJson.DecodeAsync(frame));
        fields.Should().Contain(f => f.Name == "date-time" && f.Offset == 29 && (dateTime ? f.Value!.StartsWith("2026-12-06T20:30:15.00") : f.Value == "absent (00)"));
    }

    [Fact]
    public async Task An_esme_alert_0x1000_with_a_dlms_data_notification_is_decoded_from_notes_section_9()
    {
        // 0F, long-invoke-id-and-priority 20 00 07 D0, date-time absent, structure of 2: long-unsigned 8F30, octet-string(12) event time.
        byte[] payload = [0x0F, 0x20, 0x00, 0x07, 0xD0, 0x00, 0x02, 0x02, 0x12, 0x8F, 0x30, 0x09, 0x0C, .. HandFrames.DlmsDateTime];
        var frame = HandFrames.Frame(3, 0x7D0, HandFrames.Esme, HandFrames.Acb, null, HandFrames.OtherInformation(0x1000), payload, signer: null);
        var decoded = await DecodedJson.DecodeAsync(frame);
        decoded.GetProperty("cra").GetString().Should().Be("alert");
        decoded.GetProperty("useCase").GetString().Should().Contain("Generic Critical Alert").And.Contain("DLMS Data-Notification");
        decoded.GetProperty("payloadLanguage").GetString().Should().Be("DLMS");
        var fields = DecodedJson.Flatten(decoded);
        fields.Should().Contain(f => f.Name == "long-invoke-id-and-priority" && f.Value!.Contains("invoke-id 2000 (0x0007D0)") && f.Value.Contains("self-descriptive"));
        fields.Should().Contain(f => f.Name == "alertCode (long-unsigned)" && f.Value!.StartsWith("0x8F30"));
        fields.Should().Contain(f => f.Name == "eventTime (octet-string)" && f.Value!.StartsWith("2026-12-06T20:30:15.00"));
        fields.Should().Contain(f => f.Name == "device's alert parser" && f.Value!.StartsWith("0x8F30"), "the firmware's DLMS alert parser reads the same code");
    }

    [Fact]
    public async Task A_gsme_alert_0x1001_with_a_gbz_payload_is_decoded_from_notes_section_9()
    {
        // 2026-12-06T20:30:15Z as seconds since 2000-01-01.
        var seconds = (uint)(new DateTime(2026, 12, 6, 20, 30, 15, DateTimeKind.Utc) - new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds;
        byte[] payload = [0x01, 0x09, 0x00, 0x8F, 0x3D, (byte)(seconds >> 24), (byte)(seconds >> 16), (byte)(seconds >> 8), (byte)seconds];
        var gsme = HandFrames.Esme.ToArray();
        gsme[7] = 0x30;
        var frame = HandFrames.Frame(3, 9, gsme, HandFrames.Acb, null, HandFrames.OtherInformation(0x1001), payload, signer: null);
        var decoded = await DecodedJson.DecodeAsync(frame);
        decoded.GetProperty("useCase").GetString().Should().Contain("Generic Non-Critical Alert").And.Contain("GBZ");
        var fields = DecodedJson.Flatten(decoded);
        fields.Should().Contain(f => f.Name == "alertCode" && f.Value!.StartsWith("0x8F3D"));
        fields.Should().Contain(f => f.Name == "eventTime (UTCTime)" && f.Value!.EndsWith("2026-12-06T20:30:15Z"));
        fields.Should().Contain(f => f.Name == "device's alert parser" && f.Value!.StartsWith("0x8F3D"), "the firmware's GBZ alert parser reads the same code");
        fields.Should().Contain(f => f.Name == "componentCount" && f.Value == "0");
    }

    [Fact]
    public async Task A_future_dated_cs02b_outcome_alert_0x00CB_is_decoded()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0x8F67);
            writer.WriteGeneralizedTime(new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero), omitFractionalSeconds: true);
            using (writer.PushSequence())
            {
                writer.WriteInteger(1234);
                writer.WriteInteger(2);
                using (writer.PushSequence())
                {
                }

                using (writer.PushSequence())
                {
                    using (writer.PushSequence())
                    {
                        using (writer.PushSequence())
                        {
                            writer.WriteInteger(2);
                            writer.WriteBitString([0x80], unusedBitCount: 7);
                        }

                        writer.WriteInteger(5);
                        writer.WriteOctetString(HandFrames.Supplier);
                        writer.WriteOctetString(new byte[8]);
                        writer.WriteOctetString(HandFrames.Supplier);
                        writer.WriteOctetString(new byte[8]);
                    }
                }
            }
        }

        var frame = HandFrames.Frame(3, 77, HandFrames.Esme, HandFrames.Supplier, null, HandFrames.OtherInformation(0x00CB), writer.Encode(), signer: null);
        var decoded = await DecodedJson.DecodeAsync(frame);
        decoded.GetProperty("useCase").GetString().Should().Contain("future-dated");
        var fields = DecodedJson.Flatten(decoded);
        fields.Should().Contain(f => f.Name == "alertCode" && f.Value!.StartsWith("0x8F67"));
        fields.Should().Contain(f => f.Name == "executionDateTime" && f.Value == "2027-01-02T03:04:05Z");
        fields.Should().Contain(f => f.Name == "statusCode" && f.Value == "5 (badCertificate)");
        fields.Should().Contain(f => f.Name == "credentialsReplacementMode" && f.Value == "2 (supplierBySupplier)");
    }

    [Fact]
    public async Task Cs02c_cs02d_and_cs02e_commands_and_responses_are_decoded()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=device csr", key, HashAlgorithmName.SHA256);
        var csr = request.CreateSigningRequest();
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

        static byte[] Wrapped(Action<AsnWriter> inner)
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                inner(writer);
            }

            return writer.Encode();
        }

        var keyUsageKa = Wrapped(w => w.WriteBitString([0x08], unusedBitCount: 3));
        var withCertificate = Wrapped(w => w.WriteEncodedValue(certificate.RawData));
        var result7 = Wrapped(w => w.WriteInteger(7));

        async Task<List<(string Name, string? Value, int? Offset)>> Decode(int cra, int code, byte[] payload, string useCase)
        {
            var (from, to) = cra == 1 ? (HandFrames.Supplier, HandFrames.Esme) : (HandFrames.Esme, HandFrames.Supplier);
            var decoded = await DecodedJson.DecodeAsync(HandFrames.Frame(cra, 20, from, to, null, HandFrames.OtherInformation(code), payload, signer: null));
            decoded.GetProperty("useCase").GetString().Should().Contain(useCase);
            decoded.TryGetProperty("payloadNote", out _).Should().BeFalse(useCase);
            return DecodedJson.Flatten(decoded);
        }

        (await Decode(1, 0x000A, keyUsageKa, "CS02c")).Should().Contain(f => f.Name == "keyUsage" && f.Value!.StartsWith("keyAgreement"));
        var fromCsr = await Decode(2, 0x000A, csr, "CS02c");
        fromCsr.Should().Contain(f => f.Name == "subject" && f.Value == "CN=device csr");
        fromCsr.Should().Contain(f => f.Name == "subjectPublicKey" && f.Value!.EndsWith(Convert.ToHexString(certificate.PublicKey.EncodedKeyValue.RawData)));
        fromCsr.Should().Contain(f => f.Name == "signatureAlgorithm" && f.Value!.Contains("sha256", StringComparison.OrdinalIgnoreCase));
        (await Decode(1, 0x000B, withCertificate, "CS02d")).Should().Contain(("subject", "CN=device csr", null));
        (await Decode(2, 0x000B, result7, "CS02d")).Should().Contain(f => f.Name == "result" && f.Value == "7 (private key change failed)");
        (await Decode(1, 0x000C, keyUsageKa, "CS02e")).Should().Contain(f => f.Name == "keyUsage");
        var provided = await Decode(2, 0x000C, withCertificate, "CS02e");
        provided.Should().Contain(("serialNumber", new BigInteger(certificate.GetSerialNumber(), isUnsigned: true).ToString() + " (decimal)", null));
    }

    [Fact]
    public async Task A_use_case_the_decoder_does_not_know_is_labelled_hex()
    {
        byte[] payload = [0xC4, 0x01, 0x81, 0x00, 0x09, 0x03, 0x01, 0x02, 0x03];
        var frame = HandFrames.Frame(1, 12, HandFrames.Supplier, HandFrames.Esme, null, HandFrames.OtherInformation(0x0055), payload, signer: null);
        var decoded = await DecodedJson.DecodeAsync(frame);
        decoded.GetProperty("payloadLanguage").GetString().Should().Be("opaque");
        DecodedJson.Flatten(decoded).Should().Contain(("hex", "C40181000903010203", 34));
    }

    [Fact]
    public async Task A_payload_that_breaks_its_use_case_layout_is_shown_generically_with_a_note()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteBoolean(true);
        }

        var frame = HandFrames.Frame(1, 12, HandFrames.Supplier, HandFrames.Esme, null, HandFrames.OtherInformation(0x0008), writer.Encode(), signer: null);
        var decoded = await DecodedJson.DecodeAsync(frame);
        decoded.GetProperty("payloadLanguage").GetString().Should().Be("ASN.1 DER (generic)");
        decoded.GetProperty("payloadNote").GetString().Should().Contain("does not follow the layout").And.Contain("byte offset 36");
        DecodedJson.Flatten(decoded).Should().Contain(f => f.Name == "Boolean" && f.Value == "FF");
    }

    [Fact]
    public async Task Stdin_and_raw_binary_files_are_read_too()
    {
        var frame = HandFrames.Frame(1, 3, HandFrames.Supplier, HandFrames.Esme, null, HandFrames.OtherInformation(0x0008), Cs02aCommandPayload(), signer: null);
        var binary = Path.Combine(_folder, "frame.bin");
        File.WriteAllBytes(binary, frame);
        var fromFile = await CliRun.InvokeAsync("decode", binary);
        fromFile.Code.Should().Be(0, fromFile.Error);
        fromFile.Out.Should().Contain("CS02a").And.Contain("counter 3");

        var hexFile = Path.Combine(_folder, "frame.hex");
        File.WriteAllText(hexFile, string.Join(" ", Convert.ToHexString(frame).Chunk(2).Select(c => new string(c))) + "\n");
        (await CliRun.InvokeAsync("decode", hexFile)).Out.Should().Be(fromFile.Out);

        var previous = DecodeCommand.Stdin;
        DecodeCommand.Stdin = () => new StringReader(Convert.ToHexString(frame).ToLowerInvariant());
        try
        {
            (await CliRun.InvokeAsync("decode", "-")).Out.Should().Be(fromFile.Out);
        }
        finally
        {
            DecodeCommand.Stdin = previous;
        }
    }
}
