using System.Diagnostics;
using System.Xml.Linq;
using TrustAnchor.Firmware.Tests.Support;

namespace TrustAnchor.Firmware.Tests.Hardware;

/// <summary>
/// hardware/flash.sh run against a recording stand-in for nanoff: the family's flashing method, the firmware check
/// against the native mscorlib nf.props pins, and the deployment of the very file it checked.
/// </summary>
public sealed class FlashScriptTests : IDisposable
{
    private static readonly string Root = RepositoryRoot.Find();
    private static readonly string RealMscorlibPe = Path.Combine(AppContext.BaseDirectory, "nanoframework-ref", "mscorlib.pe");
    private readonly string temp = Directory.CreateTempSubdirectory("ta-flash-").FullName;
    private readonly string bin;
    private readonly string log;

    public FlashScriptTests()
    {
        bin = Path.Combine(temp, "bin");
        log = Path.Combine(temp, "nanoff.log");
        Directory.CreateDirectory(bin);
        File.WriteAllBytes(Path.Combine(bin, "TrustAnchor.DeviceApp.bin"), [1, 2, 3]);
        File.Copy(RealMscorlibPe, Path.Combine(bin, "mscorlib.pe"));
    }

    [Fact]
    public void Native_mscorlib_pinned_in_nf_props_is_the_one_CoreLibrary_was_built_for()
    {
        var props = XDocument.Load(Path.Combine(Root, "nf.props")).Descendants().ToDictionary(e => e.Name.LocalName, e => e.Value);
        string nuspec = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "nanoframework-ref", "nanoframework.corelibrary.nuspec"));
        byte[] pe = File.ReadAllBytes(RealMscorlibPe);

        nuspec.Should().Contain($"mscorlib v{props["NanoFrameworkNativeMscorlib"]} (checksum {props["NanoFrameworkNativeMscorlibChecksum"]})");
        System.Text.Encoding.ASCII.GetString(pe, 0, 6).Should().Be("NFMRK1", "a nanoFramework PE file");
        ("0x" + BitConverter.ToUInt32(pe, 20).ToString("X8")).Should().Be(props["NanoFrameworkNativeMscorlibChecksum"]);
    }

    [Fact]
    public void Esp32_is_flashed_over_serial_checked_then_deployed_with_the_checked_image()
    {
        var (code, _) = Run("esp32-devkitc", "/dev/ttyUSB0");

        code.Should().Be(0);
        var calls = Calls();
        calls[0].Should().Be("--target ESP32_REV3 --serialport /dev/ttyUSB0 --baud 921600 --update");
        calls[1].Should().Be("--nanodevice --serialport /dev/ttyUSB0 --devicedetails");
        calls[2].Should().Be($"--nanodevice --serialport /dev/ttyUSB0 --deploy --image {Path.Combine(bin, "TrustAnchor.DeviceApp.bin")} --reset");
        calls.Should().HaveCount(3);
    }

    [Theory]
    [InlineData("", "--target ST_NUCLEO144_F746ZG --update --jtag")]
    [InlineData("jtag", "--target ST_NUCLEO144_F746ZG --update --jtag")]
    [InlineData("dfu", "--target ST_NUCLEO144_F746ZG --update --dfu")]
    public void Stm32_is_flashed_over_the_st_link_or_dfu(string method, string update)
    {
        var (code, _) = Run("stm32-nucleo-f746zg", "/dev/ttyACM0", method);

        code.Should().Be(0);
        Calls()[0].Should().Be(update);
        Calls()[2].Should().StartWith("--nanodevice --serialport /dev/ttyACM0 --deploy --image ");
    }

    [Fact]
    public void A_device_with_another_native_mscorlib_gets_nothing_deployed()
    {
        var (code, stderr) = Run("esp32-devkitc", "/dev/ttyUSB0", details: "mscorlib v100.5.0.19, checksum 0x445C7AF9");

        code.Should().Be(2);
        stderr.Should().Contain("the app needs mscorlib v100.5.0.24 (0x1549C856)");
        Calls().Should().NotContain(c => c.Contains("--deploy"));
    }

    [Fact]
    public void A_build_against_another_mscorlib_is_refused_before_touching_the_board()
    {
        var pe = File.ReadAllBytes(Path.Combine(bin, "mscorlib.pe"));
        pe[20] ^= 0xFF;
        File.WriteAllBytes(Path.Combine(bin, "mscorlib.pe"), pe);

        var (code, stderr) = Run("esp32-devkitc", "/dev/ttyUSB0");

        code.Should().Be(2);
        stderr.Should().Contain("nf.props pins 0x1549C856");
        File.Exists(log).Should().BeFalse("nanoff was never called");
    }

    [Theory]
    [InlineData("esp32-devkitc", "jtag", "ESP32 boards are flashed over the serial port")]
    [InlineData("stm32-nucleo-f746zg", "serial", "STM32 boards are flashed with jtag")]
    [InlineData("no-such-board", "", "no board profile")]
    public void Wrong_board_or_method_is_a_usage_error(string board, string method, string message)
    {
        var (code, stderr) = Run(board, "/dev/ttyUSB0", method);

        code.Should().Be(2);
        stderr.Should().Contain(message);
        Calls().Should().NotContain(c => c.Contains("--deploy"));
    }

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private string[] Calls() => File.Exists(log) ? File.ReadAllLines(log) : [];

    private (int Code, string Stderr) Run(string board, string port, string method = "", string details = "mscorlib v100.5.0.24, checksum 0x1549C856")
    {
        string fake = Path.Combine(temp, "nanoff");
        File.WriteAllText(fake, $"#!/usr/bin/env bash\necho \"$*\" >> '{log}'\ncase \"$*\" in *--devicedetails*) echo 'Native assemblies:'; echo '  {details}';; esac\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo("bash", [Path.Combine(Root, "hardware", "flash.sh"), board, port, .. (method.Length > 0 ? new[] { method } : [])])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NANOFF"] = fake;
        start.Environment["TRUSTANCHOR_APP_BIN"] = bin;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;
        return (process.ExitCode, stderr);
    }
}
