using TrustAnchor.Smki;

namespace TrustAnchor.Smki.Tests;

/// <summary>The SMKI's role names and parsing (values and names come from the firmware's RemotePartyRole).</summary>
public sealed class RemotePartyRoleTests
{
    public static TheoryData<int, string> GbcsNames => new()
    {
        { 0, "root" }, { 1, "recovery" }, { 2, "supplier" }, { 3, "networkOperator" }, { 4, "accessControlBroker" },
        { 5, "transitionalCoS" }, { 6, "wanProvider" }, { 7, "issuingAuthority" }, { 8, "loadController" }, { 127, "other" },
    };

    [Theory]
    [MemberData(nameof(GbcsNames))]
    public void Defined_roles_have_their_GBCS_name_and_parse_back_in_any_case(int role, string name)
    {
        RemotePartyRole.Name(role).Should().Be(name);
        RemotePartyRole.Parse(name).Should().Be(role);
        RemotePartyRole.Parse(name.ToUpperInvariant()).Should().Be(role);
    }

    [Fact]
    public void Undefined_roles_are_named_and_parsed_as_decimal_numbers()
    {
        RemotePartyRole.Name(9).Should().Be("9");
        RemotePartyRole.Name(-1).Should().Be("-1");
        RemotePartyRole.Parse("42").Should().Be(42);
        RemotePartyRole.Parse("127").Should().Be(RemotePartyRole.Other);
    }

    [Theory]
    [InlineData("128")]
    [InlineData("-1")]
    [InlineData("suplier")]
    [InlineData("")]
    public void Anything_else_is_refused(string text)
    {
        var act = () => RemotePartyRole.Parse(text);
        act.Should().Throw<SmkiException>().Which.Code.Should().Be(SmkiErrorCode.InvalidArgument);
    }

    [Fact]
    public void Constants_are_the_firmware_values()
    {
        RemotePartyRole.Supplier.Should().Be((int)TrustAnchor.Firmware.TrustAnchors.RemotePartyRole.Supplier);
        RemotePartyRole.Other.Should().Be((int)TrustAnchor.Firmware.TrustAnchors.RemotePartyRole.Other);
    }
}
