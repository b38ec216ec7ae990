using System.Security.Cryptography;
using System.Text.Json;

namespace TrustAnchor.Simulator.Tests.Decoding;

/// <summary>
/// The I&amp;C use cases (firmware/docs/gbcs-framing.md section 4) in frames laid out by hand with <see cref="HandFrames"/>:
/// CCS01, CS03A1 / CS03A2 / CS03B, ECS70 commands and their one-octet status responses, decoded field by field, with
/// signature verdicts from a hand-made keystore; malformed payloads of these codes stay labelled hex with a note.
/// With no header date-time and a 2-byte Other Information, the payload starts at frame byte 34.
/// </summary>
public sealed class DecodeInstallCommissionTests : IDisposable
{
    private const int PayloadOffset = 34;
    private static readonly byte[] Chf = [0x00, 0xDB, 0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC];
    private static readonly byte[] Gsme = [0x00, 0x0D, 0x6F, 0x00, 0x0A, 0x0B, 0x0C, 0x0D];

    private readonly string _folder = Directory.CreateTempSubdirectory("ta-sim-ic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Command(int code, byte[] payload, ECDsa? signer = null) =>
        HandFrames.Frame(1, 77, HandFrames.Supplier, Chf, null, HandFrames.OtherInformation(code), payload, signer);

    private static byte[] Response(int code, byte[] payload, ECDsa? signer = null) =>
        HandFrames.Frame(2, 77, Chf, HandFrames.Supplier, null, HandFrames.OtherInformation(code), payload, signer);

    /// <summary>The ZigBee specification's example install code and its CRC-16/X.25 (0xB5C3, sent low byte first).</summary>
    private static readonly byte[] ZigBeeInstallCode = Convert.FromHexString("83FED3407A939723A5C639B26916D505C3B5");

    [Fact]
    public async Task A_ccs01_command_decodes_device_id_install_code_and_crc_and_its_signature_verifies()
    {
        using var supplier = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] payload = [.. Gsme, (byte)ZigBeeInstallCode.Length, .. ZigBeeInstallCode];
        var frame = Command(0x0001, payload, supplier);
        var keystore = Path.Combine(_folder, "k.json");
        HandKeystore.Write(keystore, [new HandKeystore.Entry(HandFrames.Supplier, "digitalSignature", supplier, null, 2)]);

        var decoded = await DecodedJson.DecodeAsync(frame, "--keystore", keystore);
        decoded.GetProperty("useCase").GetString().Should().Be("CCS01 Add Device to CHF Device Log command");
        decoded.GetProperty("payloadLanguage").GetString().Should().NotBe("opaque");
        decoded.TryGetProperty("payloadNote", out _).Should().BeFalse();
        decoded.GetProperty("signature").GetProperty("verdict").GetString().Should().Be("valid");
        var fields = DecodedJson.Flatten(decoded);
        fields.Should().Contain(("deviceId", "000d6f000a0b0c0d", PayloadOffset));
        fields.Should().Contain(("installCodeLength", "18 (incl. CRC)", PayloadOffset + 8));
        fields.Should().Contain(("installCode", "83FED3407A939723A5C639B26916D505", PayloadOffset + 9));
        fields.Should().Contain(("crc (CRC-16/X.25, low byte first)", "0xB5C3 (matches)", PayloadOffset + 25));

        var text = await CliRun.InvokeAsync("decode", Convert.ToHexString(frame));
        text.Code.Should().Be(0, text.Error);
        text.Out.Should().Contain("CCS01 Add Device to CHF Device Log").And.Contain("000d6f000a0b0c0d").And.Contain("0xB5C3 (matches)");
    }

    [Fact]
    public async Task A_ccs01_install_code_with_a_wrong_crc_or_an_odd_length_still_decodes_and_says_so()
    {
        // "123456789" is the CRC catalogue's check string: CRC-16/X.25 0x906E. 11 bytes with the CRC is not a ZigBee length.
        byte[] check = [.. "123456789"u8, 0x6E, 0x90];
        var odd = DecodedJson.Flatten(await DecodedJson.DecodeAsync(Command(0x0001, [.. Gsme, 11, .. check])));
        odd.Should().Contain(f => f.Name == "installCodeLength" && f.Value!.StartsWith("11 ") && f.Value.Contains("status 2"));
        odd.Should().Contain(f => f.Name.StartsWith("crc") && f.Value == "0x906E (matches)");

        var corrupted = (byte[])ZigBeeInstallCode.Clone();
        corrupted[^1] ^= 0x01;
        var bad = DecodedJson.Flatten(await DecodedJson.DecodeAsync(Command(0x0001, [.. Gsme, 18, .. corrupted])));
        bad.Should().Contain(f => f.Name.StartsWith("crc") && f.Value == "0xB4C3 (does not match: computed 0xB5C3; the CHF answers status 2)");
    }

    [Theory]
    [InlineData(0x000D, "CS03A1 Method A Join (Meter)", 2, "2 (GSME)")]
    [InlineData(0x00AB, "CS03A2 Method A Join (Non-Meter)", 4, "4 (PPMID)")]
    [InlineData(0x000E, "CS03B Method B Join", 1, "1 (ESME)")]
    [InlineData(0x000E, "CS03B Method B Join", 9, "9 (unknown device type)")]
    public async Task A_cs03_join_command_decodes_the_other_device_and_its_type(int code, string name, byte type, string shown)
    {
        var decoded = await DecodedJson.DecodeAsync(Command(code, [.. Gsme, type]));
        decoded.GetProperty("useCase").GetString().Should().Be(name + " command");
        decoded.TryGetProperty("payloadNote", out _).Should().BeFalse();
        var fields = DecodedJson.Flatten(decoded);
        fields.Should().Contain(("otherDeviceId", "000d6f000a0b0c0d", PayloadOffset));
        fields.Should().Contain(("otherDeviceType", shown, PayloadOffset + 8));
    }

    [Fact]
    public async Task An_ecs70_set_clock_command_decodes_its_dlms_date_time()
    {
        var decoded = await DecodedJson.DecodeAsync(Command(0x0062, HandFrames.DlmsDateTime));
        decoded.GetProperty("useCase").GetString().Should().Be("ECS70 Set Clock on ESME command");
        decoded.TryGetProperty("payloadNote", out _).Should().BeFalse();
        DecodedJson.Flatten(decoded).Should().Contain(("dateTime", "2026-12-06T20:30:15.00 (deviation 0 min, status 0x00)", PayloadOffset));
    }

    [Theory]
    [InlineData(0x0001, 0, "0 (success)")]
    [InlineData(0x0001, 1, "1 (Device Log full)")]
    [InlineData(0x0001, 2, "2 (bad install code (length or CRC-16/X.25))")]
    [InlineData(0x000D, 3, "3 (join table full)")]
    [InlineData(0x00AB, 0, "0 (success)")]
    [InlineData(0x000E, 0, "0 (success)")]
    [InlineData(0x0062, 0, "0 (success)")]
    [InlineData(0x0062, 200, "200 (unknown status)")]
    public async Task Each_ic_response_decodes_its_status_octet_and_its_signature_verifies(int code, byte status, string shown)
    {
        using var chf = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var keystore = Path.Combine(_folder, "k.json");
        HandKeystore.Write(keystore, [new HandKeystore.Entry(Chf, "digitalSignature", chf, null, null)]);
        var decoded = await DecodedJson.DecodeAsync(Response(code, [status], chf), "--keystore", keystore);
        decoded.GetProperty("cra").GetString().Should().Be("response");
        decoded.GetProperty("useCase").GetString().Should().EndWith(" response");
        decoded.TryGetProperty("payloadNote", out _).Should().BeFalse();
        decoded.GetProperty("signature").GetProperty("verdict").GetString().Should().Be("valid");
        DecodedJson.Flatten(decoded).Should().Contain(("status", shown, PayloadOffset));
    }

    [Theory]
    [InlineData(1, 0x0001, "0011223344556677", "install code length (9 bytes)")] // too short for the length byte
    [InlineData(1, 0x0001, "00112233445566770A" + "83FED3407A939723A5C639B26916D505C3B5", "installCodeLength 10")] // length byte says 10, 18 follow
    [InlineData(1, 0x0001, "000D6F000A0B0C0D02AABB", "at least 3")]
    [InlineData(1, 0x000D, "000D6F000A0B0C0D0200", "9 bytes")]
    [InlineData(1, 0x00AB, "000D6F000A0B0C", "9 bytes")]
    [InlineData(1, 0x0062, "07EA0C06071E0F00000000", "12-byte")]
    [InlineData(2, 0x0001, "0000", "one status octet")]
    [InlineData(2, 0x000E, "", "one status octet")]
    public async Task A_malformed_ic_payload_is_labelled_hex_with_a_note(int cra, int code, string hex, string note)
    {
        var payload = Convert.FromHexString(hex);
        var frame = cra == 1 ? Command(code, payload) : Response(code, payload);
        var decoded = await DecodedJson.DecodeAsync(frame);
        decoded.GetProperty("payloadLanguage").GetString().Should().Be("opaque");
        decoded.GetProperty("payloadNote").GetString().Should().Contain("does not follow the layout").And.Contain(note);
        DecodedJson.Flatten(decoded).Should().Contain(("hex", hex, PayloadOffset));
    }

    [Fact]
    public async Task An_ic_code_in_an_alert_is_not_a_form_the_use_case_takes_and_stays_hex()
    {
        var frame = HandFrames.Frame(3, 5, Chf, HandFrames.Supplier, null, HandFrames.OtherInformation(0x0001), [0x00], signer: null);
        var decoded = await DecodedJson.DecodeAsync(frame);
        decoded.GetProperty("payloadLanguage").GetString().Should().Be("opaque");
        decoded.GetProperty("payloadNote").GetString().Should().Contain("not a form this use case takes");
    }
}
