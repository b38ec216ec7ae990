using TrustAnchor.Firmware.Tests.Support;
using Xunit.Abstractions;
using System.Security.Cryptography;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using static TrustAnchor.Firmware.Tests.Gbcs.GbcsTestKit;

namespace TrustAnchor.Firmware.Tests.Gbcs;

/// <summary>Mutation fuzzing: whatever the bytes, parsing ends in a result or a TrustAnchorException.</summary>
public class GbcsFuzzTests
{
    private readonly ITestOutputHelper output;

    public GbcsFuzzTests(ITestOutputHelper output) => this.output = new EvidenceOutput(output, "gbcs fuzz");

    private const int Iterations = 100_000;

    internal static byte[] Mutate(Random rng, byte[] seed)
    {
        var data = (byte[])seed.Clone();
        int edits = 1 + rng.Next(4);
        for (int e = 0; e < edits; e++)
        {
            switch (rng.Next(7))
            {
                case 0 when data.Length > 0:
                    data[rng.Next(data.Length)] ^= (byte)(1 << rng.Next(8));
                    break;
                case 1 when data.Length > 0:
                    data[rng.Next(data.Length)] = (byte)rng.Next(256);
                    break;
                case 2 when data.Length > 0:
                    data[rng.Next(data.Length)] = (byte)(new byte[] { 0x00, 0x7F, 0x80, 0x81, 0x82, 0x84, 0xFF })[rng.Next(7)];
                    break;
                case 3:
                    Array.Resize(ref data, rng.Next(data.Length + 1));
                    break;
                case 4:
                {
                    int at = rng.Next(data.Length + 1);
                    int count = 1 + rng.Next(3);
                    var grown = new byte[data.Length + count];
                    Array.Copy(data, 0, grown, 0, at);
                    rng.NextBytes(grown.AsSpan(at, count));
                    Array.Copy(data, at, grown, at + count, data.Length - at);
                    data = grown;
                    break;
                }
                case 5 when data.Length > 1:
                {
                    int at = rng.Next(data.Length);
                    int count = 1 + rng.Next(Math.Min(3, data.Length - at));
                    var shrunk = new byte[data.Length - count];
                    Array.Copy(data, 0, shrunk, 0, at);
                    Array.Copy(data, at + count, shrunk, at, data.Length - at - count);
                    data = shrunk;
                    break;
                }
                default:
                    if (data.Length > 0)
                    {
                        data[rng.Next(data.Length)]++;
                    }

                    break;
            }
        }

        return data;
    }

    internal static byte[][] FrameCorpus()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = new DotNetSigner(key);
        var frames = new List<byte[]>();
        var der = Hex("30 20 02 01 02 81 01 01 a2 07 02 01 02 03 02 07 80 83 02 03 e8 84 01 00 a5 08 30 06 02 01 00 02 01 00");
        foreach (var cra in new[] { 1, 2, 3 })
        {
            var b = new GbcsMessageBuilder(cra, 1000, Supplier, Meter, 0x0102);
            if (cra != 1)
            {
                b.SetDateTime(new DateTime(2026, 11, 22, 1, 2, 3));
            }

            b.SetContent(der);
            frames.Add(b.Build());
            frames.Add(b.Build(signer));
            b.SetSupplementaryRemoteParty(Acb, 5);
            frames.Add(b.Build(signer, new DotNetGcmMac(new byte[16])));
            b.SetSupplementaryRemoteParty(Acb);
            b.SetContent(new byte[300]);
            frames.Add(b.Build(null, new DotNetGcmMac(new byte[16])));
        }

        return frames.ToArray();
    }

    [Fact]
    [Trait("Category", "Long")]
    public void Frame_parser_survives_100000_mutated_frames()
    {
        var corpus = FrameCorpus();
        var rng = new Random(20261122);
        int parsed = 0, rejected = 0;
        for (int i = 0; i < Iterations; i++)
        {
            var frame = Mutate(rng, corpus[i % corpus.Length]);
            try
            {
                var m = GbcsMessage.Parse(frame);
                parsed++;

                // Every view a parsed message exposes lies inside the frame.
                (m.ContentOffset + m.ContentLength).Should().BeLessThanOrEqualTo(frame.Length);
                (m.SignedBytesOffset + m.SignedBytesLength).Should().BeLessThanOrEqualTo(frame.Length);
                if (m.HasMac)
                {
                    (m.MacOffset + 12).Should().Be(frame.Length);
                    GbcsMac.BuildAad(m);
                }

                m.CopyContent();
            }
            catch (TrustAnchorException)
            {
                rejected++;
            }
        }

        output.WriteLine($"{Iterations} mutated frames through GbcsMessage.Parse: {parsed} parsed, {rejected} refused with typed errors");
        parsed.Should().BeGreaterThan(0);
        rejected.Should().BeGreaterThan(0);
    }

    internal static byte[][] PayloadCorpus()
    {
        var cert = UpdateSecurityCredentialsTests.Certificate("fuzz");
        var u = new UpdateSecurityCredentials
        {
            Mode = CredentialsReplacementMode.AnyByContingency,
            PlaintextSymmetricKey = new byte[16],
            ApplyTimeBasedCpvChecks = 1,
            AuthorisingRemotePartyCell = new TrustAnchorCellIdentifier(RemotePartyRole.Recovery, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80, 0),
            AuthorisingRemotePartySeqNumber = 1000,
            NewRemotePartySpecialistFloorSeqNumbers = [new SpecialistFloorSeqNumber(0, 7)],
            OtherRemotePartySeqNumberChanges = [new RemotePartySeqNumberChange((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)3, 9, [new SpecialistFloorSeqNumber(0, 1)])],
        };
        u.SetNewRemotePartyFloorSeqNumber(0);
        u.AddReplacement(cert, new TrustAnchorCellIdentifier(RemotePartyRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08, (TrustAnchor.Firmware.TrustAnchors.CellUsage)1));
        u.AddCertificationPathCertificate(cert);
        u.SetExecutionDateTime(new DateTime(2030, 1, 1));
        var small = new UpdateSecurityCredentials { Mode = CredentialsReplacementMode.SupplierBySupplier, AuthorisingRemotePartySeqNumber = 5 };
        small.AddReplacement(Hex("3003020101"), new TrustAnchorCellIdentifier((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)2, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80, 0));
        return [u.Encode(), small.Encode(), Hex("30 20 02 01 02 81 01 01 a2 07 02 01 02 03 02 07 80 83 02 03 e8 84 01 00 a5 08 30 06 02 01 00 02 01 00")];
    }

    [Fact]
    [Trait("Category", "Long")]
    public void Update_security_credentials_parser_survives_100000_mutated_payloads()
    {
        var corpus = PayloadCorpus();
        var rng = new Random(6);
        int parsed = 0;
        for (int i = 0; i < Iterations; i++)
        {
            var payload = Mutate(rng, corpus[i % corpus.Length]);
            try
            {
                var u = UpdateSecurityCredentials.Parse(payload, 0, payload.Length);
                parsed++;
                foreach (var r in u.Replacements)
                {
                    (r.Certificate.Offset + r.Certificate.Length).Should().BeLessThanOrEqualTo(payload.Length);
                }

                u.Encode();
            }
            catch (TrustAnchorException)
            {
            }
        }

        parsed.Should().BeGreaterThan(0);
    }

    [Fact]
    [Trait("Category", "Long")]
    public void Other_payload_parsers_survive_mutation()
    {
        var rng = new Random(7);
        var outcome = new ExecutionOutcome(5, CredentialsReplacementMode.SupplierBySupplier, [new RemotePartySeqNumberChange((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)2, 0)],
            [new ReplacementOutcome(new TrustAnchorCellIdentifier((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)2, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80, 0), 0, new byte[8], new byte[8], new byte[8], new byte[8])]);
        var seeds = new (byte[] Seed, Action<byte[]> Parse)[]
        {
            (new UpdateSecurityCredentialsResponse(outcome).Encode(), p => UpdateSecurityCredentialsResponse.Parse(p, 0, p.Length)),
            (new FutureDatedExecutionAlert(0x8F67, new DateTime(2030, 1, 1), outcome).Encode(), p => FutureDatedExecutionAlert.Parse(p, 0, p.Length)),
            (DlmsAlertNotification.Encode(0x8F53, new DateTime(2030, 1, 1), 0x7D0), p => GbcsAlert.Parse(GbcsMessageCodes.GenericCriticalAlert, p, 0, p.Length)),
            (GbzAlertPayload.Encode(0x8F53, new DateTime(2030, 1, 1)), p => GbcsAlert.Parse(GbcsMessageCodes.GenericCriticalAlert, p, 0, p.Length)),
            (new ProvideSecurityCredentialsDetails(new TrustAnchorCellIdentifier((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)2, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80, 0), [(TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)1, (TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)2, (TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)3]).Encode(), p => ProvideSecurityCredentialsDetails.Parse(p, 0, p.Length)),
            (new ProvideSecurityCredentialsDetailsResponse([new RemotePartyCredentials((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)2, 0, 9, [new CellCredentials((TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08, (TrustAnchor.Firmware.TrustAnchors.CellUsage)1, new byte[8], new byte[8])])]).Encode(), p => ProvideSecurityCredentialsDetailsResponse.Parse(p, 0, p.Length)),
            (new IssueSecurityCredentials((TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80).Encode(), p => IssueSecurityCredentials.Parse(p, 0, p.Length)),
            (new UpdateDeviceCertificate(UpdateSecurityCredentialsTests.Certificate("d")).Encode(), p => UpdateDeviceCertificate.Parse(p, 0, p.Length)),
            (new UpdateDeviceCertificateResponse(UpdateDeviceCertificateResult.PrivateKeyChangeFailed).Encode(), p => UpdateDeviceCertificateResponse.Parse(p, 0, p.Length)),
            (new ProvideDeviceCertificate((TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08).Encode(), p => ProvideDeviceCertificate.Parse(p, 0, p.Length)),
            (new ProvideDeviceCertificateResponse(UpdateSecurityCredentialsTests.Certificate("e")).Encode(), p => ProvideDeviceCertificateResponse.Parse(p, 0, p.Length)),
        };

        foreach (var (seed, parse) in seeds)
        {
            parse(seed);
            for (int i = 0; i < 5_000; i++)
            {
                var payload = Mutate(rng, seed);
                try
                {
                    parse(payload);
                }
                catch (TrustAnchorException)
                {
                }
            }
        }
    }
}
