using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Hosting;
using TrustAnchor.Simulator.Premises;
using TrustAnchor.Simulator.Reporting;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Simulator.Wan;

namespace TrustAnchor.Simulator.Tests.Steps;

/// <summary>Making a premises, on its own: the devices, their stores and install codes, before any step runs.</summary>
public sealed class PremisesBuilderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ta-sim-premises-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(SmartMeteringSystem Premises, DccEnvironment Dcc, HostLease Host)> MakeAsync(string storage)
    {
        var host = SimulatorHost.Build(
            new Dictionary<string, string?> { ["Simulator:RunFolder"] = _folder, ["Simulator:DeviceStorage"] = storage },
            new RunConsole(TextWriter.Null, TextWriter.Null, false));
        var services = host.Services;
        var scenario = services.GetRequiredService<ScenarioCatalog>().Resolve("install-commission");
        var options = services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        var dcc = await services.GetRequiredService<DccEnvironmentFactory>().CreateAsync(scenario, options, CancellationToken.None);
        var report = new RunReport(scenario.Name, scenario.Description, scenario.Negative, []);
        var premises = services.GetRequiredService<PremisesBuilder>().Build(dcc, 3, "premises-00003", new LinkFaults(), new LinkFaults(), report);
        return (premises, dcc, new HostLease(host));
    }

    public sealed record HostLease(Microsoft.Extensions.Hosting.IHost Host) : IDisposable
    {
        public void Dispose() => Host.Dispose();
    }

    [Fact]
    public async Task A_premises_is_a_comms_hub_then_its_meters_each_with_an_install_code_and_a_file_store()
    {
        var (premises, dcc, host) = await MakeAsync("file");
        using (host)
        await using (dcc)
        await using (premises)
        {
            premises.Devices.Select(d => d.Kind).Should().Equal(DeviceKinds.CommsHub, DeviceKinds.Esme, DeviceKinds.Gsme, DeviceKinds.Ppmid);
            premises.Hub.Eui64.Should().Equal(DeviceEui.For(3, DeviceKinds.CommsHub, 0));
            premises.InstallCodes.Keys.Should().BeEquivalentTo(premises.Meters.Select(m => m.EuiHex), "every meter, and only meters, has an install code");
            Directory.GetFiles(Path.Combine(_folder, "premises-00003"), "*.flash").Should().HaveCount(4, "a kept run folder holds each device's flash");
            premises.CommsHub.Should().BeNull("the hub is not installed until install-hub");
            premises.Invoking(p => p.RequireHub()).Should().Throw<InvalidOperationException>().WithMessage("*install-hub*");
        }
    }

    [Fact]
    public async Task In_memory_stores_leave_nothing_on_disk_for_the_premises()
    {
        var (premises, dcc, host) = await MakeAsync("memory");
        using (host)
        await using (dcc)
        await using (premises)
        {
            premises.Devices.Should().HaveCount(4);
            Directory.Exists(Path.Combine(_folder, "premises-00003")).Should().BeFalse();
        }
    }
}
