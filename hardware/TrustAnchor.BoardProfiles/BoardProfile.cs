namespace TrustAnchor.BoardProfiles;

/// <summary>One board profile (hardware/boards/NAME.json), checked.</summary>
public sealed record BoardProfile(
    string Name,
    string Board,
    string NanoFrameworkTarget,
    BoardFamily Family,
    int SerialBaud,
    IReadOnlyList<string> DeviceRoles,
    string FrameLinkUart,
    string FrameLinkTxPin,
    string FrameLinkRxPin,
    int FrameLinkBaud,
    string StorePath,
    int StoreBlockSize,
    int StoreBlockCount,
    int ManagedHeapBytes,
    string Notes,
    BoardWifi? Wifi = null)
{
    /// <summary>The conditional-compilation symbol that selects this profile, e.g. BOARD_ESP32_DEVKITC.</summary>
    public string Symbol => "BOARD_" + Name.ToUpperInvariant().Replace('-', '_');
}

/// <summary>
/// ESP32 only (optional "wifi" object): the network the device link's TCP side joins and its port. Used by a build
/// with /p:Wifi=true (ESP32_WIFI); an empty SSID leaves the TCP link off at run time, the UART link is always on.
/// </summary>
public sealed record BoardWifi(string Ssid, string Password, int TcpPort);

/// <summary>How a board is flashed and how its pins are set: from the nanoFramework target name.</summary>
public enum BoardFamily
{
    /// <summary>ESP32 targets: flashed over the serial port; UART pins set at run time (Configuration.SetPinFunction).</summary>
    Esp32,

    /// <summary>STM32 targets: flashed over the ST-LINK (JTAG/SWD) or DFU; UART pins fixed in the firmware image.</summary>
    Stm32,
}

/// <summary>A profile that cannot be applied: names the file and the field.</summary>
public sealed class BoardProfileException(string message) : Exception(message);
