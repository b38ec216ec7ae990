using System.Text;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.Firmware.Tests.Crypto;

public class Sha256Tests
{
    // FIPS 180-2 appendix B examples (B.1, B.2, B.3), digests as printed there.
    [Theory]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void FipsExamples(string message, string expectedHex)
    {
        Sha256.Hash(Encoding.ASCII.GetBytes(message)).Should().Equal(Convert.FromHexString(expectedHex));
    }

    [Fact]
    public void FipsMillionA()
    {
        var data = new byte[1_000_000];
        Array.Fill(data, (byte)'a');
        Sha256.Hash(data).Should().Equal(
            Convert.FromHexString("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

    [Fact]
    public void RandomLengthsMatchDotNet()
    {
        var rng = new Random(0x5A256);
        var lengths = new List<int>();
        for (int i = 0; i <= 200; i++) lengths.Add(i); // every padding boundary
        for (int i = 0; i < 300; i++) lengths.Add(rng.Next(0, 10_001));
        lengths.Add(10_000);

        foreach (int length in lengths)
        {
            var data = new byte[length + 7];
            rng.NextBytes(data);
            int offset = rng.Next(0, 8);
            int count = Math.Min(length, data.Length - offset);
            var expected = System.Security.Cryptography.SHA256.HashData(data.AsSpan(offset, count));

            Sha256.Hash(data, offset, count).Should().Equal(expected, "length {0}", count);

            var output = new byte[40];
            int outOffset = rng.Next(0, 9);
            Sha256.Hash(data, offset, count, output, outOffset);
            output.AsSpan(outOffset, 32).ToArray().Should().Equal(expected);
        }
    }

    [Fact]
    public void IncrementalWithRandomChunkingMatchesDotNet()
    {
        var rng = new Random(77);
        var sha = new Sha256();
        for (int round = 0; round < 200; round++)
        {
            var data = new byte[rng.Next(0, 5000)];
            rng.NextBytes(data);
            int position = 0;
            while (position < data.Length)
            {
                int chunk = rng.Next(0, 3) == 0 ? rng.Next(0, 3) : rng.Next(0, 200);
                chunk = Math.Min(chunk, data.Length - position);
                sha.Update(data, position, chunk);
                position += chunk;
            }

            byte[] digest = round % 2 == 0 ? sha.Final() : FinalInto(sha);
            digest.Should().Equal(System.Security.Cryptography.SHA256.HashData(data), "round {0}", round);
        }
    }

    private static byte[] FinalInto(Sha256 sha)
    {
        var buffer = new byte[35];
        sha.Final(buffer, 3);
        return buffer[3..];
    }

    [Fact]
    public void ResetDiscardsAbsorbedData()
    {
        var sha = new Sha256();
        sha.Update(new byte[] { 1, 2, 3 }, 0, 3);
        sha.Reset();
        sha.Update(Encoding.ASCII.GetBytes("abc"), 0, 3);
        sha.Final().Should().Equal(System.Security.Cryptography.SHA256.HashData("abc"u8));
    }

    [Fact]
    public void BadArgumentsThrowTypedErrors()
    {
        var data = new byte[10];
        FluentActions.Invoking(() => Sha256.Hash(null!)).Should().Throw<CryptoException>()
            .Which.Code.Should().Be(CryptoError.NullArgument);
        FluentActions.Invoking(() => Sha256.Hash(data, 5, 6)).Should().Throw<CryptoException>()
            .Which.Code.Should().Be(CryptoError.OutOfRange);
        FluentActions.Invoking(() => Sha256.Hash(data, -1, 2)).Should().Throw<CryptoException>();
        FluentActions.Invoking(() => Sha256.Hash(data, 2, int.MaxValue)).Should().Throw<CryptoException>();
        FluentActions.Invoking(() => Sha256.Hash(data, 0, 10, new byte[31], 0)).Should().Throw<CryptoException>();
        FluentActions.Invoking(() => Sha256.Hash(data, 0, 10, new byte[32], 1)).Should().Throw<CryptoException>();
        FluentActions.Invoking(() => new Sha256().Update(data, 11, 0)).Should().Throw<CryptoException>();
    }

    [Fact]
    public void OneShotIntoBufferAllocatesNothing()
    {
        var data = new byte[1000];
        var output = new byte[32];
        var sha = new Sha256();
        sha.ComputeHash(data, 0, data.Length, output, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) sha.ComputeHash(data, i, 500, output, 0);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0, "an owner's instance hashes without allocating");
        output.Should().Equal(System.Security.Cryptography.SHA256.HashData(data.AsSpan(99, 500)));

        // The static convenience gives the same digest with an instance of its own (nothing shared between calls).
        var again = new byte[32];
        Sha256.Hash(data, 99, 500, again, 0);
        again.Should().Equal(output);
    }
}
