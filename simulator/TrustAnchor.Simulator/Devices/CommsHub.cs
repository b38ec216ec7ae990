using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using TrustAnchor.Simulator.Han;
using TrustAnchor.Simulator.Wan;

namespace TrustAnchor.Simulator.Devices;

/// <summary>
/// The Comms Hub: its own device (the CHF, with a WAN Provider cell), the Device Log, and the router between the WAN
/// and the ZigBee HAN. Frames for the hub go to its device; frames for a joined meter go down that meter's HAN link;
/// anything a meter sends comes back up the WAN. Frames for a device not joined, or that do not parse, are dropped
/// and counted, as a real hub would.
/// </summary>
public sealed class CommsHub : IAsyncDisposable
{
    private readonly IFrameTransport _wan;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, HanAttachment> _han = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private long _dropped;

    public CommsHub(IVirtualDevice device, IFrameTransport wan, DeviceLog deviceLog, ILogger logger)
    {
        Device = device;
        _wan = wan;
        DeviceLog = deviceLog;
        _logger = logger;
    }

    public IVirtualDevice Device { get; }

    public DeviceLog DeviceLog { get; }

    /// <summary>Frames the hub could not deliver (unparseable, or for a device not on the HAN).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Start() => _loops.Add(Task.Run(() => WanLoopAsync(_stop.Token)));

    /// <summary>
    /// A meter joins: it presents the link key from its install code; when the Device Log accepts it, the hub
    /// attaches the meter's HAN link and starts listening to it.
    /// </summary>
    public JoinResult Join(MeterNode meter, byte[] presentedLinkKey, DateTime now, FrameLink hanLink)
    {
        var result = DeviceLog.TryJoin(meter.Device.EuiHex, presentedLinkKey, now);
        if (result != JoinResult.Joined)
        {
            _logger.LogInformation("{Kind} {Eui} join refused: {Result}", meter.Device.Kind, meter.Device.EuiHex, result);
            return result;
        }

        var attachment = new HanAttachment(hanLink);
        _han[meter.Device.EuiHex] = attachment;
        attachment.MeterLoop = Task.Run(() => meter.RunAsync(hanLink.Far, _stop.Token));
        attachment.UpLoop = Task.Run(() => HanUpLoopAsync(hanLink.Near, _stop.Token));
        _logger.LogDebug("{Kind} {Eui} joined the HAN", meter.Device.Kind, meter.Device.EuiHex);
        return result;
    }

    /// <summary>A meter leaves: its HAN link closes; it stays in the Device Log.</summary>
    public async Task LeaveAsync(string eui)
    {
        DeviceLog.Leave(eui);
        if (_han.TryRemove(eui, out var attachment))
        {
            await attachment.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task WanLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var frame = await _wan.ReceiveAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                if (frame is null)
                {
                    return;
                }

                var target = FrameAddress.TargetOf(frame);
                if (target is null)
                {
                    Interlocked.Increment(ref _dropped);
                    _logger.LogDebug("hub {Eui}: dropped a {Length}-byte frame that does not parse", Device.EuiHex, frame.Length);
                    continue;
                }

                if (string.Equals(target, Device.EuiHex, StringComparison.OrdinalIgnoreCase))
                {
                    var reply = Device.Process(frame);
                    foreach (var alert in reply.Alerts)
                    {
                        await _wan.SendAsync(alert, cancellationToken).ConfigureAwait(false);
                    }

                    if (reply.Response is { Length: > 0 } response)
                    {
                        await _wan.SendAsync(response, cancellationToken).ConfigureAwait(false);
                    }

                    continue;
                }

                if (DeviceLog.IsJoined(target) && _han.TryGetValue(target, out var attachment))
                {
                    await attachment.Link.Near.SendAsync(frame, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    Interlocked.Increment(ref _dropped);
                    _logger.LogInformation("hub {Eui}: no joined device {Target}; frame dropped", Device.EuiHex, target);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            _logger.LogDebug("hub {Eui}: WAN closed ({Message})", Device.EuiHex, ex.Message);
        }
    }

    private async Task HanUpLoopAsync(IFrameTransport han, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var frame = await han.ReceiveAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                if (frame is null)
                {
                    return;
                }

                await _wan.SendAsync(frame, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        foreach (var attachment in _han.Values)
        {
            await attachment.DisposeAsync().ConfigureAwait(false);
        }

        _han.Clear();
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class HanAttachment(FrameLink link) : IAsyncDisposable
    {
        public FrameLink Link { get; } = link;

        public Task? MeterLoop { get; set; }

        public Task? UpLoop { get; set; }

        public async ValueTask DisposeAsync()
        {
            await Link.DisposeAsync().ConfigureAwait(false);
            foreach (var loop in new[] { MeterLoop, UpLoop })
            {
                if (loop is null)
                {
                    continue;
                }

                try
                {
                    await loop.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }
}
