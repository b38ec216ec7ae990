using TrustAnchor.Firmware.Tests.Support;
using System.Security.Cryptography;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Storage;
using TrustAnchor.Firmware.Tests.TrustAnchors;
using TrustAnchor.Firmware.TrustAnchors;
using Xunit.Abstractions;

namespace TrustAnchor.Firmware.Tests.Storage;

/// <summary>
/// The loader meets damaged flash: every mutated image is either refused with a typed error (and nothing is
/// written) or yields exactly a state that was stored; nothing else ever escapes.
/// </summary>
public class StoreLoaderFuzzTests
{
    private const int DecodeIterations = 100_000;
    private const int OpenIterations = 100_000;
    private const int BlockSize = 256;
    private const int BlockCount = 10;
    private readonly ITestOutputHelper output;

    public StoreLoaderFuzzTests(ITestOutputHelper output) => this.output = new EvidenceOutput(output, "store loader fuzz");

    [Fact]
    [Trait("Category", "Long")]
    public void State_image_decoder_survives_100000_mutated_images()
    {
        var rng = new Random(20261122);
        var images = CellTestData.DeviceTypes.Select(t => StateImage.Encode(CellTestData.Update(rng, CellTestData.State(rng, t)))).ToArray();
        int rejected = 0, accepted = 0;
        for (int i = 0; i < DecodeIterations; i++)
        {
            byte[] original = images[i % images.Length];
            byte[] mutated = Mutate(rng, original, lengthFieldOffsets: LengthFields(original));
            try
            {
                TrustAnchorState state = StateImage.Decode(mutated, 0, mutated.Length);
                // Accepted means well-formed: it re-encodes to exactly the bytes read.
                Assert.Equal(mutated, StateImage.Encode(state));
                accepted++;
            }
            catch (TrustAnchorException)
            {
                rejected++;
            }
        }

        output.WriteLine($"state image decoder: {DecodeIterations} mutated images, {rejected} rejected with typed errors, {accepted} well-formed");
        (rejected + accepted).Should().Be(DecodeIterations);
        rejected.Should().BeGreaterThan(DecodeIterations / 2);
    }

    [Fact]
    [Trait("Category", "Long")]
    public void Store_open_survives_100000_mutated_flash_images()
    {
        var rng = new Random(4242);
        var baselines = CellTestData.DeviceTypes.Select(t =>
        {
            var flash = new RamFlashStorage(BlockSize, BlockCount);
            var store = TrustAnchorStore.Open(flash);
            var state = CellTestData.State(rng, t);
            store.Commit(state);
            var next = CellTestData.Update(rng, store.Current);
            store.Commit(next);
            return (Image: flash.ToArray(), State: next, Used: TrustAnchorStore.Overhead + StateImage.EncodedLength(next));
        }).ToArray();

        int refused = 0, recovered = 0, resealed = 0, wiped = 0;
        int slotBytes = BlockCount / 2 * BlockSize;
        for (int i = 0; i < OpenIterations; i++)
        {
            var baseline = baselines[i % baselines.Length];
            byte[] image = (byte[])baseline.Image.Clone();
            int kind = rng.Next(4);
            bool bothSlots = rng.Next(3) == 0;
            for (int slot = 0; slot < 2; slot++)
            {
                if (slot == 1 && !bothSlots) break;
                int start = slot * slotBytes;
                byte[] slotImage = image.AsSpan(start, baseline.Used).ToArray();
                byte[] mutated = kind switch
                {
                    0 => Mutate(rng, slotImage, new[] { 24, 25, 26, 27, 32 + 2 }), // raw damage, checksum left as it was
                    1 => Reseal(Mutate(rng, slotImage[..^32], new[] { 24, 25, 26, 27, 32 + 2 }, keepLength: true)), // damage behind a valid checksum
                    2 => Reseal(EditLength(rng, slotImage)), // length field lies, checksum recomputed
                    _ => Truncate(rng, slotImage), // tail erased
                };
                Array.Fill(image, (byte)0xFF, start, slotBytes);
                Array.Copy(mutated, 0, image, start, Math.Min(mutated.Length, slotBytes));
            }

            var flash = new RamFlashStorage(BlockSize, image);
            try
            {
                var store = TrustAnchorStore.Open(flash);
                if (!store.IsProvisioned)
                {
                    // Only flash whose both slots were wiped back to erased headers is indistinguishable from a fresh part.
                    Assert.True(image.AsSpan(0, 32).IndexOfAnyExcept((byte)0xFF) < 0 && image.AsSpan(slotBytes, 32).IndexOfAnyExcept((byte)0xFF) < 0,
                        "a provisioned image never reads as empty");
                    wiped++;
                    continue;
                }


                if (store.Current.ContentEquals(baseline.State))
                {
                    recovered++;
                }
                else
                {
                    // Only an image someone resealed with a fresh checksum can carry a different state, and then it is well-formed.
                    Assert.True(kind is 1 or 2, "a state nobody committed appeared");
                    resealed++;
                }
            }
            catch (StoreException e)
            {
                Assert.Equal(StoreError.BothCopiesCorrupt, e.Code);
                Assert.Equal(image, flash.ToArray());
                refused++;
            }
        }

        output.WriteLine($"store open: {OpenIterations} mutated flash images; {recovered} recovered the stored state, " +
                         $"{refused} refused (BothCopiesCorrupt, flash untouched), {resealed} resealed forgeries decoded to well-formed states, {wiped} wiped to erased (read as a fresh part)");
        (refused + recovered + resealed + wiped).Should().Be(OpenIterations);
        refused.Should().BeGreaterThan(0);
        recovered.Should().BeGreaterThan(0);
    }

    private static int[] LengthFields(byte[] image)
    {
        // cell count at 2; remote party count after the cells.
        int cellCount = image[2];
        return new[] { 0, 1, 2, 3 + cellCount * 84 };
    }

    private static byte[] Mutate(Random rng, byte[] input, int[] lengthFieldOffsets, bool keepLength = false)
    {
        byte[] b = (byte[])input.Clone();
        switch (rng.Next(keepLength ? 3 : 5))
        {
            case 0: // bit flips
                for (int n = rng.Next(1, 9), i = 0; i < n; i++) b[rng.Next(b.Length)] ^= (byte)(1 << rng.Next(8));
                return b;
            case 1: // length / count field edits
                int at = lengthFieldOffsets[rng.Next(lengthFieldOffsets.Length)];
                if (at < b.Length) b[at] = rng.Next(3) switch { 0 => (byte)(b[at] + 1), 1 => (byte)(b[at] - 1), _ => (byte)rng.Next(256) };
                return b;
            case 2: // random bytes
                for (int n = rng.Next(1, 5), i = 0; i < n; i++) b[rng.Next(b.Length)] = (byte)rng.Next(256);
                return b;
            case 3: // truncation
                return b[..rng.Next(b.Length)];
            default: // extension
                return b.Concat(Enumerable.Range(0, rng.Next(1, 16)).Select(_ => (byte)rng.Next(256))).ToArray();
        }
    }

    /// <summary>Recomputes header check and SHA-256 as a forger would (marker kept).</summary>
    private static byte[] Reseal(byte[] withoutHash)
    {
        byte[] b = withoutHash;
        if (b.Length < 32) return b;
        int payloadLength = b.Length - 32;
        b[24] = (byte)(payloadLength >> 24); b[25] = (byte)(payloadLength >> 16); b[26] = (byte)(payloadLength >> 8); b[27] = (byte)payloadLength;
        SHA256.HashData(b.AsSpan(8, 20)).AsSpan(0, 4).CopyTo(b.AsSpan(28));
        return b.Concat(SHA256.HashData(b.AsSpan(8))).ToArray();
    }

    private static byte[] EditLength(Random rng, byte[] slot)
    {
        byte[] b = slot[..^32];
        int payload = b.Length - 32;
        int newPayload = Math.Clamp(payload + rng.Next(-40, 41), 0, payload + 40);
        byte[] resized = new byte[32 + newPayload];
        Array.Copy(b, resized, Math.Min(b.Length, resized.Length));
        return resized;
    }

    private static byte[] Truncate(Random rng, byte[] slot) => slot[..rng.Next(slot.Length)];
}
