using System.Globalization;

namespace TrustAnchor.Simulator.Link;

/// <summary>
/// A device-link URI: <c>tcp://HOST:PORT</c> or <c>serial:/dev/ttyUSB0?baud=115200</c> (baud defaults to
/// 115200; 8 data bits, no parity, one stop bit, no flow control, as the boards' UARTs).
/// </summary>
public sealed record DeviceLinkAddress(string Scheme, string Host, int Port, string SerialPort, int Baud)
{
    public const int DefaultBaud = 115200;

    public bool IsTcp => Scheme == "tcp";

    public static DeviceLinkAddress Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
        {
            var rest = uri["tcp://".Length..].TrimEnd('/');
            var colon = rest.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
            {
                throw new DeviceLinkException($"'{uri}' is not tcp://HOST:PORT");
            }

            var host = rest[..colon];
            if (host.StartsWith('[') && host.EndsWith(']'))
            {
                host = host[1..^1];
            }

            return new DeviceLinkAddress("tcp", host, port, "", 0);
        }

        if (uri.StartsWith("serial:", StringComparison.OrdinalIgnoreCase))
        {
            var rest = uri["serial:".Length..];
            if (rest.StartsWith("//", StringComparison.Ordinal))
            {
                rest = rest[2..];
            }

            var query = rest.IndexOf('?');
            var device = query < 0 ? rest : rest[..query];
            var baud = DefaultBaud;
            if (query >= 0)
            {
                foreach (var pair in rest[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = pair.IndexOf('=');
                    var key = eq < 0 ? pair : pair[..eq];
                    var value = eq < 0 ? "" : pair[(eq + 1)..];
                    if (!key.Equals("baud", StringComparison.OrdinalIgnoreCase)
                        || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out baud) || baud <= 0)
                    {
                        throw new DeviceLinkException($"'{uri}': only ?baud=N (a positive number) is understood after the port");
                    }
                }
            }

            if (device.Length == 0)
            {
                throw new DeviceLinkException($"'{uri}' names no serial port (serial:/dev/ttyUSB0?baud=115200)");
            }

            return new DeviceLinkAddress("serial", "", 0, device, baud);
        }

        throw new DeviceLinkException($"'{uri}' is not a device link: use tcp://HOST:PORT or serial:/dev/ttyX?baud=N");
    }

    public override string ToString() => IsTcp ? $"tcp://{Host}:{Port}" : $"serial:{SerialPort}?baud={Baud}";
}
