using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.Link;

namespace TrustAnchor.Simulator.Link;

/// <summary>
/// <see cref="IDeviceLink"/> over any byte channel, through the firmware's own link codec (the code a board runs).
/// Reads block a pool thread in short slices, so time-outs and cancellation are honoured within a quarter second.
/// After a time-out or a protocol break the link's position in the stream is unknown, so every later call fails;
/// an ERROR answer leaves it usable.
/// </summary>
public sealed class ChannelDeviceLink : IDeviceLink
{
    private const int SliceMs = 250;
    private static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(5);

    private readonly IByteChannel _channel;
    private readonly IDisposable _owner;
    private readonly string _where;
    private readonly LinkReader _reader;
    private readonly LinkWriter _writer;
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly List<byte[]> _unsolicited = [];
    private string? _broken;
    private DeviceHello? _hello;

    private ChannelDeviceLink(IByteChannel channel, IDisposable owner, string where)
    {
        _channel = channel;
        _owner = owner;
        _where = where;
        _reader = new LinkReader(channel, (int)GapTimeout.TotalMilliseconds);
        _writer = new LinkWriter(channel);
    }

    public DeviceHello Hello => _hello ?? throw new InvalidOperationException("no READY yet");

    /// <summary>
    /// Opens the link and waits for the device's READY. <paramref name="askHello"/> (serial, where no connection
    /// opens) first drops stale input and sends an empty READY, which a device answers with its own.
    /// </summary>
    internal static async Task<ChannelDeviceLink> OpenAsync(IByteChannel channel, IDisposable owner, string where, bool askHello, TimeSpan timeout, CancellationToken ct)
    {
        var link = new ChannelDeviceLink(channel, owner, where);
        try
        {
            await Task.Run(() =>
            {
                if (askHello)
                {
                    link._reader.DropUntilQuiet(100);
                    link.Send(new LinkMessage(LinkMessageKind.Ready, null));
                }

                link._hello = link.WaitReady(timeout, ct, "the device's READY");
            }, ct).ConfigureAwait(false);
            return link;
        }
        catch
        {
            await link.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<DeviceExchange> ExchangeAsync(byte[] frame, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Length > LinkMessage.MaxBodyLength)
        {
            throw new ArgumentException($"a frame of {frame.Length} bytes is over the link's {LinkMessage.MaxBodyLength}", nameof(frame));
        }

        await _one.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => Exchange(frame, timeout, ct), ct).ConfigureAwait(false);
        }
        finally
        {
            _one.Release();
        }
    }

    public async Task<DeviceHello> RestartAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        await _one.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await Task.Run(() =>
            {
                ThrowIfBroken();
                Send(LinkMessage.Restart());
                _hello = WaitReady(timeout, ct, "READY after RESTART");
                return _hello;
            }, ct).ConfigureAwait(false);
        }
        finally
        {
            _one.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _owner.Dispose();
        return ValueTask.CompletedTask;
    }

    private DeviceExchange Exchange(byte[] frame, TimeSpan timeout, CancellationToken ct)
    {
        ThrowIfBroken();
        Send(LinkMessage.Frame(frame));
        byte[]? response = null;
        var alerts = new List<byte[]>(_unsolicited);
        _unsolicited.Clear();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var message = Next(deadline, ct, "DONE");
            switch (message.Kind)
            {
                case LinkMessageKind.Frame:
                    if (response is null && IsResponse(message.Body))
                    {
                        response = message.Body;
                    }
                    else
                    {
                        alerts.Add(message.Body);
                    }

                    break;
                case LinkMessageKind.Done:
                    return new DeviceExchange(response, alerts);
                case LinkMessageKind.Error:
                    throw new DeviceLinkException($"the device at {_where} answered ERROR: {message.ErrorText()}") { DeviceReportedError = true };
                case LinkMessageKind.Ready:
                    _hello = ToHello(message);
                    throw Break($"the device at {_where} restarted during the exchange (READY instead of DONE)");
                default:
                    throw Break($"the device at {_where} sent {LinkMessageKind.Name(message.Kind)} during an exchange");
            }
        }
    }

    private DeviceHello WaitReady(TimeSpan timeout, CancellationToken ct, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var message = Next(deadline, ct, what);
            switch (message.Kind)
            {
                case LinkMessageKind.Ready:
                    return ToHello(message);
                case LinkMessageKind.Frame:
                    _unsolicited.Add(message.Body);
                    break;
                case LinkMessageKind.Done:
                    break; // the end of an exchange abandoned earlier
                case LinkMessageKind.Error:
                    throw new DeviceLinkException($"the device at {_where} answered ERROR: {message.ErrorText()}") { DeviceReportedError = true };
                default:
                    throw Break($"the device at {_where} sent {LinkMessageKind.Name(message.Kind)} while {what} was awaited");
            }
        }
    }

    private DeviceHello ToHello(LinkMessage message)
    {
        try
        {
            var type = message.ReadyDeviceType();
            if (!Enum.IsDefined(typeof(DeviceType), type))
            {
                throw Break($"the device at {_where} announced unknown device type {type}");
            }

            return new DeviceHello((DeviceType)type, message.ReadyEui64());
        }
        catch (LinkException e)
        {
            throw Break($"the device at {_where} sent a malformed READY: {e.Message}");
        }
    }

    private LinkMessage Next(DateTime deadline, CancellationToken ct, string what)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw Break($"no {what} from the device at {_where} in time");
            }

            LinkMessage? message;
            try
            {
                message = _reader.Read((int)Math.Min(SliceMs, Math.Ceiling(left.TotalMilliseconds)));
            }
            catch (LinkException e) when (e.Code == LinkError.Closed || e.Code == LinkError.ChannelFailed)
            {
                throw Break($"the device at {_where} is gone (link closed)");
            }
            catch (LinkException e)
            {
                throw Break($"the device at {_where} broke the link framing: {e.Message}");
            }

            if (message is not null)
            {
                return message;
            }
        }
    }


    private void Send(LinkMessage message)
    {
        try
        {
            _writer.Write(message);
        }
        catch (LinkException e)
        {
            throw Break($"the device at {_where} is gone ({e.Message})");
        }
    }

    private static bool IsResponse(byte[] frame)
    {
        try
        {
            return GbcsMessage.Parse(frame).CraFlag == GbcsCraFlag.Response;
        }
        catch (TrustAnchorException)
        {
            return false; // unparseable output is evidence too: it goes with the alerts
        }
    }

    private void ThrowIfBroken()
    {
        if (_broken is not null)
        {
            throw new DeviceLinkException($"the link to {_where} is unusable after an earlier failure: {_broken}");
        }
    }

    private DeviceLinkException Break(string reason)
    {
        _broken ??= reason;
        return new DeviceLinkException(reason);
    }
}
