using System.Security.Cryptography;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.Tests.Support;
using Xunit.Abstractions;
using static TrustAnchor.Firmware.Tests.Gbcs.GbcsHandLaidFrames;
using static TrustAnchor.Firmware.Tests.Gbcs.GbcsTestKit;

namespace TrustAnchor.Firmware.Tests.Gbcs;

/// <summary>
/// Properties of the framing: every frame our builder makes (random fields, every form) parses back field for
/// field; truncated, overrunning and mutated frames of every form end in a GbcsFormatException and nothing else.
/// </summary>
public class GbcsFramePropertyTests
{
    private readonly ITestOutputHelper output;

    public GbcsFramePropertyTests(ITestOutputHelper output) => this.output = new EvidenceOutput(output, "gbcs frame properties");

    [Fact]
    public void Every_frame_our_builder_makes_round_trips_field_for_field()
    {
        var rng = new Random(0x6BC5);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = new DotNetSigner(key);
        var publicKey = PublicKey(key);
        var forms = new int[6];
        const int Frames = 1500;
        for (int i = 0; i < Frames; i++)
        {
            int cra = 1 + rng.Next(3);
            ulong counter = (ulong)rng.NextInt64() ^ ((ulong)rng.Next(2) << 63);
            var from = Random(rng, 8);
            var to = Random(rng, 8);
            int messageCode = rng.Next(0x10000);
            var b = new GbcsMessageBuilder(cra, counter, from, to, messageCode);

            DateTime? when = null;
            if (rng.Next(2) == 0)
            {
                when = new DateTime(2000, 1, 1).AddSeconds(rng.NextInt64(0, 100L * 365 * 86400)).AddMilliseconds(rng.Next(100) * 10);
                b.SetDateTime(when.Value);
            }

            int form = 1 + rng.Next(5);
            forms[form]++;
            var urp = Random(rng, 8);
            ulong urpCounter = (ulong)rng.NextInt64();
            ulong supplementaryOriginatorCounter = (ulong)rng.NextInt64();
            switch (form)
            {
                case GbcsOtherInformationForm.WithRemotePartyId: b.SetSupplementaryRemoteParty(urp); break;
                case GbcsOtherInformationForm.WithRemotePartyCounter: b.SetSupplementaryRemoteParty(urp, urpCounter); break;
                case GbcsOtherInformationForm.WithOriginatorCounter: b.SetSupplementaryRemoteParty(urp, urpCounter, supplementaryOriginatorCounter); break;
                case GbcsOtherInformationForm.WithKeyAgreementCertificate: b.SetSupplementaryRemoteParty(urp, urpCounter, KeyAgreementCertificate); break;
            }

            int contentLength = rng.Next(50) switch { 0 => 0x10000 + rng.Next(64), < 6 => rng.Next(0x100, 0x1000), _ => rng.Next(0x100) };
            var content = Random(rng, contentLength);
            b.SetContent(content);
            bool signed = rng.Next(2) == 0;
            byte[]? macKey = rng.Next(2) == 0 ? Random(rng, 16) : null;
            var frame = macKey is null ? b.Build(signed ? signer : null) : b.BuildWithMacKey(signed ? signer : null, macKey);

            var m = GbcsMessage.Parse(frame);
            m.CraFlag.Should().Be(cra);
            m.OriginatorCounter.Should().Be(counter);
            m.OriginatorId.Should().Equal(from);
            m.TargetId.Should().Equal(to);
            m.MessageCode.Should().Be(messageCode);
            m.HasDateTime.Should().Be(when.HasValue);
            if (when.HasValue)
            {
                m.IsDateTimeValid.Should().BeTrue();
                m.DateTime.Should().Be(when.Value);
            }

            var info = m.OtherInformation;
            info.Form.Should().Be(form);
            info.MessageCode.Should().Be(messageCode);
            info.HasSupplementaryRemotePartyId.Should().Be(form >= GbcsOtherInformationForm.WithRemotePartyId);
            if (info.HasSupplementaryRemotePartyId)
            {
                info.SupplementaryRemotePartyId.Should().Equal(urp);
            }

            info.HasSupplementaryRemotePartyCounter.Should().Be(form >= GbcsOtherInformationForm.WithRemotePartyCounter);
            if (info.HasSupplementaryRemotePartyCounter)
            {
                info.SupplementaryRemotePartyCounter.Should().Be(urpCounter);
            }

            info.HasSupplementaryOriginatorCounter.Should().Be(form == GbcsOtherInformationForm.WithOriginatorCounter);
            if (info.HasSupplementaryOriginatorCounter)
            {
                info.SupplementaryOriginatorCounter.Should().Be(supplementaryOriginatorCounter);
            }

            info.HasKeyAgreementCertificate.Should().Be(form == GbcsOtherInformationForm.WithKeyAgreementCertificate);
            if (info.HasKeyAgreementCertificate)
            {
                info.CopyKeyAgreementCertificate().Should().Equal(KeyAgreementCertificate);
            }

            m.CopyContent().Should().Equal(content);
            m.HasSignature.Should().Be(signed);
            if (signed)
            {
                DotNetVerifies(key, m).Should().BeTrue();
                m.VerifySignature(publicKey).Should().BeTrue();
            }

            m.HasMac.Should().Be(macKey is not null);
            if (macKey is not null)
            {
                m.CopyMac().Should().Equal(DotNetGcmMac.Compute(macKey, m), ".NET AES-GCM computes the same MAC");
                GbcsMac.Verify(macKey, m).Should().BeTrue();
            }
        }

        output.WriteLine($"{Frames} random builder frames round-tripped; Other Information forms 2/10/18/26/>26: {forms[1]}/{forms[2]}/{forms[3]}/{forms[4]}/{forms[5]}");
        forms.Skip(1).Should().OnlyContain(n => n > 100, "every form is exercised");
    }

    /// <summary>One hand-laid frame of each form: every CRA, date-time or not, every Other Information form, signed and/or MACed.</summary>
    private static List<byte[]> Corpus()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var corpus = new List<byte[]>();
        int n = 0;
        foreach (var cra in new[] { 1, 2, 3 })
        {
            foreach (var form in new[] { 2, 10, 18, 26, 27 })
            {
                bool dated = (n & 1) == 0;
                bool signed = (n & 2) == 0;
                var content = n % 3 == 0 ? DerPayload(n, 150) : Hex("0F 20 00 07 D0 00 02 02 12 8F 30 09 0C 07EA0B1607000A1E32000000");
                var apdu = Apdu(cra, (ulong)n, Supplier, Meter, dated ? DateTime12 : null, OtherInformation(form, 0x1000 + n), content, signed ? key : null);
                corpus.Add(apdu);
                corpus.Add(WithMac(apdu, Supplier, MacKey));
                n++;
            }
        }

        return corpus;
    }

    [Fact]
    public void Every_truncation_and_every_overrun_of_every_form_is_a_typed_error()
    {
        int checkedFrames = 0;
        foreach (var frame in Corpus())
        {
            GbcsMessage.Parse(frame).Should().NotBeNull();
            for (int n = 0; n < frame.Length; n++)
            {
                ExpectTyped(frame[..n], "a " + n + "-byte prefix");
                checkedFrames++;
            }

            // One more byte after the end, and each length byte pointing past the end.
            ExpectTyped([.. frame, 0x00], "a trailing byte");
            var m = GbcsMessage.Parse(frame);
            foreach (var lengthAt in new[] { m.TransactionIdOffset, m.OriginatorIdOffset - 1, m.TargetIdOffset - 1, m.OtherInformationOffset - 1, m.ContentOffset - 1 })
            {
                var overrun = (byte[])frame.Clone();
                overrun[lengthAt] = 0x7F;
                ExpectTyped(overrun, "length at offset " + lengthAt + " overrunning");
            }
        }

        output.WriteLine($"{checkedFrames} truncated frames, each a GbcsFormatException");
    }

    [Fact]
    public void Mutated_frames_of_every_form_parse_or_fail_with_a_typed_error()
    {
        var corpus = Corpus();
        var rng = new Random(0x5EED);
        int parsed = 0, refused = 0;
        for (int i = 0; i < 20_000; i++)
        {
            var frame = GbcsFuzzTests.Mutate(rng, corpus[rng.Next(corpus.Count)]);
            GbcsMessage? m = null;
            try
            {
                m = GbcsMessage.Parse(frame);
            }
            catch (GbcsFormatException)
            {
                refused++;
                continue;
            }

            parsed++;
            // Whatever parsed has views inside the frame, and its payload, read as an alert, fails typed or reads.
            (m.ContentOffset + m.ContentLength).Should().BeLessOrEqualTo(frame.Length);
            m.OtherInformation.Length.Should().Be(m.OtherInformationLength);
            if (m.CraFlag == GbcsCraFlag.Alert)
            {
                try
                {
                    GbcsAlert.Parse(m);
                }
                catch (GbcsFormatException)
                {
                }
            }
        }

        output.WriteLine($"20000 mutated frames of every form: {parsed} parsed, {refused} refused with GbcsFormatException, nothing else thrown");
        parsed.Should().BeGreaterThan(0);
        refused.Should().BeGreaterThan(0);
    }

    private static void ExpectTyped(byte[] frame, string what)
    {
        // Plain try/catch: thousands of FluentAssertions Throw checks cost seconds.
        try
        {
            GbcsMessage.Parse(frame);
        }
        catch (GbcsFormatException)
        {
            return;
        }
        catch (Exception e)
        {
            Assert.Fail(what + " threw " + e.GetType().Name + ", not GbcsFormatException: " + e.Message);
        }

        Assert.Fail(what + " parsed");
    }

    private static byte[] Random(Random rng, int n)
    {
        var b = new byte[n];
        rng.NextBytes(b);
        return b;
    }
}
