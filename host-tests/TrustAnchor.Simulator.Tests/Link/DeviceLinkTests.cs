using System.Diagnostics;
using System.Net.Sockets;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.Link;
using TrustAnchor.Firmware.Provisioning;
using TrustAnchor.Simulator.DeviceProcess;
using TrustAnchor.Simulator.Link;
using TrustAnchor.Simulator.Tests.Decoding;

namespace TrustAnchor.Simulator.Tests.Link;

/// <summary>The reference device served over the link: TCP, a pseudo-terminal pair, RESTART, a process restart, SIGTERM.</summary>
public class DeviceLinkTests : IClassFixture<ReferenceDeviceKit>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ReferenceDeviceKit _kit;

    public DeviceLinkTests(ReferenceDeviceKit kit) => _kit = kit;

    [Fact]
    public async Task Over_tcp_the_device_says_ready_answers_frames_until_done_and_keeps_a_cs02b_across_restart()
    {
        using var device = ReferenceDevice.Open(_kit.NewRunFolder(), _kit.FactoryFile, 0);
        using var listener = DeviceListener.Start(device, "tcp://127.0.0.1:0");
        await using var link = await DeviceLinks.ConnectAsync(listener.ListeningOn, CancellationToken.None);
        link.Hello.Type.Should().Be(TrustAnchor.Simulator.Link.DeviceType.Esme);
        link.Hello.Eui64.Should().Equal(ReferenceDeviceKit.Eui);

        // Refused: no response, one 0x8F3D alert, then DONE.
        var refused = await link.ExchangeAsync(ReferenceDeviceKit.Unauthenticated(7), Timeout);
        refused.Response.Should().BeNull();
        refused.Alerts.Should().ContainSingle();
        ReferenceDeviceKit.AlertCode(refused.Alerts[0]).Should().Be(GbcsAlertCodes.TrustedSourceAuthenticationFailure);

        // Accepted: the response (CRA 2) and no alert; the cell holds the new supplier's key.
        var cs02b = _kit.SupplierBySupplier(device.Firmware!.Credentials, 1000);
        var accepted = await link.ExchangeAsync(cs02b, Timeout);
        accepted.Alerts.Should().BeEmpty(device.Firmware.LastDecision.ToString());
        GbcsMessage.Parse(accepted.Response!).CraFlag.Should().Be(GbcsCraFlag.Response);
        ReferenceDeviceKit.SupplierDsCell(device.Firmware).Should().Equal(_kit.NewSupplierDsKey);

        // RESTART: a new firmware instance from flash; the cell and the spent counter survive.
        var before = device.Firmware;
        (await link.RestartAsync(Timeout)).Eui64.Should().Equal(ReferenceDeviceKit.Eui);
        device.Firmware.Should().NotBeSameAs(before);
        ReferenceDeviceKit.SupplierDsCell(device.Firmware!).Should().Equal(_kit.NewSupplierDsKey);
        var replay = await link.ExchangeAsync(cs02b, Timeout);
        replay.Response.Should().BeNull();
        ReferenceDeviceKit.AlertCode(replay.Alerts.Single()).Should().Be(GbcsAlertCodes.TrustedSourceAuthenticationFailure,
            "the pack supplier no longer holds the supplier cells after the restart");
    }

    [Fact]
    public async Task Lose_replacement_on_restart_defect_forgets_the_cs02b_a_correct_device_keeps()
    {
        using var device = ReferenceDevice.Open(_kit.NewRunFolder(), _kit.FactoryFile, SeededDefect.LoseReplacementOnRestart);
        using var listener = DeviceListener.Start(device, "tcp://127.0.0.1:0");
        await using var link = await DeviceLinks.ConnectAsync(listener.ListeningOn, CancellationToken.None);
        var original = ReferenceDeviceKit.SupplierDsCell(device.Firmware!);
        var cs02b = _kit.SupplierBySupplier(device.Firmware!.Credentials, 1000);
        (await link.ExchangeAsync(cs02b, Timeout)).Response.Should().NotBeNull();
        ReferenceDeviceKit.SupplierDsCell(device.Firmware).Should().Equal(_kit.NewSupplierDsKey);

        await link.RestartAsync(Timeout);
        ReferenceDeviceKit.SupplierDsCell(device.Firmware!).Should().Equal(original, "the defect kept the change in RAM only");
        (await link.ExchangeAsync(cs02b, Timeout)).Response.Should().NotBeNull("the replay is accepted again: the counter was lost too");
    }

    [Fact]
    public async Task Unknown_kinds_get_an_error_and_the_link_stays_usable_but_a_bad_length_closes_a_tcp_link()
    {
        using var device = ReferenceDevice.Open(_kit.NewRunFolder(), _kit.FactoryFile, 0);
        using var listener = DeviceListener.Start(device, "tcp://127.0.0.1:0");
        var address = DeviceLinkAddress.Parse(listener.ListeningOn);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(address.Host, address.Port);
        using var channel = new SocketByteChannel(socket);
        var reader = new LinkReader(channel, 5000);
        var writer = new LinkWriter(channel);
        reader.Read(5000)!.Kind.Should().Be(LinkMessageKind.Ready);

        writer.Write(new LinkMessage(0x42, [1, 2]));
        var error = reader.Read(5000)!;
        error.Kind.Should().Be(LinkMessageKind.Error);
        error.ErrorText().Should().Contain("0x42");

        writer.Write(LinkMessage.Frame(ReferenceDeviceKit.Unauthenticated(9)));
        reader.Read(5000)!.Kind.Should().Be(LinkMessageKind.Frame);
        reader.Read(5000)!.Kind.Should().Be(LinkMessageKind.Done);

        writer.Write(new LinkMessage(LinkMessageKind.Ready, null));
        reader.Read(5000)!.ReadyEui64().Should().Equal(ReferenceDeviceKit.Eui, "an empty READY asks who is there");

        channel.Write([0x00, 0x02, 0x00, 0x00], 0, 4); // L = 131,072
        reader.Read(5000)!.Kind.Should().Be(LinkMessageKind.Error);
        FluentActions.Invoking(() => reader.Read(5000)).Should().Throw<LinkException>().Which.Code.Should().Be(LinkError.Closed);
    }

    [Fact]
    public async Task A_blank_device_takes_its_factory_file_over_the_link()
    {
        using var device = ReferenceDevice.Open(_kit.NewRunFolder(), null, 0);
        device.IsReady.Should().BeFalse();
        using var listener = DeviceListener.Start(device, "tcp://127.0.0.1:0");
        var address = DeviceLinkAddress.Parse(listener.ListeningOn);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(address.Host, address.Port);
        using var channel = new SocketByteChannel(socket);
        var reader = new LinkReader(channel, 5000);
        var writer = new LinkWriter(channel);
        reader.Read(5000)!.ErrorText().Should().Contain("no factory file");

        var broken = (byte[])_kit.FactoryFile.Clone();
        broken[^1] ^= 0xFF; // the pack's last certificate's signature
        writer.Write(new LinkMessage(LinkMessageKind.Factory, broken[..^10]));
        reader.Read(5000)!.Kind.Should().Be(LinkMessageKind.Error);
        device.IsReady.Should().BeFalse("a refused factory file changes nothing");

        writer.Write(new LinkMessage(LinkMessageKind.Factory, _kit.FactoryFile));
        var ready = reader.Read(10000)!;
        ready.Kind.Should().Be(LinkMessageKind.Ready);
        ready.ReadyEui64().Should().Equal(ReferenceDeviceKit.Eui);
        writer.Write(new LinkMessage(LinkMessageKind.Factory, _kit.FactoryFile));
        reader.Read(5000)!.ErrorText().Should().Contain("already holds");
    }

    [Fact]
    public async Task A_device_that_vanishes_mid_run_is_a_DeviceLinkException()
    {
        var device = ReferenceDevice.Open(_kit.NewRunFolder(), _kit.FactoryFile, 0);
        var listener = DeviceListener.Start(device, "tcp://127.0.0.1:0");
        await using var link = await DeviceLinks.ConnectAsync(listener.ListeningOn, CancellationToken.None);
        listener.Dispose();
        device.Dispose();
        var e = await FluentActions.Awaiting(() => link.ExchangeAsync(ReferenceDeviceKit.Unauthenticated(3), TimeSpan.FromSeconds(5)))
            .Should().ThrowAsync<DeviceLinkException>();
        e.Which.Message.Should().Contain("gone").And.NotContain("\n");
    }

    [Fact]
    public async Task Over_a_pseudo_terminal_pair_the_serial_link_exchanges_and_restarts()
    {
        var folder = Directory.CreateTempSubdirectory("ta-pty-").FullName;
        var deviceEnd = Path.Combine(folder, "device");
        var hostEnd = Path.Combine(folder, "host");
        var socat = Process.Start(new ProcessStartInfo("socat", ["-d", "-d", $"pty,raw,echo=0,link={deviceEnd}", $"pty,raw,echo=0,link={hostEnd}"])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        try
        {
            for (var i = 0; i < 100 && !(File.Exists(deviceEnd) && File.Exists(hostEnd)); i++)
            {
                await Task.Delay(50);
            }

            File.Exists(hostEnd).Should().BeTrue("socat makes the pseudo-terminal pair (.ci/run installs socat)");
            using var device = ReferenceDevice.Open(_kit.NewRunFolder(), _kit.FactoryFile, 0);
            using var listener = DeviceListener.Start(device, $"serial:{deviceEnd}?baud=115200");
            await using var link = await DeviceLinks.ConnectAsync($"serial:{hostEnd}?baud=115200", CancellationToken.None);
            link.Hello.Eui64.Should().Equal(ReferenceDeviceKit.Eui);

            var cs02b = _kit.SupplierBySupplier(device.Firmware!.Credentials, 2000);
            var accepted = await link.ExchangeAsync(cs02b, Timeout);
            GbcsMessage.Parse(accepted.Response!).CraFlag.Should().Be(GbcsCraFlag.Response);
            (await link.RestartAsync(Timeout)).Type.Should().Be(TrustAnchor.Simulator.Link.DeviceType.Esme);
            ReferenceDeviceKit.AlertCode((await link.ExchangeAsync(cs02b, Timeout)).Alerts.Single()).Should().Be(GbcsAlertCodes.TrustedSourceAuthenticationFailure);
        }
        finally
        {
            socat.Kill();
            socat.WaitForExit();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_device_process_prints_where_it_listens_stops_on_sigterm_with_0_and_keeps_its_store_for_the_next_process()
    {
        var runFolder = _kit.NewRunFolder();
        byte[] cs02b;
        using (var first = ReferenceDeviceKit.StartSimulator("device", "--listen", "tcp://127.0.0.1:0", "--factory", _kit.FactoryPath, "--run-folder", runFolder))
        {
            var uri = ListeningUri(first);
            await using (var link = await DeviceLinks.ConnectAsync(uri, CancellationToken.None))
            {
                var credentials = CredentialsFile.Decode(File.ReadAllBytes(Path.Combine(runFolder, ReferenceDevice.CredentialsFileName)));
                cs02b = _kit.SupplierBySupplier(credentials, 3000);
                (await link.ExchangeAsync(cs02b, Timeout)).Response.Should().NotBeNull();
            }

            await StopWithSigterm(first);
        }

        using var second = ReferenceDeviceKit.StartSimulator("device", "--listen", "tcp://127.0.0.1:0", "--factory", _kit.FactoryPath, "--run-folder", runFolder);
        await using (var link = await DeviceLinks.ConnectAsync(ListeningUri(second), CancellationToken.None))
        {
            var replay = await link.ExchangeAsync(cs02b, Timeout);
            replay.Response.Should().BeNull("the new process found the replaced supplier cells in flash");
            ReferenceDeviceKit.AlertCode(replay.Alerts.Single()).Should().Be(GbcsAlertCodes.TrustedSourceAuthenticationFailure);
        }

        await StopWithSigterm(second);
    }

    [Fact]
    public async Task Factory_writes_a_file_the_firmware_reads_and_refuses_bad_usage_with_exit_2()
    {
        var output = Path.Combine(_kit.Folder, "chf.factory");
        var ok = await CliRun.InvokeAsync("factory", "--pki", Path.Combine(_kit.Folder, "smki"), "--type", "chf", "--eui64", "00124B00000000AB", "--out", output);
        ok.Code.Should().Be(0, ok.Error);
        var file = FactoryFile.Parse(File.ReadAllBytes(output));
        file.Identity.DeviceType.Should().Be(TrustAnchor.Firmware.TrustAnchors.DeviceType.CommsHub);
        file.Identity.Eui64.Should().Equal(Convert.FromHexString("00124B00000000AB"));
        ManufacturingPack.Parse(file.PackDer).Name.Should().Be("DCC-MP261-2024");

        foreach (var args in new[]
        {
            new[] { "factory", "--pki", Path.Combine(_kit.Folder, "smki"), "--type", "toaster", "--out", output },
            new[] { "factory", "--pki", Path.Combine(_kit.Folder, "no-smki"), "--type", "esme", "--out", output },
            new[] { "factory", "--pki", Path.Combine(_kit.Folder, "smki"), "--type", "esme", "--eui64", "0012", "--out", output },
            new[] { "device", "--listen", "tcp://127.0.0.1:0", "--defect", "no-such-defect", "--factory", _kit.FactoryPath },
            new[] { "device", "--listen", "tcp://127.0.0.1:0", "--factory", Path.Combine(_kit.Folder, "missing.factory") },
            new[] { "device", "--listen", "udp://x", "--factory", _kit.FactoryPath },
        })
        {
            var refused = await CliRun.InvokeAsync(args);
            refused.Code.Should().Be(2, string.Join(' ', args));
            refused.ErrorLines.Should().ContainSingle().Which.Should().StartWith("error: ");
        }
    }

    [Fact]
    public async Task List_defects_prints_each_name_then_what_it_breaks()
    {
        var listed = await CliRun.InvokeAsync("device", "--list-defects");
        listed.Code.Should().Be(0);
        var lines = listed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(SeededDefect.Count).And.HaveCountGreaterThanOrEqualTo(10);
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i].Should().MatchRegex("^[a-z0-9-]+ +\\S.*$");
            lines[i].Split(' ')[0].Should().Be(SeededDefect.NameAt(i));
        }
    }

    private static string ListeningUri(Process process)
    {
        var line = process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        line.Should().NotBeNull(process.HasExited ? process.StandardError.ReadToEnd() : "no line");
        line!.Should().StartWith("listening on tcp://127.0.0.1:");
        return line.Split(' ')[2];
    }

    private static async Task StopWithSigterm(Process process)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(wait.Token);
        process.ExitCode.Should().Be(0, await process.StandardError.ReadToEndAsync());
        (await process.StandardOutput.ReadToEndAsync()).Should().Contain("device stopped");
    }
}
