using System.Buffers;
using System.Globalization;
using System.Text.Json;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;

namespace TrustAnchor.Simulator.Tracing;

/// <summary>
/// The frame trace as JSON Lines: one object per frame, in the order frames were sent —
/// <c>{"time","premises","link","from","to","cra","messageCode","originatorCounter","length","hex"}</c>.
/// <c>from</c>/<c>to</c> are the Grouping Header's originator and target EUI-64 in lower-case hex (as keystore keys),
/// read with the firmware's own frame parser; a frame that parser refuses is still recorded, with <c>error</c> in
/// place of the header fields. Each line is built outside the lock and written whole under it.
/// </summary>
public sealed class JsonLinesFrameTrace : IFrameTrace, IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private FileStream? _file;
    private long _frames;

    public JsonLinesFrameTrace(string path, TimeProvider time)
    {
        _path = path;
        _time = time;
    }

    public string Path => _path;

    public bool IsEnabled => true;

    /// <summary>Frames recorded so far.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Creates (or empties) the file. Throws IOException / UnauthorizedAccessException when it cannot.</summary>
    public void Open()
    {
        lock (_gate)
        {
            if (_file is not null)
            {
                return;
            }

            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            _file = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024);
        }
    }

    public void Record(TraceLink link, int premises, ReadOnlySpan<byte> frame)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + frame.Length * 2);
        Write(buffer, _time.GetUtcNow(), link, premises, frame);
        lock (_gate)
        {
            if (_file is null)
            {
                return; // not opened (or already closed): nothing to record into
            }

            _file.Write(buffer.WrittenSpan);
            _file.Write(NewLine);
            _frames++;
        }
    }

    /// <summary>Writes one trace object (no newline) for <paramref name="frame"/>.</summary>
    public static void Write(IBufferWriter<byte> output, DateTimeOffset time, TraceLink link, int premises, ReadOnlySpan<byte> frame)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("time", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        json.WriteNumber("premises", premises);
        json.WriteString("link", link == TraceLink.Wan ? "wan" : "han");
        try
        {
            var message = GbcsMessage.Parse(frame.ToArray());
            json.WriteString("from", Convert.ToHexStringLower(message.OriginatorId));
            json.WriteString("to", Convert.ToHexStringLower(message.TargetId));
            json.WriteString("cra", CraName(message.CraFlag));
            json.WriteString("messageCode", "0x" + message.MessageCode.ToString("X4", CultureInfo.InvariantCulture));
            json.WriteNumber("originatorCounter", message.OriginatorCounter);
        }
        catch (TrustAnchorException ex)
        {
            json.WriteString("error", ex.Message);
        }

        json.WriteNumber("length", frame.Length);
        json.WriteString("hex", Convert.ToHexString(frame));
        json.WriteEndObject();
    }

    public static string CraName(int cra) => cra switch
    {
        GbcsCraFlag.Command => "command",
        GbcsCraFlag.Response => "response",
        GbcsCraFlag.Alert => "alert",
        _ => "cra-" + cra.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Flushes and closes the file; later frames are not recorded.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _file?.Flush();
            _file?.Dispose();
            _file = null;
        }
    }

    public void Dispose() => Close();
}
