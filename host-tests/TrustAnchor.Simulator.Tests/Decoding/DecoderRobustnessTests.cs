using System.Text.Json;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Simulator.Decoding;
using TrustAnchor.Simulator.Keystore;

namespace TrustAnchor.Simulator.Tests.Decoding;

/// <summary>
/// Every frame of a real run, cut at every length and with seeded bit flips: the decoder either decodes or refuses
/// with one <see cref="DecodeInputException"/> naming a byte offset — exactly when the firmware's parser refuses —
/// and never throws anything else.
/// </summary>
public sealed class DecoderRobustnessTests(KeptRunFixture run) : IClassFixture<KeptRunFixture>
{
    private static bool FirmwareParses(byte[] frame)
    {
        try
        {
            GbcsMessage.Parse(frame);
            return true;
        }
        catch (TrustAnchorException)
        {
            return false;
        }
    }

    private static void DecodeOrRefuse(FrameDecoder decoder, byte[] frame, string what)
    {
        var parses = FirmwareParses(frame);
        try
        {
            var decoded = decoder.Decode(frame, 1);
            parses.Should().BeTrue($"{what} decodes only if the device's parser reads it");
            decoded.Fields.Should().NotBeEmpty();
        }
        catch (DecodeInputException ex)
        {
            parses.Should().BeFalse($"{what}: refused ({ex.Message}) though the device's parser reads it");
            ex.Message.Should().Contain("byte offset", what);
            ex.Message.Should().NotContain("\n", what);
        }
    }

    [Fact]
    public void Cut_and_flipped_frames_decode_or_are_refused_with_an_offset_and_nothing_else_escapes()
    {
        var frames = File.ReadAllLines(run.Trace)
            .Select(l => Convert.FromHexString(JsonDocument.Parse(l).RootElement.GetProperty("hex").GetString()!))
            .GroupBy(Convert.ToHexString).Select(g => g.First()) // a meter's command crosses both links
            .ToList();
        frames.Should().HaveCountGreaterThan(10);
        var decoder = new FrameDecoder(DccKeystore.Load(run.Keystore));
        var random = new Random(11);
        var cases = 0;
        foreach (var frame in frames)
        {
            for (var length = 0; length < frame.Length; length += 1 + (length / 16))
            {
                DecodeOrRefuse(decoder, frame[..length], $"the first {length} bytes");
                cases++;
            }

            for (var i = 0; i < 40; i++)
            {
                var flipped = (byte[])frame.Clone();
                // Mostly the header and lengths, where structure lives; some anywhere.
                var at = i % 2 == 0 ? random.Next(Math.Min(60, flipped.Length)) : random.Next(flipped.Length);
                flipped[at] ^= (byte)(1 << random.Next(8));
                DecodeOrRefuse(decoder, flipped, $"a bit flipped at byte {at}");
                cases++;
            }
        }

        cases.Should().BeGreaterThan(1000);
    }

    [Fact]
    public void Random_payloads_under_every_known_message_code_never_break_the_payload_decoder()
    {
        var random = new Random(7);
        int[] codes = [0x0000, 0x0008, 0x000A, 0x000B, 0x000C, 0x00CB, 0x0102, 0x0108, 0x1000, 0x1001, 0x4321];
        var decoded = 0;
        foreach (var code in codes)
        {
            for (var cra = 1; cra <= 3; cra++)
            {
                for (var i = 0; i < 150; i++)
                {
                    var payload = new byte[random.Next(0, 80)];
                    random.NextBytes(payload);
                    if (payload.Length > 0 && i % 3 == 0)
                    {
                        payload[0] = code is 0x1000 or 0x1001 ? (i % 2 == 0 ? (byte)0x0F : (byte)0x01) : (byte)0x30;
                    }

                    var result = PayloadDecoder.Decode(code, cra, payload, 100);
                    result.Root.Should().NotBeNull();
                    decoded++;
                }
            }
        }

        decoded.Should().Be(codes.Length * 3 * 150);
    }
}
