using System.Security.Cryptography;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.Tests.Device;
using TrustAnchor.Firmware.Tests.Gbcs;
using TrustAnchor.Firmware.Tests.Support;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Smki;
using Xunit.Abstractions;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Firmware.Tests.Crypto;

/// <summary>
/// The device's symmetric provider seam (<see cref="ISymmetricCryptoProvider"/>): our managed provider and one
/// on .NET's Aes/HMACSHA256 (standing in for a board's native one) must give the same AES blocks, HMACs, GBCS
/// MACs and, through the RFC 6979 nonces, the same signatures, on many random inputs.
/// </summary>
public class SymmetricCryptoProviderTests
{
    private static readonly ISymmetricCryptoProvider Managed = ManagedSymmetricCrypto.Instance;
    private readonly ITestOutputHelper output;

    public SymmetricCryptoProviderTests(ITestOutputHelper output) => this.output = new EvidenceOutput(output, "symmetric provider seam");

    [Fact]
    public void Aes_ecb_blocks_agree_on_random_keys_blocks_and_offsets()
    {
        var dotnet = new DotNetSymmetricCrypto();
        var random = new Random(1501);
        for (int round = 0; round < 300; round++)
        {
            byte[] key = RandomBytes(random, 16);
            int count = 16 * random.Next(0, 9);
            int inOff = random.Next(0, 5);
            int outOff = random.Next(0, 5);
            byte[] input = RandomBytes(random, inOff + count + random.Next(0, 5));
            var ours = RandomBytes(random, outOff + count + 3);
            var theirs = (byte[])ours.Clone();

            Managed.EncryptAesEcb(key, input, inOff, count, ours, outOff);
            dotnet.EncryptAesEcb(key, input, inOff, count, theirs, outOff);

            ours.Should().Equal(theirs, $"round {round}: {count} bytes at {inOff} -> {outOff}");
        }

        dotnet.AesCalls.Should().Be(300);
    }

    [Fact]
    public void Hmac_sha256_agrees_on_random_keys_and_messages()
    {
        var dotnet = new DotNetSymmetricCrypto();
        var random = new Random(1502);
        for (int round = 0; round < 400; round++)
        {
            byte[] key = RandomBytes(random, random.Next(0, 150));   // shorter, equal to and longer than the 64-byte block
            int offset = random.Next(0, 7);
            int count = random.Next(0, 300);
            byte[] data = RandomBytes(random, offset + count + random.Next(0, 7));
            var ours = new byte[40];
            var theirs = new byte[40];

            Managed.ComputeHmacSha256(key, data, offset, count, ours, 5);
            dotnet.ComputeHmacSha256(key, data, offset, count, theirs, 5);

            ours.Should().Equal(theirs, $"round {round}: key {key.Length} bytes, data {count} bytes");
            ours.AsSpan(5, 32).ToArray().Should().Equal(HMACSHA256.HashData(key, data.AsSpan(offset, count)));
        }
    }

    [Fact]
    public void Gbcs_mac_is_the_same_with_either_provider_and_with_dotnet_gcm()
    {
        var dotnet = new DotNetSymmetricCrypto();
        var random = new Random(1503);
        for (int round = 0; round < 150; round++)
        {
            byte[] macKey = RandomBytes(random, 16);
            var builder = GbcsMessageBuilder.Response((ulong)random.NextInt64(1, long.MaxValue), GbcsTestKit.Meter, GbcsTestKit.Acb, 0x0104,
                new DateTime(2027, 1, 1).AddSeconds(random.Next()));
            builder.SetContent(RandomBytes(random, random.Next(1, 400)));
            var message = GbcsMessage.Parse(builder.BuildWithMacKey(null, macKey));

            byte[] ours = GbcsMac.Compute(Managed, macKey, message);
            byte[] theirs = GbcsMac.Compute(dotnet, macKey, message);

            ours.Should().Equal(theirs, $"round {round}");
            ours.Should().Equal(GbcsTestKit.DotNetGcmMac.Compute(macKey, message), "independent: .NET's AES-GCM over the same AAD");
            ours.Should().Equal(message.CopyMac(), "the builder's MAC (the original GCM code path) is the same");
            GbcsMac.Verify(dotnet, macKey, message).Should().BeTrue();
            macKey[random.Next(16)] ^= (byte)(1 << random.Next(8));
            GbcsMac.Verify(dotnet, macKey, message).Should().BeFalse("round " + round + ": a changed key bit");
        }

        output.WriteLine($"150 random GBCS MACs identical with the managed and .NET providers and .NET AesGcm; {dotnet.AesCalls} ECB calls");
    }

    [Fact]
    public void Signatures_are_identical_whichever_provider_runs_the_nonce_hmac()
    {
        var dotnet = new DotNetSymmetricCrypto();
        var random = new Random(1504);
        for (int round = 0; round < 24; round++)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            byte[] d = key.ExportParameters(true).D!;
            byte[] hash = RandomBytes(random, 32);
            var ours = new byte[64];
            var theirs = new byte[64];

            EcdsaP256.SignHash(d, hash, ours, 0);
            EcdsaP256.SignHash(dotnet, d, hash, theirs, 0);

            theirs.Should().Equal(ours, $"round {round}: RFC 6979 is deterministic, so the HMAC's implementation cannot show");
            key.VerifyHash(hash, theirs).Should().BeTrue();
        }

        dotnet.HmacCalls.Should().BeGreaterThan(24 * 6, "every signature runs the DRBG through the provider");
    }

    [Fact]
    public void A_device_given_a_provider_runs_its_mac_checks_and_signatures_on_it()
    {
        var pki = DeviceTestPki.Shared;
        var dotnet = new DotNetSymmetricCrypto();
        var device = new TestDevice(DeviceType.Esme, [1, 2, 3, 4, 5, 6, 7, 0x15], crypto: dotnet);
        device.Device.SymmetricCrypto.Should().BeSameAs(dotnet);
        var supplier = pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);
        var mode = Cs02bModeTable.Cases.First(c => c.Mac);

        var output = device.Process(Cs02bModeTable.Frame(device, mode, supplier, 101, Cs02bModeTable.Replacements(mode, pki)));

        device.Device.LastDecision.Accepted.Should().BeTrue(device.Device.LastDecision.ToString());
        output.Response.Should().NotBeEmpty();
        dotnet.AesCalls.Should().BeGreaterThan(0, "the ACB MAC was verified with the provider's AES");
        dotnet.HmacCalls.Should().BeGreaterThan(0, "the response was signed with the provider's HMAC in the nonce DRBG");
    }

    [Fact]
    public void Bad_arguments_get_typed_errors_and_leave_the_output_alone()
    {
        foreach (var provider in new ISymmetricCryptoProvider[] { Managed, new DotNetSymmetricCrypto() })
        {
            var outBuffer = new byte[32];
            Invoking(() => provider.EncryptAesEcb(new byte[15], new byte[16], 0, 16, outBuffer, 0)).Code.Should().Be(SymmetricCryptoError.BadKeyLength);
            Invoking(() => provider.EncryptAesEcb(new byte[16], new byte[16], 0, 15, outBuffer, 0)).Code.Should().Be(SymmetricCryptoError.RangeOutsideBuffer);
            Invoking(() => provider.EncryptAesEcb(new byte[16], new byte[32], 0, 32, outBuffer, 16)).Code.Should().Be(SymmetricCryptoError.RangeOutsideBuffer);
            Invoking(() => provider.ComputeHmacSha256(null!, new byte[4], 0, 4, outBuffer, 0)).Code.Should().Be(SymmetricCryptoError.NullArgument);
            Invoking(() => provider.ComputeHmacSha256(new byte[4], new byte[4], 0, 4, outBuffer, 1)).Code.Should().Be(SymmetricCryptoError.RangeOutsideBuffer);
            outBuffer.Should().OnlyContain(b => b == 0);
        }

        var pki = DeviceTestPki.Shared;
        var store = new TrustAnchor.Firmware.Storage.TrustAnchorStore(new TrustAnchor.Firmware.Storage.RamFlashStorage(4096, 4));
        var act = () => new GbcsDevice(new DeviceIdentity(new byte[8], DeviceType.Esme), store, new TestClock(DateTime.UtcNow),
            new SeededEntropy(3), null, null!);
        act.Should().Throw<DeviceException>().Which.Code.Should().Be(DeviceError.InvalidConfiguration);
    }

    [Fact]
    public void Self_test_passes_good_providers_and_fails_wrong_or_missing_ones()
    {
        SymmetricSelfTest.Passes(Managed).Should().BeTrue();
        SymmetricSelfTest.Passes(new DotNetSymmetricCrypto()).Should().BeTrue();
        SymmetricSelfTest.Passes(null!).Should().BeFalse();
        SymmetricSelfTest.Passes(new Faulty(FaultKind.SecondAesBlock)).Should().BeFalse("both ECB blocks are checked");
        SymmetricSelfTest.Passes(new Faulty(FaultKind.LongKeyHmac)).Should().BeFalse("a key longer than the block is hashed first");
        SymmetricSelfTest.Passes(new Faulty(FaultKind.Throws)).Should().BeFalse("an image without the natives throws");
    }

    private enum FaultKind { SecondAesBlock, LongKeyHmac, Throws }

    // Right answers except in one place, as a half-working native library might give.
    private sealed class Faulty(FaultKind kind) : ISymmetricCryptoProvider
    {
        public void EncryptAesEcb(byte[] key16, byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
        {
            if (kind == FaultKind.Throws)
            {
                throw new NotSupportedException("no native AES");
            }

            Managed.EncryptAesEcb(key16, input, inputOffset, count, output, outputOffset);
            if (kind == FaultKind.SecondAesBlock && count > 16)
            {
                output[outputOffset + 31] ^= 1;
            }
        }

        public void ComputeHmacSha256(byte[] key, byte[] data, int offset, int count, byte[] macOut, int macOffset)
        {
            Managed.ComputeHmacSha256(kind == FaultKind.LongKeyHmac && key.Length > 64 ? key[..64] : key, data, offset, count, macOut, macOffset);
        }
    }

    private static SymmetricCryptoException Invoking(Action action)
    {
        var act = action;
        return act.Should().Throw<SymmetricCryptoException>().Which;
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
