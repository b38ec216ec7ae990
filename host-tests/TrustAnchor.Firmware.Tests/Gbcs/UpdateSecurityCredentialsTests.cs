using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using static TrustAnchor.Firmware.Tests.Gbcs.GbcsTestKit;

namespace TrustAnchor.Firmware.Tests.Gbcs;

public class UpdateSecurityCredentialsTests
{
    // NOTES section 6: supplierBySupplier, Supplier DS cell, seq 1000, floor 0, top-up floor 0, time checks disapplied.
    private const string NotesArpc = "30 20 02 01 02 81 01 01 a2 07 02 01 02 03 02 07 80 83 02 03 e8 84 01 00 a5 08 30 06 02 01 00 02 01 00";

    private static readonly TrustAnchorCellIdentifier SupplierDs = new(RemotePartyRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80, CellUsage.Management);
    private static readonly TrustAnchorCellIdentifier SupplierKa = new(RemotePartyRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08, CellUsage.Management);
    private static readonly TrustAnchorCellIdentifier SupplierKaTopUp = new(RemotePartyRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08, CellUsage.PrePaymentTopUp);

    internal static byte[] Certificate(string cn)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest("CN=" + cn, key, HashAlgorithmName.SHA256);
        using var cert = req.CreateSelfSigned(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return cert.RawData;
    }

    private static UpdateSecurityCredentials NotesExample()
    {
        var u = new UpdateSecurityCredentials
        {
            Mode = CredentialsReplacementMode.SupplierBySupplier,
            ApplyTimeBasedCpvChecks = UpdateSecurityCredentials.TimeChecksDisapply,
            AuthorisingRemotePartyCell = SupplierDs,
            AuthorisingRemotePartySeqNumber = 1000,
            NewRemotePartySpecialistFloorSeqNumbers = [new SpecialistFloorSeqNumber(SpecialistFloorSeqNumber.PrepaymentTopUp, 0)],
        };
        u.SetNewRemotePartyFloorSeqNumber(0);
        return u;
    }

    [Fact]
    public void Writes_the_notes_example_arpc_exactly()
    {
        NotesExample().EncodeAuthorisingRemotePartyControl().Should().Equal(Hex(NotesArpc));
    }

    [Fact]
    public void Reads_every_field_of_the_notes_example_arpc()
    {
        // The example ARPC inside a payload with one replacement, an Issuing OCA in the path, no execution time.
        var cert = Certificate("new supplier");
        var issuing = Certificate("issuing oca");
        var payload = Sequence(w =>
        {
            w.WriteEncodedValue(Hex(NotesArpc));
            using (w.PushSequence())
            using (w.PushSequence())
            {
                w.WriteEncodedValue(cert);
                w.WriteEncodedValue(Hex("30 07 02 01 02 03 02 07 80"));
            }

            using (w.PushSequence())
            {
                w.WriteEncodedValue(issuing);
            }
        });

        var u = UpdateSecurityCredentials.Parse(payload, 0, payload.Length);

        u.Mode.Should().Be(CredentialsReplacementMode.SupplierBySupplier);
        u.HasPlaintextSymmetricKey.Should().BeFalse();
        u.HasApplyTimeBasedCpvChecks.Should().BeTrue();
        u.ApplyTimeBasedCpvChecks.Should().Be(1);
        u.TimeBasedChecksApply.Should().BeFalse();
        u.AuthorisingRemotePartyCell!.Equals(SupplierDs).Should().BeTrue();
        u.AuthorisingRemotePartySeqNumber.Should().Be(1000UL);
        u.HasNewRemotePartyFloorSeqNumber.Should().BeTrue();
        u.NewRemotePartyFloorSeqNumber.Should().Be(0UL);
        u.NewRemotePartySpecialistFloorSeqNumbers.Should().HaveCount(1);
        u.NewRemotePartySpecialistFloorSeqNumbers![0].Usage.Should().Be(0);
        u.NewRemotePartySpecialistFloorSeqNumbers[0].SeqNumber.Should().Be(0UL);
        u.OtherRemotePartySeqNumberChanges.Should().BeNull();
        u.Replacements.Should().HaveCount(1);
        u.Replacements[0].Certificate.ToArray().Should().Equal(cert);
        u.Replacements[0].Certificate.Buffer.Should().BeSameAs(payload);
        u.Replacements[0].TargetCell.Equals(SupplierDs).Should().BeTrue();
        u.CertificationPathCertificates.Should().HaveCount(1);
        u.CertificationPathCertificates[0].ToArray().Should().Equal(issuing);
        u.HasExecutionDateTime.Should().BeFalse();

        // And the writer gives the same bytes back.
        u.Encode().Should().Equal(payload);
    }

    [Fact]
    public void Full_payload_matches_an_independent_asn1_encoding_and_round_trips()
    {
        var certs = new[] { Certificate("ds"), Certificate("ka"), Certificate("ka top-up") };
        var issuing = Certificate("issuing");
        var key = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var when = new DateTime(2027, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        var u = new UpdateSecurityCredentials
        {
            Mode = CredentialsReplacementMode.AnyByContingency,
            PlaintextSymmetricKey = key,
            ApplyTimeBasedCpvChecks = 0,
            AuthorisingRemotePartyCell = new TrustAnchorCellIdentifier(RemotePartyRole.Recovery, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80, 0),
            AuthorisingRemotePartySeqNumber = ulong.MaxValue,
            NewRemotePartySpecialistFloorSeqNumbers = [],
            OtherRemotePartySeqNumberChanges =
            [
                new RemotePartySeqNumberChange(RemotePartyRole.NetworkOperator, 0x80),
                new RemotePartySeqNumberChange(RemotePartyRole.Supplier, 5, [new SpecialistFloorSeqNumber(0, 0x8000_0000_0000_0000)]),
            ],
        };
        u.SetNewRemotePartyFloorSeqNumber(127);
        u.AddReplacement(certs[0], SupplierDs);
        u.AddReplacement(certs[1], SupplierKa);
        u.AddReplacement(certs[2], SupplierKaTopUp);
        u.AddCertificationPathCertificate(issuing);
        u.SetExecutionDateTime(when);

        var expected = Sequence(w =>
        {
            using (w.PushSequence())
            {
                w.WriteInteger(9);
                w.WriteOctetString(key, new Asn1Tag(TagClass.ContextSpecific, 0));
                w.WriteInteger(0, new Asn1Tag(TagClass.ContextSpecific, 1));
                using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2)))
                {
                    w.WriteInteger(1);
                    w.WriteBitString([0x80], 7);
                }

                w.WriteInteger(ulong.MaxValue, new Asn1Tag(TagClass.ContextSpecific, 3));
                w.WriteInteger(127, new Asn1Tag(TagClass.ContextSpecific, 4));
                using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 5)))
                {
                }

                using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 6)))
                {
                    using (w.PushSequence())
                    {
                        w.WriteInteger(3);
                        w.WriteInteger(0x80);
                    }

                    using (w.PushSequence())
                    {
                        w.WriteInteger(2);
                        w.WriteInteger(5);
                        using (w.PushSequence())
                        using (w.PushSequence())
                        {
                            w.WriteInteger(0);
                            w.WriteInteger(0x8000_0000_0000_0000UL);
                        }
                    }
                }
            }

            using (w.PushSequence())
            {
                var cells = new[] { (2, (byte)0x80, 0), (2, (byte)0x08, 0), (2, (byte)0x08, 1) };
                for (int i = 0; i < 3; i++)
                {
                    using (w.PushSequence())
                    {
                        w.WriteEncodedValue(certs[i]);
                        using (w.PushSequence())
                        {
                            w.WriteInteger(cells[i].Item1);
                            w.WriteBitString([cells[i].Item2], cells[i].Item2 == 0x80 ? 7 : 3);
                            if (cells[i].Item3 != 0)
                            {
                                w.WriteInteger(cells[i].Item3);
                            }
                        }
                    }
                }
            }

            using (w.PushSequence())
            {
                w.WriteEncodedValue(issuing);
            }

            w.WriteGeneralizedTime(new DateTimeOffset(when));
        });

        var encoded = u.Encode();
        encoded.Should().Equal(expected);

        var back = UpdateSecurityCredentials.Parse(encoded, 0, encoded.Length);
        back.Mode.Should().Be(CredentialsReplacementMode.AnyByContingency);
        back.PlaintextSymmetricKey.Should().Equal(key);
        back.ApplyTimeBasedCpvChecks.Should().Be(0);
        back.TimeBasedChecksApply.Should().BeTrue();
        back.AuthorisingRemotePartyCell!.Role.Should().Be(RemotePartyRole.Recovery);
        back.AuthorisingRemotePartySeqNumber.Should().Be(ulong.MaxValue);
        back.NewRemotePartyFloorSeqNumber.Should().Be(127UL);
        back.NewRemotePartySpecialistFloorSeqNumbers.Should().BeEmpty();
        back.OtherRemotePartySeqNumberChanges.Should().HaveCount(2);
        back.OtherRemotePartySeqNumberChanges![0].Role.Should().Be((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)3);
        back.OtherRemotePartySeqNumberChanges[0].FloorSeqNumber.Should().Be(0x80UL);
        back.OtherRemotePartySeqNumberChanges[0].SpecialistFloorSeqNumbers.Should().BeNull();
        back.OtherRemotePartySeqNumberChanges[1].SpecialistFloorSeqNumbers![0].SeqNumber.Should().Be(0x8000_0000_0000_0000UL);
        back.Replacements.Select(r => r.TargetCell.ToString()).Should().Equal(SupplierDs.ToString(), SupplierKa.ToString(), SupplierKaTopUp.ToString());
        back.Replacements.Select(r => r.Certificate.ToArray()).Should().BeEquivalentTo(certs, o => o.WithStrictOrdering());
        back.HasExecutionDateTime.Should().BeTrue();
        back.ExecutionDateTime.Should().Be(when);
        back.Encode().Should().Equal(encoded);
    }

    [Fact]
    public void Parses_from_a_cs02b_frame_and_checks_the_message_code_against_the_mode()
    {
        var u = NotesExample();
        u.AddReplacement(Certificate("x"), SupplierDs);
        var payload = u.Encode();

        var b = GbcsMessageBuilder.Command(1000, Supplier, Meter, GbcsMessageCodes.ForUpdateSecurityCredentials(CredentialsReplacementMode.SupplierBySupplier));
        b.SetContent(payload);
        var parsed = UpdateSecurityCredentials.Parse(GbcsMessage.Parse(b.Build()));
        parsed.Mode.Should().Be(CredentialsReplacementMode.SupplierBySupplier);
        parsed.Replacements[0].Certificate.ToArray().Should().Equal(u.Replacements[0].Certificate.ToArray());

        b.MessageCode = 0x0103;
        var mismatch = () => UpdateSecurityCredentials.Parse(GbcsMessage.Parse(b.Build()));
        mismatch.Should().Throw<GbcsFormatException>().Which.Code.Should().Be(GbcsError.WrongMessageCode);

        b.MessageCode = GbcsMessageCodes.ProvideSecurityCredentialsDetails;
        var notCs02b = () => UpdateSecurityCredentials.Parse(GbcsMessage.Parse(b.Build()));
        notCs02b.Should().Throw<GbcsFormatException>().Which.Code.Should().Be(GbcsError.WrongMessageCode);
    }

    public static TheoryData<string, string, GbcsError> BadPayloads()
    {
        string Wrap(string arpc) => "30" + ((Hex(arpc).Length + 4).ToString("X2")) + arpc + "3000 3000";
        return new TheoryData<string, string, GbcsError>
        {
            { "notes example wrapped (valid control)", Wrap(NotesArpc), (GbcsError)(-1) },
            { "trailing byte", Wrap(NotesArpc) + "00", GbcsError.BadPayload },
            { "mode 10", Wrap("30 06 02 01 0A 83 01 01"), GbcsError.PayloadValueOutOfRange },
            { "negative mode", Wrap("30 06 02 01 FF 83 01 01"), GbcsError.PayloadValueOutOfRange },
            // Well-formed: the device refuses these with an alert (DeviceProcessingTests), not as malformed.
            { "contingency without key", Wrap("30 06 02 01 09 83 01 01"), (GbcsError)(-1) },
            { "key outside contingency", Wrap("30 18 02 01 02 80 10 00112233445566778899AABBCCDDEEFF 83 01 01"), (GbcsError)(-1) },
            { "short contingency key", Wrap("30 0A 02 01 09 80 02 0102 83 01 01"), GbcsError.PayloadValueOutOfRange },
            { "applyTimeBasedCPVChecks 2", Wrap("30 09 02 01 02 81 01 02 83 01 01"), GbcsError.PayloadValueOutOfRange },
            { "seq number missing", Wrap("30 03 02 01 02"), GbcsError.BadPayload },
            { "non-minimal seq number", Wrap("30 07 02 01 02 83 02 00 01"), GbcsError.BadPayload },
            { "negative seq number", Wrap("30 06 02 01 02 83 01 80"), GbcsError.PayloadValueOutOfRange },
            { "seq number over 64 bits", Wrap("30 0F 02 01 02 83 0A 01 00000000 00000000 00"), GbcsError.PayloadValueOutOfRange },
            { "cellUsage DEFAULT encoded", Wrap("30 11 02 01 02 a2 0a 02 01 02 03 02 07 80 02 01 00 83 01 01"), GbcsError.BadPayload },
            { "undefined role 50", Wrap("30 0E 02 01 02 a2 07 02 01 32 03 02 07 80 83 01 01"), GbcsError.BadPayload },
            { "fields out of order", Wrap("30 09 02 01 02 83 01 01 81 01 01"), GbcsError.BadPayload },
            { "indefinite length", "30 80 " + NotesArpc + " 3000 3000 0000", GbcsError.BadPayload },
            { "empty", "", GbcsError.BadPayload },
        };
    }

    [Theory]
    [MemberData(nameof(BadPayloads))]
    public void Malformed_payloads_raise_gbcs_format_errors(string name, string hex, GbcsError code)
    {
        var payload = Hex(hex);
        var act = () => UpdateSecurityCredentials.Parse(payload, 0, payload.Length);
        if (code < 0)
        {
            act.Should().NotThrow(name);
        }
        else
        {
            act.Should().Throw<GbcsFormatException>(name).Which.Code.Should().Be(code, name);
        }
    }

    internal static byte[] Sequence(Action<AsnWriter> body)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            body(w);
        }

        return w.Encode();
    }
}
