using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TrustAnchor.BoardProfiles;
using TrustAnchor.Firmware.Tests.Support;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Tests.Hardware;

/// <summary>
/// hardware/boards/*.json are applied, not mirrored: the board app compiles BoardProfile.g.cs, generated from them by
/// hardware/TrustAnchor.BoardProfiles. These tests regenerate it, read every constant back out of a compile of it,
/// and show bad profiles are refused with the file and field named.
/// </summary>
public class BoardProfileTests
{
    private static readonly string Boards = Path.Combine(RepositoryRoot.Find(), "hardware", "boards");
    private static readonly string Generated = Path.Combine(RepositoryRoot.Find(), "hardware", "TrustAnchor.DeviceApp", "BoardProfile.g.cs");

    [Fact]
    public void Committed_BoardProfile_g_cs_is_what_the_generator_makes_from_the_profiles()
    {
        var profiles = BoardProfileGenerator.ReadFolder(Boards);
        profiles.Should().HaveCountGreaterThanOrEqualTo(4);

        File.ReadAllText(Generated).ReplaceLineEndings("\n").Should().Be(BoardProfileGenerator.Generate(profiles),
            "BoardProfile.g.cs must be regenerated after a profile changes: dotnet run --project hardware/TrustAnchor.BoardProfiles");
    }

    [Theory]
    [MemberData(nameof(DeviceAppCompileTests.Boards), MemberType = typeof(DeviceAppCompileTests))]
    public void Each_board_build_carries_its_profile_values(string board)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Boards, board + ".json")))!;
        var constants = CompiledProfile(board);

        constants["Name"].Should().Be(board);
        constants["NanoFrameworkTarget"].Should().Be((string)json["nanoFrameworkTarget"]!);
        constants["FrameLinkPort"].Should().Be((string)json["frameLink"]!["uart"]!);
        constants["FrameLinkBaud"].Should().Be((int)json["frameLink"]!["baud"]!);
        constants["FrameLinkTxPin"].Should().Be(json["frameLink"]!["txPin"]!.ToString());
        constants["FrameLinkRxPin"].Should().Be(json["frameLink"]!["rxPin"]!.ToString());
        constants["StoreFolder"].Should().Be((string)json["store"]!["path"]!);
        constants["StoreBlockSize"].Should().Be((int)json["store"]!["blockSize"]!);
        constants["StoreBlockCount"].Should().Be((int)json["store"]!["blockCount"]!);
        constants["ManagedHeapBytes"].Should().Be((int)json["managedHeapBytes"]!);
        if (board.StartsWith("esp32", StringComparison.Ordinal))
        {
            constants["FrameLinkTxGpio"].Should().Be((int)json["frameLink"]!["txPin"]!);
            constants["FrameLinkRxGpio"].Should().Be((int)json["frameLink"]!["rxPin"]!);
        }
        else
        {
            constants.Should().NotContainKey("FrameLinkTxGpio", "STM32 images fix their UART pins");
        }

        if (json["wifi"] is JsonNode wifi)
        {
            constants["WifiSsid"].Should().Be((string)wifi["ssid"]!);
            constants["WifiPassword"].Should().Be((string)wifi["password"]!);
            constants["TcpLinkPort"].Should().Be((int)wifi["tcpPort"]!);
        }
        else
        {
            board.Should().StartWith("stm32", "every ESP32 profile names its Wi-Fi link (the /p:Wifi=true build needs it)");
            constants.Should().NotContainKey("TcpLinkPort");
        }

        var roles = json["deviceRoles"]!.AsArray().Select(r => (string)r!).ToList();
        var allows = (Func<int, bool>)constants["AllowsDeviceType"]!;
        foreach (DeviceType type in new[] { DeviceType.Esme, DeviceType.Gsme, DeviceType.CommsHub, DeviceType.Ppmid })
        {
            allows((int)type).Should().Be(roles.Contains(DeviceTypes.Name(type)), board + " and " + DeviceTypes.Name(type));
        }

        allows(0).Should().BeFalse();
    }

    [Fact]
    public void Generator_role_values_are_the_firmware_device_types()
    {
        foreach (DeviceType type in new[] { DeviceType.Esme, DeviceType.Gsme, DeviceType.CommsHub, DeviceType.Ppmid })
        {
            BoardProfileGenerator.DeviceTypeValue(DeviceTypes.Name(type)).Should().Be((int)type);
        }
    }

    [Theory]
    [InlineData("esp32-devkitc", "store", "blockSize", "3000", "store.blockSize must be a power of two")]
    [InlineData("esp32-devkitc", "store", "blockSize", "\"4096\"", "blockSize must be a whole number")]
    [InlineData("esp32-devkitc", "frameLink", "txPin", "\"PG14\"", "txPin must be a whole number")]
    [InlineData("esp32-devkitc", "frameLink", "uart", "\"UART2\"", "frameLink.uart must be COM1")]
    [InlineData("stm32-nucleo-f746zg", "frameLink", "rxPin", "9", "rxPin must be a non-empty string")]
    [InlineData("stm32-nucleo-f746zg", "frameLink", "rxPin", "\"PZ9\"", "frameLink.rxPin must be an STM32 pin")]
    [InlineData("stm32-nucleo-f746zg", null, "deviceRoles", "[\"ESME\", \"METER\"]", "deviceRoles must name each")]
    [InlineData("stm32-nucleo-f746zg", null, "nanoFrameworkTarget", "\"NRF52\"", "neither an ESP32 nor an ST_ target")]
    [InlineData("stm32-nucleo-f746zg", null, "frameLink", "null", "frameLink must be an object")]
    [InlineData("esp32-devkitc", "wifi", "tcpPort", "0", "tcpPort must be a whole number from 1 to 65535")]
    [InlineData("esp32-devkitc", "wifi", "ssid", "null", "wifi.ssid must be a string")]
    [InlineData("stm32-nucleo-f746zg", null, "wifi", "{\"ssid\": \"\", \"password\": \"\", \"tcpPort\": 4059}", "wifi is for ESP32 boards only")]
    public void Generator_refuses_a_bad_profile_naming_file_and_field(string board, string? section, string field, string value, string message)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Boards, board + ".json")))!.AsObject();
        var target = section is null ? json : json[section]!.AsObject();
        target[field] = JsonNode.Parse(value);

        var act = () => BoardProfileGenerator.Parse(board, json.ToJsonString());

        act.Should().Throw<BoardProfileException>().Which.Message.Should().StartWith(board + ".json: ").And.Contain(message);
    }

    [Fact]
    public void Generator_refuses_a_profile_whose_name_contradicts_its_family()
    {
        string json = File.ReadAllText(Path.Combine(Boards, "esp32-devkitc.json"));
        var act = () => BoardProfileGenerator.Parse("stm32-mislabelled", json);
        act.Should().Throw<BoardProfileException>().Which.Message.Should().Contain("must start with 'esp32'");
    }

    // Compiles BoardProfile.g.cs for one board (with a stand-in for the ESP32 DeviceFunction enum) and reads its members.
    private static Dictionary<string, object?> CompiledProfile(string board)
    {
        var options = new CSharpParseOptions(LanguageVersion.CSharp7_3,
            preprocessorSymbols: ["BOARD_" + board.ToUpperInvariant().Replace('-', '_')]);
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(File.ReadAllText(Generated), options),
            CSharpSyntaxTree.ParseText("namespace nanoFramework.Hardware.Esp32 { public enum DeviceFunction { COM2_TX, COM2_RX, COM3_TX, COM3_RX } }", options),
        };
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Private.CoreLib.dll" or "System.Runtime.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("BoardProfile_" + board.Replace('-', '_'), trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        result.Success.Should().BeTrue(string.Join("\n", result.Diagnostics));

        var type = Assembly.Load(stream.ToArray()).GetType("TrustAnchor.DeviceApp.BoardProfile")!;
        var values = type.GetFields(BindingFlags.Public | BindingFlags.Static).ToDictionary(f => f.Name, f => f.GetValue(null));
        var allows = type.GetMethod("AllowsDeviceType")!;
        values["AllowsDeviceType"] = new Func<int, bool>(t => (bool)allows.Invoke(null, [t])!);
        return values;
    }
}
