namespace TrustAnchor.Firmware.Tests.Hardware;

/// <summary>
/// The nanoFramework libraries the board application uses beyond mscorlib, which the registry does not serve:
/// stand-ins with the members the application calls (nanoFramework's names and signatures), each compiled into
/// an assembly of the real library's name against nanoFramework's real mscorlib. Bodies are irrelevant; what
/// matters is that the application compiles against nanoFramework-shaped APIs and which assemblies it needs.
/// </summary>
internal static class NanoFrameworkStandIns
{
    /// <summary>Assembly name, the assemblies it references (besides mscorlib), source.</summary>
    public static readonly (string Assembly, string[] References, string Source)[] Libraries =
    [
        ("System.IO.Streams", [], """
            namespace System.IO
            {
                public enum SeekOrigin { Begin = 0, Current = 1, End = 2 }
                public abstract class Stream : IDisposable
                {
                    public abstract long Length { get; }
                    public abstract int Read(byte[] buffer, int offset, int count);
                    public abstract void Write(byte[] buffer, int offset, int count);
                    public abstract long Seek(long offset, SeekOrigin origin);
                    public abstract void Flush();
                    public void Dispose() { }
                }
            }
            """),
        ("System.IO.FileSystem", ["System.IO.Streams"], """
            namespace System.IO
            {
                public enum FileMode { CreateNew = 1, Create = 2, Open = 3, OpenOrCreate = 4, Truncate = 5, Append = 6 }
                public enum FileAccess { Read = 1, Write = 2, ReadWrite = 3 }
                public static class File { public static bool Exists(string path) { return false; } }
                public static class Directory
                {
                    public static bool Exists(string path) { return false; }
                    public static void CreateDirectory(string path) { }
                }
                public class FileStream : Stream
                {
                    public FileStream(string path, FileMode mode, FileAccess access) { }
                    public override long Length { get { return 0; } }
                    public override int Read(byte[] buffer, int offset, int count) { return 0; }
                    public override void Write(byte[] buffer, int offset, int count) { }
                    public override long Seek(long offset, SeekOrigin origin) { return 0; }
                    public override void Flush() { }
                }
            }
            """),
        ("System.IO.Ports", [], """
            namespace System.IO.Ports
            {
                public class SerialPort
                {
                    public SerialPort(string portName, int baudRate) { }
                    public int ReadTimeout { get { return 0; } set { } }
                    public int BytesToRead { get { return 0; } }
                    public void Open() { }
                    public int Read(byte[] buffer, int offset, int count) { return 0; }
                    public void Write(byte[] buffer, int offset, int count) { }
                    public void DiscardInBuffer() { }
                }
            }
            """),
        ("nanoFramework.Hardware.Esp32", [], """
            namespace nanoFramework.Hardware.Esp32
            {
                public enum DeviceFunction { COM1_TX = 0x300, COM1_RX, COM2_TX = 0x310, COM2_RX, COM3_TX = 0x320, COM3_RX }
                public static class Configuration { public static void SetPinFunction(int gpioNumber, DeviceFunction deviceFunction) { } }
            }
            """),
        // ESP32 Wi-Fi builds (/p:Wifi=true): nanoFramework.System.Net (sockets) and nanoFramework.System.Device.Wifi
        // (WifiNetworkHelper, in the nanoFramework.Networking namespace).
        ("System.Net", [], """
            namespace System.Net
            {
                public abstract class EndPoint { }
                public class IPAddress
                {
                    public static readonly IPAddress Any = new IPAddress(0);
                    public IPAddress(long newAddress) { }
                }
                public class IPEndPoint : EndPoint { public IPEndPoint(IPAddress address, int port) { } }
            }
            namespace System.Net.Sockets
            {
                public enum AddressFamily { Unknown = -1, Unspecified = 0, InterNetwork = 2 }
                public enum SocketType { Unknown = -1, Stream = 1, Dgram = 2 }
                public enum ProtocolType { IP = 0, Tcp = 6, Udp = 17 }
                public enum SelectMode { SelectRead = 0, SelectWrite = 1, SelectError = 2 }
                [System.Flags] public enum SocketFlags { None = 0 }
                public class SocketException : Exception
                {
                    public SocketException(int errorCode) { }
                }
                public class Socket : IDisposable
                {
                    public Socket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType) { }
                    public void Bind(EndPoint localEP) { }
                    public void Listen(int backlog) { }
                    public Socket Accept() { return null; }
                    public bool Poll(int microSeconds, SelectMode mode) { return false; }
                    public int Receive(byte[] buffer, int offset, int size, SocketFlags socketFlags) { return 0; }
                    public int Send(byte[] buffer, int offset, int size, SocketFlags socketFlags) { return 0; }
                    public void Close() { }
                    public void Dispose() { }
                }
            }
            """),
        ("System.Device.Wifi", ["System.Net"], """
            namespace System.Device.Wifi
            {
                public enum WifiReconnectionKind { Automatic = 0, Manual = 1 }
            }
            namespace nanoFramework.Networking
            {
                public static class WifiNetworkHelper
                {
                    public static bool ConnectDhcp(string ssid, string password,
                        System.Device.Wifi.WifiReconnectionKind reconnectionKind = System.Device.Wifi.WifiReconnectionKind.Automatic,
                        bool requiresDateTime = false, int wifiAdapterId = 0) { return false; }
                }
            }
            """),
    ];
}
