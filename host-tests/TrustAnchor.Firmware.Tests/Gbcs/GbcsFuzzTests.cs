using System.Security.Cryptography;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using static TrustAnchor.Firmware.Tests.Gbcs.GbcsTestKit;

namespace TrustAnchor.Firmware.Tests.Gbcs;

/// <summary>Mutation fuzzing: whatever the bytes, parsing ends in a result or a TrustAnchorException.</summary>
public class GbcsFuzzTests
{
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

        parsed.Should().BeGreaterThan(0);
        rejected.Should().BeGreaterThan(0);
    }
}
