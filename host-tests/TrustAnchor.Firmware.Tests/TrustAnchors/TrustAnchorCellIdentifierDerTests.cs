using System.Formats.Asn1;
using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Tests.TrustAnchors;

public class TrustAnchorCellIdentifierDerTests
{
    private const KeyUsage DS = TrustAnchorCellIdentifier.KeyUsageDigitalSignature;
    private const KeyUsage KA = TrustAnchorCellIdentifier.KeyUsageKeyAgreement;
    private const KeyUsage KCS = TrustAnchorCellIdentifier.KeyUsageKeyCertSign;

    // gbcs NOTES section 5.
    [Theory]
    [InlineData("30 07 02 01 02 03 02 07 80", RemotePartyRole.Supplier, DS, CellUsage.Management)]
    [InlineData("30 07 02 01 02 03 02 03 08", RemotePartyRole.Supplier, KA, CellUsage.Management)]
    [InlineData("30 0A 02 01 02 03 02 03 08 02 01 01", RemotePartyRole.Supplier, KA, CellUsage.PrePaymentTopUp)]
    [InlineData("30 07 02 01 00 03 02 02 04", RemotePartyRole.Root, KCS, CellUsage.Management)]
    [InlineData("30 07 02 01 7F 03 02 07 80", RemotePartyRole.Other, DS, CellUsage.Management)]
    public void Encodes_and_decodes_the_GBCS_examples(string hex, RemotePartyRole role, KeyUsage keyUsage, CellUsage cellUsage)
    {
        byte[] der = Convert.FromHexString(hex.Replace(" ", ""));
        var id = new TrustAnchorCellIdentifier((TrustAnchor.Firmware.TrustAnchors.RemotePartyRole)role, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)keyUsage, (TrustAnchor.Firmware.TrustAnchors.CellUsage)cellUsage);

        id.ToDer().Should().Equal(der);
        TrustAnchorCellIdentifier.Decode(der).Equals(id).Should().BeTrue();

        // Cross-check with System.Formats.Asn1.
        var reader = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        reader.ReadInteger().Should().Be((int)role);
        reader.ReadBitString(out int unused)[0].Should().Be((byte)keyUsage);
        unused.Should().Be(System.Numerics.BitOperations.TrailingZeroCount((int)keyUsage));
        if (cellUsage == CellUsage.Management) reader.HasData.Should().BeFalse();
        else reader.ReadInteger().Should().Be((int)cellUsage);
    }

    [Fact]
    public void Decode_by_ref_advances_past_the_identifier()
    {
        byte[] der = Convert.FromHexString("3007020102030207803007020103030203 08".Replace(" ", ""));
        var reader = new DerReader(der);
        TrustAnchorCellIdentifier.Decode(ref reader).ToString().Should().Be("supplier DS");
        TrustAnchorCellIdentifier.Decode(ref reader).ToString().Should().Be("networkOperator KA");
        reader.HasData.Should().BeFalse();
    }

    [Theory]
    [InlineData("30 0A 02 01 02 03 02 07 80 02 01 00", "explicit DEFAULT management")]
    [InlineData("30 07 02 01 02 03 02 00 80", "trailing zero bits kept")]
    [InlineData("30 07 02 01 02 03 02 07 81", "non-zero unused bits")]
    [InlineData("30 08 02 01 02 03 03 00 80 01", "two-octet key usage")]
    [InlineData("30 07 02 01 09 03 02 07 80", "undefined role")]
    [InlineData("30 0A 02 01 02 03 02 07 80 02 01 02", "undefined cell usage")]
    [InlineData("30 08 02 02 00 02 03 02 07 80", "non-minimal integer")]
    [InlineData("30 07 02 01 02 03 02 07 80 00", "trailing byte")]
    [InlineData("30 06 02 01 02 03 02 07", "truncated")]
    [InlineData("31 07 02 01 02 03 02 07 80", "SET not SEQUENCE")]
    [InlineData("30 0D 02 01 02 03 02 07 80 02 01 01 02 01 01", "extra element")]
    [InlineData("30 03 02 01 02", "key usage missing")]
    public void Rejects_malformed_identifiers_with_typed_errors(string hex, string why)
    {
        byte[] der = Convert.FromHexString(hex.Replace(" ", ""));
        var act = () => TrustAnchorCellIdentifier.Decode(der);
        act.Should().Throw<TrustAnchorException>(why);
    }

    [Fact]
    public void Every_cell_of_every_set_round_trips()
    {
        foreach (DeviceType type in CellTestData.DeviceTypes)
        {
            foreach (var id in CellSets.For(type))
            {
                TrustAnchorCellIdentifier.Decode(id.ToDer()).Equals(id).Should().BeTrue(id.ToString());
            }
        }
    }
}
