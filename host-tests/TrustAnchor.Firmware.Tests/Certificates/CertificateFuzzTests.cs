using Xunit.Abstractions;
using System.Formats.Asn1;
using TrustAnchor.Firmware.Certificates;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Tests.Support;

namespace TrustAnchor.Firmware.Tests.Certificates;

/// <summary>
/// 120,000 mutated certificates (bit flips, truncations, length-field edits, byte insertions/deletions):
/// parsing either succeeds or throws a TrustAnchorException; whatever parses goes through every profile check
/// and every property without any exception at all.
/// </summary>
public class CertificateFuzzTests
{
    private readonly ITestOutputHelper output;

    public CertificateFuzzTests(ITestOutputHelper output) => this.output = new EvidenceOutput(output, "certificate fuzz");

    private const int Iterations = 120_000;

    [Fact]
    public void LengthOctetPositionsReadsHeadersWhateverTheBitStringHolds()
    {
        // SEQUENCE { BIT STRING { 00, [UNIVERSAL 1920] empty } }: key bytes that happen to parse as a high-number tag.
        // The walk once took the second tag octet (0x8F) for a long-form length and read past the end.
        byte[] der = { 0x30, 0x07, 0x03, 0x05, 0x00, 0x1F, 0x8F, 0x00, 0x00 };
        LengthOctetPositions(der).Should().Equal(1, 3, 8);
    }

    [Fact]
    [Trait("Category", "Long")]
    public void MutatedCertificatesNeverThrowUntypedExceptions()
    {
        var pki = new TestOrganisationPki();
        var seeds = new List<byte[]>
        {
            pki.Root.Der,
            pki.IssuingOca.Der,
            pki.IssueOrganisation("02", 0x80).Der,
            pki.IssueOrganisation("03", 0x08).Der,
            pki.IssueOrganisation(TestOrganisationPki.DeviceSpec()).Der,
            pki.IssueOrganisation(new CertSpec { Role = "05", AuthorityKeyIdWithIssuerAndSerial = true, IncludeUniqueIds = true, CommonName = "x", Version = 3 }).Der,
        };
        var lengthPositions = seeds.Select(LengthOctetPositions).ToList();

        var rng = new Random(0xF022);
        int parsed = 0, rejected = 0;
        for (int i = 0; i < Iterations; i++)
        {
            int s = rng.Next(seeds.Count);
            var input = Mutate(rng, seeds[s], lengthPositions[s]);
            Certificate cert;
            try
            {
                cert = Certificate.Parse(input);
            }
            catch (TrustAnchorException e)
            {
                e.Message.Should().NotBeNullOrEmpty();
                rejected++;
                continue;
            }

            parsed++;
            Exercise(cert);
        }

        output.WriteLine($"{Iterations} mutated certificates: {parsed} parsed, {rejected} refused with typed errors");
        parsed.Should().BeGreaterThan(1000, "some mutations (e.g. inside values) still parse and reach the profile checks");
        rejected.Should().BeGreaterThan(Iterations / 2);
    }

    internal static void Exercise(Certificate cert)
    {
        _ = CertificateProfile.CheckOrganisation(cert);
        _ = CertificateProfile.CheckIssuingOca(cert);
        _ = CertificateProfile.CheckRootOca(cert);
        _ = CertificateProfile.CheckDevice(cert);
        _ = cert.EntityId;
        _ = cert.SubjectKeyId;
        _ = cert.AuthorityKeyId;
        _ = cert.PublicKey;
        _ = cert.HardwareModuleSerial;
        _ = cert.IsSelfIssued;
        _ = cert.IsEcdsaWithSha256;
        _ = cert.RemotePartyRole + cert.KeyUsage + cert.PathLength + cert.PolicyCount;
        _ = cert.HasPolicy(TrustAnchor.Firmware.Asn1.Oids.GbcsTestOrganisationPolicy);
    }

    internal static byte[] Mutate(Random rng, byte[] seed, IReadOnlyList<int> lengthPositions)
    {
        var data = (byte[])seed.Clone();
        int mutations = rng.Next(1, 4);
        for (int m = 0; m < mutations; m++)
        {
            if (data.Length == 0) break;
            switch (rng.Next(5))
            {
                case 0: // bit flip
                    data[rng.Next(data.Length)] ^= (byte)(1 << rng.Next(8));
                    break;
                case 1: // truncation
                    data = data.AsSpan(0, rng.Next(data.Length)).ToArray();
                    break;
                case 2: // length-field edit
                    {
                        int p = lengthPositions[rng.Next(lengthPositions.Count)];
                        if (p >= data.Length) break;
                        data[p] = rng.Next(4) switch
                        {
                            0 => (byte)(data[p] + rng.Next(-2, 3)),
                            1 => (byte)(0x80 | rng.Next(0, 6)),
                            2 => 0x80,
                            _ => (byte)rng.Next(256),
                        };
                        break;
                    }
                case 3: // insertion
                    {
                        int p = rng.Next(data.Length + 1);
                        data = data.Take(p).Append((byte)rng.Next(256)).Concat(data.Skip(p)).ToArray();
                        break;
                    }
                default: // deletion
                    {
                        int p = rng.Next(data.Length);
                        data = data.Take(p).Concat(data.Skip(p + 1)).ToArray();
                        break;
                    }
            }
        }

        return data;
    }

    /// <summary>Offsets of the first length octet of every TLV in a DER structure (walked with AsnReader).</summary>
    internal static List<int> LengthOctetPositions(byte[] der)
    {
        var positions = new List<int>();
        void Walk(ReadOnlyMemory<byte> content, int baseOffset)
        {
            var reader = new AsnReader(content, AsnEncodingRules.DER);
            int consumed = 0;
            while (reader.HasData)
            {
                var tag = reader.PeekTag();
                var encoded = reader.ReadEncodedValue();
                // Header sizes from the decoder, not assumed: random bytes inside a BIT STRING can parse as a TLV
                // with a multi-byte tag or long-form length.
                Asn1Tag.Decode(encoded.Span, out int tagLength);
                AsnDecoder.ReadEncodedValue(encoded.Span, AsnEncodingRules.DER, out int headerLength, out _, out _);
                positions.Add(baseOffset + consumed + tagLength);
                if (tag.IsConstructed)
                    Walk(encoded.Slice(headerLength), baseOffset + consumed + headerLength);
                else if ((tag.TagValue == 4 || tag.TagValue == 3) && tag.TagClass == TagClass.Universal
                         && encoded.Length - headerLength > (tag.TagValue == 3 ? 1 : 0))
                {
                    // OCTET/BIT STRING wrapping DER (extension values, keys): walk inside when it parses.
                    int skip = tag.TagValue == 3 ? 1 : 0;
                    try { Walk(encoded.Slice(headerLength + skip), baseOffset + consumed + headerLength + skip); }
                    catch (AsnContentException) { }
                }

                consumed += encoded.Length;
            }
        }

        Walk(der, 0);
        return positions;
    }
}
