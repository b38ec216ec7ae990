using Microsoft.Extensions.Logging;
using TrustAnchor.Simulator.Wan;

namespace TrustAnchor.Simulator.Devices;

/// <summary>
/// A meter (ESME, GSME or PPMID) on the ZigBee HAN: takes frames from its HAN link, lets the device process them,
/// and sends alerts then the response back to the Comms Hub. Runs until the link closes.
/// </summary>
public sealed class MeterNode
{
    private readonly IVirtualDevice _device;
    private readonly ILogger _logger;

    public MeterNode(IVirtualDevice device, ILogger logger)
    {
        _device = device;
        _logger = logger;
    }

    public IVirtualDevice Device => _device;

    public async Task RunAsync(IFrameTransport han, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var frame = await han.ReceiveAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            if (frame is null)
            {
                return; // left the HAN
            }

            var reply = _device.Process(frame);
            _logger.LogDebug("{Kind} {Eui}: {Length}-byte frame -> {Response} response bytes, {Alerts} alerts", _device.Kind, _device.EuiHex, frame.Length, reply.Response?.Length ?? 0, reply.Alerts.Length);
            foreach (var alert in reply.Alerts)
            {
                await han.SendAsync(alert, cancellationToken).ConfigureAwait(false);
            }

            if (reply.Response is { Length: > 0 } response)
            {
                await han.SendAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
