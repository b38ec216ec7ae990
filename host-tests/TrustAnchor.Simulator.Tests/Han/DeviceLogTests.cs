using TrustAnchor.Simulator.Han;

namespace TrustAnchor.Simulator.Tests.Han;

public class DeviceLogTests
{
    private static readonly DateTime T0 = new(2025, 6, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Install_code_link_key_matches_the_ZigBee_example()
    {
        // ZigBee Base Device Behaviour / Smart Energy example: install code 83FED3407A939723A5C639B26916D505 + CRC C3B5.
        var code = InstallCode.Parse("83FED3407A939723A5C639B26916D505C3B5");
        Convert.ToHexString(code.LinkKey).Should().Be("66B6900981E1EE3CA4206B6B861C02BB");
    }

    [Fact]
    public void Install_code_with_a_bad_crc_is_refused()
    {
        var act = () => InstallCode.Parse("83FED3407A939723A5C639B26916D505C3B6");
        act.Should().Throw<FormatException>().WithMessage("*CRC*");
        var shortCode = () => InstallCode.Parse("0011223344");
        shortCode.Should().Throw<FormatException>();
    }

    [Fact]
    public void Created_install_codes_carry_a_valid_crc()
    {
        var code = InstallCode.Create(new Random(5));
        InstallCode.Parse(code.Bytes).LinkKey.Should().Equal(code.LinkKey);
    }

    [Fact]
    public void A_whitelisted_device_joins_with_its_key_only()
    {
        var log = new DeviceLog(4, TimeSpan.FromMinutes(30));
        var code = InstallCode.Create(new Random(1));
        var other = InstallCode.Create(new Random(2));
        log.Add("0011223344556677", "esme", code, T0);

        log.TryJoin("0011223344556677", other.LinkKey, T0.AddMinutes(1)).Should().Be(JoinResult.WrongLinkKey);
        log.IsJoined("0011223344556677").Should().BeFalse();
        log.TryJoin("0011223344556677", code.LinkKey, T0.AddMinutes(2)).Should().Be(JoinResult.Joined);
        log.IsJoined("0011223344556677").Should().BeTrue();
        log.TryJoin("0011223344556677", code.LinkKey, T0.AddMinutes(3)).Should().Be(JoinResult.AlreadyJoined);
        log.Find("0011223344556677")!.JoinedAt.Should().Be(T0.AddMinutes(2));
    }

    [Fact]
    public void An_unknown_device_cannot_join()
    {
        var log = new DeviceLog(4, TimeSpan.FromMinutes(30));
        log.TryJoin("AAAAAAAAAAAAAAAA", new byte[16], T0).Should().Be(JoinResult.NotWhitelisted);
    }

    [Fact]
    public void The_join_window_closes_after_the_time_out()
    {
        var log = new DeviceLog(4, TimeSpan.FromMinutes(30));
        var code = InstallCode.Create(new Random(1));
        log.Add("0011223344556677", "gsme", code, T0);
        log.TryJoin("0011223344556677", code.LinkKey, T0.AddMinutes(31)).Should().Be(JoinResult.JoinWindowExpired);
        log.Find("0011223344556677")!.State.Should().Be(HanJoinState.TimedOut);

        // A new CCS01 opens a new window.
        log.Add("0011223344556677", "gsme", code, T0.AddMinutes(40));
        log.TryJoin("0011223344556677", code.LinkKey, T0.AddMinutes(41)).Should().Be(JoinResult.Joined);
    }

    [Fact]
    public void Leaving_keeps_the_entry_and_allows_a_rejoin()
    {
        var log = new DeviceLog(4, TimeSpan.FromMinutes(30));
        var code = InstallCode.Create(new Random(1));
        log.Add("0011223344556677", "ppmid", code, T0);
        log.TryJoin("0011223344556677", code.LinkKey, T0).Should().Be(JoinResult.Joined);
        log.Leave("0011223344556677").Should().BeTrue();
        log.IsJoined("0011223344556677").Should().BeFalse();
        log.Find("0011223344556677")!.State.Should().Be(HanJoinState.Left);
        log.TryJoin("0011223344556677", code.LinkKey, T0.AddDays(3)).Should().Be(JoinResult.Joined);
    }

    [Fact]
    public void The_log_is_bounded()
    {
        var log = new DeviceLog(2, TimeSpan.FromMinutes(30));
        log.Add("0000000000000001", "esme", InstallCode.Create(new Random(1)), T0);
        log.Add("0000000000000002", "gsme", InstallCode.Create(new Random(2)), T0);
        var act = () => log.Add("0000000000000003", "ppmid", InstallCode.Create(new Random(3)), T0);
        act.Should().Throw<InvalidOperationException>().WithMessage("*full*");
        log.Remove("0000000000000001").Should().BeTrue();
        log.Add("0000000000000003", "ppmid", InstallCode.Create(new Random(3)), T0);
        log.Entries.Should().HaveCount(2);
    }
}
